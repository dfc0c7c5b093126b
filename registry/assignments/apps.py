from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    name = "registry.assignments"
    label = "assignments"
    verbose_name = "Giao việc, theo dõi, đôn đốc"

    def ready(self) -> None:
        from .navigation import navigation_register

        navigation_register()
