"""The one interface every exchange transport offers, and its error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


class TransportError(Exception):
    """A transport failure. `retryable`: a later try may succeed (network, 5xx, busy share);
    otherwise retrying the same call is pointless (refused, unknown packet, bad request)."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class ReceivedPacket:
    """A packet waiting for us: `id` is what `fetch`/`acknowledge` take."""

    id: str
    filename: str
    size: int | None = None


@runtime_checkable
class Transport(Protocol):
    """Send packets and statuses; list, fetch and acknowledge received packets.

    A packet stays listed until acknowledged, so a crash between fetch and acknowledge means
    it is fetched again: the intake must be idempotent on the packet's DocumentId.
    """

    def send_packet(self, data: bytes, filename: str) -> str:
        """Send a document packet; returns the transport's id for it."""
        ...

    def list_received(self) -> list[ReceivedPacket]:
        """Packets received and not yet acknowledged, oldest first."""
        ...

    def fetch(self, packet_id: str) -> bytes:
        """The bytes of a received packet."""
        ...

    def acknowledge(self, packet_id: str) -> None:
        """Mark a received packet as taken; idempotent."""
        ...

    def send_status(self, data: bytes) -> str:
        """Send a status packet; returns the transport's id for it."""
        ...


def safe_filename(name: str) -> str:
    """`name` if it is a plain file name (letters, digits, `._-`), else TransportError."""
    if not _SAFE_NAME.fullmatch(name) or ".." in name:
        raise TransportError(f"Tên tệp không hợp lệ: {name[:80]!r}.", retryable=False)
    return name
