"""Outgoing documents (văn bản đi): drafts, their versions, the approval chain, issue, dispatch."""

from .approval import (
    ApprovalDecision,
    ApprovalDecisionKind,
    ApprovalStep,
    ApprovalStepStatus,
    ApprovalStepTemplate,
    ApproverRule,
)
from .dispatch import Dispatch, DispatchChannel, DispatchStatus
from .document import (
    ACTIVE_DRAFT_STATUSES,
    ISSUED_STATUSES,
    Amendment,
    DraftVersion,
    OutgoingDocument,
    OutgoingGrant,
    OutgoingRecipient,
    OutgoingStatus,
    OutgoingTask,
    RecipientKind,
    SigningAuthority,
)

__all__ = [
    "ACTIVE_DRAFT_STATUSES",
    "ISSUED_STATUSES",
    "Amendment",
    "ApprovalDecision",
    "ApprovalDecisionKind",
    "ApprovalStep",
    "ApprovalStepStatus",
    "ApprovalStepTemplate",
    "ApproverRule",
    "Dispatch",
    "DispatchChannel",
    "DispatchStatus",
    "DraftVersion",
    "OutgoingDocument",
    "OutgoingGrant",
    "OutgoingRecipient",
    "OutgoingStatus",
    "OutgoingTask",
    "RecipientKind",
    "SigningAuthority",
]
