"""How one tier of one kind is read: newest first along the date index, or from the word index.

Every tier query is `visible rows ∩ tier condition ORDER BY sort_at DESC, id DESC LIMIT n`.
Two ways answer it, and which is cheap depends on how dense the answer is, for this user:

- WALK: read the (sort_at, id) index backwards and check each row (text, filters, then the
  visibility subqueries, per row: registry/search/visibility.py), stopping after n hits.
  Cost ≈ n / density of the user's matches. The text is tested with
  `ts_match_vq(search_vector, q)`, the function behind `@@`, which no index serves and which
  the planner prices at a fixed selectivity: the date index is then the only way to the
  order, so the planner takes the walk without `enable_*` switches.
- INDEX: let the GIN index hand over every match, check visibility on those, sort them.
  Cost ≈ number of matches, whoever may see them. The matches are read in a subquery with
  `OFFSET 0`, which the planner plans on its own, for all its rows: without it, a word the
  statistics do not know (a typo, a word of this morning) was estimated at 5,000 matches and
  read by walking the date index to the end of the table (700 ms at 1,000,000 documents for
  a word that matches nothing). A common prefix ("3:*", "ubnd:*") is left out of the index
  condition when another word is at least as selective (PostgreSQL merges every posting
  list of a partial match before intersecting: 48 ms against 13 ms for "phong chay chua quy
  3"), and the exact query is checked on the rows returned.

The choice comes from a sample of SAMPLE_ROWS rows spread over the table (one statement for
both kinds, ~3–6 ms; the assignments' tier and the partial one are sampled together): how
many are in the tier, how many of those the user may see, how many the index would hand
over. The walk needs about n·sample/seen rows (seen counted low: a walk
that finds less than expected reads on to the end of the table), the index about
handed·table/sample matches, each costing INDEX_ROW_COST walked rows (a random heap page and
a visibility check). When what was seen promises a short walk but is too thin to bet the
table on, the walk is capped and the index reads what is older (choose, tiers._capped). The
sample is kept PLAN_TTL seconds per user, kind, tier and search.
"""

# ruff: noqa: S608 (SQL text built from code and the models' names; every value is a parameter)

import hashlib
import math
import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction

from .query import ParsedQuery
from .sql import Sql, all_of, sql

WALK, INDEX = "walk", "index"
SAMPLE_ROWS = 2000
SAMPLE_RUNS = 20
INDEX_ROW_COST = 6
PLAN_TTL = 600
STATS_TTL = 3600
# One setting for the whole search. No parallel workers: starting them costs more than
# these short reads save. 1 MB keeps the bitmap of a word-index read exact (at 64 kB it
# turned lossy and every row of each heap page was checked again: 44 instead of 21 ms for
# "phong chay chua chay quy 3" as a staff member at 1,000,000); it no longer decides
# whether visibility is hashed (visibility.py: per row, always).
SEARCH_SETTINGS = ("SET LOCAL work_mem = '1MB'; "
                   "SET LOCAL max_parallel_workers_per_gather = 0")


def ts_match(column: str, text: str) -> Sql:
    """The row's vector matches `text`, tested on the row (the walk's form). The words are
    [a-z0-9]+ only (query.words_of), so the raw tsquery is well formed."""
    return sql(f"ts_match_vq({column}, to_tsquery('simple', %s))", text)


def ts_indexed(column: str, query: ParsedQuery, which: str, index_text: str) -> Sql:
    """The row's vector matches, in a form the GIN index serves (the index's form)."""
    exact = query.tsquery(which)
    found = sql(f"{column} @@ to_tsquery('simple', %s)", index_text)
    return found if index_text == exact else all_of(found, ts_match(column, exact))


def index_tsquery(query: ParsedQuery, which: str, table: str, column: str) -> str:
    """The tsquery text the GIN index is asked: the query itself, or the query without a
    costly prefix word (see _prefix_is_costly); rows are then checked with the exact one."""
    exact = query.tsquery(which)
    if not _prefix_is_costly(query, table, column):
        return exact
    return query.tsquery(which, without_prefix=True)


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
    prefix = query.prefix_word
    if not prefix or len(query.words) < 2:
        return False
    frequencies = _lexeme_frequencies(table, column)
    if not frequencies:
        return False
    prefix_share = sum(share for lexeme, share in frequencies.items() if lexeme.startswith(prefix))
    if not prefix_share:
        return False
    return any(frequencies.get(word, 0.0) <= prefix_share for word in query.words[:-1])


def table_rows(table: str) -> tuple[int, int, int]:
    """(PostgreSQL's estimate of the rows, lowest id, highest id), kept an hour."""
    key = f"search-rows-{table}"
    known = cache.get(key)
    if known is None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT (SELECT reltuples FROM pg_class WHERE oid = %s::regclass), "
                           f"min(id), max(id) FROM {table}", [table])
            estimate, low, high = cursor.fetchone()
        known = (max(int(estimate or 0), 0), low or 0, high or 0)
        cache.set(key, known, STATS_TTL)
    return known


@dataclass(frozen=True)
class Sample:
    drawn: int  # sampled rows (ids drawn at random that exist)
    in_range: int  # of those, rows in the search's date range
    matches: int  # rows in the tier (text and filters)
    visible: int  # of those, rows the user may see
    indexed: int  # rows the word index hands over for the tier (any date, anyone's)


def sample_rows(table: str) -> Sql:
    """SAMPLE_RUNS runs of consecutive ids spread at random over the table (the same for an
    hour). Ids are dense, so this is a sample of the rows; runs keep it to a few hundred heap
    pages, where as many single ids would read as many pages (10 ms instead of 3)."""
    _rows, low, high = table_rows(table)
    run = SAMPLE_ROWS // SAMPLE_RUNS
    if high - low + 1 <= SAMPLE_ROWS:
        return sql("d.id >= %s", low)
    starts = sorted(random.Random(high).sample(range(low, high - run + 2), SAMPLE_RUNS))
    ranges = " OR ".join(["(d.id >= %s AND d.id < %s)"] * len(starts))
    return Sql(f"({ranges})", tuple(bound for start in starts for bound in (start, start + run)))


@dataclass(frozen=True)
class SamplePart:
    """What the sample of one kind counts (conditions over `<table> d`)."""

    table: str
    in_range: Sql
    condition: Sql
    visible: Sql
    indexed: Sql


def _counted(test: Sql) -> Sql:
    return Sql(f"count(*) FILTER (WHERE {test.text})", test.params)


def sample_take(parts: dict[Any, SamplePart]) -> dict[Any, Sample]:
    """Count, over a sample of each table, what the choice of plan needs: one statement for
    every kind and tier asked, each table's sampled rows read once."""
    tables: dict[str, list[Any]] = {}
    for key, part in parts.items():
        tables.setdefault(part.table, []).append(key)
    subqueries: list[Sql] = []
    for table, keys in tables.items():
        columns = [Sql("count(*)")]
        for key in keys:
            part = parts[key]
            matches = all_of(part.in_range, part.condition)
            # CASE evaluates the visibility subqueries only for rows that match.
            seen = Sql(f"CASE WHEN {matches.text} THEN {part.visible.text} ELSE FALSE END",
                       matches.params + part.visible.params)
            columns += [_counted(part.in_range), _counted(matches), _counted(seen),
                        _counted(part.indexed)]
        rows = sample_rows(table)
        subqueries.append(Sql(
            f"(SELECT ARRAY[{', '.join(column.text for column in columns)}] "
            f"FROM {table} d WHERE {rows.text})",
            (*(param for column in columns for param in column.params), *rows.params)))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(subquery.text for subquery in subqueries)}",
                       [param for subquery in subqueries for param in subquery.params])
        counted = cursor.fetchone()
    samples = {}
    for keys, counts in zip(tables.values(), counted, strict=True):
        for i, key in enumerate(keys):
            samples[key] = Sample(counts[0], *(int(value) for value in counts[1 + 4 * i:5 + 4 * i]))
    return samples


def capped(rows: int) -> str:
    """A walk of at most `rows` rows, then the word index for what is older (see choose)."""
    return f"{WALK}:{rows}"


def walk_cap(strategy: str) -> int | None:
    """The number of rows a capped walk reads before the index takes over; None otherwise."""
    name, _, rows = strategy.partition(":")
    return int(rows) if name == WALK and rows else None


def choose(sample: Sample, *, limit: int, total: int) -> str:
    """WALK or INDEX, whichever reads fewer rows (see the module's docstring); or a capped
    walk when the sample promises a short walk but is too thin to bet the table on."""
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
    index_cost = INDEX_ROW_COST * max(sample.indexed, 0.5) * scale
    if walked <= index_cost:
        return WALK
    # What was seen (not counted low) promises a walk under a third of the index's cost: walk
    # twice that far at most (half the index's cost), then read the index for the older rows
    # only. A leader's rare phrase ("phong chay chua chay quy 3", 4 rows in the sample): a
    # walk of ~10,000 rows (6–9 ms) instead of 5,700 matches from the index (19 ms); at worst
    # one and a half times the index's cost.
    if sample.visible:
        expected = limit * sample.in_range / sample.visible
        if expected <= index_cost / 3:
            return capped(int(min(2 * expected, index_cost / 2)))
    return INDEX


def plan_key(user: Any, kind: str, tier: int, parts: Iterable[object]) -> str:
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:32]
    return f"search-sample-{user.pk}-{kind}-{tier}-{digest}"


def samples_for(keys: dict[Any, str], measure: Callable[[list[Any]], dict[Any, Sample]], *,
                also: dict[Any, str] | None = None) -> dict[Any, Sample]:
    """The kept sample of each of `keys` (cache keys from plan_key); the missing ones from one
    `measure(names)`, which also takes those of `also` not kept yet (a tier likely to be read
    next: its sample then costs no statement of its own). Samples are kept PLAN_TTL seconds,
    rather than choices: a tier read after another that fell short asks for fewer rows."""
    known = cache.get_many(list(keys.values()))
    samples = {name: known[key] for name, key in keys.items() if key in known}
    missing = [name for name in keys if name not in samples]
    if missing:
        extra = dict(also or {})
        if extra:
            kept = cache.get_many(list(extra.values()))
            extra = {name: key for name, key in extra.items() if key not in kept}
        fresh = measure(missing + list(extra))
        every = {**keys, **extra}
        cache.set_many({every[name]: sample for name, sample in fresh.items()}, PLAN_TTL)
        samples.update((name, fresh[name]) for name in missing)
    return samples


@contextmanager
def search_session() -> Iterator[None]:
    """One read-only transaction for a whole search, one setting for all its statements."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(SEARCH_SETTINGS)
        yield
