"""Creating assignments (the contract other apps call) and working out deadlines."""

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.notifications.services import notifications_create
from registry.organisation.calendar import add_working_days

from .. import events
from ..models import Assignment, AssignmentRole
from .common import handlers_of


def assignment_deadline(
    *, deadline: dt.date | None = None, working_days: int | None = None,
    start: dt.date | None = None,
) -> dt.date | None:
    """A deadline given as a date, or as N working days after `start` (today by default)."""
    if deadline is not None and working_days:
        raise ValidationError({"deadline": _("Chọn hạn theo ngày hoặc theo số ngày làm việc, "
                                             "không chọn cả hai.")})
    if working_days:
        if working_days < 0:
            raise ValidationError({"working_days": _("Số ngày làm việc phải lớn hơn 0.")})
        return add_working_days(start or timezone.localdate(), working_days)
    return deadline


def assignment_create(
    *,
    assigner: Any,
    content: str,
    assignee_unit: Any = None,
    assignee_user: Any = None,
    role: str = AssignmentRole.LEAD,
    deadline: dt.date | None = None,
    source: models.Model | None = None,
    source_label: str = "",
    source_url: str = "",
    is_urgent: bool = False,
    parent: Assignment | None = None,
) -> Assignment:
    """Create one assignment in the caller's transaction; its assignee is notified after commit.

    `source` is the document that gave rise to the work (an incoming or outgoing document),
    or None for an ad-hoc task.
    """
    if assignee_unit is None and assignee_user is None:
        raise ValidationError(_("Chọn đơn vị hoặc người xử lý."))
    if role not in AssignmentRole.values:
        raise ValidationError(_("Vai trò xử lý không hợp lệ."))
    if not (content or "").strip():
        raise ValidationError(_("Nhập nội dung công việc."))
    tracking_unit_id = getattr(assignee_unit, "pk", None) or getattr(assignee_user, "unit_id", None)
    with transaction.atomic():
        assignment = Assignment.objects.create(
            agency_id=assigner.agency_id,
            assigner=assigner,
            assignee_unit=assignee_unit,
            assignee_user=assignee_user,
            role=role,
            content=content.strip(),
            deadline=deadline,
            source_type=ContentType.objects.get_for_model(source) if source is not None else None,
            source_id=source.pk if source is not None else None,
            source_label=source_label[:300],
            source_url=source_url,
            is_urgent=is_urgent,
            parent=parent,
            tracking_unit_id=tracking_unit_id,
            delegated_within_unit=parent is not None
            and parent.tracking_unit_id == tracking_unit_id,
        )
        event_record(actor=assigner, verb=events.ASSIGNMENT_CREATED, target=assignment,
                     payload={"role": role, "deadline": deadline,
                              "assignee_unit": getattr(assignee_unit, "pk", None),
                              "assignee_user": getattr(assignee_user, "pk", None)})
        notifications_create(
            recipients=handlers_of(assignment),
            kind="assignment.created",
            title=_("Việc mới: %(content)s") % {"content": assignment.content[:120]},
            body=source_label,
            url=f"/cong-viec/{assignment.pk}/",
        )
    return assignment


def assignments_for_source(source: models.Model) -> models.QuerySet[Assignment]:
    return Assignment.objects.filter(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk
    )
