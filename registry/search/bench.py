"""Measuring search on a scratch database: bulk seed, then EXPLAIN ANALYZE and timings.

Not a test: `manage.py search_bench --seed 80000` fills whatever DATABASE_URL names (use a
scratch database), `--explain` times the search page in process and prints the plans of the
search's statements for the queries of `manage.py bench` (a common phrase, a rare one, two
letters, a number/symbol), as a leader and as a staff member (on `manage.py bench`'s data
set its own users, read only: the plans' samples only read).
"""

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registry.assignments.models import Assignment
from registry.benchmarks.text import person, summary
from registry.core.text import fold, normalise_notation
from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.organisation.demo import demo_organisation_ensure
from registry.organisation.models import Correspondent, Direction, DocumentType, Unit, User
from registry.organisation.numbering import register_for_year
from registry.outgoing.models import OutgoingDocument, OutgoingStatus

from .params import SearchParams
from .query import query_parse
from .selectors import search_documents
from .services import assignment_texts_sync_all

YEARS = 10
# The queries of `manage.py bench` (registry/benchmarks/pages.py search_pages).
QUERIES = {"common": "cai cach hanh chinh", "rare": "phong chay chua chay quy 3",
           "two letters": "ke", "notation": None}


def _correspondents(rng: random.Random, count: int) -> list[Correspondent]:
    existing = list(Correspondent.objects.all())
    rows = [Correspondent(name=f"Sở Ngành Thử Nghiệm {i} {person(rng)}", short_name=f"SN{i}")
            for i in range(len(existing), count)]
    for row in rows:
        row.name_folded = fold(f"{row.name} {row.short_name}")
    Correspondent.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Correspondent.objects.all())


def _incoming(rng: random.Random, count: int, agency: Any, units: list[Unit],
              clerk: User, types: list[DocumentType], senders: list[Correspondent]) -> None:
    now = timezone.now()
    per_year = count // YEARS
    for back in range(YEARS):
        year = now.year - back
        register = register_for_year(agency=agency, direction=Direction.INCOMING, year=year)
        start = register.last_number
        batch = []
        for n in range(start + 1, start + per_year + 1):
            received = timezone.make_aware(dt.datetime(year, 1, 1, 8)) + dt.timedelta(
                seconds=int(n / per_year * 364 * 86400))
            if received > now:
                received = now - dt.timedelta(seconds=n)
            sender = rng.choice(senders)
            notation = f"{rng.randint(1, 3000)}/{rng.choice(['QĐ', 'KH', 'BC', 'TB'])}-" \
                       f"{sender.short_name or 'UBND'}"
            doc = IncomingDocument(
                agency=agency, register=register, number=n, received_at=received,
                registered_at=received, registered_by=clerk, sender=sender,
                sender_name=sender.name, sender_notation=notation,
                notation_normalised=normalise_notation(notation),
                document_date=received.date() - dt.timedelta(days=1),
                document_type=rng.choice(types), summary=summary(rng, year),
                signer=person(rng), status=IncomingStatus.DONE, to_unit=rng.choice(units))
            doc.search_folded = fold(" ".join([doc.summary, doc.sender_name, notation,
                                               doc.signer]))
            batch.append(doc)
        IncomingDocument.objects.bulk_create(batch, batch_size=2000)
        register.last_number = start + per_year
        register.save(update_fields=["last_number"])


def _outgoing(rng: random.Random, count: int, agency: Any, units: list[Unit],
              drafter: User, types: list[DocumentType]) -> None:
    now = timezone.now()
    per_year = count // YEARS
    for back in range(YEARS):
        year = now.year - back
        register = register_for_year(agency=agency, direction=Direction.OUTGOING, year=year)
        start, batch = register.last_number, []
        for n in range(start + 1, start + per_year + 1):
            issued = min(now, timezone.make_aware(dt.datetime(year, 1, 1, 9))
                         + dt.timedelta(seconds=int(n / per_year * 364 * 86400)))
            doc_type = rng.choice(types)
            notation = f"{n}/{doc_type.abbreviation or 'UBND'}-UBND"
            doc = OutgoingDocument(
                agency=agency, drafting_unit=rng.choice(units), drafter=drafter,
                document_type=doc_type, summary=summary(rng, year), signer_name=person(rng),
                status=OutgoingStatus.DISPATCHED, register=register, number=n,
                document_date=issued.date(), notation=notation,
                notation_normalised=normalise_notation(notation), issued_at=issued)
            doc.search_folded = fold(" ".join([notation, doc_type.name, doc.summary,
                                               doc.signer_name]))
            batch.append(doc)
        OutgoingDocument.objects.bulk_create(batch, batch_size=2000)
        register.last_number = start + per_year
        register.save(update_fields=["last_number"])


def _assignments(rng: random.Random, agency: Any, units: list[Unit], leader: User,
                 share: float) -> None:
    content_type = ContentType.objects.get_for_model(IncomingDocument)
    ids = list(IncomingDocument.objects.values_list("pk", "to_unit_id"))
    rows = [Assignment(agency=agency, assigner=leader, assignee_unit_id=unit_id,
                       tracking_unit_id=unit_id, source_type=content_type, source_id=pk,
                       content=f"Chủ trì tham mưu {summary(rng, 2025).lower()}")
            for pk, unit_id in ids if rng.random() < share]
    Assignment.objects.bulk_create(rows, batch_size=5000)
    assignment_texts_sync_all()


def search_seed(*, incoming: int, outgoing: int, seed: int = 6) -> None:
    rng = random.Random(seed)
    agency = demo_organisation_ensure()
    units = list(Unit.objects.filter(agency=agency))
    types = list(DocumentType.objects.exclude(abbreviation=""))
    senders = _correspondents(rng, 300)
    clerk, leader = User.objects.get(username="vanthu"), User.objects.get(username="lanhdao")
    _incoming(rng, incoming, agency, units, clerk, types, senders)
    _outgoing(rng, outgoing, agency, units, leader, types)
    _assignments(rng, agency, units, leader, share=0.3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _notation() -> str:
    """The newest outgoing number/symbol, as `manage.py bench` searches it."""
    return OutgoingDocument.objects.exclude(notation="").order_by("-pk") \
        .values_list("notation", flat=True).first() or "1/QĐ-UBND"


def _users() -> dict[str, User]:
    """The benchmark's leader and staff member when the data set is `manage.py bench`'s,
    else the demo office's."""
    for leader, staff in (("bench_lanhdao", "bench_chuyenvien"), ("lanhdao", "chuyenvienkt")):
        found = {u.username: u for u in User.objects.filter(username__in=[leader, staff])}
        if len(found) == 2:
            return {"leader": found[leader], "staff": found[staff]}
    raise User.DoesNotExist("no leader and staff member to search as")


def _plan_lines(node: dict[str, Any], depth: int = 0) -> list[str]:
    detail = " ".join(f"{key}={str(node[key])[:90]}" for key in
                      ("Index Name", "Relation Name", "Index Cond", "Filter") if key in node)
    lines = [f"{'  ' * depth}{node['Node Type']} rows={node.get('Actual Rows')} "
             f"loops={node.get('Actual Loops')} {detail}"[:220]]
    for child in node.get("Plans", []):
        lines.extend(_plan_lines(child, depth + 1))
    return lines


def search_explain(out: Callable[[str], None], *, repeat: int = 20) -> None:
    """For each query and user: the search page's time in process (p50/p95 of `repeat`
    requests through the test client), the plan each tier took, and the EXPLAIN (ANALYZE,
    BUFFERS) of every search statement under the settings the search set for it."""
    for label, text in QUERIES.items():
        text = text or _notation()
        for role, user in _users().items():
            client = Client()
            client.force_login(user)
            url = f"{reverse('search:results')}?{urlencode({'q': text})}"
            client.get(url)  # warm: the plans' samples are kept ten minutes
            times = []
            for _ in range(repeat):
                began = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - began) * 1000)
            times.sort()
            p95 = times[max(int(len(times) * 0.95) - 1, 0)]
            with CaptureQueriesContext(connection) as captured:
                page = search_documents(user, SearchParams(query=query_parse(text)))
            out(f"\n### {label} «{text}» as {role} ({user.username}): {len(page.hits)} hits, "
                f"page p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")
            settings = ""
            for query in captured.captured_queries:
                sql = query["sql"]
                if sql.startswith("SET LOCAL"):
                    settings = f"{settings}; {sql}" if settings else sql
                    continue
                if not sql.startswith(("SELECT", "WITH")):
                    continue
                with transaction.atomic(), connection.cursor() as cursor:
                    if settings:
                        cursor.execute(settings)
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
                    plan = cursor.fetchone()[0][0]
                out(f"-- {plan['Execution Time']:.1f} ms [{settings[-40:]}] {sql[:120]}…")
                out("\n".join(_plan_lines(plan["Plan"])[:8]))
