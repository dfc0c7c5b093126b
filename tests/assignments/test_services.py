import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from registry.assignments import events, services, sources
from registry.assignments.models import (
    AssignmentStatus,
    ExtensionStatus,
    ProgressReport,
)
from registry.assignments.sources import source_listener_register
from registry.audit.models import Event
from registry.notifications.models import Notification
from registry.organisation.models import Unit

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def verbs(assignment) -> list[str]:
    return list(Event.objects.filter(target_id=assignment.pk, verb__startswith="assignment.")
                .order_by("id").values_list("verb", flat=True))


def test_assignment_create_counts_person_work_for_the_persons_unit(give, people):
    assignment = give("lanhdao", "chuyenvien")

    assert assignment.tracking_unit_id == people["chuyenvien"].unit_id
    assert assignment.delegated_within_unit is False
    assert Notification.objects.filter(recipient=people["chuyenvien"],
                                       kind="assignment.created").count() == 1


def test_assignment_report_progress_starts_the_work_and_keeps_files(give, people, settings,
                                                                    tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assignment = give("lanhdao", "chuyenvien")
    upload = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")

    report = services.assignment_report_progress(
        actor=people["chuyenvien"], assignment=assignment, percent=40,
        note="Đã tổng hợp 9/14 đơn vị", files=[upload])

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.IN_PROGRESS and assignment.started_at
    assert assignment.progress_percent == 40
    assert [a.name for a in report.attachments.all()] == ["bao-cao.pdf"]
    assert verbs(assignment)[-2:] == [events.ASSIGNMENT_STARTED, events.ASSIGNMENT_PROGRESS]


@pytest.mark.parametrize("percent", [-1, 101])
def test_assignment_report_progress_refuses_percent_out_of_range(give, people, percent):
    assignment = give("lanhdao", "chuyenvien")
    with pytest.raises(ValidationError) as error:
        services.assignment_report_progress(actor=people["chuyenvien"], assignment=assignment,
                                            percent=percent, note="x")
    assert "percent" in error.value.message_dict
    assert not ProgressReport.objects.exists()


def test_only_the_handler_reports_or_finishes(give, people):
    assignment = give("lanhdao", "chuyenvien")
    with pytest.raises(PermissionDenied):
        services.assignment_report_progress(actor=people["chuyenvien2"], assignment=assignment,
                                            percent=10, note="không phải việc của tôi")
    with pytest.raises(PermissionDenied):
        services.assignment_complete(actor=people["lanhdao"], assignment=assignment,
                                     result_note="xong")


def test_assignment_complete_on_the_deadline_day_is_on_time(give, people):
    with time_machine.travel(dt.datetime(2026, 12, 4, 16, 59, tzinfo=dt.UTC)):  # 23:59 in VN
        assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 4))
        services.assignment_complete(actor=people["chuyenvien"], assignment=assignment,
                                     result_note="Đã trình ký", result_reference="15/BC-UBND")

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
    assert assignment.completed_on_time is True
    assert assignment.result_reference == "15/BC-UBND" and assignment.progress_percent == 100
    assert Notification.objects.filter(recipient=people["lanhdao"],
                                       kind="assignment.completed").count() == 1
    assert Event.objects.get(target_id=assignment.pk,
                             verb=events.ASSIGNMENT_COMPLETED).payload["on_time"] is True


def test_assignment_complete_after_the_deadline_is_late(give, people):
    with time_machine.travel(dt.datetime(2026, 12, 4, 17, 1, tzinfo=dt.UTC)):  # 00:01 on 5/12
        assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 4))
        services.assignment_complete(actor=people["chuyenvien"], assignment=assignment,
                                     result_note="Đã trình ký")
    assignment.refresh_from_db()
    assert assignment.completed_on_time is False


def test_assignment_complete_needs_a_result_and_happens_once(give, people):
    assignment = give("lanhdao", "chuyenvien")
    with pytest.raises(ValidationError):
        services.assignment_complete(actor=people["chuyenvien"], assignment=assignment)
    services.assignment_complete(actor=people["chuyenvien"], assignment=assignment,
                                 result_reference="16/UBND-TH")
    with pytest.raises(ValidationError):
        services.assignment_complete(actor=people["chuyenvien"], assignment=assignment,
                                     result_note="lần hai")


def test_extension_granted_moves_the_deadline_and_keeps_history(give, people):
    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 4))
    first = services.assignment_extension_request(
        actor=people["chuyenvien"], assignment=assignment, requested_deadline=D(2026, 12, 11),
        reason="Chờ số liệu của Sở Tài chính")
    with pytest.raises(ValidationError):  # one open question at a time
        services.assignment_extension_request(
            actor=people["chuyenvien"], assignment=assignment,
            requested_deadline=D(2026, 12, 18), reason="Lại nữa")

    services.assignment_extension_grant(actor=people["lanhdao"], extension=first,
                                        note="Đồng ý")

    assignment.refresh_from_db()
    first.refresh_from_db()
    assert assignment.deadline == D(2026, 12, 11)
    assert (first.status, first.old_deadline, first.granted_deadline) == (
        ExtensionStatus.GRANTED, D(2026, 12, 4), D(2026, 12, 11))
    granted = Event.objects.get(target_id=assignment.pk, verb=events.EXTENSION_GRANTED)
    assert granted.payload["deadline"] == ["2026-12-04", "2026-12-11"]
    assert Notification.objects.filter(recipient=people["chuyenvien"],
                                       kind="assignment.extension_granted").exists()


def test_extension_refused_keeps_the_deadline_and_only_the_assigner_decides(give, people):
    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 4))
    request = services.assignment_extension_request(
        actor=people["chuyenvien"], assignment=assignment, requested_deadline=D(2026, 12, 8),
        reason="Nhiều việc")
    with pytest.raises(PermissionDenied):
        services.assignment_extension_grant(actor=people["truongphongth"], extension=request)
    with pytest.raises(ValidationError):  # a refusal says why
        services.assignment_extension_refuse(actor=people["lanhdao"], extension=request, note="")

    services.assignment_extension_refuse(actor=people["lanhdao"], extension=request,
                                         note="Việc gấp, không gia hạn")

    assignment.refresh_from_db()
    request.refresh_from_db()
    assert assignment.deadline == D(2026, 12, 4)
    assert request.status == ExtensionStatus.REFUSED and request.decided_by == people["lanhdao"]
    assert events.EXTENSION_REFUSED in verbs(assignment)
    # refused, so a new request may be made
    services.assignment_extension_request(actor=people["chuyenvien"], assignment=assignment,
                                          requested_deadline=D(2026, 12, 7), reason="Xin 1 ngày")
    assert assignment.extensions.count() == 2


def test_reassign_a_units_work_by_its_head_creates_a_child_and_finishing_it_finishes_both(
        give, people):
    th = Unit.objects.get(abbreviation="TH")
    parent = give("lanhdao", unit=th, deadline=D(2026, 12, 10))

    child = services.assignment_reassign(actor=people["truongphongth"], assignment=parent,
                                         assignee_user=people["chuyenvien"],
                                         deadline=D(2026, 12, 8))

    parent.refresh_from_db()
    assert child.parent_id == parent.pk and child.delegated_within_unit
    assert child.assignee_user == people["chuyenvien"] and child.deadline == D(2026, 12, 8)
    assert parent.status == AssignmentStatus.IN_PROGRESS
    assert events.ASSIGNMENT_DELEGATED in verbs(parent)

    services.assignment_complete(actor=people["chuyenvien"], assignment=child,
                                 result_note="Đã xong")
    parent.refresh_from_db()
    assert parent.status == AssignmentStatus.DONE and parent.result_note == "Đã xong"


def test_reassign_retargets_persons_work_and_records_who_had_it(give, people):
    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 10))

    services.assignment_reassign(actor=people["truongphongth"], assignment=assignment,
                                 assignee_user=people["chuyenvien2"], note="Đồng chí Lam đi học")

    assignment.refresh_from_db()
    assert assignment.assignee_user == people["chuyenvien2"]
    moved = Event.objects.get(target_id=assignment.pk, verb=events.ASSIGNMENT_REASSIGNED)
    assert moved.payload["assignee_user"] == [people["chuyenvien"].pk, people["chuyenvien2"].pk]
    assert Notification.objects.filter(recipient=people["chuyenvien2"],
                                       kind="assignment.reassigned").exists()


def test_reassign_only_by_the_units_head_and_only_within_the_unit(give, people):
    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 10))
    for not_head in ("chuyenvien2", "lanhdao", "truongphongkt"):
        with pytest.raises(PermissionDenied):
            services.assignment_reassign(actor=people[not_head], assignment=assignment,
                                         assignee_user=people["chuyenvien2"])
    with pytest.raises(ValidationError) as error:
        services.assignment_reassign(actor=people["truongphongth"], assignment=assignment,
                                     assignee_user=people["chuyenvienkt"])
    assert "assignee_user" in error.value.message_dict
    with pytest.raises(ValidationError):  # not past the assigner's deadline
        services.assignment_reassign(actor=people["truongphongth"], assignment=assignment,
                                     assignee_user=people["chuyenvien2"],
                                     deadline=D(2026, 12, 11))
    assignment.refresh_from_db()
    assert assignment.assignee_user == people["chuyenvien"]


def test_services_tell_the_source_document_inside_the_transaction(give, people, monkeypatch):
    from registry.organisation.models import Correspondent

    seen: list[tuple[int, str]] = []
    monkeypatch.setattr(sources, "_LISTENERS", {})
    source_listener_register(Correspondent, lambda a, event: seen.append((a.pk, event)))
    source = Correspondent.objects.create(name="Sở Thử Nghiệm Nguồn")
    assignment = give("lanhdao", "chuyenvien", source=source, source_label="CV 12/STN",
                      deadline=D(2026, 12, 10))

    services.assignment_report_progress(actor=people["chuyenvien"], assignment=assignment,
                                        percent=50, note="Một nửa")
    request = services.assignment_extension_request(
        actor=people["chuyenvien"], assignment=assignment, requested_deadline=D(2026, 12, 15),
        reason="Thêm thời gian")
    services.assignment_extension_grant(actor=people["lanhdao"], extension=request)
    services.assignment_complete(actor=people["chuyenvien"], assignment=assignment,
                                 result_reference="20/UBND-TH")

    assert [event for _, event in seen] == ["started", "progress", "extended", "completed"]
