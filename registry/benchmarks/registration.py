"""Registrations per second: the real service next to the raw-SQL ceiling, same concurrency.

Both run in separate processes (no GIL between workers) into one register for a fixed
time. The ceiling does what the database must do at the least: lock the counter
(`UPDATE … RETURNING`), insert the document row, commit — in plain psycopg2. Its rows are
the rows the service writes (same generated summaries, notations and derived search text,
made before the clock starts), so the two insert the same amount of text into the indexes.
"""

import multiprocessing as mp
import random
import time
from dataclasses import dataclass
from typing import Any

import psycopg2
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, transaction
from django.utils import timezone

from registry.core.backup import database_dsn
from registry.incoming.models import IncomingDocument
from registry.incoming.services import incoming_register
from registry.incoming.services._common import derived_refresh
from registry.organisation.models import Correspondent, Direction, DocumentType, Register, User

from .copy import _columns
from .text import summary


@dataclass(frozen=True)
class Throughput:
    workers: int
    count: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def __add__(self, other: "Throughput") -> "Throughput":
        """Two measures of the same concurrency, one after the other."""
        return Throughput(workers=self.workers, count=self.count + other.count,
                          seconds=self.seconds + other.seconds)


def _service_worker(clerk_id: int, sender_id: int, type_id: int, seconds: float,
                    start_at: float, out: Any) -> None:
    connections.close_all()
    clerk = User.objects.select_related("agency").get(pk=clerk_id)
    doc_type = DocumentType.objects.get(pk=type_id)
    sender = Correspondent.objects.get(pk=sender_id)
    rng = random.Random()
    while time.time() < start_at:
        time.sleep(0.001)
    count, deadline = 0, start_at + seconds
    while time.time() < deadline:
        incoming_register(actor=clerk, sender=sender, sender_notation=f"{rng.randint(1, 9999)}/BT",
                          document_date=timezone.localdate(), document_type=doc_type,
                          summary=summary(rng, 2026), signer="Nguyễn Văn Ký")
        count += 1
    out.put(count)
    connections.close_all()


def _ceiling_worker(dsn: str, sql: str, register_id: int, rows: list[list[Any]],
                    number_at: int, seconds: float, start_at: float, out: Any) -> None:
    conn = psycopg2.connect(dsn)
    cursor = conn.cursor()
    while time.time() < start_at:
        time.sleep(0.001)
    count, deadline = 0, start_at + seconds
    while time.time() < deadline:
        cursor.execute("UPDATE organisation_register SET last_number = last_number + 1 "
                       "WHERE id = %s RETURNING last_number", [register_id])
        values = rows[count % len(rows)]
        values[number_at] = cursor.fetchone()[0]
        cursor.execute(sql, values)
        conn.commit()
        count += 1
    out.put(count)
    conn.close()


def _run(target: Any, args: tuple[Any, ...], workers: int, seconds: float) -> Throughput:
    connections.close_all()
    context = mp.get_context("fork")
    out = context.Queue()
    start_at = time.time() + 1.0
    processes = [context.Process(target=target, args=(*args, seconds, start_at, out))
                 for _ in range(workers)]
    for p in processes:
        p.start()
    total = sum(out.get(timeout=seconds + 120) for _ in processes)
    for p in processes:
        p.join(timeout=30)
    return Throughput(workers=workers, count=total, seconds=seconds)


def register_of(clerk: User) -> Register:
    return Register.objects.get(agency_id=clerk.agency_id, direction=Direction.INCOMING,
                                year=timezone.localdate().year, is_secret=False, series="")


def service_throughput(*, clerk: User, workers: int, seconds: float) -> Throughput:
    sender = Correspondent.objects.order_by("pk").first()
    doc_type = DocumentType.objects.filter(abbreviation="KH").first()
    return _run(_service_worker, (clerk.pk, sender.pk, doc_type.pk), workers, seconds)


def _ceiling_rows(clerk: User, register: Register, sender: Correspondent,
                  doc_type: DocumentType, count: int) -> tuple[list[str], list[list[Any]]]:
    """`count` document rows like those the service writes (same text generator, same derived
    columns through the service's own `derived_refresh`), made before the clock starts."""
    rng = random.Random(2026)
    now = timezone.now()
    columns: list[str] = []
    rows: list[list[Any]] = []
    for _ in range(count):
        document = IncomingDocument(
            agency_id=clerk.agency_id, register_id=register.pk, number=0, received_at=now,
            registered_at=now, registered_by_id=clerk.pk, sender=sender,
            sender_notation=f"{rng.randint(1, 9999)}/BT", document_date=now.date(),
            document_type=doc_type, summary=summary(rng, 2026), signer="Nguyễn Văn Ký",
            status="registered")
        derived_refresh(document)
        row: dict[str, Any] = {}
        for field in _columns(IncomingDocument):
            if field.primary_key:
                continue
            value = getattr(document, field.attname)
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            row[field.column] = value
        columns = list(row)
        rows.append([row[c] for c in columns])
    return columns, rows


def ceiling_throughput(*, clerk: User, workers: int, seconds: float) -> Throughput:
    register = register_of(clerk)
    sender = Correspondent.objects.order_by("pk").first()
    doc_type = DocumentType.objects.filter(abbreviation="KH").first()
    columns, rows = _ceiling_rows(clerk, register, sender, doc_type, 500)
    sql = (f'INSERT INTO "{IncomingDocument._meta.db_table}" ('
           + ", ".join(f'"{c}"' for c in columns) + ") VALUES ("
           + ", ".join(["%s"] * len(columns)) + ")")
    return _run(_ceiling_worker, (database_dsn(), sql, register.pk, rows,
                                  columns.index("number")), workers, seconds)


def numbers_check(register_id: int) -> tuple[bool, int]:
    """(gapless and unique, count) for the register's numbers."""
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT count(*), count(DISTINCT number), COALESCE(max(number), 0) '
            f'FROM "{IncomingDocument._meta.db_table}" WHERE register_id = %s', [register_id])
        total, distinct, highest = cursor.fetchone()
        cursor.execute("SELECT last_number FROM organisation_register WHERE id = %s",
                       [register_id])
        last = cursor.fetchone()[0]
    return total == distinct == highest == last, int(total)


def registration_mark(register_id: int) -> tuple[int, int]:
    """(highest document id, the register's last number) before the registration phase."""
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COALESCE(max(id), 0) FROM "{IncomingDocument._meta.db_table}"')
        (highest,) = cursor.fetchone()
        cursor.execute("SELECT last_number FROM organisation_register WHERE id = %s",
                       [register_id])
        (last,) = cursor.fetchone()
    return int(highest), int(last)


def registration_leftovers_remove(*, register_id: int, mark: tuple[int, int]) -> int:
    """Take the phase's documents (service and ceiling) out of the private bench database.

    Without this, each run left ~25,000 documents "registered today, not passed on" at the
    top of the data set: the clerk's queue, the register's first page and every newest-first
    walk then measured the benchmark's own debris instead of the generated province. The
    audit log is append-only by trigger; replica mode lets this one cleanup bypass it, on the
    private database only. Returns the number of documents removed.
    """
    highest, last = mark
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("DELETE FROM audit_event WHERE target_type_id = %s AND target_id > %s",
                       [ContentType.objects.get_for_model(IncomingDocument).pk, highest])
        cursor.execute(f'DELETE FROM "{IncomingDocument._meta.db_table}" WHERE id > %s',
                       [highest])
        removed = cursor.rowcount
        cursor.execute("UPDATE organisation_register SET last_number = %s WHERE id = %s",
                       [last, register_id])
    with connection.cursor() as cursor:
        cursor.execute(f'VACUUM ANALYZE "{IncomingDocument._meta.db_table}"')
    return int(removed)
