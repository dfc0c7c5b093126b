"""The SQL of a search: which rows make each tier, the filters, and one statement per tier.

Tiers, best first, each read newest first so PostgreSQL can stop after one page:
  3  the exact number/symbol (our outgoing notation, or the sender's on incoming documents);
  2  every word in the document's own text;
  1  every word in the content of one of its assignments (and not in the document);
  0  every word but one (queries of three words or more).
Conditions are written over `<table> d` (registry/search/sql.py); visibility comes from
visibility.py; how a tier is read (WALK or INDEX) from plans.py.
"""

# ruff: noqa: S608 (SQL text built from code and the models' names; every value is a parameter)

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from registry.incoming.models import IncomingDocument
from registry.outgoing.models import OutgoingDocument

from .models import AssignmentText
from .params import KIND_INCOMING, KIND_OUTGOING, SearchParams
from .plans import INDEX, WALK, index_tsquery, ts_indexed, ts_match, walk_cap
from .query import ALL, ALL_BUT_ONE
from .sql import TRUE, Sql, all_of, negate, sql

TIER_NOTATION, TIER_TEXT, TIER_ASSIGNMENT, TIER_PARTIAL = 3, 2, 1, 0


@dataclass(frozen=True)
class Kind:
    """One kind of document: its table, the date results sort by, its place at equal dates
    (incoming rows sort before outgoing ones: a total order)."""

    name: str
    model: Any
    sort: str
    order: int

    @property
    def table(self) -> str:
        return str(self.model._meta.db_table)


INCOMING = Kind(KIND_INCOMING, IncomingDocument, "d.received_at", 1)
OUTGOING = Kind(KIND_OUTGOING, OutgoingDocument, "COALESCE(d.issued_at, d.created_at)", 0)
KINDS = {kind.name: kind for kind in (INCOMING, OUTGOING)}
TEXTS = AssignmentText._meta.db_table


@dataclass(frozen=True)
class Reading:
    """A tier's rows for one kind.

    `walk` is the tier's own test on a row, in the form the walk uses (or an equality a btree
    serves); `index` the same set in the form the GIN index serves (None: the planner's own
    plan), `index_check` the exact test on what that looser index query hands over, and
    `indexed` what it hands over, tested on a row (for the sample that chooses between the
    two). `rest` excludes the rows of higher tiers (cheap tests on the row); `later` does so
    with subqueries on the assignments' texts, checked after visibility (statement()).
    """

    walk: Sql
    index: Sql | None = None
    index_check: Sql = TRUE
    rest: Sql = TRUE
    later: Sql = TRUE
    index_later: Sql | None = None  # `later` for the index's form, when it differs
    indexed: Sql | None = None


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def date_range(kind: Kind, params: SearchParams) -> Sql:
    """The filters on the date the results are sorted by: a range of the date index."""
    parts = []
    if params.year:
        parts += [sql(f"{kind.sort} >= %s", _day_start(dt.date(params.year, 1, 1))),
                  sql(f"{kind.sort} < %s", _day_start(dt.date(params.year + 1, 1, 1)))]
    if params.date_from:
        parts.append(sql(f"{kind.sort} >= %s", _day_start(params.date_from)))
    if params.date_to:
        parts.append(sql(f"{kind.sort} < %s",
                         _day_start(params.date_to + dt.timedelta(days=1))))
    return all_of(*parts)


def other_filters(kind: Kind, params: SearchParams) -> Sql:
    parts = []
    if params.register is not None:
        parts.append(sql("d.register_id = %s", params.register.pk))
    if params.document_type_id:
        parts.append(sql("d.document_type_id = %s", params.document_type_id))
    if params.sender_id and kind is INCOMING:
        parts.append(sql("d.sender_id = %s", params.sender_id))
    if params.status:
        parts.append(sql("d.status = %s", params.status))
    if params.urgency:
        parts.append(sql("d.urgency = %s", params.urgency))
    return all_of(*parts)


def _texts_of(kind: Kind, condition: Sql, *, negated: bool = False) -> Sql:
    """EXISTS (an assignment of this document whose content matches), per row."""
    content_type = ContentType.objects.get_for_model(kind.model).pk
    return Sql(f"{'NOT ' if negated else ''}EXISTS (SELECT 1 FROM {TEXTS} t "
               f"WHERE t.source_type_id = %s AND t.source_id = d.id AND {condition.text} "
               "OFFSET 0)", (content_type, *condition.params))


def _indexed(column: str, text: str) -> Sql:
    return sql(f"{column} @@ to_tsquery('simple', %s)", text)


def reading(tier: int, kind: Kind, params: SearchParams) -> Reading | None:
    """Which rows belong to a tier (and to no higher one); None when the tier is empty."""
    query = params.query
    not_notation = negate(sql("d.notation_normalised = %s", query.notation)) \
        if query.notation else TRUE
    if tier == TIER_NOTATION:
        return Reading(walk=sql("d.notation_normalised = %s", query.notation)) \
            if query.notation else None
    if query.is_empty:
        # Filters alone: everything they select, as one tier.
        return Reading(walk=TRUE) if tier == TIER_TEXT and not query.notation else None
    in_text = ts_match("d.search_vector", query.all_words)
    if tier == TIER_TEXT:
        asked = index_tsquery(query, ALL, kind.table, "search_vector")
        return Reading(walk=in_text, index=_indexed("d.search_vector", asked),
                       index_check=TRUE if asked == query.all_words else in_text,
                       rest=not_notation, indexed=ts_match("d.search_vector", asked))
    in_assignments = ts_match("t.vector", query.all_words)
    rest = all_of(negate(in_text), not_notation)
    if tier == TIER_ASSIGNMENT:
        asked = index_tsquery(query, ALL, TEXTS, "vector")
        content_type = ContentType.objects.get_for_model(kind.model).pk
        sources = ts_indexed("t.vector", query, ALL, asked)
        in_sources = Sql(f"d.id IN (SELECT t.source_id FROM {TEXTS} t "
                         f"WHERE t.source_type_id = %s AND {sources.text})",
                         (content_type, *sources.params))
        # The walk tests the assignments' texts on each row (it has no cheaper test of its
        # own); after visibility, so only on the rows the user may see.
        return Reading(walk=TRUE, index=in_sources, rest=rest,
                       later=_texts_of(kind, in_assignments), index_later=TRUE,
                       indexed=_texts_of(kind, ts_match("t.vector", asked)))
    if not query.all_but_one:
        return None
    asked = index_tsquery(query, ALL_BUT_ONE, kind.table, "search_vector")
    partial = ts_match("d.search_vector", query.all_but_one)
    return Reading(walk=partial, index=_indexed("d.search_vector", asked),
                   index_check=TRUE if asked == query.all_but_one else partial, rest=rest,
                   later=_texts_of(kind, in_assignments, negated=True),
                   indexed=ts_match("d.search_vector", asked))


def _tested(found: Reading, strategy: str, visible: Sql) -> Sql:
    """A tier's test on a row: its own (walk's or index's form), then, in this order whatever
    the planner estimates each costs, the cheap tests, visibility and the subqueries on the
    assignments' texts. A CASE fixes the order: with the texts' table empty (a new
    installation), PostgreSQL priced `NOT EXISTS` over it at nothing and ran it first on
    every row a walk passed (33,000 rows, 40 ms)."""
    later = found.later
    if strategy == INDEX and found.index is not None:
        head, check = found.index, all_of(found.index_check, found.rest)
        later = later if found.index_later is None else found.index_later
    else:
        head, check = found.walk, found.rest
    after_check = all_of(visible, later)
    if check.is_true:
        return all_of(head, after_check)
    return all_of(head, Sql(f"CASE WHEN {check.text} THEN {after_check.text} ELSE FALSE END",
                            (*check.params, *after_check.params)))


def after(kind: Kind, sort_at: dt.datetime, kind_order: int, pk: int) -> Sql:
    """Keyset: rows after the cursor in (sort_at, kind order, id) descending."""
    if kind.order < kind_order:
        return sql(f"{kind.sort} <= %s", sort_at)
    if kind.order > kind_order:
        return sql(f"{kind.sort} < %s", sort_at)
    return sql(f"({kind.sort}, d.id) < (%s, %s)", sort_at, pk)


@dataclass(frozen=True)
class Part:
    """One kind's share of a tier's statement: `before` holds the conditions an index may
    serve (date range, filters, keyset), `visible` who may see the row."""

    kind: Kind
    found: Reading
    strategy: str
    visible: Sql
    before: Sql


def _walk(part: Part, limit: int) -> Sql:
    kind = part.kind
    where = all_of(part.before, _tested(part.found, WALK, part.visible))
    return Sql(f"SELECT d.id, {kind.sort} AS sort_at FROM {kind.table} d WHERE {where.text} "
               f"ORDER BY {kind.sort} DESC, d.id DESC LIMIT %s", (*where.params, limit))


def _index(part: Part, limit: int, older: Sql = TRUE) -> Sql:
    # OFFSET 0: the matches are planned as a set of their own (the word index), never as a
    # walk of the date index that the ORDER BY … LIMIT would tempt the planner to.
    kind = part.kind
    where = all_of(part.before, older, _tested(part.found, INDEX, part.visible))
    return Sql(f"SELECT id, sort_at FROM (SELECT d.id, {kind.sort} AS sort_at "
               f"FROM {kind.table} d WHERE {where.text} OFFSET 0) m "
               "ORDER BY sort_at DESC, id DESC LIMIT %s", (*where.params, limit))


def _capped(part: Part, limit: int, rows: int) -> Sql:
    """The newest `rows` rows walked and tested; if they hold fewer than `limit` hits, the
    word index for the rows older than the last one walked. UNION ALL runs its branches one
    after the other (an Append; the search's transaction allows no parallel plan, which could
    interleave them) and the LIMIT stops it: the walk stops at `limit` hits, and the index is
    read only when the walk fell short."""
    kind = part.kind
    test = _tested(part.found, WALK, part.visible)
    walked = Sql(f"SELECT d.id, {kind.sort} AS sort_at, {test.text} AS hit "
                 f"FROM {kind.table} d WHERE {part.before.text} "
                 f"ORDER BY {kind.sort} DESC, d.id DESC LIMIT %s",
                 (*test.params, *part.before.params, rows))
    last = Sql(f"({kind.sort}, d.id) < (SELECT {kind.sort}, d.id FROM {kind.table} d "
               f"WHERE {part.before.text} ORDER BY {kind.sort} DESC, d.id DESC "
               "OFFSET %s LIMIT 1)", (*part.before.params, rows - 1))
    rest = _index(part, limit, older=last)
    return Sql(f"SELECT id, sort_at FROM (SELECT id, sort_at FROM ({walked.text}) w WHERE hit "
               f"UNION ALL ({rest.text})) c LIMIT %s", (*walked.params, *rest.params, limit))


def _select(part: Part, limit: int) -> Sql:
    """One kind's rows of a tier: ids and dates, newest first, at most `limit`."""
    rows = walk_cap(part.strategy)
    if part.found.index is None or part.strategy == WALK:
        return _walk(part, limit)
    if rows is not None:
        return _capped(part, limit, rows)
    return _index(part, limit)


def tier_statement(parts: list[Part], limit: int) -> Sql:
    """Rows (kind order, id, date) of one tier for one or two kinds, in one statement.

    The second kind reads only rows that sort before the first kind's last one when the
    first filled the page (its walk stops at that date): the bound is an InitPlan over the
    first kind's rows, used as a condition of the second's date index.
    """
    first, *rest = parts
    head = _select(first, limit)
    if not rest:
        return Sql(f"SELECT {first.kind.order}, id, sort_at FROM ({head.text}) f", head.params)
    (second,) = rest
    operator = ">=" if second.kind.order > first.kind.order else ">"
    bound = Sql(f"{second.kind.sort} {operator} COALESCE((SELECT min(sort_at) FROM f "
                "HAVING count(*) >= %s), '-infinity'::timestamptz)", (limit,))
    tail = _select(Part(second.kind, second.found, second.strategy, second.visible,
                        all_of(bound, second.before)), limit)
    return Sql(f"WITH f AS ({head.text}) SELECT {first.kind.order}, id, sort_at FROM f "
               f"UNION ALL SELECT {second.kind.order}, id, sort_at FROM ({tail.text}) s",
               (*head.params, *tail.params))
