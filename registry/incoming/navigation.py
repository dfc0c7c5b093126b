"""What the incoming app adds to the navigation bar and the home page."""

from typing import Any

from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.core.compiled import rows_for
from registry.core.home import home_register
from registry.core.navigation import NavItem, nav_register
from registry.organisation.models import Role

from . import selectors

HOME_ROWS = 5


def _new_label() -> SafeString:
    # The span carries the Alt+N shortcut (docflow.js clicks it; the click follows the link),
    # so a clerk starts a registration from any page.
    return format_html('<span data-df-shortcut="n">{}</span> <kbd class="df-kbd">Alt+N</kbd>',
                       _("Vào sổ văn bản đến"))


new_label = lazy(_new_label, SafeString)


def navigation_register() -> None:
    nav_register(NavItem(label=gettext_lazy("Sổ văn bản đến"), url_name="incoming:register",
                         roles=frozenset({Role.CLERK, Role.LEADER}), order=10))
    nav_register(NavItem(label=new_label(), url_name="incoming:create",
                         roles=frozenset({Role.CLERK}), order=11))
    nav_register(NavItem(label=gettext_lazy("Chờ văn thư xử lý"), url_name="incoming:clerk_queue",
                         roles=frozenset({Role.CLERK}), order=12,
                         counter=selectors.incoming_count_clerk_queue))
    nav_register(NavItem(label=gettext_lazy("Chờ cho ý kiến"), url_name="incoming:waiting",
                         roles=frozenset({Role.LEADER}), order=13,
                         counter=selectors.incoming_count_waiting))
    nav_register(NavItem(label=gettext_lazy("Văn bản của đơn vị"), url_name="incoming:unit",
                         roles=frozenset({Role.STAFF}), order=14,
                         counter=selectors.incoming_count_unit_open))
    home_register(home_clerk, order=10)
    home_register(home_leader, order=11)
    home_register(home_staff, order=12)


def _section(title: str, documents: list[Any], url_name: str, empty: str) -> dict[str, Any]:
    return {"template": "incoming/_home.html", "title": title, "documents": documents,
            "url_name": url_name, "empty": empty}


def _waiting_rows(user: Any) -> Any:
    return selectors.incoming_waiting_for_direction(user)[:HOME_ROWS]


def _unit_rows(user: Any) -> Any:
    return selectors.incoming_for_unit(user, open_only=True)[:HOME_ROWS]


def home_clerk(user: Any) -> dict[str, Any] | None:
    """The clerk's queue by the same/next working day rule: late (red) first, then what is due
    today, with both figures. Two queries plus the calendar's, whatever the queue's length."""
    if not user.is_clerk:
        return None
    deadlines = selectors.clerk_deadlines(user)
    documents, counts = selectors.incoming_clerk_due(user, deadlines, limit=HOME_ROWS)
    return {"template": "incoming/_home_clerk.html",
            "title": _("Văn bản đến chờ văn thư xử lý"), "documents": documents,
            "counts": counts, "deadlines": deadlines, "url_name": "incoming:clerk_queue",
            "empty": _("Không có văn bản nào chờ vào sổ hay trình.")}


def home_leader(user: Any) -> dict[str, Any] | None:
    if not user.is_leader:
        return None
    return _section(_("Văn bản chờ tôi cho ý kiến"), rows_for(_waiting_rows, user),
                    "incoming:waiting", _("Không có văn bản nào chờ cho ý kiến."))


def home_staff(user: Any) -> dict[str, Any] | None:
    if not user.is_staff_member:
        return None
    return _section(_("Văn bản đến đơn vị đang xử lý"), rows_for(_unit_rows, user),
                    "incoming:unit",
                    _("Đơn vị không có văn bản đến nào đang xử lý."))
