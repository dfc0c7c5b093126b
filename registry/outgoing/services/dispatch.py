"""Marking external sends done: channel and date, and whether it was late."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record

from .. import events
from ..models import Dispatch, DispatchChannel, DispatchStatus, OutgoingDocument, OutgoingStatus
from .common import OutgoingForbidden, document_locked


def outgoing_dispatch_mark_sent(
    *, actor: Any, document: OutgoingDocument, dispatch_ids: Sequence[int], channel: str,
    sent_on: dt.date,
) -> list[Dispatch]:
    """The clerk records that the listed recipients were sent the document."""
    if channel not in DispatchChannel.values or channel == DispatchChannel.INTERNAL:
        raise ValidationError({"channel": _("Chọn hình thức gửi.")})
    if not dispatch_ids:
        raise ValidationError({"dispatches": _("Chọn nơi nhận đã gửi.")})
    with transaction.atomic():
        document = document_locked(document)
        if not (actor.is_clerk and actor.agency_id == document.agency_id):
            raise OutgoingForbidden(_("Chỉ văn thư của cơ quan được ghi nhận gửi văn bản."))
        if document.status != OutgoingStatus.ISSUED:
            raise ValidationError(
                _("Văn bản không còn lượt gửi nào (đã gửi hết, thu hồi hoặc hủy)."))
        if sent_on > timezone.localdate() or sent_on < document.document_date:
            raise ValidationError({"sent_on": _("Ngày gửi từ ngày ban hành đến hôm nay.")})
        dispatches = list(document.dispatches.select_related("recipient")
                          .filter(pk__in=dispatch_ids, status=DispatchStatus.PENDING))
        if len(dispatches) != len(set(dispatch_ids)):
            raise ValidationError({"dispatches": _("Có nơi nhận đã được ghi nhận gửi trước đó.")})
        now = timezone.now()
        for dispatch in dispatches:
            dispatch.channel, dispatch.status = channel, DispatchStatus.SENT
            dispatch.sent_on, dispatch.sent_at, dispatch.sent_by = sent_on, now, actor
            dispatch.save(update_fields=["channel", "status", "sent_on", "sent_at", "sent_by"])
        event_record(actor=actor, verb=events.DISPATCHED, target=document, payload={
            "recipients": [d.recipient.name for d in dispatches], "channel": channel,
            "sent_on": sent_on, "late": [d.recipient.name for d in dispatches if d.is_late]})
        if not document.dispatches.filter(status=DispatchStatus.PENDING).exists():
            document.status = OutgoingStatus.DISPATCHED
            document.save(update_fields=["status", "updated_at"])
    return dispatches
