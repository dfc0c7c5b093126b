"""A Celery worker whose reminder sweep is slow on purpose, so a test can kill it mid-sweep.

Batches are small (SWEEP_BATCH_SIZE) and each waits SWEEP_BATCH_DELAY seconds inside its
transaction, after its reminders and notifications are written and before they commit: a
kill then lands in the middle of a batch. Test-only: production code is not changed.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "docflow.settings_test")

import django

django.setup()

from registry.assignments import reminders  # noqa: E402

reminders.BATCH_SIZE = int(os.environ.get("SWEEP_BATCH_SIZE", "10"))
_DELAY = float(os.environ.get("SWEEP_BATCH_DELAY", "0.5"))
_create = reminders.notifications_create_bulk


def _slow_create(*, drafts):  # type: ignore[no-untyped-def]
    created = _create(drafts=drafts)
    time.sleep(_DELAY)
    return created


reminders.notifications_create_bulk = _slow_create  # type: ignore[assignment]

from docflow.celery import app  # noqa: E402

if __name__ == "__main__":
    app.worker_main(sys.argv[1:])
