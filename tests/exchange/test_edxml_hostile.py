"""Malformed and hostile packets are refused whole, with a Vietnamese reason."""

from __future__ import annotations

import base64
import time

import pytest

from registry.exchange.edxml import (
    NAMESPACE,
    Attachment,
    Limits,
    PacketError,
    read_document,
    read_status,
    write_document,
    write_status,
)

from .samples import sample_document, sample_status

MB = 1024 * 1024


def packet() -> bytes:
    return write_document(sample_document())


def refused(data: bytes, **kwargs) -> str:
    with pytest.raises(PacketError) as caught:
        read_document(data, **kwargs)
    assert caught.value.reason == str(caught.value)
    return caught.value.reason


def test_wrong_namespace_is_refused():
    reason = refused(packet().replace(NAMESPACE.encode(), b"urn:example:not-edxml"))

    assert "Không gian tên" in reason
    assert "urn:example:not-edxml" in reason


def test_missing_code_is_refused():
    data = packet()
    start, end = data.index(b"<edXML:Code>"), data.index(b"</edXML:Code>") + len(b"</edXML:Code>")

    assert "Code" in refused(data[:start] + data[end:])


def test_empty_code_number_is_refused():
    data = packet().replace(b"<edXML:CodeNumber>15</edXML:CodeNumber>", b"<edXML:CodeNumber/>")

    assert "CodeNumber" in refused(data)


@pytest.mark.parametrize("bad", [b"2026/13/05", b"05.01.2026", b"2026/02/30", b"h\xc3\xb4m nay"])
def test_malformed_promulgation_date_is_refused(bad):
    data = packet().replace(b">2026/01/05<", b">" + bad + b"<")

    assert "PromulgationDate" in refused(data)


def test_malformed_trace_timestamp_is_refused():
    data = packet().replace(b"2026/01/05 16:30:05", b"2026/01/05 25:61:00")

    assert "Timestamp" in refused(data)


def test_attachment_that_is_not_base64_is_refused():
    encoded = base64.b64encode(sample_document().attachments[0].data)
    data = packet().replace(encoded, encoded[:100] + b"!*not base64*!" + encoded[100:])

    assert "base64" in refused(data)


def test_attachment_with_broken_padding_is_refused():
    encoded = base64.b64encode(sample_document().attachments[0].data)

    assert "base64" in refused(packet().replace(encoded, encoded[:-1]))


def test_fifty_megabyte_attachment_is_refused_quickly():
    big = Attachment("big", "scan.pdf", "application/pdf", b"\0" * (50 * MB))
    data = write_document(sample_document(attachments=(big,)))
    started = time.monotonic()

    reason = refused(data)

    assert "quá lớn" in reason
    assert "50 MB" in reason
    assert time.monotonic() - started < 10  # refused without decoding 50 MB


def test_packet_over_the_limit_is_refused_before_parsing():
    reason = refused(b"<" * 2048, limits=Limits(max_packet_bytes=1024))

    assert "Gói tin quá lớn" in reason


def test_attachment_limit_is_configurable():
    assert "quá lớn" in refused(packet(), limits=Limits(max_attachment_bytes=1024))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader>
<MessageHeader><Subject>&lol9;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>
"""


def test_billion_laughs_is_refused():
    assert "bom XML" in refused(BILLION_LAUGHS)


def test_external_entity_is_refused():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<edXML><edXMLEnvelope><edXMLHeader><MessageHeader><Subject>&x;</Subject>"
        b"</MessageHeader></edXMLHeader></edXMLEnvelope></edXML>"
    )

    assert "bom XML" in refused(data)


def test_external_dtd_is_refused():
    data = b'<?xml version="1.0"?><!DOCTYPE edXML SYSTEM "http://127.0.0.1:9/x.dtd"><edXML/>'

    assert "DTD" in refused(data)


@pytest.mark.parametrize(
    "data", [b"", b"   ", b"%PDF-1.7 not xml", b"<edXML><unclosed>", b"\xff\xfe\x00<"]
)
def test_not_xml_is_refused(data):
    reason = refused(data)

    assert "XML" in reason or "rỗng" in reason


def test_foreign_root_is_refused():
    assert "edXML" in refused(b"<html><body/></html>")


def test_reference_without_attachment_is_refused():
    data = packet()
    start = data.index(b"<edXML:AttachmentEncoded")

    assert "AttachmentEncoded" in refused(data[:start] + b"</edXML:edXML>")


def test_attachment_outside_the_manifest_is_refused():
    extra = b'<edXML:AttachmentEncoded ContentId="cid:stowaway">AAAA</edXML:AttachmentEncoded>'
    data = packet().replace(b"</edXML:edXML>", extra + b"</edXML:edXML>")

    assert "danh mục" in refused(data)


def test_unknown_business_doc_type_is_refused():
    data = packet().replace(b"<edXML:BussinessDocType>2<", b"<edXML:BussinessDocType>7<")

    assert "BussinessDocType" in refused(data)


def test_non_numeric_page_amount_is_refused():
    data = packet().replace(b"<edXML:PageAmount>4<", "<edXML:PageAmount>bốn<".encode())

    assert "PageAmount" in refused(data)


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        (b">03<", b">99<", "Mã trạng thái"),
        (b">03<", b"><", "StatusCode"),
        (b"2026/01/06 08:15:00", b"06/01/2026 8h15", "Timestamp"),
        (b"<edXML:OrganId>000.00.00.G22</edXML:OrganId>", b"", "From"),
    ],
)
def test_bad_status_is_refused(old, new, fragment):
    data = write_status(sample_status()).replace(old, new)

    with pytest.raises(PacketError, match=fragment):
        read_status(data)


def test_reader_refuses_text_instead_of_bytes():
    with pytest.raises(PacketError):
        read_document(packet().decode("utf-8"))  # type: ignore[arg-type]
