"""A condition in SQL with its parameters, combined with AND / OR: how the search writes its
statements (built as text once per search instead of compiling querysets for every tier)."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Sql:
    text: str
    params: tuple[Any, ...] = ()

    @property
    def is_true(self) -> bool:
        return self.text == "TRUE"

    @property
    def is_false(self) -> bool:
        return self.text == "FALSE"


TRUE = Sql("TRUE")
FALSE = Sql("FALSE")


def sql(text: str, *params: Any) -> Sql:
    return Sql(text, tuple(params))


def _params(parts: Iterable[Sql]) -> tuple[Any, ...]:
    return tuple(param for part in parts for param in part.params)


def all_of(*parts: Sql) -> Sql:
    """AND, left to right (PostgreSQL evaluates a boolean expression in the order written)."""
    if any(part.is_false for part in parts):
        return FALSE
    kept = [part for part in parts if not part.is_true]
    if not kept:
        return TRUE
    if len(kept) == 1:
        return kept[0]
    return Sql("(" + " AND ".join(part.text for part in kept) + ")", _params(kept))


def any_of(*parts: Sql) -> Sql:
    """OR, left to right: cheap column tests first, subqueries after."""
    if any(part.is_true for part in parts):
        return TRUE
    kept = [part for part in parts if not part.is_false]
    if not kept:
        return FALSE
    if len(kept) == 1:
        return kept[0]
    return Sql("(" + " OR ".join(part.text for part in kept) + ")", _params(kept))


def negate(part: Sql) -> Sql:
    if part.is_true:
        return FALSE
    if part.is_false:
        return TRUE
    return Sql(f"NOT ({part.text})", part.params)
