"""Handing work to Celery without ever failing the caller when the broker is away."""

import logging
from typing import Any

from docflow.celery import app

logger = logging.getLogger(__name__)


def enqueue(task_name: str, *args: Any, **kwargs: Any) -> bool:
    """Send a task by name; on a broker error log it and return False.

    Callers only enqueue work that a periodic sweep also finds in the database (the
    outbox), so a lost message delays the work but never loses it.
    """
    try:
        app.send_task(task_name, args=args, kwargs=kwargs, retry=False)
    except Exception:  # kombu raises several kinds; all mean "not queued now"
        logger.warning("could not queue %s; the periodic sweep will pick it up", task_name,
                       exc_info=True)
        return False
    return True
