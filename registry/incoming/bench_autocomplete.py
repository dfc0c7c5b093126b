"""Measuring the sender autocomplete (issue 10). Not a test and not a management command.

Point DATABASE_URL at a scratch database (it writes correspondents and one user), then:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch_ac .venv/bin/python manage.py shell \\
        -c "from registry.incoming.bench_autocomplete import autocomplete_bench as b; \\
            print(b(database='scratch_ac'))"

It fills the directory up to `n` correspondents named as a province's are (ministries,
departments, commune and former district committees), then sends `requests` GETs
to the autocomplete endpoint in process (the whole Django stack, signed in as a clerk) with
prefixes of 2 to 4 letters taken from the names, half folded ("so", "thanh") and half as typed
in Vietnamese ("Sở", "Thạnh"), and reports the server time and SQL time percentiles.
"""

import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.urls import reverse

from registry.benchmarks.text import FAMILY, GIVEN, LAST
from registry.core.text import fold
from registry.organisation.demo import CORRESPONDENTS
from registry.organisation.models import Correspondent, CorrespondentKind, Role, User

LOCAL = (CorrespondentKind.COMMUNE, CorrespondentKind.DISTRICT)

CLERK = "bench_autocomplete_vanthu"


def _names(rng: random.Random) -> list[tuple[str, str]]:
    """Bodies of the demo directory ("UBND xã …", "Sở Tài chính", "Bộ Nội vụ") followed by a
    two-syllable place name, the shape of a commune's name (the words come from the benchmark
    vocabulary, so this module holds no interface text)."""
    syllables = sorted(set(FAMILY + GIVEN + LAST))
    bodies = {(name.rsplit(" ", 2)[0] if kind in LOCAL else name, kind)
              for name, _short, kind in CORRESPONDENTS}
    names = [(f"{body} {first} {second}", kind) for first in syllables for second in syllables
             if first != second for body, kind in sorted(bodies)]
    rng.shuffle(names)
    return names


def correspondents_ensure(n: int, *, seed: int = 10) -> int:
    """Add correspondents until the directory holds `n` (bulk, unique names); return the count."""
    existing = Correspondent.objects.count()
    if existing >= n:
        return existing
    taken = set(Correspondent.objects.values_list("name", flat=True))
    rows = []
    for name, kind in _names(random.Random(seed)):
        suffix = 0
        while (candidate := name if not suffix else f"{name} {suffix}") in taken:
            suffix += 1
        taken.add(candidate)
        row = Correspondent(name=candidate, kind=kind)
        row.name_folded = fold(candidate)  # bulk_create skips save(), which derives it
        rows.append(row)
        if existing + len(rows) >= n:
            break
    Correspondent.objects.bulk_create(rows, batch_size=1000)
    return Correspondent.objects.count()


def _prefixes(rng: random.Random, count: int) -> list[str]:
    words = [w for name in Correspondent.objects.values_list("name", flat=True)[:5000]
             for w in name.split() if len(w) >= 2]
    queries = []
    for i in range(count):
        word = rng.choice(words)
        prefix = word[: rng.randint(2, min(4, len(word)))]
        queries.append(fold(prefix) if i % 2 else prefix)
    return queries


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def autocomplete_bench(*, database: str, n: int = 5000, requests: int = 200,
                       seed: int = 10, log: Callable[[str], Any] = print) -> dict[str, Any]:
    """Fill, then time; `database` must name the database Django is connected to (a guard
    against writing into the wrong one)."""
    connected = connection.settings_dict["NAME"]
    if database != connected:
        raise ValueError(f"Connected to {connected!r}, not {database!r}: refusing to write.")
    total = correspondents_ensure(n, seed=seed)
    clerk, _ = User.objects.get_or_create(username=CLERK, defaults={"roles": [Role.CLERK]})
    client = Client()
    client.force_login(clerk)
    url = reverse("organisation:correspondent_search")
    queries = _prefixes(random.Random(seed), requests)
    sql_ms: list[float] = []

    def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_ms[-1] += (time.perf_counter() - start) * 1000

    for q in queries[:10]:  # warm the process (templates, URL resolver, connections)
        client.get(url, {"q": q})
    server_ms, found = [], []
    with connection.execute_wrapper(timed):
        for q in queries:
            sql_ms.append(0.0)
            start = time.perf_counter()
            response = client.get(url, {"q": q})
            server_ms.append((time.perf_counter() - start) * 1000)
            found.append(len(response.json()["results"]))
    result = {
        "correspondents": total, "requests": len(queries),
        "server_ms": {"p50": round(_percentile(server_ms, 50), 2),
                      "p95": round(_percentile(server_ms, 95), 2),
                      "max": round(max(server_ms), 2)},
        "sql_ms": {"p50": round(_percentile(sql_ms, 50), 2),
                   "p95": round(_percentile(sql_ms, 95), 2)},
        "mean_results": round(statistics.mean(found), 1),
        "examples": queries[:8],
    }
    log(str(result))
    return result
