from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "registry.assignments"
    label = "assignments"
    verbose_name = _("Giao việc, theo dõi, đôn đốc")

    def ready(self) -> None:
        from .navigation import navigation_register

        navigation_register()
