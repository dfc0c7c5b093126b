from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasefilesConfig(AppConfig):
    name = "registry.casefiles"
    label = "casefiles"
    verbose_name = _("Hồ sơ công vụ")

    def ready(self) -> None:
        from .navigation import navigation_register

        navigation_register()
