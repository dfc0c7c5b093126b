"""Demo case files: last year's list with closed (one handed over) files, this year's list
copied from it with files open and holding some of the demo documents. Idempotent: nothing
is done once this year's list exists. Documents are optional: without incoming or outgoing
demo data the lists and files are made, and files stay open and empty."""

import datetime as dt
from typing import Any

from django.db.models import Max
from django.utils import timezone

from registry.organisation.models import Agency, Unit, User

from .documents import visible_documents
from .models import CaseFile, CaseFileStatus, FileList, ItemKind
from .services import (
    PlannedFile,
    casefile_close,
    casefile_hand_over,
    casefile_item_add,
    casefile_open,
    casefile_plan,
    filelist_copy,
    filelist_create,
    heading_create,
)

# unit, subject, code, title, retention (None: permanent), responsible username
PLAN: list[tuple[str, str, str, str, int | None, str]] = [
    ("TH", "Cải cách hành chính", "TH.01",
     "Hồ sơ chỉ đạo, triển khai công tác cải cách hành chính năm {year}", None, "chuyenvien"),
    ("TH", "Cải cách hành chính", "TH.02",
     "Báo cáo định kỳ về cải cách hành chính năm {year}", 10, "chuyenvien2"),
    ("TH", "Tổng hợp, thi đua", "TH.03",
     "Hồ sơ tổng kết công tác năm {year} của UBND tỉnh", None, "chuyenvien"),
    ("KT", "Đầu tư công", "KT.01",
     "Hồ sơ kế hoạch đầu tư công năm {year}", 20, "chuyenvienkt"),
    ("VX", "Giáo dục, y tế", "VX.01",
     "Hồ sơ chỉ đạo công tác phòng, chống dịch bệnh năm {year}", 10, "chuyenvienvx"),
    ("NC", "Thanh tra, tiếp công dân", "NC.01",
     "Hồ sơ giải quyết đơn thư khiếu nại, tố cáo năm {year}", 15, "chuyenviennc"),
]
DOCS_PER_FILE = 3


def _people(agency: Agency) -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(agency=agency, is_active=True)}


def _list_ensure(agency: Agency, clerk: User, year: int, people: dict[str, User]) -> FileList:
    file_list = FileList.objects.filter(agency=agency, year=year).first()
    if file_list is not None:
        return file_list
    file_list = filelist_create(actor=clerk, year=year)
    units = {u.abbreviation: u for u in Unit.objects.filter(agency=agency)}
    headings: dict[tuple[str, str], Any] = {}
    for abbr, subject, code, title, retention, username in PLAN:
        unit = units.get(abbr)
        if unit is None:
            continue
        if (abbr, "") not in headings:
            headings[(abbr, "")] = heading_create(actor=clerk, file_list=file_list, title="",
                                                  unit=unit)
        if (abbr, subject) not in headings:
            headings[(abbr, subject)] = heading_create(actor=clerk, file_list=file_list,
                                                       title=subject,
                                                       parent=headings[(abbr, "")])
        casefile_plan(actor=clerk, file_list=file_list, spec=PlannedFile(
            code=code, title=title.format(year=year), responsible_unit=unit,
            heading=headings[(abbr, subject)], retention_years=retention,
            responsible_user=people.get(username)))
    return file_list


def _fill(case_file: CaseFile, user: User, *, offset: int) -> int:
    """Add a few documents the person may read (incoming first, then outgoing)."""
    added = 0
    for kind in (ItemKind.INCOMING, ItemKind.OUTGOING):
        documents = visible_documents(user, kind).filter(agency_id=case_file.agency_id)
        order = "document_date" if kind == ItemKind.INCOMING else "id"
        for document in documents.order_by(order)[offset:offset + DOCS_PER_FILE]:
            casefile_item_add(actor=user, case_file=case_file, document=document)
            added += 1
    return added


def _work(file_list: FileList, people: dict[str, User], *, close: bool, today: dt.date) -> None:
    files = file_list.files.filter(status=CaseFileStatus.PLANNED).select_related(
        "responsible_user").order_by("sort_order")
    for index, case_file in enumerate(files):
        user = case_file.responsible_user
        if user is None or (not close and index % 3 == 2):
            continue  # some of this year's files are still only planned
        case_file = casefile_open(actor=user, case_file=case_file)
        if not _fill(case_file, user, offset=0 if close else DOCS_PER_FILE) or not close:
            continue
        last = case_file.items.aggregate(m=Max("sort_date"))["m"] or today
        case_file = casefile_close(actor=user, case_file=case_file,
                                   closed_on=min(last, today), confirm_open_work=True)
        if index == 0:
            casefile_hand_over(actor=user, case_file=case_file,
                               received_by=str(people.get("vanthu", "")))


def demo_casefiles_ensure(*, agency: Agency, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    if FileList.objects.filter(agency=agency, year=today.year).exists():
        return
    people = _people(agency)
    clerk = people.get("vanthu")
    if clerk is None:
        return
    last_year = _list_ensure(agency, clerk, today.year - 1, people)
    _work(last_year, people, close=True, today=today)
    this_year = filelist_copy(actor=clerk, source=last_year, year=today.year)
    _work(this_year, people, close=False, today=today)
