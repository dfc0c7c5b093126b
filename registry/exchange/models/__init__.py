"""What electronic exchange keeps: received packets (and quarantine), the outbox, each
recipient's reported state, the agency code history and the installed trust roots."""

from .directory import AgencyCode, AgencyCodeStatus, TrustRoot
from .intake import (
    KEY_STATES,
    ChangeKind,
    PacketState,
    ReceivedChange,
    ReceivedPacket,
    SignatureBadge,
)
from .outbox import Outbound, OutboundKind, OutboundState, ReceivedStatus, RecipientState

__all__ = [
    "KEY_STATES",
    "AgencyCode",
    "AgencyCodeStatus",
    "ChangeKind",
    "Outbound",
    "OutboundKind",
    "OutboundState",
    "PacketState",
    "ReceivedChange",
    "ReceivedPacket",
    "ReceivedStatus",
    "RecipientState",
    "SignatureBadge",
    "TrustRoot",
]
