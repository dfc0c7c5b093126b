"""How an assignment tells its source document that its work moved on.

The assignments app knows no capability app. A capability that creates assignments for its
documents (incoming, outgoing) registers a listener for its model in `AppConfig.ready()`;
the assignment services call it inside the same transaction as the change, so the document's
status and history change atomically with the assignment.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models

if TYPE_CHECKING:
    from .models import Assignment

# event names passed to listeners
STARTED = "started"  # first progress report, or status set in progress
PROGRESS = "progress"  # a progress report
COMPLETED = "completed"  # finished with a result
REOPENED = "reopened"
EXTENDED = "extended"  # deadline extension granted

SourceListener = Callable[["Assignment", str], None]
_LISTENERS: dict[str, SourceListener] = {}


def source_listener_register(model: type[models.Model], listener: SourceListener) -> None:
    _LISTENERS[model._meta.label_lower] = listener


def source_notify(assignment: "Assignment", event: str) -> None:
    """Call the source's listener, if the assignment has a source and it has a listener."""
    if assignment.source_type_id is None:
        return
    content_type = ContentType.objects.get_for_id(assignment.source_type_id)
    listener = _LISTENERS.get(f"{content_type.app_label}.{content_type.model}")
    if listener is not None:
        listener(assignment, event)
