"""What the reports app adds to the navigation bar: registers' books and statistics."""

from django.utils.translation import gettext_lazy

from registry.core.navigation import NavItem, nav_register
from registry.organisation.models import Role


def navigation_register() -> None:
    keepers = frozenset({Role.CLERK, Role.LEADER})
    nav_register(NavItem(label=gettext_lazy("Sổ và thống kê"), url_name="reports:index",
                         roles=keepers, order=60))
