"""What the assignments app adds to the navigation bar and the home page."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.core.compiled import person_key_register, rows_for
from registry.core.home import home_register
from registry.core.navigation import NavItem, nav_register
from registry.organisation.models import Role

from . import selectors
from .models import OPEN_STATUSES

HOME_ROWS = 5


def navigation_register() -> None:
    nav_register(NavItem(label=gettext_lazy("Việc của tôi"), url_name="assignments:mine",
                         order=30, counter=selectors.my_open_work))
    # my_open_work names the units a person heads by id (see _headed_units).
    person_key_register(selectors.headed_units_key)
    nav_register(NavItem(label=gettext_lazy("Việc đã giao"), url_name="assignments:given",
                         roles=frozenset({Role.LEADER}), order=31,
                         counter=selectors.extensions_to_decide))
    nav_register(NavItem(label=gettext_lazy("Theo dõi, đôn đốc"), url_name="assignments:tracking",
                         roles=frozenset({Role.LEADER}), order=32))
    home_register(home_my_tasks, order=20)
    home_register(home_given, order=21)
    home_register(home_units_overdue, order=22)


def _my_task_rows(user: Any, today: Any, soon: Any) -> Any:
    return selectors.my_tasks(user, today=today, soon=soon)[:HOME_ROWS]


def _given_rows(user: Any, today: Any, soon: Any) -> Any:
    return (selectors.given_by(user, today=today, soon=soon)
            .filter(status__in=OPEN_STATUSES, deadline__lte=soon)
            # Overdue and due-soon work sorts by deadline alone (overdue comes first), which
            # the partial index on (assigner, deadline) reads in order: no sort of all rows.
            .order_by("deadline", "-id")[:HOME_ROWS])


def home_my_tasks(user: Any) -> dict[str, Any] | None:
    today, soon = selectors.deadline_horizon()
    tasks = rows_for(_my_task_rows, user, today, soon)
    if not tasks and not user.is_staff_member:
        return None
    return {"template": "assignments/_home.html", "title": _("Việc của tôi"), "tasks": tasks,
            "url_name": "assignments:mine", "today": today,
            "empty": _("Không có việc nào đang chờ bạn xử lý.")}


def home_given(user: Any) -> dict[str, Any] | None:
    if not user.is_leader:
        return None
    today, soon = selectors.deadline_horizon()
    tasks = rows_for(_given_rows, user, today, soon)
    return {"template": "assignments/_home.html", "title": _("Việc tôi giao: quá hạn, sắp đến hạn"),
            "tasks": tasks, "url_name": "assignments:given", "today": today, "show_assignee": True,
            "empty": _("Không có việc nào bạn giao đang quá hạn hay sắp đến hạn.")}


def home_units_overdue(user: Any) -> dict[str, Any] | None:
    """Leaders: open work past its deadline in the units under them (the whole agency for its
    leadership), per unit with a link to the tracking list, and the longest overdue rows.
    Two queries whatever the backlog: the units with their figures, the first rows."""
    if not (user.is_leader and user.agency_id):
        return None
    today = timezone.localdate()
    units = selectors.units_overdue(user, today=today)
    return {"template": "assignments/_home_units_overdue.html",
            "title": _("Việc quá hạn của các đơn vị"), "units": units,
            "tasks": selectors.units_overdue_first(units, limit=HOME_ROWS),
            "total": sum(unit.count for unit in units),
            "capped": any(unit.capped for unit in units),
            "since": selectors.TRACKING_SINCE, "today": today,
            "url_name": "assignments:tracking",
            "empty": _("Không có việc nào quá hạn.")}
