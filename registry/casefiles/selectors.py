"""Reads of case files with a rule. Files are seen by the people who make them, their unit
and its head, and the agency's clerks, leaders and administrators; what is inside a file is
read with the rights of each document (see `documents.items_with_rights`)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from registry.assignments.models import OPEN_STATUSES, Assignment
from registry.incoming.models import IncomingDocument
from registry.organisation.models import Unit
from registry.outgoing.models import OutgoingDocument

from .documents import items_with_rights
from .models import CaseFile, CaseFileItem, CaseFileStatus, FileHeading, FileList, ItemKind

LIST_RELATED = ("responsible_unit", "responsible_user", "file_list", "heading")
S = CaseFileStatus


def _headed_unit_ids(user: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(head_id=user.pk).values("pk")


def sees_whole_agency(user: Any) -> bool:
    return bool(user.is_clerk or user.is_leader or user.is_administrator)


def casefiles_visible_to(user: Any) -> QuerySet[CaseFile]:
    if not getattr(user, "is_authenticated", False) or not user.agency_id:
        return CaseFile.objects.none()
    condition = Q(responsible_user_id=user.pk) | Q(opened_by_id=user.pk)
    condition |= Q(responsible_unit_id__in=_headed_unit_ids(user))
    if user.unit_id:
        condition |= Q(responsible_unit_id=user.unit_id)
    if sees_whole_agency(user):
        condition |= Q(pk__isnull=False)
    return CaseFile.objects.filter(condition, agency_id=user.agency_id)


def can_manage(user: Any, case_file: CaseFile) -> bool:
    """Make the file: its responsible person, or (none named) anyone of its unit; the unit head."""
    if not user.is_authenticated or user.agency_id != case_file.agency_id:
        return False
    if case_file.responsible_user_id == user.pk:
        return True
    if case_file.responsible_user_id is None and user.unit_id == case_file.responsible_unit_id:
        return True
    return Unit.objects.filter(pk=case_file.responsible_unit_id, head_id=user.pk).exists()


def manage_checker(user: Any) -> Callable[[CaseFile], bool]:
    """`can_manage` for many files at the cost of one query (the units the user heads)."""
    headed = set(_headed_unit_ids(user).values_list("pk", flat=True))

    def check(case_file: CaseFile) -> bool:
        return user.agency_id == case_file.agency_id and (
            case_file.responsible_user_id == user.pk
            or (case_file.responsible_user_id is None
                and user.unit_id == case_file.responsible_unit_id)
            or case_file.responsible_unit_id in headed)

    return check


def can_manage_list(user: Any, agency_id: int | None) -> bool:
    return bool(user.is_authenticated and agency_id and user.agency_id == agency_id
                and sees_whole_agency(user))


def casefile_get_for(user: Any, pk: int) -> CaseFile | None:
    return (casefiles_visible_to(user).select_related(*LIST_RELATED, "agency", "opened_by",
                                                      "responsible_unit__head")
            .filter(pk=pk).first())


def casefile_items(user: Any, case_file: CaseFile) -> QuerySet[CaseFileItem]:
    return items_with_rights(user, case_file.items.all()).order_by("ordinal")


def _listed(qs: QuerySet[CaseFile]) -> QuerySet[CaseFile]:
    return qs.select_related(*LIST_RELATED).annotate(item_count=Count("items"))


def casefiles_mine(user: Any, *, status: str = "") -> QuerySet[CaseFile]:
    qs = casefiles_visible_to(user).filter(responsible_user_id=user.pk)
    if status:
        qs = qs.filter(status=status)
    return _listed(qs).order_by("status", "-year", "code", "id")


def casefiles_of_unit(user: Any, *, unit_id: int | None = None,
                      status: str = "") -> QuerySet[CaseFile]:
    unit_id = unit_id or user.unit_id
    qs = casefiles_visible_to(user).filter(responsible_unit_id=unit_id)
    if status:
        qs = qs.filter(status=status)
    return _listed(qs).order_by("-year", "sort_order", "code", "id")


def filelist_for(agency_id: int | None, year: int) -> FileList | None:
    return FileList.objects.filter(agency_id=agency_id, year=year).first()


def filelist_years(agency_id: int | None) -> list[int]:
    return list(FileList.objects.filter(agency_id=agency_id).order_by("-year")
                .values_list("year", flat=True))


@dataclass(frozen=True)
class Progress:
    planned: int = 0
    open: int = 0
    closed: int = 0
    handed_over: int = 0

    @property
    def total(self) -> int:
        return self.planned + self.open + self.closed + self.handed_over

    @property
    def done_percent(self) -> int:
        return round(100 * (self.closed + self.handed_over) / self.total) if self.total else 0


def filelist_progress(file_list: FileList) -> Progress:
    counts = file_list.files.aggregate(**{
        status: Count("id", filter=Q(status=status)) for status in S.values})
    return Progress(**counts)


def filelist_headings(file_list: FileList) -> list[FileHeading]:
    return list(file_list.headings.select_related("unit", "parent").order_by(
        "parent_id", "sort_order", "id"))


def filelist_files(user: Any, file_list: FileList) -> QuerySet[CaseFile]:
    """Every file of the list, for the list page (the plan itself is not secret in the agency)."""
    return _listed(CaseFile.objects.filter(file_list=file_list, agency_id=user.agency_id)).order_by(
        "heading__sort_order", "heading_id", "sort_order", "code", "id")


def casefiles_unplaced(user: Any) -> QuerySet[CaseFile]:
    """Files opened ad hoc and not yet placed in a list, that the user may see."""
    return _listed(casefiles_visible_to(user).filter(file_list__isnull=True)).order_by("-id")


def casefiles_archive_due(user: Any, *, year: int) -> QuerySet[CaseFile]:
    """Closed (and handed-over) files whose archive due date falls in `year`."""
    return _listed(casefiles_visible_to(user).filter(
        status__in=[S.CLOSED, S.HANDED_OVER], archive_due_on__year=year,
    )).order_by("status", "archive_due_on", "code", "id")


def casefiles_due_soon(user: Any, *, today: dt.date, days: int = 30) -> QuerySet[CaseFile]:
    return casefiles_visible_to(user).filter(
        status=S.CLOSED, archive_due_on__lte=today + dt.timedelta(days=days),
        responsible_user_id=user.pk)


def _source_is(model: type, ids: Any) -> Q:
    return Q(source_type=ContentType.objects.get_for_model(model), source_id__in=ids)


def casefile_open_work(case_file: CaseFile) -> QuerySet[Assignment]:
    """Assignments not finished that belong to the file's work: on its documents, or in it."""
    items = case_file.items.all()
    condition = (
        _source_is(IncomingDocument, items.filter(incoming__isnull=False).values("incoming_id"))
        | _source_is(OutgoingDocument, items.filter(outgoing__isnull=False).values("outgoing_id"))
        | Q(pk__in=items.filter(assignment__isnull=False).values("assignment_id"))
    )
    return (Assignment.objects.filter(condition, status__in=OPEN_STATUSES)
            .select_related("assignee_user", "assignee_unit").order_by("deadline", "id"))


def casefiles_containing(user: Any, kind: str, pk: int) -> QuerySet[CaseFile]:
    """The files (that the user may see) a document sits in."""
    field = {ItemKind.INCOMING: "incoming_id", ItemKind.OUTGOING: "outgoing_id",
             ItemKind.RESULT: "assignment_id"}[ItemKind(kind)]
    inside = CaseFileItem.objects.filter(case_file_id=OuterRef("pk"), **{field: pk})
    return casefiles_visible_to(user).filter(Exists(inside)).select_related(
        "responsible_unit").order_by("-year", "code", "id")
