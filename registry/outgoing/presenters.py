"""What the pages show beside the document: which actions the user has, recipients' states."""

from collections.abc import Iterable
from typing import Any

from .models import (
    ACTIVE_DRAFT_STATUSES,
    ApprovalStepStatus,
    Dispatch,
    OutgoingDocument,
    OutgoingStatus,
)


def document_actions(user: Any, document: OutgoingDocument) -> dict[str, bool]:
    """Buttons to offer. The services check again: this only avoids offering what would fail."""
    is_drafter = document.drafter_id == user.pk
    current = next((s for s in document.steps.all() if s.status == ApprovalStepStatus.CURRENT),
                   None)
    is_current_approver = (document.status == OutgoingStatus.IN_APPROVAL and current is not None
                           and current.approver_id == user.pk)
    own_clerk = user.is_clerk and user.agency_id == document.agency_id
    own_leader = user.is_leader and user.agency_id == document.agency_id
    editable = is_drafter and document.status in (*ACTIVE_DRAFT_STATUSES,
                                                  OutgoingStatus.APPROVED)
    return {
        "edit": editable,
        "submit": is_drafter and document.status in ACTIVE_DRAFT_STATUSES,
        "upload_version": not document.is_secret and (editable or is_current_approver),
        "decide": is_current_approver,
        "issue": own_clerk and document.status == OutgoingStatus.APPROVED,
        "dispatch": own_clerk and document.status == OutgoingStatus.ISSUED,
        "recall": (own_clerk or own_leader) and document.status in (
            OutgoingStatus.ISSUED, OutgoingStatus.DISPATCHED),
        "amend": is_drafter or own_leader or own_clerk,
        "void_draft": editable,
        "void_issued": own_clerk and document.status in (OutgoingStatus.ISSUED,
                                                         OutgoingStatus.DISPATCHED),
    }


def incoming_states(dispatches: Iterable[Dispatch]) -> dict[int, dict[str, Any]]:
    """Each internal recipient's handling state (Appendix VI: the sender sees it), one query."""
    ids = {d.incoming_document_id: d.pk for d in dispatches if d.incoming_document_id}
    if not ids:
        return {}
    from registry.incoming.models import IncomingDocument

    rows = IncomingDocument.objects.filter(pk__in=list(ids)).only(
        "pk", "status", "number", "handler_label", "reply_label")
    return {ids[row.pk]: {"status": row.get_status_display(), "status_code": row.status,
                          "number": row.number, "handler": row.handler_label,
                          "reply": row.reply_label} for row in rows}
