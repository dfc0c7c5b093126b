"""Sections of the home page: what waits for this person in the outgoing flow."""

from typing import Any

from django.utils.translation import gettext as _

from .models import OutgoingStatus
from .selectors import outgoing_awaiting_approval, outgoing_awaiting_issue, outgoing_drafts_of

LIMIT = 5


def _section(title: str, rows: list[Any], url_name: str) -> dict[str, Any] | None:
    if not rows:
        return None
    return {"template": "outgoing/_home_section.html", "title": title, "rows": rows[:LIMIT],
            "more": len(rows) > LIMIT, "url_name": url_name}


def awaiting_approval_section(user: Any) -> dict[str, Any] | None:
    rows = list(outgoing_awaiting_approval(user)[: LIMIT + 1])
    return _section(_("Dự thảo chờ tôi duyệt"), rows, "outgoing:awaiting_approval")


def awaiting_issue_section(user: Any) -> dict[str, Any] | None:
    rows = list(outgoing_awaiting_issue(user)[: LIMIT + 1])
    return _section(_("Văn bản đã ký chờ ban hành"), rows, "outgoing:awaiting_issue")


def returned_drafts_section(user: Any) -> dict[str, Any] | None:
    rows = list(outgoing_drafts_of(user).filter(status=OutgoingStatus.RETURNED)[: LIMIT + 1])
    return _section(_("Dự thảo bị trả lại cần sửa"), rows, "outgoing:my_drafts")
