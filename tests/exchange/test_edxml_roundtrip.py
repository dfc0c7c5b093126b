"""Writing and reading edXML: round trips, the shipped XSD, and the lenient reader's variants."""

from __future__ import annotations

import base64
import io
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
import xmlschema

from registry.exchange.edxml import (
    NAMESPACE,
    Attachment,
    Business,
    DocumentMessage,
    OtherInfo,
    StatusCode,
    read_document,
    read_status,
    write_document,
    write_status,
)

from .samples import DOCX_BYTES, PDF_BYTES, sample_document, sample_status

XSD = Path(__file__).resolve().parents[2] / "registry/exchange/schemas/edxml-docflow.xsd"
EDOC_NS = "http://www.e-doc.vn/Schema/"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


def test_document_round_trip_gives_same_fields_and_identical_attachments():
    message = sample_document()

    again = read_document(write_document(message))

    assert again == message
    assert [a.data for a in again.attachments] == [PDF_BYTES, DOCX_BYTES]
    assert again.attachments[1].name == "Phụ lục.docx"
    assert again.subject.endswith("& <trách nhiệm> người đứng đầu")


def test_document_written_validates_against_shipped_xsd(schema):
    packet = write_document(sample_document())

    schema.validate(io.BytesIO(packet))


def test_minimal_document_round_trips_and_validates(schema):
    message = sample_document(
        recipients=(sample_document().recipients[0],),
        document_id="",
        content="",
        due_date=None,
        to_places=(),
        other_info=OtherInfo(),
        steering_type=None,
        response_for=(),
        trace_headers=(),
        business=Business(),
        attachments=(),
    )
    packet = write_document(message)

    schema.validate(io.BytesIO(packet))
    again = read_document(packet)
    assert again == replace(message, document_id="000.00.00.H41,2026/01/05,15/CT-UBND")


def test_xsd_rejects_what_we_never_write(schema):
    packet = write_document(sample_document()).replace(b"2026/01/05<", b"05/01/2026<")

    assert not schema.is_valid(io.BytesIO(packet))


@pytest.mark.parametrize("code", list(StatusCode))
def test_status_round_trips_and_validates(schema, code):
    message = sample_status(code)
    packet = write_status(message)

    schema.validate(io.BytesIO(packet))
    assert read_status(packet) == message


def test_writer_emits_our_namespace_and_cid_references():
    packet = write_document(sample_document())

    assert f'xmlns:edXML="{NAMESPACE}"'.encode() in packet
    assert b'href="cid:qd-15"' in packet
    assert b'ContentId="cid:pl-1"' in packet
    assert base64.b64encode(PDF_BYTES) in packet


def test_writer_replaces_characters_xml_cannot_carry():
    packet = write_document(sample_document(subject="Báo cáo\x0bquý I"))

    assert read_document(packet).subject == "Báo cáo quý I"


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"recipients": ()}, "recipient"),
        ({"promulgation": sample_document().promulgation.__class__("Hưng Yên", None)}, "date"),
        ({"attachments": (Attachment("a", "x.pdf", "application/pdf", b"1"),) * 2}, "content id"),
        ({"attachments": (Attachment("a", "x.pdf", "", b"1"),)}, "content type"),
    ],
)
@pytest.mark.parametrize("document_id", ["", "000.00.00.H41,2026/01/05,15/CT-UBND"])
def test_writer_refuses_incomplete_messages(changes, fragment, document_id):
    message = sample_document(document_id=document_id, **changes)

    with pytest.raises(ValueError, match=fragment):
        write_document(message)


def test_reader_accepts_the_e_doc_namespace():
    packet = write_document(sample_document()).replace(NAMESPACE.encode(), EDOC_NS.encode())

    assert read_document(packet) == sample_document()


def test_reader_accepts_packets_without_namespace():
    packet = write_document(sample_document())
    packet = packet.replace(f' xmlns:edXML="{NAMESPACE}"'.encode(), b"").replace(b"edXML:", b"")
    assert b"xmlns" not in packet

    assert read_document(packet) == sample_document()


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<edXMLEnvelope xmlns="http://www.e-doc.vn/Schema/" xmlns:xlink="http://www.w3.org/1999/xlink">
  <edXMLHeader>
    <MessageHeader>
      <From><OrganId> 000.00.00.G22 </OrganId><OrganName>Văn phòng Chính phủ</OrganName></From>
      <To><OrganId>000.00.00.H41</OrganId><OrganName>UBND tỉnh Hưng Yên</OrganName></To>
      <Code><CodeNumber>7816</CodeNumber><CodeNotation>VPCP-TCCV</CodeNotation></Code>
      <PromulgationInfo><Place>Hà Nội</Place><PromulgationDate>20/12/2025</PromulgationDate>
      </PromulgationInfo>
      <Subject>Về việc sắp xếp tổ chức bộ máy</Subject>
      <DueDate>2026-01-15</DueDate>
      <OtherInfo><Priority>2</Priority><PageAmount></PageAmount></OtherInfo>
    </MessageHeader>
    <TraceHeaderList>
      <TraceHeader><OrganId>000.00.00.G22</OrganId><Timestamp>2025/12/20 9:05</Timestamp>
      </TraceHeader>
      <Bussiness><BussinessDocType>1</BussinessDocType>
        <BussinessDocReason>Thu hồi do sai thể thức</BussinessDocReason></Bussiness>
    </TraceHeaderList>
  </edXMLHeader>
  <edXMLBody>
    <Manifest>
      <Reference xlink:href="cid:&lt;vb1&gt;">
        <AttachmentName>C:\\Users\\vt\\7816.pdf</AttachmentName>
      </Reference>
    </Manifest>
    <AttachmentEncoded id="vb1">
      JVBERi0x
      LjQK
    </AttachmentEncoded>
  </edXMLBody>
</edXMLEnvelope>
"""


def test_reader_is_lenient_with_other_producers():
    message = read_document(FOREIGN.encode("utf-8"))

    assert message.sender.organ_id == "000.00.00.G22"
    assert message.document_id == "000.00.00.G22,2025/12/20,7816/VPCP-TCCV"
    assert message.promulgation.promulgation_date == date(2025, 12, 20)
    assert message.due_date == date(2026, 1, 15)
    assert message.other_info == OtherInfo(priority=2)
    assert message.trace_headers[0].timestamp == datetime(2025, 12, 20, 9, 5)
    assert message.business.doc_type == 1
    assert message.business.reason == "Thu hồi do sai thể thức"
    [attachment] = message.attachments
    assert (attachment.content_id, attachment.name, attachment.data) == (
        "vb1",
        "7816.pdf",
        b"%PDF-1.4\n",
    )
    assert attachment.content_type == "application/octet-stream"


def test_reader_reads_status_14_as_15():
    packet = write_status(sample_status(StatusCode.WITHDRAW_AGREED))

    message = read_status(packet.replace(b">15<", b">14<"))

    assert message.status_code is StatusCode.WITHDRAW_AGREED
    assert write_status(message) == packet


def test_reader_tells_a_document_from_a_status():
    from registry.exchange.edxml import PacketError

    with pytest.raises(PacketError, match="MessageHeader"):
        read_document(write_status(sample_status()))
    with pytest.raises(PacketError, match="Status"):
        read_status(write_document(sample_document()))


def test_number_notation_without_notation_is_the_number():
    assert isinstance(sample_document(), DocumentMessage)
    assert sample_document().code.number_notation == "15/CT-UBND"
    assert replace(sample_document().code, code_notation="").number_notation == "15"
