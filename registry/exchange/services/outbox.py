"""The outbox: queue a status or a packet exactly once, then send it with back-off.

Queuing runs in the caller's transaction (INSERT … ON CONFLICT DO NOTHING on the row's
unique key); sending runs after commit, in a task, and again from the periodic sweep for
whatever a lost task or a hub outage left behind.
"""

import datetime as dt
import logging
import random
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from registry.core.queue import enqueue

from ..edxml import StatusCode
from ..models import Outbound, OutboundKind, OutboundState, ReceivedPacket
from ..transport import Transport, TransportError

logger = logging.getLogger(__name__)

SEND_TASK = "registry.exchange.tasks.outbound_send_task"
CLAIM_TIMEOUT = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 12
BACKOFF_BASE = 30  # seconds; doubled each attempt
BACKOFF_MAX = 3600


def _queue(row: Outbound, key: Q) -> Outbound | None:
    """Insert the row unless its key exists; send after commit. Returns the row of the key."""
    Outbound.objects.bulk_create([row], ignore_conflicts=True)
    stored = Outbound.objects.filter(key).first()
    if stored is not None and stored.state == OutboundState.PENDING:
        transaction.on_commit(lambda: enqueue(SEND_TASK, stored.pk))
    return stored


def status_queue(*, packet: ReceivedPacket, code: StatusCode, description: str = "",
                 staff_name: str = "") -> Outbound | None:
    """Tell the sender of `packet` what became of its document (once per code)."""
    if packet.incoming_document_id is None or packet.agency_id is None:
        return None
    row = Outbound(kind=OutboundKind.STATUS, agency_id=packet.agency_id,
                   to_organ_id=packet.sender_organ_id, status_code=str(code),
                   description=description[:2000], incoming_document_id=packet.incoming_document_id,
                   packet=packet, staff_name=staff_name[:200])
    return _queue(row, Q(kind=OutboundKind.STATUS, status_code=str(code),
                         incoming_document_id=packet.incoming_document_id,
                         to_organ_id=packet.sender_organ_id))


def document_queue(*, dispatch: Any, agency_id: int, organ_id: str, business_type: int,
                   description: str = "") -> Outbound | None:
    """Send one recipient our document (or its recall/replacement), once per business type."""
    row = Outbound(kind=OutboundKind.DOCUMENT, agency_id=agency_id, to_organ_id=organ_id,
                   dispatch=dispatch, business_type=business_type, description=description)
    return _queue(row, Q(kind=OutboundKind.DOCUMENT, dispatch=dispatch,
                         business_type=business_type))


def _claim(outbound_id: int) -> bool:
    """Take the row for sending; the row count says who won (a retry or a second task loses)."""
    now = timezone.now()
    claim = {"state": OutboundState.SENDING, "claimed_at": now, "attempts": F("attempts") + 1}
    rows = Outbound.objects.filter(pk=outbound_id)
    won = rows.filter(state=OutboundState.PENDING, next_attempt_at__lte=now).update(**claim)
    if not won:
        won = rows.filter(state=OutboundState.SENDING,
                          claimed_at__lt=now - CLAIM_TIMEOUT).update(**claim)
    return won == 1


def backoff(attempts: int) -> dt.timedelta:
    seconds = min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_MAX)
    return dt.timedelta(seconds=seconds * (0.8 + 0.4 * random.random()))


def outbound_send(*, outbound_id: int, transport: Transport) -> bool:
    """Send one outbox row; False when someone else has it or it is done.

    A retryable transport error puts the row back with a later `next_attempt_at`; any other
    failure marks it failed (the administrator sees it and may send it again).
    """
    from .messages import outbound_bytes
    from .sent import outbound_delivered

    if not _claim(outbound_id):
        return False
    row = Outbound.objects.select_related("agency", "packet", "incoming_document",
                                          "dispatch__recipient").get(pk=outbound_id)
    try:
        data, filename = outbound_bytes(row)
        if row.kind == OutboundKind.STATUS:
            transport_id = transport.send_status(data)
        else:
            transport_id = transport.send_packet(data, filename)
    except TransportError as error:
        _failed(row, str(error), retry=error.retryable and row.attempts < MAX_ATTEMPTS)
        return False
    except Exception as error:  # a packet we cannot build is an administrator's problem
        logger.exception("outbound %s could not be sent", outbound_id)
        _failed(row, repr(error)[:500], retry=False)
        return False
    with transaction.atomic():
        Outbound.objects.filter(pk=row.pk).update(
            state=OutboundState.SENT, sent_at=timezone.now(), transport_id=transport_id[:255],
            last_error="")
        outbound_delivered(row)
    return True


def _failed(row: Outbound, message: str, *, retry: bool) -> None:
    state = OutboundState.PENDING if retry else OutboundState.FAILED
    Outbound.objects.filter(pk=row.pk).update(
        state=state, last_error=message[:2000],
        next_attempt_at=timezone.now() + backoff(row.attempts))


def outbound_due_ids(*, limit: int = 200) -> list[int]:
    """Pending rows whose time has come, and rows a dead worker left in `sending`."""
    now = timezone.now()
    due = Q(state=OutboundState.PENDING, next_attempt_at__lte=now) | Q(
        state=OutboundState.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)
    return list(Outbound.objects.filter(due).order_by("created_at", "id")
                .values_list("id", flat=True)[:limit])


def outbound_retry(*, ids: list[int]) -> int:
    """An administrator sends failed rows again."""
    return Outbound.objects.filter(pk__in=ids, state=OutboundState.FAILED).update(
        state=OutboundState.PENDING, next_attempt_at=timezone.now(), attempts=0)
