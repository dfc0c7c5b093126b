import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from registry.assignments.models import AssignmentRole
from registry.assignments.services import assignments_for_source
from registry.audit.selectors import events_for
from registry.incoming import events
from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.incoming.services import (
    Handler,
    incoming_direct,
    incoming_file,
    incoming_mark_answered,
    incoming_probable_duplicates,
    incoming_receive,
    incoming_register_received,
    incoming_return,
    incoming_submit,
    incoming_update,
    incoming_void,
)
from registry.notifications.models import Notification
from registry.organisation.calendar import add_working_days
from registry.organisation.models import Agency, Direction, Register, Secrecy, Unit, Urgency

pytestmark = pytest.mark.django_db


def _register(demo, secret=False) -> Register:
    return Register.objects.get(agency=demo, direction=Direction.INCOMING, series="",
                                year=timezone.localdate().year, is_secret=secret)


def verbs(document) -> list[str]:
    return [e.verb for e in events_for(document)]


def test_incoming_register_numbers_consecutively_and_records_history(demo, register_doc, clerk):
    first, second = register_doc(), register_doc()

    assert (first.number, second.number) == (1, 2)
    assert first.register == _register(demo) and first.status == IncomingStatus.REGISTERED
    assert first.registered_by == clerk and first.number_display == "01"
    assert _register(demo).last_number == 2
    assert verbs(first) == [events.REGISTERED]
    assert "cai cach hanh chinh" in first.search_folded and "bo noi vu" in first.search_folded


def test_incoming_register_failure_after_numbering_consumes_no_number(demo, register_doc):
    register_doc()
    with mock.patch("registry.incoming.services.registration.event_record",
                    side_effect=RuntimeError("audit down")), pytest.raises(RuntimeError):
        register_doc()

    assert register_doc().number == 2
    assert IncomingDocument.objects.count() == 2


def test_incoming_register_takes_the_number_inside_its_transaction(demo, register_doc):
    seen = {}
    from registry.incoming.services import registration

    real = registration.register_next_number

    def spy(**kwargs):
        from django.db import connection
        seen["atomic"] = connection.in_atomic_block
        return real(**kwargs)

    with mock.patch.object(registration, "register_next_number", side_effect=spy):
        register_doc()
    assert seen["atomic"] is True


def test_secret_documents_go_to_the_secret_register_and_refuse_files(demo, register_doc,
                                                                     stored_pdf):
    secret = register_doc(secrecy=Secrecy.SECRET)
    normal = register_doc()

    assert secret.register == _register(demo, secret=True) and secret.number == 1
    assert normal.number == 1
    with pytest.raises(ValidationError) as error:
        register_doc(secrecy=Secrecy.SECRET, attachments=[(stored_pdf, "mat.pdf")])
    assert "attachments" in error.value.message_dict
    assert _register(demo, secret=True).last_number == 1


def test_only_clerks_register(demo, register_doc, leader):
    with pytest.raises(PermissionDenied):
        register_doc(actor=leader)


def test_probable_duplicates_match_sender_notation_and_date_whatever_the_channel(
        demo, register_doc, sender):
    day = timezone.localdate() - dt.timedelta(days=3)
    first = register_doc(sender_notation="15/QĐ-BNV", document_date=day, channel="email")

    found = incoming_probable_duplicates(agency_id=demo.pk, sender_id=sender.pk,
                                         sender_notation=" 15 / qđ - bnv ", document_date=day)
    other_day = incoming_probable_duplicates(agency_id=demo.pk, sender_id=sender.pk,
                                             sender_notation="15/QĐ-BNV",
                                             document_date=day - dt.timedelta(days=1))

    assert list(found) == [first]
    assert not other_day.exists()


def test_incoming_void_keeps_the_number_and_records_the_reason(demo, register_doc, clerk):
    document = register_doc()
    register_doc()

    incoming_void(actor=clerk, document=document, reason="Trùng văn bản số 02")

    document.refresh_from_db()
    assert document.status == IncomingStatus.VOID and document.number == 1
    assert document.void_reason == "Trùng văn bản số 02"
    assert verbs(document)[-1] == events.VOIDED
    assert register_doc().number == 3
    with pytest.raises(ValidationError):
        incoming_void(actor=clerk, document=document, reason="")


def test_incoming_update_records_old_and_new_values(demo, register_doc, clerk):
    document = register_doc(summary="Trích yếu cũ")

    incoming_update(actor=clerk, document=document, summary="Trích yếu mới",
                    urgency=Urgency.URGENT)

    document.refresh_from_db()
    event = list(events_for(document))[-1]
    assert event.verb == events.UPDATED
    assert event.payload["summary"] == ["Trích yếu cũ", "Trích yếu mới"]
    assert event.payload["urgency"] == ["normal", "khan"]
    assert document.urgency_rank == 1 and "trich yeu moi" in document.search_folded


def test_submit_notifies_the_leader_and_return_goes_back_to_the_clerk(demo, register_doc, clerk,
                                                                      leader):
    document = register_doc()

    incoming_submit(actor=clerk, document=document, leader=leader)
    assert Notification.objects.filter(recipient=leader, kind="incoming.submitted").exists()
    incoming_return(actor=leader, document=document, reason="Trình nhầm lãnh đạo")

    document.refresh_from_db()
    assert document.status == IncomingStatus.RETURNED
    assert document.return_reason == "Trình nhầm lãnh đạo"
    assert Notification.objects.filter(recipient=clerk, kind="incoming.returned").exists()
    incoming_submit(actor=clerk, document=document, leader=leader)
    document.refresh_from_db()
    assert document.status == IncomingStatus.SUBMITTED
    assert verbs(document) == [events.REGISTERED, events.SUBMITTED, events.RETURNED,
                               events.SUBMITTED]


def test_submit_refuses_someone_who_is_not_a_leader(demo, register_doc, clerk, staff_th):
    with pytest.raises(ValidationError):
        incoming_submit(actor=clerk, document=register_doc(), leader=staff_th)


@time_machine.travel(dt.datetime(2026, 2, 11, 9, 0, tzinfo=dt.UTC), tick=False)
def test_incoming_direct_creates_assignments_with_working_day_deadlines(
        demo, register_doc, clerk, leader, staff_kt):
    document = register_doc(urgency=Urgency.URGENT)
    incoming_submit(actor=clerk, document=document, leader=leader)
    th = Unit.objects.get(agency=demo, abbreviation="TH")
    vx = Unit.objects.get(agency=demo, abbreviation="VX")
    fixed = dt.date(2026, 3, 20)

    incoming_direct(actor=leader, document=document, direction="Giao Phòng TH chủ trì.",
                    lead=Handler(unit=th, days=5),
                    co_handlers=[Handler(user=staff_kt, deadline=fixed)],
                    to_know=[Handler(unit=vx)])

    document.refresh_from_db()
    by_role = {a.role: a for a in assignments_for_source(document)}
    # 11/02/2026 + 5 working days crosses Tết 2026 (14–22/02 off).
    expected = add_working_days(dt.date(2026, 2, 11), 5)
    assert expected > dt.date(2026, 2, 18)
    assert by_role[AssignmentRole.LEAD].assignee_unit == th
    assert by_role[AssignmentRole.LEAD].deadline == expected
    assert by_role[AssignmentRole.LEAD].is_urgent
    assert by_role[AssignmentRole.CO_HANDLE].assignee_user == staff_kt
    assert by_role[AssignmentRole.CO_HANDLE].deadline == fixed
    assert by_role[AssignmentRole.TO_KNOW].assignee_unit == vx
    assert document.status == IncomingStatus.DIRECTED
    assert document.handling_deadline == expected and document.lead_unit == th
    assert document.handler_label == th.name
    assert verbs(document)[-1] == events.DIRECTED


def test_incoming_direct_needs_a_deadline_and_a_leader(demo, register_doc, clerk, leader):
    document = register_doc()
    th = Unit.objects.get(agency=demo, abbreviation="TH")
    with pytest.raises(ValidationError) as error:
        incoming_direct(actor=leader, document=document, direction="", lead=Handler(unit=th))
    assert "lead_deadline" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        incoming_direct(actor=clerk, document=document, direction="",
                        lead=Handler(unit=th, days=3))
    assert not assignments_for_source(document).exists()


def test_lead_assignment_moves_the_document_to_in_progress_then_done(
        demo, register_doc, leader, demo_user):
    from registry.assignments.services import assignment_complete, assignment_start

    document = register_doc()
    th = Unit.objects.get(agency=demo, abbreviation="TH")
    incoming_direct(actor=leader, document=document, direction="Xử lý", lead=Handler(unit=th,
                                                                                     days=5))
    lead = assignments_for_source(document).get(role=AssignmentRole.LEAD)
    head = demo_user("truongphongth")

    assignment_start(actor=head, assignment=lead)
    document.refresh_from_db()
    assert document.status == IncomingStatus.IN_PROGRESS
    assignment_complete(actor=head, assignment=lead, result_note="Đã tham mưu",
                        result_reference="25/UBND-TH")
    document.refresh_from_db()
    assert document.status == IncomingStatus.DONE
    assert document.reply_label == "25/UBND-TH"
    assert events.STARTED in verbs(document) and verbs(document)[-1] == events.DONE


def test_incoming_file_after_done(demo, register_doc, clerk):
    document = register_doc()
    incoming_file(actor=clerk, document=document)  # for information only: straight to file
    document.refresh_from_db()
    assert document.status == IncomingStatus.FILED
    with pytest.raises(ValidationError):
        incoming_file(actor=clerk, document=document)


def test_incoming_receive_waits_unnumbered_then_is_registered(demo, clerk, cong_van, stored_pdf):
    other = Agency.objects.create(name="Sở Nội vụ tỉnh Hưng Yên", abbreviation="SNV")
    th = Unit.objects.get(agency=demo, abbreviation="TH")

    document = incoming_receive(
        agency=demo, sender_agency=other, sender_notation="12/SNV-VP",
        document_date=timezone.localdate(), document_type=cong_van,
        summary="V/v cử cán bộ tham gia tập huấn", urgency=Urgency.NORMAL,
        secrecy=Secrecy.NORMAL, to_unit=th, source_outgoing_id=77,
        attachments=[(stored_pdf, "cv.pdf")])

    assert document.status == IncomingStatus.RECEIVED and document.number is None
    assert document.sender_name == "Sở Nội vụ tỉnh Hưng Yên"
    assert Notification.objects.filter(recipient=clerk, kind="incoming.received").exists()
    registered = incoming_register_received(actor=clerk, document=document,
                                            summary="V/v cử cán bộ tham gia tập huấn CCHC")
    assert registered.number == 1 and registered.status == IncomingStatus.REGISTERED
    assert registered.attachments.count() == 1
    assert verbs(registered) == [events.RECEIVED, events.ATTACHMENT_ADDED, events.REGISTERED]
    with pytest.raises(ValidationError):
        incoming_register_received(actor=clerk, document=registered)


def test_incoming_mark_answered_collects_reply_numbers(demo, register_doc, clerk):
    document = register_doc()
    incoming_mark_answered(actor=clerk, document=document, reply_label="15/UBND-VP")
    incoming_mark_answered(actor=clerk, document=document, reply_label="16/UBND-VP")
    incoming_mark_answered(actor=clerk, document=document, reply_label="15/UBND-VP")
    document.refresh_from_db()
    assert document.reply_label == "15/UBND-VP, 16/UBND-VP"
