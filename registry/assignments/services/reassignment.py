"""A unit head hands the unit's work to one of its people, or moves it to another of them."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.notifications.services import notifications_create

from .. import events
from ..models import Assignment, AssignmentStatus
from .common import is_unit_head, locked, require_open, unit_of
from .creation import assignment_create
from .lifecycle import _start


def _check(actor: Any, assignment: Assignment, person: Any, deadline: dt.date | None) -> Any:
    unit = unit_of(assignment)
    if not is_unit_head(actor, assignment):
        raise PermissionDenied(_("Chỉ trưởng đơn vị mới giao lại công việc của đơn vị."))
    require_open(assignment)
    if person is None or person.unit_id != unit.pk or not person.is_active:
        raise ValidationError({"assignee_user": _("Chọn một người đang làm việc trong %(unit)s.")
                               % {"unit": unit}})
    if deadline is not None and assignment.deadline is not None and deadline > assignment.deadline:
        raise ValidationError({"deadline": _("Hạn giao lại không được sau hạn của công việc "
                                             "(%(date)s).")
                               % {"date": f"{assignment.deadline:%d/%m/%Y}"}})
    return unit


def _delegate(*, actor: Any, parent: Assignment, unit: Any, person: Any, content: str,
              deadline: dt.date | None) -> Assignment:
    child = assignment_create(
        assigner=actor, content=content or parent.content, assignee_unit=unit,
        assignee_user=person, role=parent.role, deadline=deadline or parent.deadline,
        source_label=parent.source_label, source_url=parent.source_url,
        is_urgent=parent.is_urgent, parent=parent,
    )
    if parent.source_type_id:
        # The child answers for the same document, so the document's readers include its handler.
        child.source_type_id, child.source_id = parent.source_type_id, parent.source_id
        child.save(update_fields=["source_type", "source_id"])
    if parent.status == AssignmentStatus.ASSIGNED:
        _start(actor=actor, assignment=parent)
    event_record(actor=actor, verb=events.ASSIGNMENT_DELEGATED, target=parent,
                 payload={"child": child.pk, "assignee_user": person.pk,
                          "deadline": child.deadline})
    return child


def _retarget(*, actor: Any, assignment: Assignment, person: Any,
              deadline: dt.date | None, note: str) -> Assignment:
    previous = assignment.assignee_user
    if previous is not None and previous.pk == person.pk:
        raise ValidationError({"assignee_user": _("Công việc đang do chính người này xử lý.")})
    assignment.assignee_user = person
    fields = ["assignee_user"]
    payload: dict[str, Any] = {"assignee_user": [getattr(previous, "pk", None), person.pk],
                               "note": note}
    if deadline is not None and deadline != assignment.deadline:
        payload["deadline"] = [assignment.deadline, deadline]
        assignment.deadline = deadline
        fields.append("deadline")
    assignment.save(update_fields=fields)
    event_record(actor=actor, verb=events.ASSIGNMENT_REASSIGNED, target=assignment,
                 payload=payload)
    notifications_create(
        recipients=[person], kind="assignment.reassigned",
        title=_("Việc được chuyển cho bạn: %(content)s") % {"content": assignment.content[:120]},
        body=note, url=assignment.get_absolute_url(),
    )
    if previous is not None:
        notifications_create(
            recipients=[previous], kind="assignment.reassigned",
            title=_("Việc đã chuyển cho %(person)s: %(content)s")
            % {"person": person, "content": assignment.content[:100]},
            body=note, url=assignment.get_absolute_url(),
        )
    return assignment


def assignment_reassign(
    *, actor: Any, assignment: Assignment, assignee_user: Any, deadline: dt.date | None = None,
    content: str = "", note: str = "",
) -> Assignment:
    """The head of the unit the work belongs to gives it to a person of that unit.

    Work given to the unit as a whole gets a child assignment for the person (the unit's own
    assignment stays, and is finished when the person finishes); work already given to a
    person moves to the new person. Both are recorded in the history. Returns the assignment
    the person now holds.
    """
    with transaction.atomic():
        assignment = locked(assignment)
        unit = _check(actor, assignment, assignee_user, deadline)
        if assignment.assignee_user_id is None:
            return _delegate(actor=actor, parent=assignment, unit=unit, person=assignee_user,
                             content=(content or "").strip(), deadline=deadline)
        return _retarget(actor=actor, assignment=assignment, person=assignee_user,
                         deadline=deadline, note=(note or "").strip())
