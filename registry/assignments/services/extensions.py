"""Extensions: the handler asks for a later deadline, the assigner grants or refuses.
Every request stays as a row (old deadline, asked, granted), so the history is complete."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.notifications.services import notifications_create

from .. import events
from ..models import Assignment, ExtensionRequest, ExtensionStatus
from ..sources import EXTENDED, source_notify
from .common import locked, require_handler, require_open


def assignment_extension_request(
    *, actor: Any, assignment: Assignment, requested_deadline: dt.date, reason: str,
) -> ExtensionRequest:
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Nêu lý do đề nghị gia hạn.")})
    with transaction.atomic():
        assignment = locked(assignment)
        require_handler(actor, assignment)
        require_open(assignment)
        if assignment.deadline is None:
            raise ValidationError(_("Công việc không có hạn xử lý nên không cần gia hạn."))
        if requested_deadline is None or requested_deadline <= assignment.deadline:
            raise ValidationError({"requested_deadline": _("Hạn đề nghị phải sau hạn hiện tại "
                                                           "(%(date)s).")
                                   % {"date": f"{assignment.deadline:%d/%m/%Y}"}})
        if assignment.extensions.filter(status=ExtensionStatus.PENDING).exists():
            raise ValidationError(_("Đã có một đề nghị gia hạn đang chờ quyết định."))
        extension = ExtensionRequest.objects.create(
            assignment=assignment, requested_by=actor, old_deadline=assignment.deadline,
            requested_deadline=requested_deadline, reason=reason.strip(),
        )
        event_record(actor=actor, verb=events.EXTENSION_REQUESTED, target=assignment,
                     payload={"extension": extension.pk,
                              "deadline": [assignment.deadline, requested_deadline],
                              "reason": extension.reason})
        notifications_create(
            recipients=[assignment.assigner], kind="assignment.extension_requested",
            title=_("Đề nghị gia hạn đến %(date)s: %(content)s")
            % {"date": f"{requested_deadline:%d/%m/%Y}", "content": assignment.content[:100]},
            body=extension.reason, url=assignment.get_absolute_url(),
        )
    return extension


def _decidable(actor: Any, extension: ExtensionRequest) -> tuple[ExtensionRequest, Assignment]:
    extension = ExtensionRequest.objects.select_for_update().get(pk=extension.pk)
    assignment = locked(extension.assignment)
    if assignment.assigner_id != actor.pk:
        raise PermissionDenied(_("Chỉ người giao việc mới quyết định gia hạn."))
    if extension.status != ExtensionStatus.PENDING:
        raise ValidationError(_("Đề nghị này đã được quyết định."))
    require_open(assignment)
    return extension, assignment


def _decide(extension: ExtensionRequest, *, actor: Any, status: str, note: str,
            deadline: dt.date | None) -> None:
    extension.status = status
    extension.decided_by = actor
    extension.decided_at = timezone.now()
    extension.decision_note = note
    extension.granted_deadline = deadline
    extension.save(update_fields=["status", "decided_by", "decided_at", "decision_note",
                                  "granted_deadline"])


def assignment_extension_grant(
    *, actor: Any, extension: ExtensionRequest, deadline: dt.date | None = None, note: str = "",
) -> ExtensionRequest:
    """Move the deadline to the date asked (or another the assigner sets)."""
    with transaction.atomic():
        extension, assignment = _decidable(actor, extension)
        new_deadline = deadline or extension.requested_deadline
        if assignment.deadline is not None and new_deadline <= assignment.deadline:
            raise ValidationError({"deadline": _("Hạn mới phải sau hạn hiện tại.")})
        _decide(extension, actor=actor, status=ExtensionStatus.GRANTED,
                note=(note or "").strip(), deadline=new_deadline)
        old_deadline = assignment.deadline
        assignment.deadline = new_deadline
        assignment.save(update_fields=["deadline"])
        event_record(actor=actor, verb=events.EXTENSION_GRANTED, target=assignment,
                     payload={"extension": extension.pk, "deadline": [old_deadline, new_deadline]})
        source_notify(assignment, EXTENDED)
        notifications_create(
            recipients=[extension.requested_by], kind="assignment.extension_granted",
            title=_("Được gia hạn đến %(date)s: %(content)s")
            % {"date": f"{new_deadline:%d/%m/%Y}", "content": assignment.content[:100]},
            body=extension.decision_note, url=assignment.get_absolute_url(),
        )
    return extension


def assignment_extension_refuse(
    *, actor: Any, extension: ExtensionRequest, note: str,
) -> ExtensionRequest:
    if not (note or "").strip():
        raise ValidationError({"note": _("Nêu lý do không đồng ý gia hạn.")})
    with transaction.atomic():
        extension, assignment = _decidable(actor, extension)
        _decide(extension, actor=actor, status=ExtensionStatus.REFUSED, note=note.strip(),
                deadline=None)
        event_record(actor=actor, verb=events.EXTENSION_REFUSED, target=assignment,
                     payload={"extension": extension.pk, "note": extension.decision_note})
        notifications_create(
            recipients=[extension.requested_by], kind="assignment.extension_refused",
            title=_("Không đồng ý gia hạn: %(content)s") % {"content": assignment.content[:100]},
            body=extension.decision_note, url=assignment.get_absolute_url(),
        )
    return extension
