"""Recall (thu hồi), replacement (thay thế) and correction (đính chính) of issued documents."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.notifications.services import notifications_create

from .. import events, listeners
from ..models import (
    ISSUED_STATUSES,
    Amendment,
    DispatchStatus,
    OutgoingDocument,
    OutgoingStatus,
    RecipientKind,
)
from .common import OutgoingForbidden, document_locked


def _internal_recipient_users(document: OutgoingDocument) -> list[Any]:
    """Who in this deployment must learn of a recall: heads of receiving units, their clerks."""
    from registry.organisation.models import Role, User

    units = [r.unit_id for r in document.recipients.all() if r.kind == RecipientKind.UNIT]
    agencies = [r.agency_id for r in document.recipients.all() if r.kind == RecipientKind.AGENCY]
    heads = list(User.objects.filter(headed_units__in=units, is_active=True))
    clerks = list(User.objects.filter(agency_id__in=[*agencies, document.agency_id],
                                      roles__contains=[Role.CLERK], is_active=True))
    return heads + clerks


def _freeze(*, actor: Any, target: OutgoingDocument, status: str, reason: str, verb: str,
            by: OutgoingDocument | None = None) -> None:
    target.status, target.closed_reason, target.closed_at = status, reason, timezone.now()
    target.save(update_fields=["status", "closed_reason", "closed_at", "updated_at"])
    target.dispatches.filter(status=DispatchStatus.PENDING).update(
        status=DispatchStatus.CANCELLED)
    event_record(actor=actor, verb=verb, target=target, payload={
        "reason": reason, "by": by.pk if by else None, "by_notation": by.notation if by else ""})
    listeners.outgoing_listeners_notify(
        document=target, actor=actor, by=by,
        event=listeners.RECALLED if status == OutgoingStatus.RECALLED else listeners.REPLACED)
    title = (_("Văn bản %(n)s đã bị thu hồi") if status == OutgoingStatus.RECALLED
             else _("Văn bản %(n)s đã được thay thế")) % {"n": target.notation}
    notifications_create(recipients=_internal_recipient_users(target), kind=verb, title=title,
                         body=reason, url=target.get_absolute_url())


def amendment_apply(*, actor: Any, document: OutgoingDocument) -> None:
    """Run inside outgoing_issue: what the new document does to the one it names."""
    target = document_locked(document.amends)
    if target.status not in ISSUED_STATUSES or target.is_frozen:
        raise ValidationError({"amends": _("Văn bản %(n)s không còn hiệu lực để sửa đổi.")
                               % {"n": target.notation}})
    reason = _("Theo văn bản %(n)s") % {"n": document.notation}
    if document.amendment == Amendment.RECALL:
        _freeze(actor=actor, target=target, status=OutgoingStatus.RECALLED, reason=reason,
                verb=events.RECALLED, by=document)
    elif document.amendment == Amendment.REPLACE:
        _freeze(actor=actor, target=target, status=OutgoingStatus.REPLACED, reason=reason,
                verb=events.REPLACED, by=document)
    else:
        event_record(actor=actor, verb=events.CORRECTED, target=target,
                     payload={"by": document.pk, "by_notation": document.notation})


def outgoing_recall(*, actor: Any, document: OutgoingDocument, reason: str) -> OutgoingDocument:
    """Thu hồi: the document is frozen; recipients in the deployment are told."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Nhập lý do thu hồi.")})
    with transaction.atomic():
        document = document_locked(document)
        if not ((actor.is_clerk or actor.is_leader) and actor.agency_id == document.agency_id):
            raise OutgoingForbidden(_("Chỉ văn thư hoặc lãnh đạo cơ quan được thu hồi văn bản."))
        if document.status not in ISSUED_STATUSES or document.is_frozen:
            raise ValidationError(_("Chỉ thu hồi được văn bản đã ban hành và còn hiệu lực."))
        _freeze(actor=actor, target=document, status=OutgoingStatus.RECALLED, reason=reason,
                verb=events.RECALLED)
    return document


def outgoing_void(*, actor: Any, document: OutgoingDocument, reason: str) -> OutgoingDocument:
    """An issued document cancelled by the clerk keeps its number, marked void with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Nhập lý do hủy.")})
    with transaction.atomic():
        document = document_locked(document)
        if not (actor.is_clerk and actor.agency_id == document.agency_id):
            raise OutgoingForbidden(_("Chỉ văn thư được hủy văn bản đã vào sổ."))
        if document.status not in ISSUED_STATUSES or document.is_frozen:
            raise ValidationError(_("Văn bản không ở trạng thái hủy được."))
        document.status, document.closed_reason = OutgoingStatus.VOID, reason
        document.closed_at = timezone.now()
        document.save(update_fields=["status", "closed_reason", "closed_at", "updated_at"])
        event_record(actor=actor, verb=events.VOIDED, target=document, payload={"reason": reason})
    return document
