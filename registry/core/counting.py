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


def count_label(count: int, cap: int) -> str:
    return f"{cap}+" if count > cap else str(count)


def counts_fetch(countables: Sequence[Countable]) -> list[int]:
    """The size of each queryset (ints pass through), with one SQL statement for all.

    Each queryset becomes a scalar subquery `(SELECT COUNT(*) FROM (<its SQL>) …)`, so the
    planner treats each as it would its own `.count()`; the page pays one round trip and one
    Django query instead of one per counter.
    """
    results: list[int] = [value if isinstance(value, int) else 0 for value in countables]
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
    if parts:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            row = cursor.fetchone()
        for position, count in zip(positions, row, strict=True):
            results[position] = int(count)
    return results
