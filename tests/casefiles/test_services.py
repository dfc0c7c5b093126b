import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from registry.assignments.models import Assignment, AssignmentStatus
from registry.audit.models import Event
from registry.casefiles import events
from registry.casefiles.models import (
    CaseFile,
    CaseFileHandover,
    CaseFileItem,
    CaseFileStatus,
    archive_due_from,
)
from registry.casefiles.services import (
    PlannedFile,
    casefile_close,
    casefile_hand_over,
    casefile_item_add,
    casefile_item_remove,
    casefile_open,
    casefile_open_ad_hoc,
    casefile_place,
    casefile_plan,
    casefile_reopen,
    filelist_copy,
)
from registry.incoming.models import IncomingAccessGrant, IncomingDocument
from registry.organisation.models import Secrecy

from .helpers import make_incoming, make_outgoing, refreshed

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
D1, D2 = TODAY - dt.timedelta(days=20), TODAY - dt.timedelta(days=10)


def _open(office):
    return casefile_open(actor=office.staff, case_file=office.planned)


def _verbs(case_file):
    return list(Event.objects.filter(target_id=case_file.pk, verb__startswith="casefiles.")
                .order_by("id").values_list("verb", flat=True))


def test_casefile_open_by_responsible_person(office):
    case_file = _open(office)
    assert case_file.status == CaseFileStatus.OPEN
    assert case_file.opened_by == office.staff
    assert events.OPENED in _verbs(case_file)


def test_casefile_open_refused_to_someone_else(office):
    with pytest.raises(PermissionDenied):
        casefile_open(actor=office.other, case_file=office.planned)
    assert refreshed(office.planned).status == CaseFileStatus.PLANNED


def test_casefile_item_add_numbers_in_time_order(office):
    case_file = _open(office)
    reply = make_outgoing(office.agency, drafter=office.staff, summary="Chỉ thị về CCHC", day=D2)
    early = make_incoming(office.agency, unit=office.unit, summary="Đề nghị báo cáo",
                          notation="12/BNV-CCHC", day=D1)
    same_day = make_incoming(office.agency, unit=office.unit, summary="Hướng dẫn bổ sung",
                             notation="15/BNV-CCHC", day=D2, hour=8)
    for document in (reply, early, same_day):
        casefile_item_add(actor=office.staff, case_file=case_file, document=document)
    order = list(case_file.items.order_by("ordinal").values_list(
        "ordinal", "incoming_id", "outgoing_id"))
    assert order == [(1, early.pk, None), (2, same_day.pk, None), (3, None, reply.pk)]
    assert _verbs(case_file).count(events.ITEM_ADDED) == 3


def test_document_in_two_files_without_copy(office):
    first = _open(office)
    second = casefile_open_ad_hoc(actor=office.staff, title="Hồ sơ thi đua khen thưởng")
    document = make_incoming(office.agency, unit=office.unit, summary="Công văn dùng chung",
                             notation="20/BNV-TĐKT", day=D1)
    casefile_item_add(actor=office.staff, case_file=first, document=document)
    casefile_item_add(actor=office.staff, case_file=second, document=document)
    assert IncomingDocument.objects.filter(sender_notation="20/BNV-TĐKT").count() == 1
    assert set(CaseFileItem.objects.filter(incoming=document).values_list(
        "case_file_id", flat=True)) == {first.pk, second.pk}
    with pytest.raises(ValidationError, match="đã có trong hồ sơ"):
        casefile_item_add(actor=office.staff, case_file=first, document=document)


def test_item_add_refused_for_a_document_the_maker_may_not_read(office):
    case_file = _open(office)
    elsewhere = make_incoming(office.agency, unit=office.other.unit, summary="Của phòng KT",
                              notation="30/STC-KT", day=D1)
    with pytest.raises(PermissionDenied):
        casefile_item_add(actor=office.staff, case_file=case_file, document=elsewhere)
    assert not case_file.items.exists()


def test_item_remove_renumbers(office):
    case_file = _open(office)
    docs = [make_incoming(office.agency, unit=office.unit, summary=f"Văn bản {i}",
                          notation=f"{i}/BNV", day=D1 + dt.timedelta(days=i)) for i in range(3)]
    for document in docs:
        casefile_item_add(actor=office.staff, case_file=case_file, document=document)
    casefile_item_remove(actor=office.staff, item=case_file.items.get(incoming=docs[0]))
    assert list(case_file.items.order_by("ordinal").values_list("ordinal", "incoming_id")) == [
        (1, docs[1].pk), (2, docs[2].pk)]
    assert events.ITEM_REMOVED in _verbs(case_file)


def _assignment_on(document, office, status=AssignmentStatus.ASSIGNED):
    return Assignment.objects.create(
        agency=office.agency, assigner=office.leader, assignee_user=office.staff,
        content="Tham mưu văn bản trả lời", status=status,
        source_type=ContentType.objects.get_for_model(IncomingDocument), source_id=document.pk)


def test_casefile_close_warns_of_unfinished_assignments(office):
    case_file = _open(office)
    document = make_incoming(office.agency, unit=office.unit, summary="Đề nghị",
                             notation="40/BNV", day=D1)
    casefile_item_add(actor=office.staff, case_file=case_file, document=document)
    _assignment_on(document, office)
    with pytest.raises(ValidationError) as refusal:
        casefile_close(actor=office.staff, case_file=case_file)
    assert "confirm_open_work" in refusal.value.message_dict
    assert refreshed(case_file).status == CaseFileStatus.OPEN
    closed = casefile_close(actor=office.staff, case_file=case_file, closed_on=D2,
                            confirm_open_work=True)
    assert closed.status == CaseFileStatus.CLOSED
    assert closed.archive_due_on == archive_due_from(D2)
    assert events.CLOSED in _verbs(case_file)


def test_archive_due_one_year_after_the_work_ends():
    assert archive_due_from(dt.date(2026, 3, 5)) == dt.date(2027, 3, 5)
    assert archive_due_from(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


def test_casefile_close_needs_a_document(office):
    with pytest.raises(ValidationError, match="chưa có văn bản"):
        casefile_close(actor=office.staff, case_file=_open(office))


def test_closed_file_takes_no_document_until_reopened(office):
    case_file = _open(office)
    first = make_incoming(office.agency, unit=office.unit, summary="Một", notation="1/A", day=D1)
    later = make_incoming(office.agency, unit=office.unit, summary="Hai", notation="2/A", day=D2)
    casefile_item_add(actor=office.staff, case_file=case_file, document=first)
    casefile_close(actor=office.staff, case_file=case_file)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        casefile_item_add(actor=office.staff, case_file=case_file, document=later)
    reopened = casefile_reopen(actor=office.staff, case_file=case_file)
    assert reopened.archive_due_on is None
    casefile_item_add(actor=office.staff, case_file=case_file, document=later)
    assert case_file.items.count() == 2


def _handed_over(office):
    case_file = _open(office)
    document = make_incoming(office.agency, unit=office.unit, summary="Đề nghị",
                             notation="50/BNV", day=D1)
    casefile_item_add(actor=office.staff, case_file=case_file, document=document)
    casefile_close(actor=office.staff, case_file=case_file)
    casefile_hand_over(actor=office.staff, case_file=case_file, received_by="Lưu trữ viên")
    return refreshed(case_file), document


def test_casefile_hand_over_keeps_the_package_and_freezes(office):
    case_file, document = _handed_over(office)
    handover = CaseFileHandover.objects.get(case_file=case_file)
    assert case_file.status == CaseFileStatus.HANDED_OVER
    assert handover.doc_total == 1 and handover.page_total == document.page_count
    assert bytes(handover.package)[:2] == b"PK" and len(handover.sha256) == 64
    assert events.HANDED_OVER in _verbs(case_file)
    another = make_incoming(office.agency, unit=office.unit, summary="Muộn", notation="51/BNV",
                            day=D2)
    attempts = [
        lambda: casefile_item_add(actor=office.staff, case_file=case_file, document=another),
        lambda: casefile_item_remove(actor=office.staff, item=case_file.items.get()),
        lambda: casefile_close(actor=office.staff, case_file=case_file),
        lambda: casefile_reopen(actor=office.staff, case_file=case_file),
        lambda: casefile_hand_over(actor=office.staff, case_file=case_file),
        lambda: casefile_place(actor=office.staff, case_file=case_file,
                               file_list=office.file_list, heading=None, code="TH.09"),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="đã nộp lưu"):
            attempt()
    assert case_file.items.count() == 1
    assert refreshed(case_file).code == "TH.01"


def test_hand_over_needs_a_place_in_the_list(office):
    case_file = casefile_open_ad_hoc(actor=office.staff, title="Hồ sơ ngoài danh mục")
    document = make_incoming(office.agency, unit=office.unit, summary="Một", notation="1/B",
                             day=D1)
    casefile_item_add(actor=office.staff, case_file=case_file, document=document)
    casefile_close(actor=office.staff, case_file=case_file)
    with pytest.raises(ValidationError, match="danh mục"):
        casefile_hand_over(actor=office.staff, case_file=case_file)
    casefile_place(actor=office.staff, case_file=case_file, file_list=office.file_list,
                   heading=office.heading, code="TH.02")
    casefile_hand_over(actor=office.staff, case_file=case_file)
    assert refreshed(case_file).status == CaseFileStatus.HANDED_OVER


def test_place_refuses_a_code_already_in_the_list(office):
    case_file = casefile_open_ad_hoc(actor=office.staff, title="Hồ sơ mới")
    with pytest.raises(ValidationError) as refusal:
        casefile_place(actor=office.staff, case_file=case_file, file_list=office.file_list,
                       heading=None, code="TH.01")
    assert "code" in refusal.value.message_dict


def test_hand_over_refused_when_the_maker_cannot_read_every_document(office, demo_user):
    head = demo_user("truongphongth")  # heads TH: may make the unit's files
    case_file = _open(office)
    secret = make_incoming(office.agency, unit=office.unit, summary="Nội dung mật",
                           notation="1/M", day=D1, secrecy=Secrecy.SECRET)
    IncomingAccessGrant.objects.create(document=secret, user=office.staff)
    casefile_item_add(actor=office.staff, case_file=case_file, document=secret)
    casefile_close(actor=office.staff, case_file=case_file)
    with pytest.raises(ValidationError, match="không có quyền xem"):
        casefile_hand_over(actor=head, case_file=case_file)
    assert refreshed(case_file).status == CaseFileStatus.CLOSED


def test_result_of_unfinished_assignment_is_refused(office):
    case_file = _open(office)
    document = make_incoming(office.agency, unit=office.unit, summary="Đề nghị", notation="7/C",
                             day=D1)
    task = _assignment_on(document, office)
    with pytest.raises(ValidationError, match="đã hoàn thành"):
        casefile_item_add(actor=office.staff, case_file=case_file, document=task)
    task.status, task.completed_at = AssignmentStatus.DONE, timezone.now()
    task.result_reference = "12/UBND-TH"
    task.save()
    item = casefile_item_add(actor=office.staff, case_file=case_file, document=task)
    assert item.kind == "result" and item.assignment_id == task.pk


def test_filelist_copy_starts_next_year_from_this_one(office):
    casefile_plan(actor=office.clerk, file_list=office.file_list, spec=PlannedFile(
        code="TH.05", title="Hồ sơ báo cáo", responsible_unit=office.unit, retention_years=10))
    _open(office)
    copy = filelist_copy(actor=office.clerk, source=office.file_list,
                         year=office.file_list.year + 1)
    files = CaseFile.objects.filter(file_list=copy).order_by("code")
    assert [(f.code, f.status, f.retention_years) for f in files] == [
        ("TH.01", CaseFileStatus.PLANNED, None), ("TH.05", CaseFileStatus.PLANNED, 10)]
    assert files[0].responsible_user == office.staff
    assert files[0].heading.title == office.heading.title
    assert files[0].heading.file_list == copy
    with pytest.raises(ValidationError):
        filelist_copy(actor=office.clerk, source=office.file_list, year=copy.year)


def test_list_is_made_by_clerks_and_leaders_only(office):
    with pytest.raises(PermissionDenied):
        casefile_plan(actor=office.staff, file_list=office.file_list, spec=PlannedFile(
            code="TH.09", title="Không được", responsible_unit=office.unit))
