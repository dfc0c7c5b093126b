"""The lead assignment moves the document: started → in progress, completed → done."""

from typing import TYPE_CHECKING

from django.utils import timezone

from registry.assignments import sources
from registry.assignments.models import AssignmentRole
from registry.audit.services import event_record

from .. import events, listeners
from ..models import IncomingDocument, IncomingStatus

if TYPE_CHECKING:
    from registry.assignments.models import Assignment

# event → (statuses it moves from, status it moves to, audit verb)
_MOVES = {
    sources.STARTED: ((IncomingStatus.DIRECTED,), IncomingStatus.IN_PROGRESS, events.STARTED),
    sources.PROGRESS: ((IncomingStatus.DIRECTED,), IncomingStatus.IN_PROGRESS, events.STARTED),
    sources.COMPLETED: ((IncomingStatus.DIRECTED, IncomingStatus.IN_PROGRESS),
                        IncomingStatus.DONE, events.DONE),
    sources.REOPENED: ((IncomingStatus.DONE,), IncomingStatus.IN_PROGRESS, events.REOPENED),
}


def incoming_assignment_changed(assignment: "Assignment", event: str) -> None:
    """Source listener; runs inside the assignment service's transaction."""
    if assignment.role != AssignmentRole.LEAD or assignment.parent_id is not None:
        return
    move = _MOVES.get(event)
    if move is None:
        return
    sources_from, target, verb = move
    document = IncomingDocument.objects.select_for_update().filter(
        pk=assignment.source_id).first()
    if document is None or document.status not in sources_from:
        return
    document.status = target
    fields = ["status", "updated_at"]
    if target == IncomingStatus.DONE:
        document.done_at = timezone.now()
        fields.append("done_at")
        reference = (assignment.result_reference or "").strip()
        if reference and reference not in document.reply_label:
            parts = [document.reply_label, reference]
            document.reply_label = ", ".join(p for p in parts if p)[:300]
            fields.append("reply_label")
    document.save(update_fields=fields)
    actor = assignment.assignee_user if assignment.assignee_user_id else None
    event_record(actor=actor, verb=verb, target=document,
                 payload={"assignment": assignment.pk, "event": event})
    listeners.incoming_listeners_notify(document=document, event=target, actor=actor)
