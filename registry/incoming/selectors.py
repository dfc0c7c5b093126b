"""Reads of incoming documents that need a rule; every page and API call starts here."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.utils import timezone

from registry.assignments.selectors import source_assigned_to
from registry.organisation.calendar import add_working_days, is_working_day
from registry.organisation.models import Direction, Register, Secrecy, Urgency

from .models import IncomingAccessGrant, IncomingAttachment, IncomingDocument, IncomingStatus

OPEN_FOR_UNITS = (IncomingStatus.DIRECTED, IncomingStatus.IN_PROGRESS)
CLERK_QUEUE = (IncomingStatus.RECEIVED, IncomingStatus.REGISTERED, IncomingStatus.RETURNED)
LIST_RELATED = ("sender", "sender_agency", "document_type", "lead_unit", "lead_user",
                "submitted_to", "to_unit")


def _nothing() -> Q:
    return Q(pk__in=[])


def incoming_visible_to(user: Any) -> QuerySet[IncomingDocument]:
    """What the user may read.

    Clerks and leaders: their agency's non-secret documents. Staff: documents with an
    assignment touching them or their unit, or addressed to their unit. Secret
    documents: only an explicit grant, the clerk who registered it, and (to number it)
    the agency's clerks while it waits unregistered.

    Search has an SQL copy of these rules (registry/search/visibility.py), held equal by
    tests/search/test_visibility.py: change both.
    """
    if not getattr(user, "is_authenticated", False) or not user.agency_id:
        return IncomingDocument.objects.none()
    normal = Q(secrecy=Secrecy.NORMAL)
    condition = _nothing()
    if user.is_clerk or user.is_leader:
        condition |= normal & Q(agency_id=user.agency_id)
    if user.is_staff_member:
        mine = source_assigned_to(user, IncomingDocument)
        if user.unit_id:
            mine = mine | (Q(to_unit_id=user.unit_id) & ~Q(status=IncomingStatus.RECEIVED))
        condition |= normal & Q(mine)
    granted = Exists(IncomingAccessGrant.objects.filter(document_id=OuterRef("pk"), user=user))
    secret_ok = Q(granted) | Q(registered_by_id=user.pk)
    if user.is_clerk:
        secret_ok |= Q(agency_id=user.agency_id, status=IncomingStatus.RECEIVED)
    condition |= ~normal & secret_ok
    return IncomingDocument.objects.filter(condition)


def incoming_with_files(qs: QuerySet[IncomingDocument]) -> QuerySet[IncomingDocument]:
    return qs.annotate(has_files=Exists(
        IncomingAttachment.objects.filter(document_id=OuterRef("pk"))))


def incoming_get_for(user: Any, pk: int) -> IncomingDocument | None:
    return (incoming_visible_to(user).select_related(
        *LIST_RELATED, "register", "registered_by", "directed_by", "voided_by", "agency")
        .filter(pk=pk).first())


def incoming_registers_for(user: Any) -> QuerySet[Register]:
    """The agency's incoming registers the user may open (secret ones for clerks)."""
    if not (user.is_clerk or user.is_leader) or not user.agency_id:
        return Register.objects.none()
    qs = Register.objects.filter(agency_id=user.agency_id, direction=Direction.INCOMING,
                                 series="")
    if not user.is_clerk:
        qs = qs.filter(is_secret=False)
    return qs.order_by("-year", "is_secret")


def incoming_register_rows(user: Any, register: Register | int, *,
                           before: int | None) -> QuerySet[IncomingDocument]:
    """A register's rows the user may see, newest number first, from keyset `before` down.

    The page slices `size + 1` rows so it knows whether another page follows without
    counting; the order rides the (register, number) unique index backwards.
    """
    qs = incoming_visible_to(user).filter(register=register, number__isnull=False)
    if before is not None:
        qs = qs.filter(number__lt=before)
    return incoming_with_files(qs.select_related(*LIST_RELATED)).order_by("-number")


def _urgent_first(qs: QuerySet[IncomingDocument]) -> QuerySet[IncomingDocument]:
    return incoming_with_files(qs.select_related(*LIST_RELATED)).order_by(
        "-urgency_rank", "-received_at", "-id")


def incoming_waiting_for_direction(user: Any) -> QuerySet[IncomingDocument]:
    """Leaders: documents submitted to me and not yet directed."""
    if not user.is_leader:
        return IncomingDocument.objects.none()
    return _urgent_first(incoming_visible_to(user).filter(
        submitted_to=user, status=IncomingStatus.SUBMITTED))


def incoming_for_unit(user: Any, *, open_only: bool = False) -> QuerySet[IncomingDocument]:
    """Staff: documents assigned to me or my unit, or addressed to my unit."""
    if not user.is_staff_member:
        return IncomingDocument.objects.none()
    mine = source_assigned_to(user, IncomingDocument)
    if user.unit_id:
        mine = mine | Q(to_unit_id=user.unit_id)
    qs = incoming_visible_to(user).filter(mine).exclude(
        status__in=[IncomingStatus.VOID, IncomingStatus.RECEIVED])
    if open_only:
        qs = qs.filter(status__in=OPEN_FOR_UNITS)
    return _urgent_first(qs)


def incoming_clerk_queue(user: Any) -> QuerySet[IncomingDocument]:
    """Clerks: received but unregistered, registered but not submitted, returned."""
    if not user.is_clerk:
        return IncomingDocument.objects.none()
    return _urgent_first(incoming_visible_to(user).filter(
        agency_id=user.agency_id, status__in=CLERK_QUEUE))


# The navigation's counters: querysets the navigation counts together in one statement.

def incoming_count_waiting(user: Any) -> QuerySet[IncomingDocument]:
    return incoming_visible_to(user).filter(submitted_to=user, status=IncomingStatus.SUBMITTED)


def incoming_count_unit_open(user: Any) -> QuerySet[IncomingDocument]:
    return incoming_for_unit(user, open_only=True)


def incoming_count_clerk_queue(user: Any) -> QuerySet[IncomingDocument]:
    return incoming_visible_to(user).filter(agency_id=user.agency_id, status__in=CLERK_QUEUE)


# --- Issue 10: what the clerk must do today (the same or next working day rule) ----------

@dataclass(frozen=True)
class ClerkDeadlines:
    """Register and hand on a received document (and release a signed one) the same day or
    at the latest the next working day; an urgent one (Khẩn and above) the same day.

    With T today and P the last working day before T, a document received on day D is due on
    the first working day after D (urgent: on D itself), so:
    - late: a normal document received before P, an urgent one received before T;
    - due today: when T is a working day, a normal document received on P or since (the days
      between P and T are days off); an urgent one received today;
    - otherwise due on the next working day after T (`next_day`).
    Each state is a range of `received_at`, so it filters and sorts in SQL.
    """

    today: dt.date
    previous_day: dt.date
    next_day: dt.date
    today_is_working: bool

    @classmethod
    def on(cls, today: dt.date) -> "ClerkDeadlines":
        return cls(today=today, previous_day=add_working_days(today, -1),
                   next_day=add_working_days(today, 1), today_is_working=is_working_day(today))

    @staticmethod
    def _start(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())

    def late(self) -> Q:
        normal = Q(urgency=Urgency.NORMAL)
        return ((normal & Q(received_at__lt=self._start(self.previous_day)))
                | (~normal & Q(received_at__lt=self._start(self.today))))

    def due_today(self) -> Q:
        normal = Q(urgency=Urgency.NORMAL)
        condition = ~normal & Q(received_at__gte=self._start(self.today))
        if self.today_is_working:
            condition |= normal & Q(received_at__gte=self._start(self.previous_day),
                                    received_at__lt=self._start(self.today))
        return condition

    def state(self, received_at: dt.datetime, *, urgent: bool) -> str:
        """"late", "today" or "later" (due on `next_day`): the same rule as `late`/`due_today`."""
        day = timezone.localdate(received_at)
        if urgent:
            return "late" if day < self.today else "today"
        if day < self.previous_day:
            return "late"
        if day < self.today and self.today_is_working:
            return "today"
        return "later"


CLERK_DUTY = (IncomingStatus.RECEIVED, IncomingStatus.REGISTERED)  # still to register or pass on


def clerk_deadlines(user: Any, today: dt.date | None = None) -> ClerkDeadlines:
    """Today's cut-offs, read once per request (kept on the user object like `_headed_units`)."""
    today = today or timezone.localdate()
    cached = getattr(user, "_df_clerk_deadlines", None)
    if cached is None or cached.today != today:
        cached = ClerkDeadlines.on(today)
        user._df_clerk_deadlines = cached
    return cached


def incoming_clerk_due(user: Any, deadlines: ClerkDeadlines, *,
                       limit: int) -> tuple[list[IncomingDocument], dict[str, int]]:
    """The clerk queue's first `limit` documents, late first, then due today, then the rest
    (urgent first in each, then the oldest), and its figures {"late", "today", "total"}.

    Two queries whatever the queue's length: one pass over the queue ranks it and counts it
    (window counts, narrow rows), then the chosen documents are read by id with their labels.
    Each document carries `due_state`: 0 late, 1 due today, 2 later; a returned document
    (registered and handed on once already) is 2 and its status badge says it came back.
    """
    empty = {"late": 0, "today": 0, "total": 0}
    if not user.is_clerk:
        return [], empty
    duty = Q(status__in=CLERK_DUTY)
    late, today = duty & deadlines.late(), duty & deadlines.due_today()
    due_state = Case(When(late, then=Value(0)), When(today, then=Value(1)), default=Value(2),
                     output_field=IntegerField())
    ranked = list(
        incoming_visible_to(user).filter(agency_id=user.agency_id, status__in=CLERK_QUEUE)
        .annotate(due_state=due_state, late_total=Window(Count("id", filter=late)),
                  today_total=Window(Count("id", filter=today)), total=Window(Count("id")))
        .order_by("due_state", "-urgency_rank", "received_at", "id")
        .values("pk", "due_state", "late_total", "today_total", "total")[:limit])
    if not ranked:
        return [], empty
    documents = incoming_with_files(
        IncomingDocument.objects.filter(pk__in=[row["pk"] for row in ranked])
        .select_related(*LIST_RELATED)).in_bulk()
    rows = []
    for row in ranked:
        document = documents[row["pk"]]
        document.due_state = row["due_state"]
        rows.append(document)
    first = ranked[0]
    return rows, {"late": first["late_total"], "today": first["today_total"],
                  "total": first["total"]}
