"""Several counts in one round trip: the navigation's live counters on every page."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

Countable = QuerySet[Any] | int


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
        if isinstance(value, int) or value.query.is_empty():
            continue
        try:
            sql, sql_params = value.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            continue
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
