from django.apps import AppConfig


class IncomingConfig(AppConfig):
    name = "registry.incoming"
    label = "incoming"
