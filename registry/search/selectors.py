"""The search itself: permission-scoped, ranked in tiers, newest first, keyset pages.

Ranking is by tiers, each read newest first so PostgreSQL can stop after one page:
  3  the exact number/symbol (our outgoing notation, or the sender's on incoming documents);
  2  every word in the document's own text;
  1  every word in the content of one of its assignments (and not in the document);
  0  every word but one (queries of three words or more).
A continuous score (ts_rank) would have to be computed for every match before the first
row is returned; for a common word over a million documents that is seconds, not
milliseconds (docs/search.md has the measurements).
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.incoming.selectors import incoming_visible_to
from registry.outgoing.models import OutgoingDocument, OutgoingStatus
from registry.outgoing.selectors import outgoing_visible_to

from .models import AssignmentText
from .params import KIND_INCOMING, KIND_OUTGOING, KINDS, SearchParams
from .plans import (
    INDEX,
    WALK,
    Sample,
    Session,
    index_tsquery,
    plan_for,
    plan_key,
    sample_rows,
    sample_take,
    search_session,
    table_rows,
    ts_indexed,
    ts_match,
)
from .query import ALL, ALL_BUT_ONE

TIER_NOTATION, TIER_TEXT, TIER_ASSIGNMENT, TIER_PARTIAL = 3, 2, 1, 0
# Within a tier and an instant, incoming rows sort before outgoing ones (a total order).
KIND_ORDER = {KIND_INCOMING: 1, KIND_OUTGOING: 0}
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


def _bounds(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _date_range(params: SearchParams) -> Q:
    """The filters on the date the results are sorted by: a range of the date index."""
    condition = Q()
    if params.year:
        condition &= Q(sort_at__gte=_bounds(dt.date(params.year, 1, 1)),
                       sort_at__lt=_bounds(dt.date(params.year + 1, 1, 1)))
    if params.date_from:
        condition &= Q(sort_at__gte=_bounds(params.date_from))
    if params.date_to:
        condition &= Q(sort_at__lt=_bounds(params.date_to + dt.timedelta(days=1)))
    return condition


def _other_filters(kind: str, params: SearchParams) -> Q:
    condition = Q()
    if params.register is not None:
        condition &= Q(register_id=params.register.pk)
    if params.document_type_id:
        condition &= Q(document_type_id=params.document_type_id)
    if params.sender_id and kind == KIND_INCOMING:
        condition &= Q(sender_id=params.sender_id)
    if params.status:
        condition &= Q(status=params.status)
    if params.urgency:
        condition &= Q(urgency=params.urgency)
    return condition


def _wanted(kind: str, params: SearchParams) -> bool:
    return params.wants(kind) and not (params.status and params.status not in STATUSES[kind])


def _visible(user: Any, kind: str) -> QuerySet[Any]:
    return incoming_visible_to(user) if kind == KIND_INCOMING else outgoing_visible_to(user)


def _sorted(qs: QuerySet[Any], kind: str) -> QuerySet[Any]:
    return qs.annotate(sort_at=F("received_at") if kind == KIND_INCOMING
                       else Coalesce("issued_at", "created_at"))


def _base(user: Any, kind: str, params: SearchParams) -> QuerySet[Any]:
    """The documents of one kind the user may see, with the filters (no joins: a tier's
    query returns ids and dates; the page's documents are loaded afterwards)."""
    return _sorted(_visible(user, kind), kind).filter(_date_range(params),
                                                     _other_filters(kind, params))


def _documents(found: list[Found]) -> dict[tuple[str, int], Any]:
    """The page's documents by id, one query per kind. The ids come from the tiers' queries,
    which start from the visibility selectors, in the same transaction; compiling those
    selectors' EXISTS conditions a third time would cost more than the whole SQL."""
    loaded: dict[tuple[str, int], Any] = {}
    for kind in KIND_ORDER:
        pks = [item.pk for item in found if item.kind == kind]
        if not pks:
            continue
        if kind == KIND_INCOMING:
            qs = IncomingDocument.objects.select_related("document_type", "register")
        else:
            qs = OutgoingDocument.objects.select_related("document_type", "register",
                                                         "drafting_unit")
        qs = qs.defer("search_folded", "search_vector")  # the page never shows them
        loaded.update(((kind, document.pk), document) for document in qs.filter(pk__in=pks))
    return loaded


@dataclass(frozen=True)
class Reading:
    """A tier's rows for one kind.

    `walk` tests the text on each row (read along the date index); `index` is the same set
    in a form the GIN index serves, and `indexed` the rows that index hands over (tested on
    a row, for the sample that chooses between the two). `index` None: no text, the
    planner's own plan (an equality on a btree, or filters alone).
    """

    walk: Q
    index: Q | None = None
    indexed: Q | None = None


def _assignment_texts(kind: str) -> QuerySet[AssignmentText]:
    model = IncomingDocument if kind == KIND_INCOMING else OutgoingDocument
    content_type = ContentType.objects.get_for_model(model)
    return AssignmentText.objects.filter(source_type_id=content_type.pk)


def _reading(tier: int, kind: str, params: SearchParams) -> Reading | None:
    """Which rows belong to a tier (and to no higher one); None when the tier is empty."""
    query = params.query
    table = (IncomingDocument if kind == KIND_INCOMING else OutgoingDocument)._meta.db_table
    not_notation = ~Q(notation_normalised=query.notation) if query.notation else Q()
    if tier == TIER_NOTATION:
        return Reading(walk=Q(notation_normalised=query.notation)) if query.notation else None
    if query.is_empty:
        # Filters alone: everything they select, as one tier.
        return Reading(walk=Q()) if tier == TIER_TEXT and not query.notation else None
    in_text = ts_match("search_vector", query.all_words)
    if tier == TIER_TEXT:
        asked = index_tsquery(query, ALL, table, "search_vector")
        return Reading(walk=in_text & not_notation,
                       index=ts_indexed("search_vector", query, ALL, asked) & not_notation,
                       indexed=ts_match("search_vector", asked))
    texts = _assignment_texts(kind)
    in_assignments = Exists(texts.filter(source_id=OuterRef("pk"))
                            .filter(ts_match("vector", query.all_words)))
    if tier == TIER_ASSIGNMENT:
        asked = index_tsquery(query, ALL, AssignmentText._meta.db_table, "vector")
        sources = texts.filter(ts_indexed("vector", query, ALL, asked)).values("source_id")
        return Reading(walk=Q(in_assignments) & ~in_text & not_notation,
                       index=Q(pk__in=sources) & ~in_text & not_notation,
                       indexed=Q(Exists(texts.filter(source_id=OuterRef("pk"))
                                        .filter(ts_match("vector", asked)))))
    if not query.all_but_one:
        return None
    rest = ~in_text & ~Q(in_assignments) & not_notation
    asked = index_tsquery(query, ALL_BUT_ONE, table, "search_vector")
    return Reading(walk=ts_match("search_vector", query.all_but_one) & rest,
                   index=ts_indexed("search_vector", query, ALL_BUT_ONE, asked) & rest,
                   indexed=ts_match("search_vector", asked))


def _after(kind: str, cursor: Cursor) -> Q:
    """Keyset: rows after the cursor in (sort_at, kind order, id) descending."""
    order = KIND_ORDER[kind]
    if order < cursor.kind_order:
        return Q(sort_at__lte=cursor.sort_at)
    if order > cursor.kind_order:
        return Q(sort_at__lt=cursor.sort_at)
    return Q(sort_at__lt=cursor.sort_at) | Q(sort_at=cursor.sort_at, pk__lt=cursor.pk)


def _strategy(user: Any, kind: str, tier: int, reading: Reading, params: SearchParams,
              limit: int, session: Session) -> str:
    """WALK or INDEX for this tier and kind, from a sample of the rows (plans.py)."""
    model = IncomingDocument if kind == KIND_INCOMING else OutgoingDocument
    query = params.query
    key = plan_key(user, kind, tier, (query.words, query.prefix_last, query.notation,
                                      params.register.pk if params.register else None,
                                      params.year, params.date_from, params.date_to,
                                      params.document_type_id, params.sender_id, params.status,
                                      params.urgency))

    def measure() -> Sample:
        session.use(WALK)  # the sample checks visibility row by row too
        rows = _sorted(model.objects.filter(sample_rows(model)), kind)
        return sample_take(rows, in_range=_date_range(params),
                           condition=reading.walk & _other_filters(kind, params),
                           visible=_visible(user, kind), indexed=reading.indexed or Q())

    return plan_for(key, measure, limit=limit, total=table_rows(model)[0])


def _newer(kind: str, last: Found) -> Q:
    """Rows that sort before `last` (of the other kind): once one kind has filled the page,
    the other needs only what is newer, and its walk stops at that date."""
    if KIND_ORDER[kind] > KIND_ORDER[last.kind]:
        return Q(sort_at__gte=last.sort_at)
    return Q(sort_at__gt=last.sort_at)


def _tier_found(user: Any, bases: dict[str, QuerySet[Any]], tier: int, params: SearchParams,
                cursor: Cursor | None, limit: int, session: Session) -> list[Found]:
    found: list[Found] = []
    for kind, base in bases.items():
        reading = _reading(tier, kind, params)
        if reading is None:
            continue
        condition = _after(kind, cursor) if cursor is not None and cursor.tier == tier else Q()
        if len(found) >= limit:
            condition &= _newer(kind, found[limit - 1])
        strategy = WALK if reading.index is None \
            else _strategy(user, kind, tier, reading, params, limit, session)
        session.use(strategy)
        rows = base.filter(reading.index if strategy == INDEX else reading.walk, condition) \
            .order_by("-sort_at", "-pk").values_list("pk", "sort_at")[:limit]
        found.extend(Found(kind=kind, tier=tier, pk=pk, sort_at=sort_at) for pk, sort_at in rows)
        found.sort(key=lambda item: item.key, reverse=True)
    return found[:limit]


def _tiers_from(cursor: Cursor | None) -> Iterator[int]:
    start = cursor.tier if cursor is not None else TIER_NOTATION
    return iter(range(start, TIER_PARTIAL - 1, -1))


def search_documents(user: Any, params: SearchParams, *, cursor: str | None = None,
                     size: int = 20) -> SearchPage:
    """One page of what the user may see that matches, best tier first, newest first.

    At most two queries per tier (incoming, outgoing), each `ORDER BY sort_at DESC LIMIT`
    returning ids and dates, then one query per kind for the page's documents: a fixed
    number of queries whatever the number of matches (plus, the first time a search is
    seen in ten minutes, one sample per tier and kind that chooses how to read it).
    """
    position = Cursor.decode(cursor)
    shown_before = (position.shown if position is not None else 0) if cursor else 0
    if params.is_empty:
        return SearchPage(hits=[], next_cursor=None)
    bases = {kind: _base(user, kind, params) for kind in KINDS if _wanted(kind, params)}
    found: list[Found] = []
    with search_session() as session:
        for tier in _tiers_from(position):
            found.extend(_tier_found(user, bases, tier, params, position,
                                     size + 1 - len(found), session))
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
