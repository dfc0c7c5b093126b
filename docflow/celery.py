"""The Celery application: JSON only, time limits, tasks found in every registry app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "docflow.settings")

app = Celery("docflow")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
