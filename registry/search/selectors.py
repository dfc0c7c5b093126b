"""The search itself: permission-scoped, ranked in tiers, newest first, keyset pages.

Ranking is by tiers, each read newest first so PostgreSQL can stop after one page
(registry/search/tiers.py). A continuous score (ts_rank) would have to be computed for every
match before the first row is returned; for a common word over a million documents that is
seconds, not milliseconds (docs/search.md has the measurements).

The statements are written in SQL (tiers.py, visibility.py), not compiled from querysets:
building and compiling the visibility selectors' conditions cost 1–2 ms for each of a
search's up to eight tier queries, more than most of those queries took to run.
"""

# ruff: noqa: S608 (SQL text built from code and the models' names; every value is a parameter)

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection

from registry.incoming.models import IncomingStatus
from registry.organisation.models import DocumentType
from registry.outgoing.models import OutgoingStatus

from . import plans
from .params import KIND_INCOMING, KIND_OUTGOING, SearchParams
from .plans import (
    WALK,
    Sample,
    SamplePart,
    plan_key,
    sample_take,
    samples_for,
    search_session,
    table_rows,
)
from .sql import TRUE, Sql, all_of
from .tiers import (
    KINDS,
    TIER_ASSIGNMENT,
    TIER_NOTATION,
    TIER_PARTIAL,
    Kind,
    Part,
    Reading,
    after,
    date_range,
    other_filters,
    reading,
    tier_statement,
)
from .visibility import visible_sql

# Within a tier and an instant, incoming rows sort before outgoing ones (a total order).
KIND_ORDER = {name: kind.order for name, kind in KINDS.items()}
KIND_BY_ORDER = {kind.order: kind for kind in KINDS.values()}
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICROSECOND = dt.timedelta(microseconds=1)
STATUSES = {KIND_INCOMING: set(IncomingStatus.values), KIND_OUTGOING: set(OutgoingStatus.values)}


@dataclass(frozen=True)
class Found:
    """A row of one tier's query: which document, where it sorts (loaded afterwards)."""

    kind: str
    tier: int
    pk: int
    sort_at: dt.datetime

    @property
    def key(self) -> tuple[dt.datetime, int, int]:
        return (self.sort_at, KIND_ORDER[self.kind], self.pk)


@dataclass(frozen=True)
class Hit:
    kind: str
    tier: int
    document: Any
    sort_at: dt.datetime

    @property
    def key(self) -> tuple[dt.datetime, int, int]:
        return (self.sort_at, KIND_ORDER[self.kind], self.document.pk)


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after this hit, in this tier; `shown` counts the results
    of the pages before (for the "results 21–40" label; None in a cursor of issue 6)."""

    tier: int
    sort_at: dt.datetime
    kind_order: int
    pk: int
    shown: int | None = None

    def encode(self) -> str:
        micros = (self.sort_at - EPOCH) // MICROSECOND
        text = f"{self.tier}.{self.kind_order}.{micros}.{self.pk}"
        return text if self.shown is None else f"{text}.{self.shown}"

    @classmethod
    def decode(cls, text: str | None) -> "Cursor | None":
        parts = (text or "").split(".")
        if len(parts) not in (4, 5):
            return None
        try:
            tier, kind_order, micros, pk, *rest = (int(part) for part in parts)
        except ValueError:
            return None
        shown = rest[0] if rest else None
        if tier not in (0, 1, 2, 3) or kind_order not in (0, 1) or pk <= 0 \
                or (shown is not None and shown < 0):
            return None
        try:
            moment = EPOCH + micros * MICROSECOND
        except OverflowError:
            return None
        return cls(tier=tier, sort_at=moment, kind_order=kind_order, pk=pk, shown=shown)

    @classmethod
    def after(cls, item: "Found", *, shown: int | None = None) -> "Cursor":
        return cls(tier=item.tier, sort_at=item.sort_at, kind_order=KIND_ORDER[item.kind],
                   pk=item.pk, shown=shown)


@dataclass(frozen=True)
class SearchPage:
    hits: list[Hit]
    next_cursor: str | None
    # Results on the pages before this one (0 on the first page; None when not known).
    shown_before: int | None = 0

    @property
    def first_number(self) -> int | None:
        return None if self.shown_before is None or not self.hits else self.shown_before + 1

    @property
    def last_number(self) -> int | None:
        return None if self.shown_before is None else self.shown_before + len(self.hits)


def _wanted(kind: str, params: SearchParams) -> bool:
    return params.wants(kind) and not (params.status and params.status not in STATUSES[kind])


class _Loaded:
    """How the page's documents of one kind are read in SQL and made into model instances
    (the columns select_related would read, without the search text and its vector)."""

    SKIPPED = ("search_folded", "search_vector")

    def __init__(self, model: Any) -> None:
        self.model = model
        self.fields = [field for field in model._meta.concrete_fields
                       if field.attname not in self.SKIPPED]
        self.names = frozenset(field.attname for field in self.fields)
        self.type_fields = DocumentType._meta.concrete_fields
        self.type_names = [field.attname for field in self.type_fields]
        columns = [f"d.{field.column}" for field in self.fields] + \
            [f"t.{field.column}" for field in self.type_fields]
        self.statement = (f"SELECT {', '.join(columns)} FROM {model._meta.db_table} d "
                          f"JOIN {DocumentType._meta.db_table} t ON t.id = d.document_type_id "
                          "WHERE d.id = ANY(%s)")
        self.set_type = model._meta.get_field("document_type").set_cached_value

    def rows(self, pks: list[int]) -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(self.statement, [pks])
            rows = cursor.fetchall()
        width = len(self.fields)
        documents = []
        for row in rows:
            document = self.model.from_db(connection.alias, self.names, row[:width])
            self.set_type(document, DocumentType.from_db(connection.alias, self.type_names,
                                                         row[width:]))
            documents.append(document)
        return documents


_LOADERS: dict[str, _Loaded] = {}


def _documents(found: list[Found]) -> dict[tuple[str, int], Any]:
    """The page's documents by id, one query per kind. The ids come from the tiers' queries,
    which checked visibility, in the same transaction."""
    loaded: dict[tuple[str, int], Any] = {}
    for name, kind in KINDS.items():
        pks = [item.pk for item in found if item.kind == name]
        if not pks:
            continue
        loader = _LOADERS.get(name)
        if loader is None:
            loader = _LOADERS[name] = _Loaded(kind.model)
        loaded.update(((name, document.pk), document) for document in loader.rows(pks))
    return loaded


def _strategies(user: Any, tier: int, readings: dict[str, Reading], params: SearchParams,
                visible: dict[str, Sql], limit: int) -> dict[str, str]:
    """WALK or INDEX (or a capped walk) for each kind of this tier, from a sample of the rows
    (plans.py). Sampling the assignments' tier also samples the partial one: that is read
    next whenever the assignments' tier falls short, which it nearly always does."""
    query = params.query
    search = (query.words, query.prefix_last, query.notation,
              params.register.pk if params.register else None, params.year, params.date_from,
              params.date_to, params.document_type_id, params.sender_id, params.status,
              params.urgency)
    choosing = {name: found for name, found in readings.items() if found.index is not None}
    chosen = {name: WALK for name in readings if name not in choosing}
    if not choosing:
        return chosen
    wanted = {(tier, name): found for name, found in choosing.items()}
    if tier == TIER_ASSIGNMENT:
        wanted.update(((TIER_PARTIAL, name), found) for name in choosing
                      if (found := reading(TIER_PARTIAL, KINDS[name], params)) is not None
                      and found.index is not None)
    keys = {each: plan_key(user, each[1], each[0], search) for each in wanted}

    def measure(names: list[tuple[int, str]]) -> dict[tuple[int, str], Sample]:
        parts = {}
        for each in names:
            kind, found = KINDS[each[1]], wanted[each]
            parts[each] = SamplePart(
                table=kind.table, in_range=date_range(kind, params),
                condition=all_of(found.walk, found.rest, other_filters(kind, params),
                                 found.later),
                visible=visible[kind.name], indexed=found.indexed or TRUE)
        return sample_take(parts)

    now = {each: key for each, key in keys.items() if each[0] == tier}
    later = {each: key for each, key in keys.items() if each[0] != tier}
    samples = samples_for(now, measure, also=later)
    for (_tier, name), sample in samples.items():
        chosen[name] = plans.choose(sample, limit=limit,
                                    total=table_rows(KINDS[name].table)[0])
    return chosen


def _tier_found(user: Any, kinds: list[Kind], visible: dict[str, Sql], tier: int,
                params: SearchParams, cursor: Cursor | None, limit: int) -> list[Found]:
    """One tier's rows for every kind, in one statement."""
    readings = {kind.name: found for kind in kinds
                if (found := reading(tier, kind, params)) is not None}
    if not readings:
        return []
    strategies = _strategies(user, tier, readings, params, visible, limit)
    parts = []
    for kind in kinds:
        if kind.name not in readings:
            continue
        keyset = after(kind, cursor.sort_at, cursor.kind_order, cursor.pk) \
            if cursor is not None and cursor.tier == tier else TRUE
        parts.append(Part(kind, readings[kind.name], strategies[kind.name], visible[kind.name],
                          all_of(date_range(kind, params), other_filters(kind, params),
                                 keyset)))
    statement = tier_statement(parts, limit)
    with connection.cursor() as db:
        db.execute(statement.text, list(statement.params))
        rows = db.fetchall()
    found_rows = [Found(kind=KIND_BY_ORDER[order].name, tier=tier, pk=pk, sort_at=sort_at)
                  for order, pk, sort_at in rows]
    found_rows.sort(key=lambda item: item.key, reverse=True)
    return found_rows[:limit]


def _tiers_from(cursor: Cursor | None) -> Iterator[int]:
    start = cursor.tier if cursor is not None else TIER_NOTATION
    return iter(range(start, TIER_PARTIAL - 1, -1))


def search_documents(user: Any, params: SearchParams, *, cursor: str | None = None,
                     size: int = 20) -> SearchPage:
    """One page of what the user may see that matches, best tier first, newest first.

    One statement per tier (both kinds, each `ORDER BY sort_at DESC LIMIT` returning ids
    and dates), then one per kind for the page's documents: a fixed number of queries
    whatever the number of matches (plus, the first time a search is seen in ten minutes,
    one sample per tier that chooses how to read it).
    """
    position = Cursor.decode(cursor)
    shown_before = (position.shown if position is not None else 0) if cursor else 0
    if params.is_empty:
        return SearchPage(hits=[], next_cursor=None)
    visible = {name: visible_sql(user, name) for name in KINDS if _wanted(name, params)}
    kinds = [KINDS[name] for name, condition in visible.items() if not condition.is_false]
    if not kinds:  # nothing the user may see is asked for
        return SearchPage(hits=[], next_cursor=None, shown_before=shown_before)
    found: list[Found] = []
    with search_session():
        for tier in _tiers_from(position):
            found.extend(_tier_found(user, kinds, visible, tier, params, position,
                                     size + 1 - len(found)))
            if len(found) > size:
                break
        more = len(found) > size
        found = found[:size]
        documents = _documents(found)
    hits = [Hit(kind=item.kind, tier=item.tier, document=documents[(item.kind, item.pk)],
                sort_at=item.sort_at) for item in found if (item.kind, item.pk) in documents]
    shown = None if shown_before is None else shown_before + len(hits)
    next_cursor = Cursor.after(found[-1], shown=shown).encode() if more else None
    return SearchPage(hits=hits, next_cursor=next_cursor, shown_before=shown_before)
