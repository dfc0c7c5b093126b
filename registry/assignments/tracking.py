"""Figures for leaders: assigned / done on time / done late / open / overdue, per unit and
per person, for a period. Both tables come from one statement over the tallies (`tallies.py`),
whatever the number of assignments; the lists behind the figures count the same rows live."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import OPEN_STATUSES, Assignment, AssignmentRole, AssignmentStatus
from .tallies import tally_groups

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
    def key_text(self) -> str:
        return "" if self.key is None else str(self.key)

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


def _groups(*, agency_id: int | None, period: Period, today: dt.date) -> list[dict[str, Any]]:
    """The period's work counted per (unit, person, handed on within the unit): one statement
    over the tallies the database keeps with the assignments (`tallies.py`), whatever the
    number of assignments; the names of the units ride along."""
    start, end = period.bounds()
    return tally_groups(agency_id=agency_id, start=start, end=end, today=today)


def _sum(groups: list[dict[str, Any]], key: str) -> dict[int | None, dict[str, int]]:
    totals: dict[int | None, dict[str, int]] = {}
    for group in groups:
        figures = totals.setdefault(group[key], dict.fromkeys(STATES, 0))
        for state in STATES:
            figures[state] += group[state]
    return totals


def _unit_rows(groups: list[dict[str, Any]]) -> list[TrackingRow]:
    own = [g for g in groups if not g["delegated_within_unit"]]
    totals = _sum(own, "tracking_unit_id")
    units = {g["tracking_unit_id"]: (g["tracking_unit__sort_order"], g["tracking_unit__name"])
             for g in own if g["tracking_unit_id"] is not None}

    def order(key: int | None) -> tuple[bool, int, str]:
        sort_order, name = units.get(key, (0, ""))  # type: ignore[arg-type]
        return (key is None, sort_order, name)

    return [TrackingRow(key=key, label=units[key][1] if key in units else "—",
                        **totals[key]) for key in sorted(totals, key=order)]


def _person_rows(groups: list[dict[str, Any]], unit_id: int | None) -> list[TrackingRow]:
    from registry.organisation.models import User

    totals = _sum([g for g in groups if g["assignee_user_id"] is not None
                   and (not unit_id or g["tracking_unit_id"] == unit_id)], "assignee_user_id")
    names = dict(User.objects.filter(pk__in=list(totals)).values_list("pk", "full_name"))
    return [TrackingRow(key=key, label=names.get(key) or "—", **totals[key])
            for key in sorted(totals, key=lambda k: (names.get(k) or "", k))]


def tracking_tables(*, agency_id: int | None, period: Period, today: dt.date,
                    unit_id: int | None = None) -> tuple[list[TrackingRow], list[TrackingRow]]:
    """(per unit, per person) for the tracking page: two queries whatever the data size."""
    groups = _groups(agency_id=agency_id, period=period, today=today)
    return _unit_rows(groups), _person_rows(groups, unit_id)


def tracking_by_unit(*, agency_id: int | None, period: Period,
                     today: dt.date) -> list[TrackingRow]:
    return _unit_rows(_groups(agency_id=agency_id, period=period, today=today))


def tracking_by_person(*, agency_id: int | None, period: Period, today: dt.date,
                       unit_id: int | None = None) -> list[TrackingRow]:
    return _person_rows(_groups(agency_id=agency_id, period=period, today=today), unit_id)


def tracking_total(rows: list[TrackingRow], label: str) -> TrackingRow:
    return TrackingRow(key=None, label=label,
                       **{state: sum(getattr(r, state) for r in rows) for state in STATES})


def tracking_drilldown(
    qs: QuerySet[Assignment], *, period: Period, today: dt.date, state: str,
    unit_id: int | None = None, user_id: int | None = None,
) -> QuerySet[Assignment]:
    """The assignments behind one figure of the tables (the same filters as the count): a
    person's work (within one unit when the table was filtered by it, as `_person_rows`
    counts it), else a unit's own work."""
    start, end = period.bounds()
    qs = (qs.filter(created_at__gte=start, created_at__lt=end)
          .exclude(role=AssignmentRole.TO_KNOW).exclude(status=AssignmentStatus.CANCELLED)
          .filter(_state_filter(state if state in STATES else "assigned", today)))
    if user_id:
        qs = qs.filter(assignee_user_id=user_id)
        if unit_id:
            qs = qs.filter(tracking_unit_id=unit_id)
    elif unit_id:
        qs = qs.filter(tracking_unit_id=unit_id, delegated_within_unit=False)
    return qs
