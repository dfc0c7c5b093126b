"""Recall (BussinessDocType 1), update (2) and replace (3) of a document we received.

Each is recorded when it arrives (a ReceivedChange, an event in the document's history, a
notice to the clerks) and applied by a clerk: a recalled or replaced document is voided (it
keeps its number, frozen, with the reason), an update corrects the fields it names.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.incoming.services import incoming_update, incoming_void
from registry.notifications.services import notifications_create
from registry.organisation.models import Role
from registry.organisation.selectors import users_with_role

from .. import events
from ..edxml import BusinessDocType, DocumentMessage, StatusCode
from ..models import ChangeKind, PacketState, ReceivedChange, ReceivedPacket
from .intake import Refused, incoming_values
from .outbox import status_queue

KINDS = {BusinessDocType.RECALL: ChangeKind.RECALL, BusinessDocType.UPDATE: ChangeKind.UPDATE,
         BusinessDocType.REPLACE: ChangeKind.REPLACE}
# Fields an update may correct (those incoming_update accepts after registration).
UPDATABLE = ("sender_notation", "document_date", "summary", "signer", "urgency", "page_count",
             "reply_requested_by")


def _original(agency: Any, document_id: str) -> ReceivedPacket | None:
    return ReceivedPacket.objects.filter(
        agency=agency, edxml_document_id=document_id[:300], business_type__in=[0, 3],
        state__in=[PacketState.RECEIVED, PacketState.ACCEPTED],
    ).select_related("incoming_document").order_by("-id").first()


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _diff(document: IncomingDocument, message: DocumentMessage) -> dict[str, list[Any]]:
    values = incoming_values(message)
    return {name: [_plain(getattr(document, name)), _plain(values[name])] for name in UPDATABLE
            if values[name] not in (None, "") and getattr(document, name) != values[name]}


def _notify(document: IncomingDocument, title: str, body: str) -> None:
    notifications_create(recipients=users_with_role(document.agency_id, Role.CLERK),
                         kind="exchange.change", title=title, body=body[:1000],
                         url=document.get_absolute_url())


def change_receive(*, message: DocumentMessage, agency: Any, base: dict[str, Any]
                   ) -> ReceivedPacket:
    """A recall or an update of a document received earlier."""
    original = _original(agency, message.document_id)
    if original is None:
        raise Refused(_("Không tìm thấy văn bản được thu hồi hoặc cập nhật (mã %(id)s).")
                      % {"id": message.document_id[:120]})
    document = original.incoming_document
    kind = KINDS[message.business.doc_type]
    reason = message.business.reason[:2000]
    changes = _diff(document, message) if kind == ChangeKind.UPDATE else {}
    with transaction.atomic():
        packet = ReceivedPacket.objects.create(
            state=PacketState.APPLIED, agency=agency, edxml_document_id=original.edxml_document_id,
            business_type=int(message.business.doc_type),
            sender_organ_id=original.sender_organ_id, sender_name=original.sender_name,
            notation=original.notation, document_date=original.document_date,
            incoming_document=document, reason=reason, **base)
        change = ReceivedChange.objects.create(document=document, packet=packet, kind=kind,
                                               reason=reason, changes=changes)
        event_record(actor=None, verb=events.CHANGE_RECEIVED, target=document,
                     payload={"kind": kind, "reason": reason, "changes": changes})
        title = (_("Cơ quan gửi thu hồi văn bản %(n)s") if kind == ChangeKind.RECALL
                 else _("Cơ quan gửi cập nhật văn bản %(n)s")) % {"n": document.sender_notation}
        _notify(document, title, reason)
    return change.packet


def replacement_record(*, message: DocumentMessage, agency: Any, packet: ReceivedPacket) -> None:
    """Inside the intake transaction of a replacing document: link the ones it replaces."""
    for info in message.business.replacements:
        original = _original(agency, info.document_id)
        if original is None:
            continue
        document = original.incoming_document
        reason = message.business.reason[:2000]
        ReceivedChange.objects.create(document=document, packet=packet, kind=ChangeKind.REPLACE,
                                      reason=reason, replacement=packet.incoming_document)
        event_record(actor=None, verb=events.CHANGE_RECEIVED, target=document, payload={
            "kind": ChangeKind.REPLACE, "reason": reason,
            "replacement": packet.incoming_document_id})
        _notify(document, _("Văn bản %(n)s được thay thế bởi %(m)s") % {
            "n": document.sender_notation, "m": packet.notation}, reason)
        return  # one ReceivedChange per packet: the first replaced document we hold


def _parsed(changes: dict[str, list[Any]]) -> dict[str, Any]:
    import datetime as dt

    values: dict[str, Any] = {}
    for name, (_old, new) in changes.items():
        is_date = name in ("document_date", "reply_requested_by") and new
        values[name] = dt.date.fromisoformat(new) if is_date else new
    return values


def change_apply(*, actor: Any, change: ReceivedChange) -> ReceivedChange:
    """The clerk applies a recall/replacement (void, frozen) or an update (corrections)."""
    document = change.document
    if not (actor.is_clerk and actor.agency_id == document.agency_id):
        raise PermissionDenied(_("Chỉ văn thư của cơ quan mới làm được việc này."))
    with transaction.atomic():
        change = ReceivedChange.objects.select_for_update().get(pk=change.pk)
        if change.applied_at is not None:
            raise ValidationError(_("Đã áp dụng trước đó."))
        if change.kind == ChangeKind.UPDATE:
            if document.status == IncomingStatus.RECEIVED:
                raise ValidationError(_("Vào sổ văn bản trước khi áp dụng cập nhật."))
            incoming_update(actor=actor, document=document, **_parsed(change.changes))
        elif document.status != IncomingStatus.VOID:
            label = change.get_kind_display()
            incoming_void(actor=actor, document=document, reason=_(
                "%(kind)s theo yêu cầu của cơ quan gửi: %(reason)s") % {
                    "kind": label, "reason": change.reason or "—"})
            if change.kind == ChangeKind.RECALL:
                packet = _original(document.agency, change.packet.edxml_document_id)
                if packet is not None:
                    status_queue(packet=packet, code=StatusCode.WITHDRAW_AGREED,
                                 description=change.reason, staff_name=str(actor))
        change.applied_by, change.applied_at = actor, timezone.now()
        change.save(update_fields=["applied_by", "applied_at"])
        event_record(actor=actor, verb=events.CHANGE_APPLIED, target=document,
                     payload={"kind": change.kind, "change": change.pk})
    return change
