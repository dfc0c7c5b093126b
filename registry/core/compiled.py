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
_MAX = 8192
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
    annotations included) or, for `values_list()`, into tuples; to be run again and again."""

    db: str
    sql: str
    params: tuple[Any, ...]
    compiler: Any
    tuples: bool  # values_list(): tuples (Django 5.2 selects the columns in the order asked)

    @classmethod
    def of(cls, queryset: QuerySet[M]) -> "CompiledRows[M]":
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError("prefetch_related and related managers are not compiled")
        tuples = queryset._iterable_class is ValuesListIterable
        if not tuples and queryset._iterable_class is not ModelIterable:
            raise ValueError("only model instances and values_list() tuples are compiled")
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            sql, params = "", ()
        return cls(db=queryset.db, sql=sql, params=tuple(params), compiler=compiler,
                   tuples=tuples)

    def run(self) -> list[Any]:
        if not self.sql:
            return []
        compiler = self.compiler
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, self.params)
            rows = cursor.fetchall()
        if compiler.has_extra_select:
            rows = [row[:compiler.col_count] for row in rows]
        if self.tuples:
            return list(compiler.results_iter(results=[rows], tuple_expected=True))
        # What ModelIterable does with the rows of a freshly compiled query.
        select, klass_info = compiler.select, compiler.klass_info
        model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [field[0].target.attname for field in select[start:end]]
        populators = get_related_populators(klass_info, select, self.db)
        annotations = compiler.annotation_col_map
        instances = []
        for row in compiler.results_iter(results=[rows]):
            instance = model.from_db(self.db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in (annotations or {}).items():
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
