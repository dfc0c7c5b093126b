"""Malformed and hostile packets through the intake and the API: quarantined with a reason,
nothing half-registered, never a 500."""

from __future__ import annotations

import base64

import pytest
from rest_framework.test import APIClient

from registry.exchange.edxml import NAMESPACE, Attachment
from registry.exchange.models import Outbound, PacketState, ReceivedPacket
from registry.exchange.services import exchange_poll, packet_receive
from registry.files.models import StoredFile
from registry.incoming.models import IncomingAttachment, IncomingDocument

from .conftest import packet

MB = 1024 * 1024
BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<edXML xmlns="' + NAMESPACE.encode() + b'">&lol3;</edXML>')


def _without_code(data: bytes) -> bytes:
    start, end = data.index(b"<edXML:Code>"), data.index(b"</edXML:Code>") + len(b"</edXML:Code>")
    return data[:start] + data[end:]


def _not_base64(data: bytes, pdf: bytes) -> bytes:
    encoded = base64.b64encode(pdf)
    return data.replace(encoded, encoded[:100] + b"!*not base64*!" + encoded[100:])


def hostile(pdf: bytes) -> dict[str, tuple[bytes, str]]:
    good = packet(pdf)
    big = packet(pdf, attachments=(Attachment("big", "scan.pdf", "application/pdf",
                                              b"%PDF-1.4\n" + b"\0" * (50 * MB)),))
    return {
        "wrong namespace": (good.replace(NAMESPACE.encode(), b"urn:example:not-edxml"),
                            "Không gian tên"),
        "missing Code": (_without_code(good), "Code"),
        "attachment not base64": (_not_base64(good, pdf), "base64"),
        "50 MB attachment": (big, "50 MB"),
        "XML bomb": (BOMB, "bom XML"),
        "not XML": (b"%PDF-1.4 this is not a packet", "XML"),
        "empty": (b"   ", "rỗng"),
    }


CASES = ["wrong namespace", "missing Code", "attachment not base64", "50 MB attachment",
         "XML bomb", "not XML", "empty"]


def _nothing_registered() -> None:
    assert IncomingDocument.objects.count() == 0
    assert IncomingAttachment.objects.count() == 0
    assert Outbound.objects.count() == 0


@pytest.mark.parametrize("case", CASES)
def test_hostile_packet_is_quarantined_with_its_reason(case, sender, signed_pdf, outbox_calls):
    data, fragment = hostile(signed_pdf)[case]

    taken = packet_receive(data=data, filename=f"{case}.xml")

    assert taken.state == PacketState.QUARANTINED
    assert fragment in taken.reason
    _nothing_registered()


@pytest.mark.parametrize("case", CASES)
def test_hostile_packet_through_the_api_is_a_422_never_a_500(case, sender, signed_pdf,
                                                             demo_user, outbox_calls):
    data, fragment = hostile(signed_pdf)[case]
    client = APIClient()
    client.force_authenticate(demo_user("vanthu"))

    response = client.post("/api/v1/exchange/inbox/", data, content_type="application/xml")

    assert response.status_code == 422, response.content[:300]
    assert response.json()["state"] == "quarantined"
    assert fragment in response.json()["reason"]
    _nothing_registered()


def test_attachment_of_a_refused_file_type_quarantines_the_whole_packet(sender, signed_pdf,
                                                                        outbox_calls):
    data = packet(signed_pdf, attachments=(
        Attachment("vb", "vb.pdf", "application/pdf", signed_pdf),
        Attachment("x", "run.exe", "application/octet-stream", b"MZ\x90\x00" + b"\0" * 200)))

    taken = packet_receive(data=data)

    assert taken.state == PacketState.QUARANTINED and "run.exe" in taken.reason
    _nothing_registered()


def test_a_document_date_in_the_future_is_quarantined_not_a_500(sender, signed_pdf,
                                                                 outbox_calls):
    import datetime as dt

    from django.utils import timezone

    from registry.exchange.edxml import PromulgationInfo

    future = timezone.localdate() + dt.timedelta(days=3)
    taken = packet_receive(data=packet(signed_pdf,
                                       promulgation=PromulgationInfo("Hà Nội", future)))

    assert taken.state == PacketState.QUARANTINED and "Ngày văn bản" in taken.reason
    _nothing_registered()
    assert StoredFile.objects.exists()  # stored blobs are content-addressed and harmless


def test_a_poll_quarantines_and_acknowledges_the_bad_keeps_the_good(folder, sender, signed_pdf,
                                                                    outbox_calls):
    (folder.inbox / "bomb.xml").write_bytes(BOMB)
    (folder.inbox / "good.xml").write_bytes(packet(signed_pdf))

    result = exchange_poll(transport=folder)

    assert result.states == {"quarantined": 1, "received": 1}
    assert IncomingDocument.objects.count() == 1
    assert list(folder.inbox.iterdir()) == []
    assert ReceivedPacket.objects.get(state="quarantined").filename == "bomb.xml"


def test_api_upload_multipart_and_permissions(sender, signed_pdf, demo_user, outbox_calls):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = APIClient()
    client.force_authenticate(demo_user("chuyenvien"))
    upload = SimpleUploadedFile("vb.xml", packet(signed_pdf), content_type="application/xml")
    assert client.post("/api/v1/exchange/inbox/", {"file": upload}).status_code == 403

    client.force_authenticate(demo_user("vanthu"))
    upload.seek(0)
    first = client.post("/api/v1/exchange/inbox/", {"file": upload})
    upload.seek(0)
    again = client.post("/api/v1/exchange/inbox/", {"file": upload})

    assert first.status_code == 201 and first.json()["state"] == "received"
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert IncomingDocument.objects.count() == 1
    listed = client.get("/api/v1/exchange/inbox/?state=received").json()
    assert [row["id"] for row in listed["results"]] == [first.json()["id"]]
