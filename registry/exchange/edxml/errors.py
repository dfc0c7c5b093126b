"""The one error a packet can raise, and the limits that guard the reader."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


class PacketError(Exception):
    """A packet we refuse, whole. `reason` is Vietnamese, shown to the clerk in quarantine."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    """Size limits checked before and while decoding (bytes)."""

    max_packet_bytes: int = 120 * MB
    max_attachment_bytes: int = 40 * MB
    max_attachments: int = 100


DEFAULT_LIMITS = Limits()
"""40 MB per decoded attachment (a 50 MB one is refused), 120 MB per packet (base64 adds a
third); deployments may pass their own `Limits` (settings `EXCHANGE_MAX_*` at integration)."""
