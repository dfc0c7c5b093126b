from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutgoingConfig(AppConfig):
    name = "registry.outgoing"
    label = "outgoing"
    verbose_name = _("Văn bản đi")

    def ready(self) -> None:
        from registry.core.home import home_register
        from registry.core.navigation import NavItem, nav_register
        from registry.organisation.models import Role

        from . import home, selectors

        nav_register(NavItem(label=_("Văn bản đi"), url_name="outgoing:register",
                             roles=frozenset({Role.CLERK, Role.LEADER}), order=30))
        nav_register(NavItem(label=_("Dự thảo của tôi"), url_name="outgoing:my_drafts",
                             roles=frozenset({Role.STAFF, Role.LEADER}), order=31,
                             counter=selectors.outgoing_returned_count))
        nav_register(NavItem(label=_("Chờ tôi duyệt"), url_name="outgoing:awaiting_approval",
                             roles=frozenset({Role.LEADER, Role.STAFF}), order=32,
                             counter=selectors.outgoing_awaiting_approval_count))
        nav_register(NavItem(label=_("Chờ ban hành"), url_name="outgoing:awaiting_issue",
                             roles=frozenset({Role.CLERK}), order=33,
                             counter=selectors.outgoing_awaiting_issue_count))
        home_register(home.awaiting_approval_section, order=20)
        home_register(home.awaiting_issue_section, order=25)
        home_register(home.dispatch_pending_section, order=26)
        home_register(home.returned_drafts_section, order=30)
