from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "registry.access"
    label = "access"
    verbose_name = _("Quyền truy cập")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from registry.core.navigation import NavItem, nav_register
        from registry.organisation.models import Role

        from .selectors import access_changes_open
        from .twofactor import on_user_logged_in

        nav_register(NavItem(label=_("Thay đổi quyền"), url_name="access:changes",
                             roles=frozenset({Role.ADMIN}), order=900,
                             counter=access_changes_open))
        user_logged_in.connect(on_user_logged_in, dispatch_uid="access.totp_pending")
