"""Every write to assignments. Other apps create assignments only through `assignment_create`
and move them on only through the services exported here."""

from .creation import assignment_create, assignment_deadline, assignments_for_source
from .extensions import (
    assignment_extension_grant,
    assignment_extension_refuse,
    assignment_extension_request,
)
from .lifecycle import assignment_complete, assignment_report_progress, assignment_start
from .reassignment import assignment_reassign

__all__ = [
    "assignment_complete",
    "assignment_create",
    "assignment_deadline",
    "assignment_extension_grant",
    "assignment_extension_refuse",
    "assignment_extension_request",
    "assignment_reassign",
    "assignment_report_progress",
    "assignment_start",
    "assignments_for_source",
]
