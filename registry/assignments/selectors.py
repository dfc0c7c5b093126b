"""Reads of assignments that need a rule."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from registry.core.compiled import rows_for
from registry.organisation.calendar import add_working_days
from registry.organisation.models import Unit

from .models import OPEN_STATUSES, Assignment, AssignmentStatus, ExtensionRequest, ExtensionStatus

SOON_WORKING_DAYS = 3


def assignments_touching(user: Any) -> QuerySet[Assignment]:
    """Assignments given to the user, or to the user's unit (colleagues of a unit see its work)."""
    condition = Q(assignee_user_id=user.pk)
    if user.unit_id:
        condition |= Q(assignee_unit_id=user.unit_id)
    return Assignment.objects.filter(condition)


def source_assigned_to(user: Any, model: type[models.Model]) -> Exists:
    """`Exists(...)` to filter documents of `model` with an assignment touching the user.

    Used by the documents' visibility selectors:
    `IncomingDocument.objects.filter(source_assigned_to(user, IncomingDocument))`.
    """
    content_type = ContentType.objects.get_for_model(model)
    return Exists(
        assignments_touching(user).filter(source_type=content_type, source_id=OuterRef("pk"))
    )


def _headed_units(user: Any) -> list[int]:
    """Ids of the units the person heads, read once per request (kept on the user object).

    A list of ids, not a subquery: `assignee_unit_id IN (1, 2)` lets PostgreSQL combine the
    two partial indexes on open work (by person, by unit) instead of filtering every open
    assignment, which is what made the My tasks counter cost 50 ms at 100,000 open rows.
    """
    cached = getattr(user, "_df_headed_unit_ids", None)
    if cached is None:
        cached = list(Unit.objects.filter(head_id=user.pk).values_list("pk", flat=True))
        user._df_headed_unit_ids = cached
    return cached


def headed_units_key(user: Any) -> tuple[int, ...]:
    """The units a person heads, as part of what their navigation's counters are built from."""
    return tuple(_headed_units(user))


def assignments_visible_to(user: Any) -> QuerySet[Assignment]:
    """What a person may open: work given to them, their unit or by them; the work of units
    they head; and, for leaders, all work of their agency (they track it)."""
    condition = Q(assignee_user_id=user.pk) | Q(assigner_id=user.pk)
    if user.unit_id:
        condition |= Q(assignee_unit_id=user.unit_id)
    condition |= Q(tracking_unit_id__in=_headed_units(user))
    if user.is_leader and user.agency_id:
        condition |= Q(agency_id=user.agency_id)
    return Assignment.objects.filter(condition)


def deadline_horizon(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """(today, the last day counted as "due soon": three working days ahead)."""
    today = today or timezone.localdate()
    return today, add_working_days(today, SOON_WORKING_DAYS)


def with_deadline_state(qs: QuerySet[Assignment], *, today: dt.date,
                        soon: dt.date) -> QuerySet[Assignment]:
    """Annotate `bucket`: 0 overdue, 1 due within three working days, 2 the rest, 3 finished."""
    return qs.annotate(bucket=Case(
        When(~Q(status__in=OPEN_STATUSES), then=Value(3)),
        When(deadline__lt=today, then=Value(0)),
        When(deadline__lte=soon, then=Value(1)),
        default=Value(2), output_field=IntegerField(),
    ))


def _list_related(qs: QuerySet[Assignment]) -> QuerySet[Assignment]:
    return qs.select_related("assigner__position", "assignee_user", "assignee_unit")


def my_open_work(user: Any) -> QuerySet[Assignment]:
    """Open work the person must act on: theirs, and their units' as head. A unit's work its
    head has handed to someone is no longer the head's. What "Việc của tôi" lists and what
    its navigation counter counts (one definition, so the two always agree)."""
    delegated = Assignment.objects.filter(parent_id=OuterRef("pk"), delegated_within_unit=True,
                                          status__in=OPEN_STATUSES)
    mine = Q(assignee_user_id=user.pk) | Q(assignee_user__isnull=True,
                                           assignee_unit_id__in=_headed_units(user))
    return Assignment.objects.filter(mine, status__in=OPEN_STATUSES).exclude(Exists(delegated))


def my_tasks(user: Any, *, today: dt.date, soon: dt.date) -> QuerySet[Assignment]:
    """My open work: overdue, then due soon, then the rest; urgent first inside each group."""
    return _list_related(with_deadline_state(my_open_work(user), today=today, soon=soon)).order_by(
        "bucket", "-is_urgent", F("deadline").asc(nulls_last=True), "id")


def my_finished(user: Any) -> QuerySet[Assignment]:
    return _list_related(Assignment.objects.filter(
        assignee_user_id=user.pk, status=AssignmentStatus.DONE)).order_by("-completed_at", "-id")


def given_by(user: Any, *, today: dt.date, soon: dt.date) -> QuerySet[Assignment]:
    qs = with_deadline_state(Assignment.objects.filter(assigner_id=user.pk), today=today,
                             soon=soon)
    return _list_related(qs).order_by("bucket", F("deadline").asc(nulls_last=True), "-id")


def extensions_to_decide(user: Any) -> QuerySet[ExtensionRequest]:
    return (ExtensionRequest.objects
            .filter(assignment__assigner_id=user.pk, status=ExtensionStatus.PENDING)
            .select_related("assignment", "requested_by").order_by("requested_at", "id"))


def assignment_detail(user: Any, pk: int) -> Assignment | None:
    return (assignments_visible_to(user)
            .select_related("assigner__position", "assignee_user", "assignee_unit__head",
                            "completed_by", "parent", "tracking_unit")
            .filter(pk=pk).first())


def deadline_state(assignment: Assignment, *, today: dt.date, soon: dt.date) -> str:
    if not assignment.is_open:
        return "done"
    if assignment.deadline is None or assignment.deadline > soon:
        return "normal"
    return "overdue" if assignment.deadline < today else "soon"


# --- Issue 10: the overdue work of the units under a leader (home page) -------------------

# The rows of the tracking page's "overdue" figure for a unit (open, no "to know" work, a unit
# head's hand-on counted once, for the unit), past `deadline`. Also the predicate of the partial
# index `assignment_unit_overdue_idx` (migration 0005): keep the two the same.
OVERDUE_WORK = (Q(status__in=["assigned", "in_progress"]) & Q(delegated_within_unit=False)
                & ~Q(role="info"))
# A unit's overdue work is counted up to this (the home page shows "99+"): each unit then costs
# at most this many index entries, whatever the size of the backlog.
OVERDUE_CAP = 100
# The tracking list filters on the day work was given; its link from the home page asks for
# everything given since this day.
TRACKING_SINCE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class UnitOverdue:
    unit_id: int
    label: str
    count: int  # capped at OVERDUE_CAP
    first_ids: tuple[int, ...]  # the longest overdue first

    @property
    def capped(self) -> bool:
        return self.count >= OVERDUE_CAP


def _units_with_overdue_ids(user: Any, today: dt.date) -> QuerySet[Unit]:
    overdue = (Assignment.objects.filter(OVERDUE_WORK, tracking_unit_id=OuterRef("pk"),
                                         deadline__lt=today)
               .order_by("deadline", "id").values("id")[:OVERDUE_CAP])
    return (Unit.objects.filter(agency_id=user.agency_id)
            .annotate(overdue_ids=ArraySubquery(overdue))
            .values_list("pk", "parent_id", "name", "overdue_ids"))


def units_overdue(user: Any, *, today: dt.date) -> list[UnitOverdue]:
    """Leaders: open work past its deadline in their unit and every unit below it, per unit,
    most first; the whole agency for a leader with no unit or in a top unit (its leadership).

    One query, whatever the backlog: the agency's units (to walk the tree), each with the ids of
    its overdue work in deadline order, at most OVERDUE_CAP, read from the partial index.
    """
    if not (user.is_leader and user.agency_id):
        return []
    rows = rows_for(_units_with_overdue_ids, user, today)
    parents = {pk: parent for pk, parent, _, _ in rows}
    scope = set(parents)
    if user.unit_id in parents and parents[user.unit_id] is not None:
        children: dict[int | None, list[int]] = {}
        for pk, parent in parents.items():
            children.setdefault(parent, []).append(pk)
        scope, frontier = {user.unit_id}, [user.unit_id]
        while frontier:
            frontier = [child for pk in frontier for child in children.get(pk, [])]
            scope.update(frontier)
    units = [UnitOverdue(unit_id=pk, label=name, count=len(ids), first_ids=tuple(ids))
             for pk, _, name, ids in rows if pk in scope and ids]
    return sorted(units, key=lambda unit: (-unit.count, unit.label))


def units_overdue_first(units: list[UnitOverdue], *, limit: int) -> list[Assignment]:
    """The longest overdue work across those units (by id: each unit's first rows suffice)."""
    ids = [pk for unit in units for pk in unit.first_ids[:limit]]
    return list(_list_related(Assignment.objects.filter(pk__in=ids))
                .annotate(bucket=Value(0, output_field=IntegerField()))
                .order_by("deadline", "id")[:limit])

