from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "registry.reports"
    label = "reports"
    verbose_name = _("Sổ, thống kê, nhập dữ liệu")

    def ready(self) -> None:
        from .navigation import navigation_register

        navigation_register()
