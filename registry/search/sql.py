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


def _joined(parts: tuple[Sql, ...], operator: str, absorbing: Sql, neutral: Sql) -> Sql:
    """`parts` joined by AND or OR, in the order given: `absorbing` (FALSE for AND, TRUE for
    OR) decides the whole, `neutral` parts are left out."""
    if any(part.text == absorbing.text for part in parts):
        return absorbing
    kept = [part for part in parts if part.text != neutral.text]
    if not kept:
        return neutral
    if len(kept) == 1:
        return kept[0]
    return Sql("(" + f" {operator} ".join(part.text for part in kept) + ")", _params(kept))


def all_of(*parts: Sql) -> Sql:
    """AND, left to right (PostgreSQL evaluates a boolean expression in the order written)."""
    return _joined(parts, "AND", FALSE, TRUE)


def any_of(*parts: Sql) -> Sql:
    """OR, left to right: cheap column tests first, subqueries after."""
    return _joined(parts, "OR", TRUE, FALSE)


def negate(part: Sql) -> Sql:
    if part.is_true:
        return FALSE
    if part.is_false:
        return TRUE
    return Sql(f"NOT ({part.text})", part.params)
