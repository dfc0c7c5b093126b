"""Sections of the home page: what waits for this person in the outgoing flow."""

from typing import Any

from django.utils.translation import gettext as _

from registry.core.compiled import rows_for
from registry.incoming.selectors import clerk_deadlines

from .models import OutgoingStatus
from .selectors import (
    outgoing_awaiting_approval,
    outgoing_awaiting_issue,
    outgoing_dispatch_pending,
    outgoing_drafts_of,
)

LIMIT = 5


def _section(title: str, rows: list[Any], url_name: str) -> dict[str, Any] | None:
    if not rows:
        return None
    return {"template": "outgoing/_home_section.html", "title": title, "rows": rows[:LIMIT],
            "more": len(rows) > LIMIT, "url_name": url_name}


def _awaiting_approval_rows(user: Any) -> Any:
    return outgoing_awaiting_approval(user)[: LIMIT + 1]


def _awaiting_issue_rows(user: Any) -> Any:
    return outgoing_awaiting_issue(user)[: LIMIT + 1]


def _dispatch_rows(user: Any) -> Any:
    return outgoing_dispatch_pending(user)[: LIMIT + 1]


def _returned_rows(user: Any) -> Any:
    return outgoing_drafts_of(user).filter(status=OutgoingStatus.RETURNED)[: LIMIT + 1]


def awaiting_approval_section(user: Any) -> dict[str, Any] | None:
    rows = rows_for(_awaiting_approval_rows, user)
    return _section(_("Dự thảo chờ tôi duyệt"), rows, "outgoing:awaiting_approval")


def awaiting_issue_section(user: Any) -> dict[str, Any] | None:
    """Signed documents to number and release: the same or next working day after signing
    (urgent ones the same day); a late one is marked red."""
    rows = rows_for(_awaiting_issue_rows, user)
    if rows:
        deadlines = clerk_deadlines(user)
        for document in rows:
            document.release_state = (
                deadlines.state(document.approved_at, urgent=document.is_urgent)
                if document.approved_at else "")
    return _section(_("Văn bản đã ký chờ ban hành"), rows, "outgoing:awaiting_issue")


def dispatch_pending_section(user: Any) -> dict[str, Any] | None:
    """Issued documents not yet sent to an external recipient, the oldest due date (the late
    ones) first. One query."""
    rows = rows_for(_dispatch_rows, user)
    if not rows:
        return None
    return {"template": "outgoing/_home_dispatch.html", "title": _("Chờ gửi ra ngoài"),
            "rows": rows[:LIMIT], "more": len(rows) > LIMIT,
            "url_name": "outgoing:awaiting_issue"}


def returned_drafts_section(user: Any) -> dict[str, Any] | None:
    rows = rows_for(_returned_rows, user)
    return _section(_("Dự thảo bị trả lại cần sửa"), rows, "outgoing:my_drafts")
