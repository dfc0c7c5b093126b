"""Statements compiled once per person and date, then only run.

A page's lists and counters are read afresh on every request, but building their SQL from
the apps' querysets (visibility rules, filters, joins) costs more Python than running it:
2-5 ms per queryset against 1-2 ms of SQL at 1,000,000 documents. What such a statement
says depends only on who the person is (id, roles, unit, agency, plus what
`person_key_register`ed readers return, such as the units they head), on the date and on
the builder's own arguments, so it is compiled once per such key and process, and then
only run: every figure and row is still read from the database on each request.

A builder that reads the database while it builds would make its key incomplete (what it
read could change); such a statement is used once and never remembered (see `remembered`).
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from threading import Lock
from typing import Any, Generic, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.utils import timezone, translation

T = TypeVar("T")
M = TypeVar("M", bound=Model)

_KEY_PARTS: list[Callable[[Any], Hashable]] = []
_REMEMBERED: dict[tuple[Any, ...], Any] = {}
_MAX = 2048  # ≈ 8–20 KB each (measured): at most a few tens of MB per process
_LOCK = Lock()


def person_key_register(part: Callable[[Any], Hashable]) -> None:
    """Something besides the person's own fields that statements are built from (read before
    they are built, so building them reads nothing), e.g. the units the person heads."""
    if part not in _KEY_PARTS:
        _KEY_PARTS.append(part)
        compiled_clear()


def compiled_clear() -> None:
    with _LOCK:
        _REMEMBERED.clear()


def person_key(user: Any) -> tuple[Any, ...]:
    """Everything about the person and the day that a statement may be built from."""
    return (user.pk, tuple(sorted(user.roles or ())), user.is_superuser, user.is_staff,
            user.unit_id, user.agency_id, timezone.localdate(), translation.get_language(),
            *(part(user) for part in _KEY_PARTS))


def remembered(key: tuple[Any, ...], make: Callable[[], T]) -> T:
    """`make()` once per key and process; not remembered when it read the database."""
    found = _REMEMBERED.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    reads: list[str] = []

    def watch(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        reads.append(sql)
        return execute(sql, params, many, context)

    with connections["default"].execute_wrapper(watch):
        made = make()
    if not reads:
        with _LOCK:
            if len(_REMEMBERED) >= _MAX:
                _REMEMBERED.clear()
            _REMEMBERED[key] = made
    return made


@dataclass(frozen=True)
class CompiledRows(Generic[M]):
    """A queryset's SQL with what turns its rows into model instances (select_related and
    annotations included) or, for `values_list()`, into tuples; to be run again and again.

    Only what reading rows needs is kept (column positions, converters, the select_related
    populators), not the queryset's query tree: that tree is most of a compiled statement's
    memory (≈ 100 KB for a list with visibility rules), and a process keeps many."""

    db: str
    sql: str
    params: tuple[Any, ...]
    tuples: bool  # values_list(): tuples (Django 5.2 selects the columns in the order asked)
    width: int | None  # trim each row to this many columns (extra select), else None
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]  # (position, functions, expr)
    model: Any = None
    init_list: tuple[str, ...] = ()
    start: int = 0
    end: int = 0
    populators: tuple[Any, ...] = ()
    annotations: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, queryset: QuerySet[M]) -> "CompiledRows[M]":
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError("prefetch_related and related managers are not compiled")
        tuples = queryset._iterable_class is ValuesListIterable
        if not tuples and queryset._iterable_class is not ModelIterable:
            raise ValueError("only model instances and values_list() tuples are compiled")
        db = queryset.db
        compiler = queryset.query.get_compiler(using=db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return cls(db=db, sql="", params=(), tuples=tuples, width=None, converters=())
        fields = [column[0] for column in compiler.select[0:compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ValueError("composite fields are not compiled")
        converters = tuple((position, tuple(functions), expression) for position,
                           (functions, expression) in compiler.get_converters(fields).items())
        common = {"db": db, "sql": sql, "params": tuple(params), "tuples": tuples,
                  "width": compiler.col_count if compiler.has_extra_select else None,
                  "converters": converters}
        if tuples:
            return cls(**common)
        # What ModelIterable works out from a freshly compiled query.
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        return cls(**common, model=klass_info["model"],
                   init_list=tuple(column[0].target.attname for column in select[start:end]),
                   start=start, end=end,
                   populators=tuple(get_related_populators(klass_info, select, db)),
                   annotations=tuple((compiler.annotation_col_map or {}).items()))

    def _rows(self) -> list[Any]:
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            rows = cursor.fetchall()
        if self.width is not None:
            rows = [row[:self.width] for row in rows]
        if not self.converters:
            return rows
        converted = []
        for row in rows:  # SQLCompiler.apply_converters
            values = list(row)
            for position, functions, expression in self.converters:
                value = values[position]
                for function in functions:
                    value = function(value, expression, connection)
                values[position] = value
            converted.append(values)
        return converted

    def run(self) -> list[Any]:
        if not self.sql:
            return []
        rows = self._rows()
        if self.tuples:
            return [tuple(row) for row in rows]
        instances = []
        model, init_list, start, end = self.model, list(self.init_list), self.start, self.end
        for row in rows:  # ModelIterable.__iter__
            instance = model.from_db(self.db, init_list, row[start:end])
            for populator in self.populators:
                populator.populate(row, instance)
            for name, position in self.annotations:
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances


def rows_for(build: Callable[..., QuerySet[M]], user: Any, *args: Hashable) -> list[M]:
    """The rows of `build(user, *args)`, compiled once per person, date and args.

    `build` must be a module-level function whose queryset depends only on the person (see
    `person_key`) and on `args` (dates, filters, limits); slice inside it.
    """
    statement: CompiledRows[M] = remembered(
        (build, person_key(user), args), lambda: CompiledRows.of(build(user, *args)))
    return statement.run()
