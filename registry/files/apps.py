from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "registry.files"
    label = "files"
