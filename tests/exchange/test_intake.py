"""Electronic intake: a packet becomes one pre-filled document waiting for the clerk, 01 is
queued the same day, duplicates are flagged, signatures are checked against installed roots."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from registry.audit.models import Event
from registry.exchange.models import (
    AgencyCode,
    Outbound,
    OutboundState,
    PacketState,
    ReceivedPacket,
)
from registry.exchange.services import exchange_poll, packet_receive
from registry.files.services import file_root
from registry.incoming.models import Channel, IncomingDocument, IncomingStatus
from registry.incoming.services import incoming_register
from registry.organisation.models import Correspondent, DocumentType, User

from .conftest import DOCX_BYTES, SENDER_CODE, message, packet
from .pki import make_pdf, make_pki, sign_pdf


def _statuses(document) -> list[str]:
    return list(Outbound.objects.filter(incoming_document=document, kind="status")
                .order_by("id").values_list("status_code", flat=True))


def test_packet_receive_prefills_the_waiting_document(sender, trusted, signed_pdf, outbox_calls,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        taken = packet_receive(data=packet(signed_pdf), filename="125.xml", transport_id="a1")

    assert taken.state == PacketState.RECEIVED
    document = taken.incoming_document
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    assert document.status == IncomingStatus.RECEIVED and document.number is None
    assert document.channel == Channel.ELECTRONIC
    assert document.sender == sender
    assert document.sender_notation == "125/CT-BNV"
    assert document.document_date == yesterday
    assert document.document_type == DocumentType.objects.get(name="Chỉ thị")
    assert document.summary.startswith("Về việc tăng cường kỷ luật")
    assert document.signer == "KT. BỘ TRƯỞNG, Thứ trưởng Nguyễn Văn An"
    assert document.reply_requested_by == yesterday + dt.timedelta(days=20)
    assert document.urgency == "khan" and document.page_count == 4
    files = {a.filename: (file_root() / a.stored_file.relative_path).read_bytes()
             for a in document.attachments.select_related("stored_file")}
    assert files == {"125-CT-BNV.pdf": signed_pdf, "Phụ lục.docx": DOCX_BYTES}
    assert taken.signature == "valid" and taken.signature_signer == "Nguyễn Văn An"
    assert taken.edxml_document_id == f"{SENDER_CODE},{yesterday:%Y/%m/%d},125/CT-BNV"
    assert _statuses(document) == ["01"]
    assert outbox_calls == [("registry.exchange.tasks.outbound_send_task",
                             Outbound.objects.get().pk)]
    assert Event.objects.filter(verb="exchange.packet_received", target_id=document.pk).exists()


def test_packet_listed_twice_creates_one_document(folder, sender, signed_pdf, outbox_calls):
    data = packet(signed_pdf)
    (folder.inbox / "goi-1.xml").write_bytes(data)
    (folder.inbox / "goi-1-gui-lai.xml").write_bytes(data)
    resent = packet(signed_pdf, subject="Về việc tăng cường kỷ luật (gửi lại)")
    (folder.inbox / "goi-2.xml").write_bytes(resent)

    first = exchange_poll(transport=folder)
    again = exchange_poll(transport=folder)

    assert IncomingDocument.objects.count() == 1
    # the second copy of the same bytes is the same packet; the resend is a duplicate
    assert first.states == {"received": 2, "duplicate": 1}
    assert ReceivedPacket.objects.filter(state=PacketState.DUPLICATE).count() == 1
    assert sorted(p.name for p in folder.processed.iterdir()) == [
        "goi-1-gui-lai.xml", "goi-1.xml", "goi-2.xml"]
    assert list(folder.inbox.iterdir()) == [] and sum(again.states.values()) == 0
    assert Outbound.objects.filter(kind="status").count() == 1


def test_same_number_symbol_and_issuer_is_flagged(sender, signed_pdf, outbox_calls, demo_user):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    paper = incoming_register(actor=demo_user("vanthu"), sender=sender,
                              sender_notation="125/CT-BNV", document_date=yesterday,
                              document_type=DocumentType.objects.get(name="Chỉ thị"),
                              summary="Bản giấy của chỉ thị")

    taken = packet_receive(data=packet(signed_pdf))

    assert taken.state == PacketState.RECEIVED and taken.duplicate_of == paper


def test_signature_badges_unsigned_tampered_unknown_root(sender, trusted, signed_pdf,
                                                         outbox_calls):
    tampered = signed_pdf.replace(b"Quyet dinh so 15", b"Quyet dinh so 16")
    other_ca = sign_pdf(make_pdf(), make_pki(root_name="Another CA"))
    badges = {}
    for name, pdf, number in (("unsigned", make_pdf(), "1"), ("tampered", tampered, "2"),
                              ("other", other_ca, "3")):
        taken = packet_receive(data=packet(pdf, code=message(pdf).code.__class__(number, "BNV")))
        badges[name] = taken.signature

    assert badges == {"unsigned": "not_signed", "tampered": "invalid", "other": "unknown_root"}


def test_no_installed_root_means_unknown_root(sender, signed_pdf, outbox_calls):
    assert packet_receive(data=packet(signed_pdf)).signature == "unknown_root"


def test_unknown_sender_is_named_from_the_agency_code_history(demo, signed_pdf, outbox_calls):
    AgencyCode.objects.create(organ_id="000.00.12.H31", name="Sở Nội vụ tỉnh Hưng Yên (mới)",
                              status="active")
    data = packet(signed_pdf, sender=message(signed_pdf).sender.__class__(
        "000.00.12.H31", "Tên ghi trong gói tin"))

    document = packet_receive(data=data).incoming_document

    assert document.sender.name == "Sở Nội vụ tỉnh Hưng Yên (mới)"
    assert Correspondent.objects.get(name="Sở Nội vụ tỉnh Hưng Yên (mới)").organ_id == \
        "000.00.12.H31"


def test_packet_for_another_agency_is_quarantined(demo, signed_pdf, outbox_calls):
    data = packet(signed_pdf, recipients=(message(signed_pdf).sender,))

    taken = packet_receive(data=data)

    assert taken.state == PacketState.QUARANTINED
    assert "không gửi cho cơ quan nào" in taken.reason
    assert IncomingDocument.objects.count() == 0 and Outbound.objects.count() == 0


def test_arrival_status_is_sent_to_the_sender_once(sender, signed_pdf, outbox_calls, folder):
    from registry.exchange.edxml import StatusCode, read_status
    from registry.exchange.services import outbound_due_ids, outbound_send

    packet_receive(data=packet(signed_pdf))
    sent = [outbound_send(outbound_id=pk, transport=folder) for pk in outbound_due_ids()]
    again = [outbound_send(outbound_id=pk, transport=folder)
             for pk in Outbound.objects.values_list("pk", flat=True)]

    assert sent == [True] and again == [False]
    files = list(folder.outbox.iterdir())
    assert len(files) == 1
    status = read_status(files[0].read_bytes())
    assert status.status_code == StatusCode.ARRIVED
    assert status.sender.organ_id == "000.00.00.H31"
    assert status.response_for.document_id.startswith(SENDER_CODE)
    assert Outbound.objects.get().state == OutboundState.SENT


def test_intake_does_not_need_a_clerk_account(sender, signed_pdf, outbox_calls):
    User.objects.filter(roles__contains=["clerk"]).update(is_active=False)

    assert packet_receive(data=packet(signed_pdf)).state == PacketState.RECEIVED
