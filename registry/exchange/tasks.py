"""Celery tasks: poll the transport, send the outbox. Thin: each calls one service."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from celery import shared_task
from django.db import connection

from .config import exchange_transport
from .services import exchange_poll, outbound_due_ids, outbound_send
from .transport import TransportError

logger = logging.getLogger(__name__)

POLL_LOCK = 0x65_78_63_68  # a PostgreSQL advisory lock key: polls never overlap


@contextmanager
def poll_lock() -> Iterator[bool]:
    """True when this process holds the poll lock (across workers: it is the database's)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [POLL_LOCK])
        held = bool(cursor.fetchone()[0])
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [POLL_LOCK])


class TransientTransportError(Exception):
    """A retryable TransportError, re-raised so Celery retries it with back-off."""


@shared_task(bind=True, autoretry_for=(TransientTransportError,), retry_backoff=30,
             retry_backoff_max=900, retry_jitter=True, max_retries=5,
             soft_time_limit=540, time_limit=600)
def exchange_poll_task(self) -> str:  # type: ignore[no-untyped-def]
    """Beat: take in what the transport holds. Runs do not overlap (a lock)."""
    transport = exchange_transport()
    if transport is None:
        return "exchange off"
    with poll_lock() as held:
        if not held:
            return "another poll is running"
        try:
            return str(exchange_poll(transport=transport))
        except TransportError as error:
            if error.retryable:
                raise TransientTransportError(str(error)) from error
            logger.error("exchange poll refused: %s", error)
            return f"refused: {error}"


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def outbound_send_task(outbound_id: int) -> bool:
    """Right after commit: send one outbox row (a failure waits for the sweep's back-off)."""
    transport = exchange_transport()
    if transport is None:
        return False
    return outbound_send(outbound_id=outbound_id, transport=transport)


@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)
def outbound_sweep() -> int:
    """Beat: send every due outbox row (lost tasks, hub outages, retries after back-off)."""
    transport = exchange_transport()
    if transport is None:
        return 0
    return sum(outbound_send(outbound_id=pk, transport=transport) for pk in outbound_due_ids())
