"""Registrations per second: the real service next to the raw-SQL ceiling, same concurrency.

Both run in separate processes (no GIL between workers) into one register for a fixed
time. The ceiling does what the database must do at the least: lock the counter
(`UPDATE … RETURNING`), insert the document row, commit — in plain psycopg2.
"""

import multiprocessing as mp
import random
import time
from dataclasses import dataclass
from typing import Any

import psycopg2
from django.db import connection, connections
from django.utils import timezone

from registry.core.backup import database_dsn
from registry.core.text import fold, normalise_notation
from registry.incoming.models import IncomingDocument
from registry.incoming.services import incoming_register
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


def _ceiling_worker(dsn: str, sql: str, register_id: int, row: dict[str, Any],
                    columns: list[str], seconds: float, start_at: float, out: Any) -> None:
    conn = psycopg2.connect(dsn)
    cursor = conn.cursor()
    while time.time() < start_at:
        time.sleep(0.001)
    count, deadline = 0, start_at + seconds
    while time.time() < deadline:
        cursor.execute("UPDATE organisation_register SET last_number = last_number + 1 "
                       "WHERE id = %s RETURNING last_number", [register_id])
        number = cursor.fetchone()[0]
        values = [number if c == "number" else row[c] for c in columns]
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


def ceiling_throughput(*, clerk: User, workers: int, seconds: float) -> Throughput:
    register = register_of(clerk)
    sender = Correspondent.objects.order_by("pk").first()
    doc_type = DocumentType.objects.filter(abbreviation="KH").first()
    text = "Về việc đo trần hiệu năng đăng ký văn bản"
    now = timezone.now()
    row: dict[str, Any] = {}
    for field in _columns(IncomingDocument):
        if field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value: Any = now
        else:
            value = field.get_default()
        row[field.column] = value
    row.update({"agency_id": clerk.agency_id, "register_id": register.pk,
                "received_at": now, "registered_at": now, "registered_by_id": clerk.pk,
                "sender_id": sender.pk, "sender_name": sender.name,
                "sender_notation": "1/BT", "notation_normalised": normalise_notation("1/BT"),
                "document_date": now.date(), "document_type_id": doc_type.pk, "summary": text,
                "status": "registered", "search_folded": fold(text)})
    columns = list(row)
    sql = (f'INSERT INTO "{IncomingDocument._meta.db_table}" ('
           + ", ".join(f'"{c}"' for c in columns) + ") VALUES ("
           + ", ".join(["%s"] * len(columns)) + ")")
    return _run(_ceiling_worker, (database_dsn(), sql, register.pk, row, columns),
                workers, seconds)


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
