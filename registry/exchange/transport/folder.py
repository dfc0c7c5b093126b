"""The folder adapter: an inbox, an outbox and a processed directory shared with a connector.

Writes are atomic: the bytes go to a hidden `.NAME.<random>.part` file in the target directory,
are flushed to disk, then renamed, so a connector never sees half a file. Hidden files and
`.part` files are never listed.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from .base import ReceivedPacket, TransportError, safe_filename


def _visible(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(".") and not path.name.endswith(".part")


def _inbox_name(packet_id: str) -> str:
    """A name as listed: any plain file name (a connector may write `Công văn 15.xml`)."""
    if (
        not packet_id
        or packet_id != Path(packet_id).name
        or packet_id.startswith(".")
        or "\\" in packet_id
        or "\x00" in packet_id
    ):
        raise TransportError(f"Mã gói tin không hợp lệ: {packet_id[:80]!r}.", retryable=False)
    return packet_id


def atomic_write(directory: Path, name: str, data: bytes) -> Path:
    """Write `data` to `directory/name` via a temporary file and a rename; never overwrites
    different content (TransportError), and writing the same bytes again is a no-op."""
    target = directory / safe_filename(name)
    if target.exists():
        if target.read_bytes() == data:
            return target
        raise TransportError(f"Tệp {name} đã có với nội dung khác.", retryable=False)
    temporary = directory / f".{name}.{secrets.token_hex(6)}.part"
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


class FolderTransport:
    """`Transport` over three directories (created if missing)."""

    def __init__(self, *, inbox: Path, outbox: Path, processed: Path) -> None:
        self.inbox, self.outbox, self.processed = Path(inbox), Path(outbox), Path(processed)
        for directory in (self.inbox, self.outbox, self.processed):
            directory.mkdir(parents=True, exist_ok=True)

    def send_packet(self, data: bytes, filename: str) -> str:
        try:
            return atomic_write(self.outbox, filename, data).name
        except OSError as error:
            raise TransportError(
                f"Không ghi được vào thư mục gửi: {error}", retryable=True
            ) from None

    def send_status(self, data: bytes) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        return self.send_packet(data, f"status-{stamp}-{secrets.token_hex(4)}.xml")

    def list_received(self) -> list[ReceivedPacket]:
        try:
            files = [path for path in self.inbox.iterdir() if _visible(path)]
            stats = {path: path.stat() for path in files}
        except OSError as error:
            raise TransportError(f"Không đọc được thư mục nhận: {error}", retryable=True) from None
        files.sort(key=lambda path: (stats[path].st_mtime_ns, path.name))
        return [ReceivedPacket(path.name, path.name, stats[path].st_size) for path in files]

    def fetch(self, packet_id: str) -> bytes:
        path = self.inbox / _inbox_name(packet_id)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise TransportError(f"Không có gói tin {packet_id}.", retryable=False) from None
        except OSError as error:
            raise TransportError(f"Không đọc được gói tin: {error}", retryable=True) from None

    def acknowledge(self, packet_id: str) -> None:
        source = self.inbox / _inbox_name(packet_id)
        target = self.processed / packet_id
        if not source.exists():
            if target.exists():
                return  # already acknowledged
            raise TransportError(f"Không có gói tin {packet_id}.", retryable=False)
        if target.exists():
            # The same name came twice: keep both, the later one with a suffix.
            target = self.processed / f"{packet_id}.{secrets.token_hex(4)}"
        try:
            os.replace(source, target)
        except OSError as error:
            raise TransportError(f"Không chuyển được gói tin: {error}", retryable=True) from None
