"""Every write to outgoing documents."""

from .approval import outgoing_approve, outgoing_return, outgoing_submit
from .common import OutgoingForbidden, access_grant
from .corrections import outgoing_recall, outgoing_void
from .dispatch import outgoing_dispatch_mark_sent
from .drafts import (
    DraftFields,
    TaskSpec,
    outgoing_draft_create,
    outgoing_draft_update,
    outgoing_draft_void,
    outgoing_version_add,
)
from .issue import IssueFields, outgoing_issue

__all__ = [
    "DraftFields",
    "IssueFields",
    "OutgoingForbidden",
    "TaskSpec",
    "access_grant",
    "outgoing_approve",
    "outgoing_dispatch_mark_sent",
    "outgoing_draft_create",
    "outgoing_draft_update",
    "outgoing_draft_void",
    "outgoing_issue",
    "outgoing_recall",
    "outgoing_return",
    "outgoing_submit",
    "outgoing_version_add",
    "outgoing_void",
]
