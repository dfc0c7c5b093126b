from django.apps import AppConfig


class OutgoingConfig(AppConfig):
    name = "registry.outgoing"
    label = "outgoing"
