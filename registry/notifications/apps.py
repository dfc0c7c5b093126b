from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "registry.notifications"
    label = "notifications"
