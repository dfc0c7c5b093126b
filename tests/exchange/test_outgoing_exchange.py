"""Our issued documents go out as edXML the same day, through the outbox; recipients'
statuses come back per recipient; recalls follow; the API serves the packet we send."""

from __future__ import annotations

import datetime as dt

import pytest
import xmlschema
from django.utils import timezone
from rest_framework.test import APIClient

from registry.exchange.edxml import (
    BusinessDocType,
    Organization,
    ResponseFor,
    StatusCode,
    StatusMessage,
    read_document,
    write_status,
)
from registry.exchange.models import Outbound, RecipientState
from registry.exchange.selectors import recipients_not_accepted
from registry.exchange.services import outbound_due_ids, outbound_send, packet_receive
from registry.files.services import file_root
from registry.organisation.models import Correspondent
from registry.outgoing.models import DispatchChannel, DispatchStatus, OutgoingStatus
from registry.outgoing.services import outgoing_recall
from tests.outgoing.conftest import chain, make_draft, pdf, signed_draft, user  # noqa: F401
from tests.outgoing.helpers import issue

from .test_edxml_roundtrip import XSD

STC, SYT = "000.00.05.H31", "000.00.07.H31"


@pytest.fixture
def directive(chain, signed_draft, outbox_calls, django_capture_on_commit_callbacks):  # noqa: F811
    Correspondent.objects.filter(name="Sở Tài chính").update(organ_id=STC)
    Correspondent.objects.filter(name="Sở Y tế").update(organ_id=SYT)
    draft = signed_draft(type_name="Chỉ thị", units=(), tasks=[],
                         external=("Sở Tài chính", "Sở Y tế", "Bộ Công an"),
                         summary="Chỉ thị về tăng cường phòng, chống dịch bệnh mùa đông")
    with django_capture_on_commit_callbacks(execute=True):
        return issue(draft)


def _send_all(transport) -> None:
    for pk in outbound_due_ids():
        outbound_send(outbound_id=pk, transport=transport)


def _status(document, organ_id: str, code: StatusCode, **kwargs) -> bytes:
    from registry.exchange.services.messages import outgoing_document_id

    return write_status(StatusMessage(
        response_for=ResponseFor(organ_id="000.00.00.H31", code=document.notation,
                                 promulgation_date=document.document_date,
                                 document_id=outgoing_document_id(document)),
        sender=Organization(organ_id, "Sở"), status_code=code,
        timestamp=kwargs.pop("timestamp", dt.datetime.now().replace(microsecond=0)),
        description=kwargs.pop("description", "")))


def test_issuing_queues_one_packet_per_recipient_with_an_organ_id(directive, outbox_calls):
    rows = Outbound.objects.filter(kind="document").order_by("to_organ_id")

    assert [(r.to_organ_id, r.business_type) for r in rows] == [(STC, 0), (SYT, 0)]
    assert len(outbox_calls) == 2  # sent after commit; Bộ Công an has no code: by hand
    pending = directive.dispatches.filter(status=DispatchStatus.PENDING)
    assert pending.count() == 3


def test_issued_directive_round_trips_and_validates(directive, folder):
    _send_all(folder)

    files = sorted(folder.outbox.iterdir())
    assert len(files) == 2
    data = files[0].read_bytes()
    xmlschema.XMLSchema(str(XSD)).validate(data)
    message = read_document(data)
    number, notation = directive.notation.split("/", 1)
    assert (message.code.code_number, message.code.code_notation) == (number, notation)
    assert message.code.number_notation == directive.notation
    assert message.sender.organ_id == "000.00.00.H31"
    assert message.sender.organ_name == directive.agency.name
    assert [r.organ_id for r in message.recipients] in ([STC], [SYT])
    assert message.subject == directive.summary
    assert message.promulgation.promulgation_date == directive.document_date
    assert message.document_type.type_name == "Chỉ thị"
    assert message.signer.full_name == (directive.signer_name or str(directive.signer))
    assert message.signer.position == directive.signer.position.name
    assert message.business.doc_type == BusinessDocType.NEW
    signed = (file_root() / directive.signed_file.relative_path).read_bytes()
    assert [(a.name, a.data) for a in message.attachments] == [
        (directive.signed_filename, signed)]
    assert message.document_id == (f"000.00.00.H31,{directive.document_date:%Y/%m/%d},"
                                   f"{directive.notation}")


def test_sending_marks_the_dispatch_sent_and_starts_the_recipient_state(directive, folder):
    _send_all(folder)

    sent = directive.dispatches.filter(channel=DispatchChannel.ELECTRONIC)
    assert sent.count() == 2
    assert {d.status for d in sent} == {DispatchStatus.SENT}
    assert {d.sent_on for d in sent} == {timezone.localdate()}
    assert set(RecipientState.objects.values_list("organ_id", "stage")) == {
        (STC, "sent"), (SYT, "sent")}
    directive.refresh_from_db()
    assert directive.status == OutgoingStatus.ISSUED  # Bộ Công an still waits for the clerk


def test_statuses_received_update_each_recipient_forward_only(directive, folder):
    _send_all(folder)

    for code in (StatusCode.ARRIVED, StatusCode.ACCEPTED, StatusCode.HANDLING):
        packet_receive(data=_status(directive, STC, code))
    packet_receive(data=_status(directive, STC, StatusCode.ARRIVED, description="muộn"))
    refused = _status(directive, SYT, StatusCode.REFUSED, description="Không đúng")
    first = packet_receive(data=refused)
    replayed = packet_receive(data=refused)

    states = dict(RecipientState.objects.values_list("organ_id", "stage"))
    assert states == {STC: "handling", SYT: "refused"}
    assert RecipientState.objects.get(organ_id=STC).accepted_at is not None
    assert replayed.pk == first.pk
    assert RecipientState.objects.get(organ_id=SYT).reports.count() == 1


def test_a_status_for_a_document_we_never_sent_is_quarantined(directive, folder):
    taken = packet_receive(data=_status(directive, "000.00.99.H31", StatusCode.ACCEPTED))

    assert taken.state == "quarantined" and "000.00.99.H31" in taken.reason


def test_recipients_not_accepted_after_n_working_days(directive, folder):
    _send_all(folder)
    packet_receive(data=_status(directive, STC, StatusCode.ACCEPTED))
    clerk = user("vanthu")

    assert list(recipients_not_accepted(clerk, days=2)) == []
    RecipientState.objects.update(sent_at=timezone.now() - dt.timedelta(days=10))

    late = recipients_not_accepted(clerk, days=2)
    assert [state.organ_id for state in late] == [SYT]
    assert list(recipients_not_accepted(user("chuyenvienkt"), days=2)) == []


def test_recall_is_sent_to_who_received_it(directive, folder):
    _send_all(folder)

    outgoing_recall(actor=user("vanthu"), document=directive, reason="Sai căn cứ pháp lý")

    recalls = Outbound.objects.filter(kind="document", business_type=1)
    assert sorted(recalls.values_list("to_organ_id", flat=True)) == [STC, SYT]
    _send_all(folder)
    recall_files = [f for f in folder.outbox.iterdir() if "-1-" in f.name]
    message = read_document(recall_files[0].read_bytes())
    assert message.business.doc_type == BusinessDocType.RECALL
    assert message.business.reason == "Sai căn cứ pháp lý"


def test_edxml_api_serves_the_packet_to_who_may_see_the_document(directive):
    client = APIClient()
    client.force_authenticate(user("vanthu"))

    response = client.get(f"/api/v1/outgoing/{directive.pk}/edxml/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    message = read_document(response.content)
    assert sorted(r.organ_id for r in message.recipients) == [STC, SYT]
    client.force_authenticate(user("chuyenvienkt"))
    assert client.get(f"/api/v1/outgoing/{directive.pk}/edxml/").status_code == 404


def test_edxml_api_refuses_a_draft_with_400(make_draft):  # noqa: F811
    draft = make_draft(units=(), tasks=[])
    client = APIClient()
    client.force_authenticate(user("chuyenvien"))

    assert client.get(f"/api/v1/outgoing/{draft.pk}/edxml/").status_code == 400


def test_outgoing_page_shows_each_recipients_exchange_state(directive, folder, client):
    _send_all(folder)
    packet_receive(data=_status(directive, STC, StatusCode.ACCEPTED,
                                description="Đã vào sổ, số đến 45"))
    client.force_login(user("vanthu"))

    page = client.get(directive.get_absolute_url()).content.decode()

    assert "Đã tiếp nhận (trục liên thông)" in page
    assert "Đã vào sổ, số đến 45" in page
    assert "Đã gửi (trục liên thông)" in page
