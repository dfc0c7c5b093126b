"""How one tier of one kind is read: newest first along the date index, or from the word index.

Every tier query is `visible rows ∩ tier condition ORDER BY sort_at DESC, id DESC LIMIT n`.
Two ways answer it, and which is cheap depends on how dense the answer is, for this user:

- WALK: read the (sort_at, id) index backwards and check each row (text, filters, then the
  visibility EXISTS), stopping after n hits. Cost ≈ n / density of the user's matches. The
  text is tested with `ts_match_vq(search_vector, q)`, the function behind `@@`, which no
  index serves and which the planner prices at a fixed selectivity: the date index is then
  the only way to the order, so the planner takes the walk without `enable_*` switches.
  `work_mem` is at its minimum in the search's transaction, so PostgreSQL checks visibility
  row by row instead of first hashing everything the user may see (33,000 assignment rows
  for a staff member at 1,000,000 documents: 165 ms before the first row).
- INDEX: let the GIN index hand over every match, check visibility on those, sort them.
  Cost ≈ number of matches, whoever may see them. A common prefix ("3:*", "ubnd:*") is left
  out of the index condition when another word is at least as selective (PostgreSQL merges
  every posting list of a partial match before intersecting: 48 ms against 13 ms for
  "phong chay chua quy 3"), and the exact query is checked on the rows returned.

The choice comes from a sample of SAMPLE_ROWS rows spread over the table (one query, ~3 ms):
how many are in the tier, how many of those the user may see, how many the index would hand
over. The walk needs about n·sample/seen rows (seen counted low: a walk that finds less than
expected reads on to the end of the table), the index about handed·table/sample matches, each
costing INDEX_ROW_COST walked rows (a random heap page and a visibility check). The answer is
kept PLAN_TTL seconds per user, kind, tier and search.
"""

import hashlib
import math
import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from .query import ParsedQuery

WALK, INDEX = "walk", "index"
SAMPLE_ROWS = 2000
SAMPLE_RUNS = 20
INDEX_ROW_COST = 6
PLAN_TTL = 600
STATS_TTL = 3600
# The smallest work_mem PostgreSQL accepts: no hashed subplan of more than a few thousand
# rows fits, so EXISTS subqueries are run per row, as the walk (or the sample) reaches them.
SEARCH_SETTINGS = ("SET LOCAL work_mem = '64kB'; "
                   # Short reads: starting parallel workers costs more than they save.
                   "SET LOCAL max_parallel_workers_per_gather = 0")
# Reads from the word index: the bitmap of up to ~8,000 heap pages stays exact, and still no
# hashed subplan of more than ~30,000 rows (a staff member's unit at 1,000,000 documents).
INDEX_SETTINGS = "SET LOCAL work_mem = '512kB'"


class TsMatch(Func):
    """`ts_match_vq(vector, query)`: `vector @@ query` that no index can serve."""

    function = "ts_match_vq"
    output_field = BooleanField()


def ts_query(text: str) -> SearchQuery:
    # The words are [a-z0-9]+ only (query.words_of), so the raw tsquery is well formed.
    return SearchQuery(text, search_type="raw", config="simple")


def ts_match(field: str, text: str) -> Q:
    """The row's vector matches `text`, tested on the row (the walk's form)."""
    return Q(TsMatch(F(field), ts_query(text)))


def index_tsquery(query: ParsedQuery, which: str, table: str, column: str) -> str:
    """The tsquery text the GIN index is asked: the query itself, or the query without a
    costly prefix word (see _prefix_is_costly); rows are then checked with the exact one."""
    exact = query.tsquery(which)
    if not _prefix_is_costly(query, table, column):
        return exact
    return query.tsquery(which, without_prefix=True)


def ts_indexed(field: str, query: ParsedQuery, which: str, index_text: str) -> Q:
    """The row's vector matches, in a form the GIN index serves (the index's form)."""
    exact = query.tsquery(which)
    if index_text == exact:
        return Q(**{field: ts_query(exact)})
    return Q(**{field: ts_query(index_text)}) & ts_match(field, exact)


def _lexeme_frequencies(table: str, column: str) -> dict[str, float]:
    """ANALYZE's most common lexemes of a tsvector column with their share of rows."""
    key = f"search-lexemes-{table}-{column}"
    known = cache.get(key)
    if known is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE schemaname = current_schema() AND tablename = %s AND attname = %s",
                [table, column])
            row = cursor.fetchone()
        known = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        cache.set(key, known, STATS_TTL)
    return known


def _prefix_is_costly(query: ParsedQuery, table: str, column: str) -> bool:
    """Is the prefix word common, and another word at least as selective?

    Lexemes missing from the statistics are rarer than every listed one, so a prefix no
    listed lexeme starts with is cheap to expand, and an unlisted word is very selective.
    """
    frequencies = _lexeme_frequencies(table, column)
    prefix = query.prefix_word
    if not frequencies or not prefix:
        return False
    prefix_share = sum(share for lexeme, share in frequencies.items() if lexeme.startswith(prefix))
    if not prefix_share:
        return False
    return any(frequencies.get(word, 0.0) <= prefix_share for word in query.words[:-1])


def table_rows(model: Any) -> tuple[int, int, int]:
    """(PostgreSQL's estimate of the rows, lowest id, highest id), kept an hour."""
    table = model._meta.db_table
    key = f"search-rows-{table}"
    known = cache.get(key)
    if known is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
            row = cursor.fetchone()
        bounds = model.objects.aggregate(low=Min("pk"), high=Max("pk"))
        known = (max(int(row[0]), 0) if row else 0, bounds["low"] or 0, bounds["high"] or 0)
        cache.set(key, known, STATS_TTL)
    return known


@dataclass(frozen=True)
class Sample:
    drawn: int  # sampled rows (ids drawn at random that exist)
    in_range: int  # of those, rows in the search's date range
    matches: int  # rows in the tier (text and filters)
    visible: int  # of those, rows the user may see
    indexed: int  # rows the word index hands over for the tier (any date, anyone's)


def sample_rows(model: Any) -> Q:
    """SAMPLE_RUNS runs of consecutive ids spread at random over the table (the same for an
    hour). Ids are dense, so this is a sample of the rows; runs keep it to a few hundred heap
    pages, where as many single ids would read as many pages (10 ms instead of 3)."""
    _rows, low, high = table_rows(model)
    run = SAMPLE_ROWS // SAMPLE_RUNS
    if high - low + 1 <= SAMPLE_ROWS:
        return Q(pk__gte=low)
    starts = sorted(random.Random(high).sample(range(low, high - run + 2), SAMPLE_RUNS))
    condition = Q()
    for start in starts:
        condition |= Q(pk__gte=start, pk__lt=start + run)
    return condition


def sample_take(rows: QuerySet[Any], *, in_range: Q, condition: Q, visible: QuerySet[Any],
                indexed: Q) -> Sample:
    """Count, over `rows` (a sample), what the choice of plan needs (one query)."""
    seen = Exists(visible.filter(pk=OuterRef("pk")))

    def flag(test: Q) -> Sum:
        test = test or Q(pk__isnull=False)  # When() refuses an empty Q
        return Sum(Case(When(test, then=Value(1)), default=Value(0),
                        output_field=IntegerField()))

    counted = rows.aggregate(
        drawn=Count("pk"), in_range=flag(in_range), matches=flag(in_range & condition),
        # CASE evaluates the visibility EXISTS only for rows that match.
        visible=flag(in_range & condition & Q(seen)), indexed=flag(indexed))
    return Sample(**{name: int(value or 0) for name, value in counted.items()})


def choose(sample: Sample, *, limit: int, total: int) -> str:
    """WALK or INDEX, whichever reads fewer rows (see the module's docstring)."""
    if not sample.drawn:
        return WALK
    scale = max(total, sample.drawn) / sample.drawn
    range_rows = sample.in_range * scale
    if range_rows < 2 * SAMPLE_ROWS:
        return WALK  # a small range: the walk reads it all at worst
    # A walk that finds less than expected reads on to the end of the table, an index read
    # costs what it costs: count the user's rows low (two standard deviations of a Poisson
    # count below what was seen, half a row at least).
    seen = max(sample.visible - 2 * math.sqrt(sample.visible), 0.5)
    walked = min(range_rows, limit * sample.in_range / seen)
    indexed = max(sample.indexed, 0.5) * scale
    return WALK if walked <= INDEX_ROW_COST * indexed else INDEX


def plan_key(user: Any, kind: str, tier: int, parts: Iterable[object]) -> str:
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:32]
    return f"search-plan-{user.pk}-{kind}-{tier}-{digest}"


def plan_for(key: str, measure: Any, *, limit: int, total: int) -> str:
    """The cached choice for `key`, or a fresh one from `measure()` (a Sample)."""
    known = cache.get(key)
    if known is None:
        known = choose(measure(), limit=limit, total=total)
        cache.set(key, known, PLAN_TTL)
    return str(known)


class Session:
    """One read-only transaction for a whole search. Walks and samples run with work_mem at
    its minimum; reads from the word index get 512 kB, so their bitmap of matches stays
    exact (at 64 kB it turns lossy and every row of each page is checked again: 44 ms
    instead of 21 for "phong chay chua chay quy 3" as a staff member at 1,000,000)."""

    def __init__(self) -> None:
        self.strategy = WALK

    def use(self, strategy: str) -> None:
        if strategy != self.strategy:
            with connection.cursor() as cursor:
                cursor.execute(SEARCH_SETTINGS if strategy == WALK else INDEX_SETTINGS)
            self.strategy = strategy


@contextmanager
def search_session() -> Iterator[Session]:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(SEARCH_SETTINGS)
        yield Session()
