"""Several counts in one round trip: the navigation's live counters on every page."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet


@dataclass(frozen=True)
class Capped:
    """Count at most `cap + 1` rows: for a figure shown as "99+" past its cap, where reading a
    person's every unread notification only to print "99+" would cost more than the page."""

    queryset: QuerySet[Any]
    cap: int


Countable = QuerySet[Any] | Capped | int


@dataclass(frozen=True)
class CountStatement:
    """Counts compiled to one SQL statement: run it as often as needed, the figures are read
    afresh each time. `fixed` holds the ints (and 0 for what can match nothing); `positions`
    says which figures the statement's columns fill."""

    sql: str
    params: tuple[Any, ...]
    positions: tuple[int, ...]
    fixed: tuple[int, ...]

    def run(self) -> list[int]:
        results = list(self.fixed)
        if self.positions:
            with connection.cursor() as cursor:
                cursor.execute(self.sql, self.params)
                row = cursor.fetchone()
            for position, count in zip(self.positions, row, strict=True):
                results[position] = int(count)
        return results


def count_label(count: int, cap: int) -> str:
    return f"{cap}+" if count > cap else str(count)


def counts_compile(countables: Sequence[Countable]) -> CountStatement:
    """One statement counting each queryset (ints pass through).

    Each queryset becomes a scalar subquery `(SELECT COUNT(*) FROM (<its SQL>) …)`, so the
    planner treats each as it would its own `.count()`; the page pays one round trip and one
    Django query instead of one per counter.
    """
    fixed = [value if isinstance(value, int) else 0 for value in countables]
    parts: list[str] = []
    params: list[Any] = []
    positions: list[int] = []
    for position, value in enumerate(countables):
        if isinstance(value, int):
            continue
        queryset, limit = ((value.queryset, value.cap + 1) if isinstance(value, Capped)
                           else (value, None))
        if queryset.query.is_empty():
            continue
        try:
            sql, sql_params = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            continue
        if limit is not None:
            sql, sql_params = f"{sql} LIMIT %s", (*sql_params, limit)
        # The SQL is Django's own compilation of the queryset, its values stay parameters.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{len(parts)})")  # noqa: S608
        params.extend(sql_params)
        positions.append(position)
    return CountStatement(sql="SELECT " + ", ".join(parts) if parts else "",
                          params=tuple(params), positions=tuple(positions), fixed=tuple(fixed))


def counts_fetch(countables: Sequence[Countable]) -> list[int]:
    """The size of each queryset (ints pass through), with one SQL statement for all."""
    return counts_compile(countables).run()
