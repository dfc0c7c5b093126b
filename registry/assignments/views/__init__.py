from .actions import (
    assignment_complete,
    assignment_extension,
    assignment_extension_decide,
    assignment_progress,
    assignment_reassign,
    assignment_start,
    progress_file,
)
from .lists import assignment_create, assignment_detail, assignments_given, assignments_mine
from .tracking import tracking, tracking_list

__all__ = [
    "assignment_complete",
    "assignment_create",
    "assignment_detail",
    "assignment_extension",
    "assignment_extension_decide",
    "assignment_progress",
    "assignment_reassign",
    "assignment_start",
    "assignments_given",
    "assignments_mine",
    "progress_file",
    "tracking",
    "tracking_list",
]
