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
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.incoming.selectors import incoming_visible_to
from registry.outgoing.models import OutgoingDocument, OutgoingStatus
from registry.outgoing.selectors import outgoing_visible_to

from .models import AssignmentText
from .params import KIND_INCOMING, KIND_OUTGOING, SearchParams

TIER_NOTATION, TIER_TEXT, TIER_ASSIGNMENT, TIER_PARTIAL = 3, 2, 1, 0
# Within a tier and an instant, incoming rows sort before outgoing ones (a total order).
KIND_ORDER = {KIND_INCOMING: 1, KIND_OUTGOING: 0}
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICROSECOND = dt.timedelta(microseconds=1)
STATUSES = {KIND_INCOMING: set(IncomingStatus.values), KIND_OUTGOING: set(OutgoingStatus.values)}


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
    """Where the next page starts: after this hit, in this tier."""

    tier: int
    sort_at: dt.datetime
    kind_order: int
    pk: int

    def encode(self) -> str:
        micros = (self.sort_at - EPOCH) // MICROSECOND
        return f"{self.tier}.{self.kind_order}.{micros}.{self.pk}"

    @classmethod
    def decode(cls, text: str | None) -> "Cursor | None":
        try:
            tier, kind_order, micros, pk = (int(part) for part in (text or "").split("."))
        except ValueError:
            return None
        if tier not in (0, 1, 2, 3) or kind_order not in (0, 1) or pk <= 0:
            return None
        try:
            moment = EPOCH + micros * MICROSECOND
        except OverflowError:
            return None
        return cls(tier=tier, sort_at=moment, kind_order=kind_order, pk=pk)

    @classmethod
    def after(cls, hit: Hit) -> "Cursor":
        return cls(tier=hit.tier, sort_at=hit.sort_at, kind_order=KIND_ORDER[hit.kind],
                   pk=hit.document.pk)


@dataclass(frozen=True)
class SearchPage:
    hits: list[Hit]
    next_cursor: str | None


def _ts(text: str) -> SearchQuery:
    # The words are [a-z0-9]+ only (query.words_of), so the raw tsquery is well formed.
    return SearchQuery(text, search_type="raw", config="simple")


def _bounds(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _filtered(qs: QuerySet[Any], kind: str, params: SearchParams) -> QuerySet[Any]:
    if params.register is not None:
        qs = qs.filter(register_id=params.register.pk)
    if params.year:
        qs = qs.filter(sort_at__gte=_bounds(dt.date(params.year, 1, 1)),
                       sort_at__lt=_bounds(dt.date(params.year + 1, 1, 1)))
    if params.date_from:
        qs = qs.filter(sort_at__gte=_bounds(params.date_from))
    if params.date_to:
        qs = qs.filter(sort_at__lt=_bounds(params.date_to + dt.timedelta(days=1)))
    if params.document_type_id:
        qs = qs.filter(document_type_id=params.document_type_id)
    if params.sender_id and kind == KIND_INCOMING:
        qs = qs.filter(sender_id=params.sender_id)
    if params.status:
        qs = qs.filter(status=params.status)
    if params.urgency:
        qs = qs.filter(urgency=params.urgency)
    return qs


def _base(user: Any, kind: str, params: SearchParams) -> QuerySet[Any] | None:
    """The documents of one kind the user may see, with the filters; None when excluded."""
    if not params.wants(kind) or (params.status and params.status not in STATUSES[kind]):
        return None
    if kind == KIND_INCOMING:
        qs = incoming_visible_to(user).annotate(sort_at=F("received_at")) \
            .select_related("document_type", "register")
    else:
        qs = outgoing_visible_to(user).annotate(sort_at=Coalesce("issued_at", "created_at")) \
            .select_related("document_type", "register", "drafting_unit")
    return _filtered(qs, kind, params)


# A text with at least this many matches (whoever may see them) is read newest first along
# the date index, stopping after one page; a rarer one is read from the GIN index and sorted.
FREQUENT = 1000
FREQUENT_TTL = 600
ORDERED_WALK = ("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off; "
                "SET LOCAL enable_sort = off; SET LOCAL jit = off")


def _frequent(kind: str, tsquery: str) -> bool:
    """Is the text common? PostgreSQL's estimate for several words assumes they are
    independent ("cai", "cach", "hanh", "chinh" are not) and can be off a hundredfold, so
    ask the index: count up to FREQUENT matches (one bitmap, at most FREQUENT rows read)."""
    digest = hashlib.sha256(tsquery.encode()).hexdigest()[:32]
    key = f"search-frequent-{kind}-{digest}"
    known = cache.get(key)
    if known is None:
        model = IncomingDocument if kind == KIND_INCOMING else OutgoingDocument
        matches = model.objects.filter(search_vector=_ts(tsquery)).order_by()[:FREQUENT]
        known = matches.count() >= FREQUENT
        # How common a text is changes slowly: ask the index again after ten minutes.
        cache.set(key, known, FREQUENT_TTL)
    return bool(known)


def _newest_first(qs: QuerySet[Any]) -> list[Any]:
    """Read a common text's rows along the (sort_at, id) index, stopping at LIMIT.

    The planner's estimate for several correlated words is tiny, so left alone it would
    gather every match from the GIN index and sort them (seconds at a million rows). GIN
    serves only bitmap scans: switching those, sequential scans and sorts off for this one
    transaction leaves the ordered index walk (and JIT, priced on the inflated costs, off).
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(ORDERED_WALK)
        return list(qs)


def _in_assignments(kind: str, tsquery: str) -> Q:
    model = IncomingDocument if kind == KIND_INCOMING else OutgoingDocument
    content_type = ContentType.objects.get_for_model(model)
    sources = AssignmentText.objects.filter(source_type_id=content_type.pk,
                                            vector=_ts(tsquery)).values("source_id")
    return Q(pk__in=sources)


def _tier_condition(tier: int, kind: str, params: SearchParams) -> Q | None:
    """Which rows belong to a tier (and to no higher one); None when the tier is empty."""
    query = params.query
    not_notation = ~Q(notation_normalised=query.notation) if query.notation else Q()
    if tier == TIER_NOTATION:
        return Q(notation_normalised=query.notation) if query.notation else None
    if query.is_empty:
        # Filters alone: everything they select, as one tier.
        return Q() if tier == TIER_TEXT and not query.notation else None
    in_text = Q(search_vector=_ts(query.all_words))
    if tier == TIER_TEXT:
        return in_text & not_notation
    if tier == TIER_ASSIGNMENT:
        return _in_assignments(kind, query.all_words) & ~in_text & not_notation
    if not query.all_but_one:
        return None
    return (Q(search_vector=_ts(query.all_but_one)) & ~in_text
            & ~_in_assignments(kind, query.all_words) & not_notation)


def _after(kind: str, cursor: Cursor) -> Q:
    """Keyset: rows after the cursor in (sort_at, kind order, id) descending."""
    order = KIND_ORDER[kind]
    if order < cursor.kind_order:
        return Q(sort_at__lte=cursor.sort_at)
    if order > cursor.kind_order:
        return Q(sort_at__lt=cursor.sort_at)
    return Q(sort_at__lt=cursor.sort_at) | Q(sort_at=cursor.sort_at, pk__lt=cursor.pk)


def _tier_hits(bases: dict[str, QuerySet[Any]], tier: int, params: SearchParams,
               cursor: Cursor | None, limit: int) -> list[Hit]:
    hits: list[Hit] = []
    for kind, base in bases.items():
        condition = _tier_condition(tier, kind, params)
        if condition is None:
            continue
        if cursor is not None and cursor.tier == tier:
            condition &= _after(kind, cursor)
        rows_qs = base.filter(condition).order_by("-sort_at", "-pk")[:limit]
        frequent = tier == TIER_TEXT and not params.query.is_empty \
            and _frequent(kind, params.query.all_words)
        rows = _newest_first(rows_qs) if frequent else list(rows_qs)
        hits.extend(Hit(kind=kind, tier=tier, document=row, sort_at=row.sort_at) for row in rows)
    hits.sort(key=lambda hit: hit.key, reverse=True)
    return hits[:limit]


def _tiers_from(cursor: Cursor | None) -> Iterator[int]:
    start = cursor.tier if cursor is not None else TIER_NOTATION
    return iter(range(start, TIER_PARTIAL - 1, -1))


def search_documents(user: Any, params: SearchParams, *, cursor: str | None = None,
                     size: int = 20) -> SearchPage:
    """One page of what the user may see that matches, best tier first, newest first.

    At most two queries per tier (incoming, outgoing), each `ORDER BY sort_at DESC LIMIT`,
    so a page costs a fixed number of queries whatever the number of matches.
    """
    if params.is_empty:
        return SearchPage(hits=[], next_cursor=None)
    bases = {kind: qs for kind in (KIND_INCOMING, KIND_OUTGOING)
             if (qs := _base(user, kind, params)) is not None}
    position = Cursor.decode(cursor)
    hits: list[Hit] = []
    for tier in _tiers_from(position):
        hits.extend(_tier_hits(bases, tier, params, position, size + 1 - len(hits)))
        if len(hits) > size:
            break
    more = len(hits) > size
    hits = hits[:size]
    return SearchPage(hits=hits, next_cursor=Cursor.after(hits[-1]).encode() if more else None)
