from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "registry.benchmarks"
    label = "benchmarks"
