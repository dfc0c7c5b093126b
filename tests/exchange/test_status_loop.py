"""The status loop: accept (03) or refuse (02); 04, 05 and 06 once each through the outbox;
delivery to a fake hub on 127.0.0.1 with back-off on its failures."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from registry.assignments.models import AssignmentRole
from registry.assignments.services import (
    assignment_complete,
    assignment_start,
    assignments_for_source,
)
from registry.exchange.edxml import StatusCode, read_status
from registry.exchange.models import Outbound, OutboundState, PacketState
from registry.exchange.services import (
    outbound_due_ids,
    outbound_send,
    packet_accept,
    packet_receive,
    packet_refuse,
    status_queue,
)
from registry.incoming.models import IncomingStatus
from registry.incoming.services import Handler, incoming_direct, incoming_submit
from registry.organisation.models import Unit

from .conftest import packet
from .test_transport_http import hub, transport  # noqa: F401 (the fake hub fixture)


def _codes(document) -> list[str]:
    return list(Outbound.objects.filter(incoming_document=document, kind="status")
                .order_by("id").values_list("status_code", flat=True))


@pytest.fixture
def received(sender, signed_pdf, outbox_calls):
    return packet_receive(data=packet(signed_pdf))


def _handle_to_the_end(demo, document, demo_user) -> None:
    leader = demo_user("lanhdao")
    incoming_submit(actor=demo_user("vanthu"), document=document, leader=leader)
    th = Unit.objects.get(agency=demo, abbreviation="TH")
    incoming_direct(actor=leader, document=document, direction="Phòng TH tham mưu.",
                    lead=Handler(unit=th, days=5))
    lead = assignments_for_source(document).get(role=AssignmentRole.LEAD)
    head = demo_user("truongphongth")
    assignment_start(actor=head, assignment=lead)
    assignment_complete(actor=head, assignment=lead, result_note="Đã tham mưu văn bản trả lời")


def test_accept_registers_with_an_arrival_number_and_queues_03(received, demo_user):
    document = packet_accept(actor=demo_user("vanthu"), packet=received)

    received.refresh_from_db()
    assert document.status == IncomingStatus.REGISTERED and document.number is not None
    assert received.state == PacketState.ACCEPTED
    assert received.decided_by == demo_user("vanthu")
    assert _codes(document) == ["01", "03"]
    description = Outbound.objects.get(status_code="03").description
    assert document.number_display in description


def test_only_the_agency_clerk_accepts_and_only_once(received, demo_user):
    with pytest.raises(PermissionDenied):
        packet_accept(actor=demo_user("lanhdao"), packet=received)
    packet_accept(actor=demo_user("vanthu"), packet=received)
    received.refresh_from_db()
    with pytest.raises(ValidationError):
        packet_accept(actor=demo_user("vanthu"), packet=received)


def test_refuse_voids_without_a_number_and_queues_02_with_the_reason(received, demo_user):
    with pytest.raises(ValidationError):
        packet_refuse(actor=demo_user("vanthu"), packet=received, reason=" ")

    packet_refuse(actor=demo_user("vanthu"), packet=received, reason="Gửi nhầm cơ quan")

    received.refresh_from_db()
    document = received.incoming_document
    document.refresh_from_db()
    assert received.state == PacketState.REFUSED and received.reason == "Gửi nhầm cơ quan"
    assert document.status == IncomingStatus.VOID and document.number is None
    assert "Gửi nhầm cơ quan" in document.void_reason
    assert _codes(document) == ["01", "02"]
    assert Outbound.objects.get(status_code="02").description == "Gửi nhầm cơ quan"


def test_directed_in_progress_done_are_queued_once_each(demo, received, demo_user):
    document = packet_accept(actor=demo_user("vanthu"), packet=received)

    _handle_to_the_end(demo, document, demo_user)
    for code in (StatusCode.ASSIGNED, StatusCode.HANDLING, StatusCode.COMPLETED):
        status_queue(packet=received, code=code)  # asked again: nothing more

    document.refresh_from_db()
    assert document.status == IncomingStatus.DONE
    assert _codes(document) == ["01", "03", "04", "05", "06"]


def test_paper_documents_send_no_status(demo, demo_user, outbox_calls):
    from registry.incoming.services import incoming_register
    from registry.organisation.models import Correspondent, DocumentType

    document = incoming_register(
        actor=demo_user("vanthu"), sender=Correspondent.objects.get(name="Bộ Tài chính"),
        sender_notation="9/BTC-NSNN", document_date=demo.registers.first().created_at.date(),
        document_type=DocumentType.objects.get(name="Công văn"), summary="Về dự toán")
    _handle_to_the_end(demo, document, demo_user)

    assert Outbound.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_same_status_queued_at_once_by_two_workers_is_one_row(sender, signed_pdf,
                                                                  outbox_calls, demo):
    received = packet_receive(data=packet(signed_pdf))
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def queue() -> None:
        try:
            barrier.wait()
            status_queue(packet=received, code=StatusCode.HANDLING)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=queue) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert _codes(received.incoming_document) == ["01", "05"]


def test_statuses_reach_the_fake_hub_in_order_once(hub, demo, received, demo_user):  # noqa: F811
    hub_transport = transport(hub)
    document = packet_accept(actor=demo_user("vanthu"), packet=received)
    _handle_to_the_end(demo, document, demo_user)

    for pk in outbound_due_ids():
        outbound_send(outbound_id=pk, transport=hub_transport)
    for pk in Outbound.objects.values_list("pk", flat=True):  # a late duplicate task
        outbound_send(outbound_id=pk, transport=hub_transport)

    codes = [read_status(body).status_code for body in hub.statuses]
    assert codes == ["01", "03", "04", "05", "06"]
    assert set(Outbound.objects.values_list("state", flat=True)) == {OutboundState.SENT}
    from registry.audit.models import Event

    sent = Event.objects.filter(verb="exchange.status_sent", target_id=document.pk)
    assert [e.payload["code"] for e in sent.order_by("id")] == ["01", "03", "04", "05", "06"]


def test_hub_outage_backs_off_then_delivers(hub, received):  # noqa: F811
    hub_transport = transport(hub)
    hub.fail_with = 503
    row = Outbound.objects.get()

    assert outbound_send(outbound_id=row.pk, transport=hub_transport) is False
    row.refresh_from_db()
    assert row.state == OutboundState.PENDING and row.attempts == 1
    assert row.next_attempt_at > row.created_at and "503" in row.last_error
    assert outbound_due_ids() == []  # not before its back-off

    hub.fail_with = None
    Outbound.objects.filter(pk=row.pk).update(next_attempt_at=row.created_at)
    assert outbound_due_ids() == [row.pk]
    assert outbound_send(outbound_id=row.pk, transport=hub_transport) is True
    assert [read_status(body).status_code for body in hub.statuses] == ["01"]


def test_refused_by_the_hub_is_failed_and_can_be_retried(hub, received):  # noqa: F811
    from registry.exchange.services import outbound_retry

    row = Outbound.objects.get()
    outbound_send(outbound_id=row.pk, transport=transport(hub, secret="wrong"))

    row.refresh_from_db()
    assert row.state == OutboundState.FAILED and "401" in row.last_error
    assert outbound_retry(ids=[row.pk]) == 1
    assert outbound_send(outbound_id=row.pk, transport=transport(hub)) is True


def test_voiding_a_waiting_electronic_document_on_its_page_refuses_it(received, demo_user,
                                                                      client):
    client.force_login(demo_user("vanthu"))
    document = received.incoming_document

    response = client.post(f"/van-ban-den/{document.pk}/huy/",
                           {"reason": "Không thuộc thẩm quyền"})

    assert response.status_code == 302
    received.refresh_from_db()
    assert received.state == PacketState.REFUSED
    assert _codes(document) == ["01", "02"]
    assert Outbound.objects.get(status_code="02").description == "Không thuộc thẩm quyền"
