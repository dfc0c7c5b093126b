"""Exchange transports behind one interface: a shared folder, or a hub's HTTP API."""

from .base import ReceivedPacket, Transport, TransportError, safe_filename
from .config import transport_from_config
from .folder import FolderTransport
from .http import HttpTransport

__all__ = [
    "FolderTransport",
    "HttpTransport",
    "ReceivedPacket",
    "Transport",
    "TransportError",
    "safe_filename",
    "transport_from_config",
]
