from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncomingConfig(AppConfig):
    name = "registry.incoming"
    label = "incoming"
    verbose_name = _("Văn bản đến")

    def ready(self) -> None:
        from registry.assignments.sources import source_listener_register

        from .models import IncomingDocument
        from .navigation import navigation_register
        from .services import incoming_assignment_changed

        source_listener_register(IncomingDocument, incoming_assignment_changed)
        navigation_register()
