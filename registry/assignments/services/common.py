"""Rules every assignment service shares: who handles the work, who heads it, row locks."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..models import Assignment


def handlers_of(assignment: Assignment) -> list[Any]:
    """Who is told about the work: the person, or for a unit's work the unit's head."""
    if assignment.assignee_user_id:
        return [assignment.assignee_user]
    unit = assignment.assignee_unit
    return [unit.head] if unit is not None and unit.head_id else []


def unit_of(assignment: Assignment) -> Any:
    if assignment.assignee_unit_id:
        return assignment.assignee_unit
    return assignment.assignee_user.unit if assignment.assignee_user_id else None


def is_handler(user: Any, assignment: Assignment) -> bool:
    """The named person; for work given to a unit as a whole, any member of that unit."""
    if assignment.assignee_user_id:
        return assignment.assignee_user_id == user.pk
    return bool(user.unit_id) and user.unit_id == assignment.assignee_unit_id


def is_unit_head(user: Any, assignment: Assignment) -> bool:
    unit = unit_of(assignment)
    return unit is not None and unit.head_id == user.pk


def locked(assignment: Assignment) -> Assignment:
    """Re-read the row under a lock, so two people acting at once see each other's change."""
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("assignee_user__unit", "assignee_unit", "assigner")
        .get(pk=assignment.pk)
    )


def require_handler(user: Any, assignment: Assignment) -> None:
    if not is_handler(user, assignment):
        raise PermissionDenied(_("Bạn không phải người xử lý công việc này."))


def require_open(assignment: Assignment) -> None:
    if not assignment.is_open:
        raise ValidationError(_("Công việc đã kết thúc, không thể thay đổi."))
