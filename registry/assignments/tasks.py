import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict

from celery import shared_task
from django.db import connection

from .reminders import reminders_sweep as sweep

logger = logging.getLogger(__name__)

# A fixed key for PostgreSQL's advisory lock: one sweep at a time across all workers.
SWEEP_LOCK_KEY = 0x5EED_4_0001


@contextmanager
def _advisory_lock(key: int) -> Iterator[bool]:
    """A session lock, released at the end or when the worker's connection dies with it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660, ignore_result=True)
def reminders_sweep(today: str | None = None) -> dict[str, int | bool]:
    """The periodic sweep (daily at 07:00 and hourly in office hours, for catch-up).

    Safe to run twice or to redeliver after a crash (acks_late): the reminder keys make
    each reminder go out once. The lock only spares a second worker the wasted work.
    """
    with _advisory_lock(SWEEP_LOCK_KEY) as acquired:
        if not acquired:
            logger.info("reminders sweep already running elsewhere; skipped")
            return {"skipped": True}
        result = sweep(today=dt.date.fromisoformat(today) if today else None)
    logger.info("reminders sweep: %s", result)
    return {"skipped": False, **asdict(result)}
