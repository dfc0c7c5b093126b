"""Statuses received for our documents: each recipient's stage moves forward, never back."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record

from .. import events
from ..config import exchange_limits
from ..edxml import PacketError, StatusCode, read_status
from ..models import ReceivedStatus, RecipientState

Stage = RecipientState.Stage
STAGES: dict[StatusCode, tuple[str, int]] = {
    StatusCode.ARRIVED: (Stage.ARRIVED, 1),
    StatusCode.REFUSED: (Stage.REFUSED, 2),
    StatusCode.ACCEPTED: (Stage.ACCEPTED, 2),
    StatusCode.ASSIGNED: (Stage.ASSIGNED, 3),
    StatusCode.HANDLING: (Stage.HANDLING, 4),
    StatusCode.COMPLETED: (Stage.DONE, 5),
    StatusCode.WITHDRAW_AGREED: (Stage.WITHDRAWN, 6),
    StatusCode.WITHDRAW_REFUSED: (Stage.KEPT, 6),
}


def status_receive(*, data: bytes, base: dict[str, Any]) -> Any:
    """Log a status message and move the recipient's stage; quarantine what we cannot place."""
    from .intake import quarantine

    try:
        message = read_status(data, limits=exchange_limits())
    except PacketError as error:
        return quarantine(base=base, reason=error.reason)
    document_id = message.response_for.document_id
    organ_id = message.sender.organ_id.strip().upper()
    state = RecipientState.objects.filter(edxml_document_id=document_id,
                                          organ_id=organ_id).first()
    if state is None:
        return quarantine(base=base, reason=_(
            "Trạng thái %(code)s của %(organ)s cho văn bản không do cơ quan gửi đi (%(id)s).")
            % {"code": message.status_code, "organ": organ_id, "id": document_id[:120]})
    reported_at = timezone.make_aware(message.timestamp)
    staff = message.staff_info.staff if message.staff_info else ""
    try:
        with transaction.atomic():
            row = ReceivedStatus.objects.create(
                state=state, response_document_id=document_id[:300], from_organ_id=organ_id[:13],
                from_name=message.sender.organ_name[:255], status_code=str(message.status_code),
                description=message.description[:4000], staff_name=staff[:200],
                reported_at=reported_at, sha256=base["sha256"])
            _advance(state, message.status_code, message.description, reported_at)
            event_record(actor=None, verb=events.STATUS_RECEIVED, target=state.document,
                         payload={"organ_id": organ_id, "code": str(message.status_code),
                                  "description": message.description[:500]})
    except IntegrityError:  # the same status message again
        return ReceivedStatus.objects.get(sha256=base["sha256"])
    return row


def _advance(state: RecipientState, code: StatusCode, description: str, reported_at: Any) -> None:
    stage_rank = STAGES.get(code)
    if stage_rank is None:
        return
    stage, rank = stage_rank
    fields = ["stage", "rank", "description", "reported_at"]
    if code == StatusCode.ACCEPTED and state.accepted_at is None:
        state.accepted_at = reported_at
        fields.append("accepted_at")
    if rank < state.rank:  # statuses may arrive out of order; a later stage stays
        if "accepted_at" in fields:
            state.save(update_fields=["accepted_at"])
        return
    state.stage, state.rank = stage, rank
    state.description, state.reported_at = description[:2000], reported_at
    state.save(update_fields=fields)
