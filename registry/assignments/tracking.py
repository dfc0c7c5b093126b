"""Figures for leaders: assigned / done on time / done late / open / overdue, per unit and
per person, for a period. Each table is one aggregate query, whatever the number of rows."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import OPEN_STATUSES, Assignment, AssignmentRole, AssignmentStatus

STATES = ("assigned", "on_time", "late", "open", "overdue")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @classmethod
    def default(cls, today: dt.date) -> "Period":
        return cls(start=today.replace(month=1, day=1), end=today)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end


@dataclass(frozen=True)
class TrackingRow:
    key: int | None
    label: str
    assigned: int
    on_time: int
    late: int
    open: int
    overdue: int

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_rate(self) -> int | None:
        """Per cent of finished work finished on time (None when nothing is finished)."""
        return round(100 * self.on_time / self.done) if self.done else None


def _state_filter(state: str, today: dt.date) -> Q:
    done = Q(status=AssignmentStatus.DONE)
    return {
        "assigned": Q(),
        "on_time": done & Q(completed_on_time=True),
        "late": done & Q(completed_on_time=False),
        "open": Q(status__in=OPEN_STATUSES),
        "overdue": Q(status__in=OPEN_STATUSES, deadline__lt=today),
    }[state]


def tracked(*, agency_id: int | None, period: Period) -> QuerySet[Assignment]:
    """Work given in the period that has to be done (not "to know", not cancelled)."""
    start, end = period.bounds()
    return (Assignment.objects
            .filter(agency_id=agency_id, created_at__gte=start, created_at__lt=end)
            .exclude(role=AssignmentRole.TO_KNOW)
            .exclude(status=AssignmentStatus.CANCELLED))


def _figures(today: dt.date) -> dict[str, Any]:
    return {state: Count("id", filter=_state_filter(state, today)) for state in STATES}


def _rows(values: QuerySet, key: str, label: str) -> list[TrackingRow]:
    return [TrackingRow(key=row[key], label=row[label] or "—",
                        **{state: row[state] for state in STATES}) for row in values]


def tracking_by_unit(*, agency_id: int | None, period: Period,
                     today: dt.date) -> list[TrackingRow]:
    values = (tracked(agency_id=agency_id, period=period)
              .filter(delegated_within_unit=False)
              .values("tracking_unit_id", "tracking_unit__name", "tracking_unit__sort_order")
              .annotate(**_figures(today))
              .order_by("tracking_unit__sort_order", "tracking_unit__name"))
    return _rows(values, "tracking_unit_id", "tracking_unit__name")


def tracking_by_person(*, agency_id: int | None, period: Period, today: dt.date,
                       unit_id: int | None = None) -> list[TrackingRow]:
    qs = tracked(agency_id=agency_id, period=period).filter(assignee_user__isnull=False)
    if unit_id:
        qs = qs.filter(tracking_unit_id=unit_id)
    values = (qs.values("assignee_user_id", "assignee_user__full_name")
              .annotate(**_figures(today))
              .order_by("assignee_user__full_name", "assignee_user_id"))
    return _rows(values, "assignee_user_id", "assignee_user__full_name")


def tracking_total(rows: list[TrackingRow], label: str) -> TrackingRow:
    return TrackingRow(key=None, label=label,
                       **{state: sum(getattr(r, state) for r in rows) for state in STATES})


def tracking_drilldown(
    qs: QuerySet[Assignment], *, period: Period, today: dt.date, state: str,
    unit_id: int | None = None, user_id: int | None = None,
) -> QuerySet[Assignment]:
    """The assignments behind one figure of the tables (the same filters as the count)."""
    start, end = period.bounds()
    qs = (qs.filter(created_at__gte=start, created_at__lt=end)
          .exclude(role=AssignmentRole.TO_KNOW).exclude(status=AssignmentStatus.CANCELLED)
          .filter(_state_filter(state if state in STATES else "assigned", today)))
    if user_id:
        qs = qs.filter(assignee_user_id=user_id)
    elif unit_id:
        qs = qs.filter(tracking_unit_id=unit_id, delegated_within_unit=False)
    return qs
