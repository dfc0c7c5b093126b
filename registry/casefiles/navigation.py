"""What the case files app adds to the navigation bar and the home page."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.core.compiled import rows_for
from registry.core.home import home_register
from registry.core.navigation import NavItem, nav_register

from . import selectors
from .models import CaseFileStatus

HOME_ROWS = 5


def _due_soon(user: Any) -> Any:
    return selectors.casefiles_due_soon(user, today=timezone.localdate())


def navigation_register() -> None:
    nav_register(NavItem(label=gettext_lazy("Hồ sơ của tôi"), url_name="casefiles:mine",
                         order=40, counter=_due_soon))
    nav_register(NavItem(label=gettext_lazy("Danh mục hồ sơ"), url_name="casefiles:list",
                         order=41))
    home_register(home_my_files, order=40)


def _my_file_rows(user: Any) -> Any:
    return selectors.casefiles_mine(user).filter(
        status__in=[CaseFileStatus.OPEN, CaseFileStatus.CLOSED])[:HOME_ROWS]


def home_my_files(user: Any) -> dict[str, Any] | None:
    files = rows_for(_my_file_rows, user)
    if not files:
        return None
    return {"template": "casefiles/_home.html", "title": _("Hồ sơ tôi đang lập"),
            "files": files, "url_name": "casefiles:mine", "today": timezone.localdate()}
