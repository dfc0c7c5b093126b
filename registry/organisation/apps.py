from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_reference_data(sender: AppConfig, **kwargs: Any) -> None:
    # post_migrate also fires after a test flush, so tests always see the reference data.
    from .reference import reference_data_ensure

    if kwargs.get("using", "default") == "default":
        reference_data_ensure()


class OrganisationConfig(AppConfig):
    name = "registry.organisation"
    label = "organisation"
    verbose_name = _("Tổ chức và danh mục")

    def ready(self) -> None:
        post_migrate.connect(_ensure_reference_data, sender=self)
