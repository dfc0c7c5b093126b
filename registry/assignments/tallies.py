"""The tracking page's figures, summed from `TrackingTally` with the edges of the period
counted live.

Tallies are kept by triggers (migration 0008) in the writing transaction, so they are never
stale. They are bucketed by the creation date of the work in Vietnam time: finished work per
month, open work per year with its deadline in the key, so that "overdue" (open, deadline
before today) is exact on any day without any write. A period [start, end) is read as

- the tallies of every bucket wholly inside it;
- for a bucket cut by an edge, either the part inside counted live from the assignments, or
  the bucket's tallies minus the part outside counted live, whichever covers less time up to
  now (the part of a bucket after now is empty: "1 January to today" reads no row live).

One statement whatever the period: the tallies and the live parts are summed together.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

from registry.organisation.models import Unit

from .models import Assignment, TrackingTally

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")  # the buckets' calendar (migration 0008: ZONE)
NO_DEADLINE = dt.date(9999, 12, 31)   # tallies of open work without a deadline, and of finished
OPEN_STATES = ("open",)
FINISHED_STATES = ("on_time", "late", "other")

# The state of one assignment `a` as the tallies key it (migration 0008: key()), and which rows
# are counted at all: not work given "to know", not cancelled work.
_OPEN = "a.status IN ('assigned', 'in_progress')"
_STATE = f"""CASE WHEN {_OPEN} THEN 'open'
         WHEN a.status = 'done' AND a.completed_on_time THEN 'on_time'
         WHEN a.status = 'done' AND NOT a.completed_on_time THEN 'late'
         ELSE 'other' END"""
_COUNTED = "a.role <> 'info' AND a.status <> 'cancelled'"


@dataclass(frozen=True)
class Grain:
    """Finished work is tallied per month, open work per year."""

    open: bool

    def start(self, moment: dt.datetime) -> dt.datetime:
        local = moment.astimezone(ZONE)
        return dt.datetime(local.year, 1 if self.open else local.month, 1, tzinfo=ZONE)

    def after(self, start: dt.datetime) -> dt.datetime:
        if self.open:
            return start.replace(year=start.year + 1)
        return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)

    def buckets(self, start: dt.datetime, end: dt.datetime) -> Iterator[tuple[dt.datetime,
                                                                               dt.datetime]]:
        bucket = self.start(start)
        while bucket < end:
            following = self.after(bucket)
            yield bucket, following
            bucket = following


@dataclass
class Plan:
    """What one grain reads: a range of whole buckets, and live ranges with their sign."""

    first: dt.date | None = None
    last: dt.date | None = None
    live: list[tuple[dt.datetime, dt.datetime, int]] = field(default_factory=list)

    def add_bucket(self, bucket: dt.datetime) -> None:
        day = bucket.date()
        self.first = day if self.first is None else min(self.first, day)
        self.last = day if self.last is None else max(self.last, day)


def _span(lo: dt.datetime, hi: dt.datetime, now: dt.datetime) -> float:
    """How much past time [lo, hi) covers: what reading it live would cost, roughly."""
    return max((min(hi, now) - lo).total_seconds(), 0.0)


def plan(grain: Grain, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> Plan:
    result = Plan()
    for lo, hi in grain.buckets(start, end):
        inside = (max(lo, start), min(hi, end))
        if inside == (lo, hi):
            result.add_bucket(lo)
            continue
        outside = [(a, b) for a, b in ((lo, inside[0]), (inside[1], hi)) if a < b]
        if sum(_span(a, b, now) for a, b in outside) < _span(*inside, now):
            result.add_bucket(lo)
            result.live.extend((a, b, -1) for a, b in outside)
        else:
            result.live.append((*inside, 1))
    return result


_TALLIES = f"""
    SELECT unit_pk, person_pk, delegated, state, deadline, n
    FROM {TrackingTally._meta.db_table}
    WHERE agency_pk = %s AND state = ANY(%s) AND bucket BETWEEN %s AND %s"""  # noqa: S608
_LIVE = f"""
    SELECT COALESCE(a.tracking_unit_id, 0), COALESCE(a.assignee_user_id, 0),
           a.delegated_within_unit, {_STATE},
           COALESCE(a.deadline, DATE '{NO_DEADLINE:%Y-%m-%d}'), %s::integer
    FROM {Assignment._meta.db_table} a
    WHERE a.agency_id = %s AND a.created_at >= %s AND a.created_at < %s
      AND {_COUNTED} AND """  # noqa: S608 (table names from the models; values are parameters)
_LIVE_OPEN, _LIVE_FINISHED = _LIVE + _OPEN, _LIVE + f"NOT {_OPEN}"
# The sums per group and state; the units' names ride along (a few dozen rows joined after
# the sums); people's are read afterwards for the few hundred ids.
_SUMS = f"""
    SELECT g.unit_pk, u.name, u.sort_order, g.person_pk, g.delegated, g.state, g.overdue, g.n
    FROM (SELECT unit_pk, person_pk, delegated, state,
                 state = 'open' AND deadline < %s AS overdue, sum(n) AS n
          FROM ({{parts}}) AS counted(unit_pk, person_pk, delegated, state, deadline, n)
          GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0) g
    LEFT JOIN {Unit._meta.db_table} u ON u.id = g.unit_pk"""  # noqa: S608


def _statement(agency_id: int, start: dt.datetime, end: dt.datetime, today: dt.date,
               now: dt.datetime) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = [today]
    for grain in (Grain(open=True), Grain(open=False)):
        reading = plan(grain, start, end, now)
        if reading.first is not None:
            parts.append(_TALLIES)
            params += [agency_id, list(OPEN_STATES if grain.open else FINISHED_STATES),
                       reading.first, reading.last]
        for lo, hi, sign in reading.live:
            parts.append(_LIVE_OPEN if grain.open else _LIVE_FINISHED)
            params += [sign, agency_id, lo, hi]
    return _SUMS.format(parts=" UNION ALL ".join(parts)), params


def tally_groups(*, agency_id: int | None, start: dt.datetime, end: dt.datetime,
                 today: dt.date) -> list[dict[str, Any]]:
    """The period's work counted per (unit, person, handed on within the unit), in the shape
    `tracking.py` sums: the unit's name and order beside each group, the five figures."""
    if agency_id is None or start >= end:
        return []
    sql, params = _statement(agency_id, start, end, today, timezone.now())
    groups: dict[tuple[int | None, int | None, bool], dict[str, Any]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for unit_pk, name, sort_order, person_pk, delegated, state, overdue, n in rows:
        unit_id, person_id = unit_pk or None, person_pk or None
        group = groups.get((unit_id, person_id, delegated))
        if group is None:
            group = groups[unit_id, person_id, delegated] = {
                "tracking_unit_id": unit_id, "tracking_unit__name": name,
                "tracking_unit__sort_order": sort_order, "assignee_user_id": person_id,
                "delegated_within_unit": delegated,
                "assigned": 0, "on_time": 0, "late": 0, "open": 0, "overdue": 0}
        group["assigned"] += n
        if state in ("on_time", "late", "open"):
            group[state] += n
        if overdue:
            group["overdue"] += n
    return list(groups.values())
