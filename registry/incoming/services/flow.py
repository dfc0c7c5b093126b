"""After registration: submit, return, direct, void, file, answer; secret-access records."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.access.models import ChangeKind
from registry.access.services import access_change_record
from registry.assignments.models import AssignmentRole
from registry.assignments.services import assignment_create
from registry.audit.services import event_record
from registry.notifications.services import notifications_create
from registry.organisation.models import Role
from registry.organisation.selectors import users_with_role

from .. import events, listeners
from ..models import IncomingAccessGrant, IncomingDocument, IncomingStatus
from ._common import deadline_from, require_clerk, require_leader

SUBMITTABLE = (IncomingStatus.REGISTERED, IncomingStatus.RETURNED, IncomingStatus.SUBMITTED)
DIRECTABLE = (IncomingStatus.REGISTERED, IncomingStatus.SUBMITTED, IncomingStatus.RETURNED)
FILEABLE = (IncomingStatus.REGISTERED, IncomingStatus.DONE)


@dataclass(frozen=True)
class Handler:
    """A unit or a person named in a direction, with a deadline as a date or working days."""

    unit: Any = None
    user: Any = None
    deadline: dt.date | None = None
    days: int | None = None

    @property
    def label(self) -> str:
        return str(self.user or self.unit)


def _locked(document: IncomingDocument) -> IncomingDocument:
    return IncomingDocument.objects.select_for_update().get(pk=document.pk)


def _notice_title(document: IncomingDocument, text: str) -> str:
    # Secret documents never put their summary in a notification (it may leave as e-mail).
    subject = document.sender_notation if document.is_secret else document.summary[:120]
    return f"{text}: {subject}"


def _grant(*, actor: Any, document: IncomingDocument, user: Any) -> None:
    _row, created = IncomingAccessGrant.objects.get_or_create(
        document=document, user=user, defaults={"granted_by": actor})
    if created:
        event_record(actor=actor, verb=events.ACCESS_GRANTED, target=document,
                     payload={"user": user.pk})
        access_change_record(actor=actor, user=user, target=document,
                             change=ChangeKind.GRANTED)


def incoming_access_grant(*, actor: Any, document: IncomingDocument, user: Any) -> None:
    """Let one person read a secret document (leaders, or the clerk who registered it)."""
    if not (document.registered_by_id == actor.pk
            or (actor.is_leader and actor.agency_id == document.agency_id)):
        raise PermissionDenied(_("Bạn không có quyền cấp quyền xem văn bản này."))
    with transaction.atomic():
        _grant(actor=actor, document=document, user=user)


def incoming_secret_opened(*, actor: Any, document: IncomingDocument) -> None:
    """Every opening of a secret document is logged (Decree 30, Appendix VI)."""
    if document.is_secret:
        event_record(actor=actor, verb=events.SECRET_OPENED, target=document)


def incoming_submit(*, actor: Any, document: IncomingDocument, leader: Any,
                    note: str = "") -> IncomingDocument:
    require_clerk(actor, document.agency_id)
    if not (leader.is_active and leader.is_leader and leader.agency_id == document.agency_id):
        raise ValidationError({"leader": _("Chọn một lãnh đạo của cơ quan.")})
    with transaction.atomic():
        document = _locked(document)
        if document.status not in SUBMITTABLE:
            raise ValidationError(_("Văn bản ở trạng thái “%(status)s” không trình được.")
                                  % {"status": document.get_status_display()})
        document.status = IncomingStatus.SUBMITTED
        document.submitted_to = leader
        document.submitted_at = timezone.now()
        document.save(update_fields=["status", "submitted_to", "submitted_at", "updated_at"])
        if document.is_secret:
            _grant(actor=actor, document=document, user=leader)
        event_record(actor=actor, verb=events.SUBMITTED, target=document,
                     payload={"leader": leader.pk, "note": note[:1000]})
        notifications_create(
            recipients=[leader], kind="incoming.submitted",
            title=_notice_title(document, _("Văn bản đến số %(number)s chờ cho ý kiến")
                                % {"number": document.number_display}),
            body=note[:1000], url=document.get_absolute_url())
    return document


def incoming_return(*, actor: Any, document: IncomingDocument, reason: str) -> IncomingDocument:
    require_leader(actor, document.agency_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Nhập lý do trả lại.")})
    with transaction.atomic():
        document = _locked(document)
        if document.status != IncomingStatus.SUBMITTED:
            raise ValidationError(_("Chỉ trả lại được văn bản đang chờ cho ý kiến."))
        document.status = IncomingStatus.RETURNED
        document.return_reason = reason[:2000]
        document.save(update_fields=["status", "return_reason", "updated_at"])
        event_record(actor=actor, verb=events.RETURNED, target=document,
                     payload={"reason": document.return_reason})
        clerks = ([document.registered_by] if document.registered_by_id
                  else users_with_role(document.agency_id, Role.CLERK))
        notifications_create(
            recipients=clerks, kind="incoming.returned",
            title=_notice_title(document, _("Văn bản đến số %(number)s bị trả lại")
                                % {"number": document.number_display}),
            body=document.return_reason, url=document.get_absolute_url())
    return document


def _handler_check(handler: Handler, agency_id: int, field: str) -> None:
    target = handler.user or handler.unit
    if target is None or getattr(target, "agency_id", None) != agency_id:
        raise ValidationError({field: _("Chọn đơn vị hoặc người của cơ quan.")})


def _assign(*, actor: Any, document: IncomingDocument, handler: Handler, role: str,
            deadline: dt.date | None, content: str) -> dict[str, Any]:
    assignment_create(
        assigner=actor, content=content, assignee_unit=handler.unit if not handler.user else None,
        assignee_user=handler.user, role=role, deadline=deadline, source=document,
        source_label=str(document)[:300], source_url=document.get_absolute_url(),
        is_urgent=document.is_urgent,
    )
    if document.is_secret:
        reader = handler.user or getattr(handler.unit, "head", None)
        if reader is not None:
            _grant(actor=actor, document=document, user=reader)
    return {"role": role, "label": handler.label, "deadline": deadline,
            "unit": getattr(handler.unit, "pk", None), "user": getattr(handler.user, "pk", None)}


def incoming_direct(
    *, actor: Any, document: IncomingDocument, direction: str, lead: Handler,
    co_handlers: Sequence[Handler] = (), to_know: Sequence[Handler] = (),
) -> IncomingDocument:
    """The leader's direction: one lead, co-handlers, people to know, each with a deadline.

    The assignments are the assignments app's; they are created in this transaction.
    """
    require_leader(actor, document.agency_id)
    today = timezone.localdate()
    _handler_check(lead, document.agency_id, "lead")
    for field, group in (("co_handlers", co_handlers), ("to_know", to_know)):
        for handler in group:
            _handler_check(handler, document.agency_id, field)
    lead_deadline = deadline_from(start=today, deadline=lead.deadline, days=lead.days) \
        or document.handling_deadline
    if lead_deadline is None:
        raise ValidationError({"lead_deadline": _("Nhập hạn xử lý cho đơn vị, người chủ trì.")})
    if lead_deadline < today:
        raise ValidationError({"lead_deadline": _("Hạn xử lý đã qua.")})
    direction = (direction or "").strip()[:4000]
    content = direction or _("Xử lý văn bản: %(summary)s") % {"summary": document.summary[:500]}
    with transaction.atomic():
        document = _locked(document)
        if document.status not in DIRECTABLE:
            raise ValidationError(_("Văn bản ở trạng thái “%(status)s” không chỉ đạo được.")
                                  % {"status": document.get_status_display()})
        handlers = [_assign(actor=actor, document=document, handler=lead, role=AssignmentRole.LEAD,
                            deadline=lead_deadline, content=content)]
        for role, group in ((AssignmentRole.CO_HANDLE, co_handlers),
                            (AssignmentRole.TO_KNOW, to_know)):
            for handler in group:
                deadline = deadline_from(start=today, deadline=handler.deadline, days=handler.days)
                handlers.append(_assign(actor=actor, document=document, handler=handler, role=role,
                                        deadline=deadline or (lead_deadline if role ==
                                                              AssignmentRole.CO_HANDLE else None),
                                        content=content))
        document.status = IncomingStatus.DIRECTED
        document.direction = direction
        document.directed_by = actor
        document.directed_at = timezone.now()
        document.lead_unit = lead.unit if not lead.user else lead.user.unit
        document.lead_user = lead.user
        document.handler_label = lead.label[:300]
        document.handling_deadline = lead_deadline
        document.save(update_fields=[
            "status", "direction", "directed_by", "directed_at", "lead_unit", "lead_user",
            "handler_label", "handling_deadline", "updated_at"])
        event_record(actor=actor, verb=events.DIRECTED, target=document,
                     payload={"direction": direction, "handlers": handlers})
        listeners.incoming_listeners_notify(document=document, event=listeners.DIRECTED,
                                            actor=actor)
    return document


def incoming_void(*, actor: Any, document: IncomingDocument, reason: str) -> IncomingDocument:
    """Cancel a document: it keeps its number and stays in the register, marked void."""
    require_clerk(actor, document.agency_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Nhập lý do hủy.")})
    with transaction.atomic():
        document = _locked(document)
        if document.status == IncomingStatus.VOID:
            raise ValidationError(_("Văn bản đã hủy trước đó."))
        previous = document.status
        document.status = IncomingStatus.VOID
        document.void_reason = reason[:2000]
        document.voided_at = timezone.now()
        document.voided_by = actor
        document.save(update_fields=["status", "void_reason", "voided_at", "voided_by",
                                     "updated_at"])
        event_record(actor=actor, verb=events.VOIDED, target=document,
                     payload={"reason": document.void_reason, "previous_status": previous})
        listeners.incoming_listeners_notify(document=document, event=listeners.VOIDED,
                                            actor=actor)
    return document


def incoming_file(*, actor: Any, document: IncomingDocument) -> IncomingDocument:
    """Mark a handled document (or one only for information) as kept on file."""
    handles = document.lead_user_id == actor.pk or (
        document.lead_unit_id is not None and document.lead_unit_id == actor.unit_id)
    if not (actor.agency_id == document.agency_id
            and (actor.is_clerk or actor.is_leader or handles)):
        raise PermissionDenied(_("Bạn không có quyền lưu hồ sơ văn bản này."))
    with transaction.atomic():
        document = _locked(document)
        if document.status not in FILEABLE:
            raise ValidationError(_("Chỉ lưu hồ sơ được văn bản đã xử lý xong hoặc chỉ để biết."))
        previous = document.status
        document.status = IncomingStatus.FILED
        document.filed_at = timezone.now()
        document.save(update_fields=["status", "filed_at", "updated_at"])
        event_record(actor=actor, verb=events.FILED, target=document,
                     payload={"previous_status": previous})
    return document


def incoming_mark_answered(*, actor: Any, document: IncomingDocument,
                           reply_label: str) -> IncomingDocument:
    """Record the reply (number and symbol) for the follow-up register; the outgoing app
    calls it, in its own transaction, when it issues a document that answers this one."""
    reply_label = (reply_label or "").strip()
    if not reply_label:
        raise ValidationError({"reply_label": _("Thiếu số, ký hiệu văn bản trả lời.")})
    with transaction.atomic():
        document = _locked(document)
        labels = [part for part in document.reply_label.split(", ") if part]
        if reply_label not in labels:
            labels.append(reply_label)
        document.reply_label = ", ".join(labels)[:300]
        document.answered_at = timezone.now()
        document.save(update_fields=["reply_label", "answered_at", "updated_at"])
        event_record(actor=actor, verb=events.ANSWERED, target=document,
                     payload={"reply_label": reply_label})
    return document
