from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "registry.exchange"
    label = "exchange"
    verbose_name = _("Liên thông văn bản điện tử")

    def ready(self) -> None:
        from registry.core.navigation import NavItem, nav_register
        from registry.organisation.models import Role

        from . import selectors
        from .listeners import listeners_register

        listeners_register()
        nav_register(NavItem(label=_("Văn bản điện tử"), url_name="exchange:inbox",
                             roles=frozenset({Role.CLERK}), order=16,
                             counter=selectors.packets_waiting_count))
