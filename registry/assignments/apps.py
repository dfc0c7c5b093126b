from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    name = "registry.assignments"
    label = "assignments"
