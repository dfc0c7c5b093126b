"""Build the configured transport from settings or the environment (a plain mapping)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .base import Transport
from .folder import FolderTransport
from .http import HttpTransport


def _secret(config: Mapping[str, str], name: str) -> str:
    """`NAME`, or the content of the file named by `NAME_FILE` (the house rule for secrets)."""
    if path := config.get(f"{name}_FILE"):
        return Path(path).read_text(encoding="utf-8").strip()
    return config.get(name, "")


def transport_from_config(config: Mapping[str, str]) -> Transport | None:
    """The transport `EXCHANGE_TRANSPORT` names (`folder`, `http`), or None when it is unset.

    folder: `EXCHANGE_FOLDER` (with `inbox/`, `outbox/`, `processed/` inside it).
    http: `EXCHANGE_HUB_URL`, `EXCHANGE_HUB_SYSTEM_ID`, `EXCHANGE_HUB_SECRET` (or `_FILE`),
    `EXCHANGE_HUB_TIMEOUT` (seconds, default 30). Raises ValueError on an incomplete setting.
    """
    kind = config.get("EXCHANGE_TRANSPORT", "").strip().lower()
    if not kind:
        return None
    if kind == "folder":
        root = config.get("EXCHANGE_FOLDER", "")
        if not root:
            raise ValueError("EXCHANGE_FOLDER is required for the folder transport.")
        base = Path(root)
        return FolderTransport(
            inbox=base / "inbox", outbox=base / "outbox", processed=base / "processed"
        )
    if kind == "http":
        return HttpTransport(
            base_url=config.get("EXCHANGE_HUB_URL", ""),
            system_id=config.get("EXCHANGE_HUB_SYSTEM_ID", ""),
            secret=_secret(config, "EXCHANGE_HUB_SECRET"),
            timeout=float(config.get("EXCHANGE_HUB_TIMEOUT", "30")),
        )
    raise ValueError(f"Unknown EXCHANGE_TRANSPORT {kind!r} (folder or http).")
