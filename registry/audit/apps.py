from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "registry.audit"
    label = "audit"

    def ready(self) -> None:
        from registry.core.navigation import NavItem, nav_register

        nav_register(NavItem(label=_("Nhật ký"), url_name="audit:events",
                             roles=frozenset({"admin"}), order=910))
