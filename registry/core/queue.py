"""Handing work to Celery without ever failing the caller when the broker is away."""

import logging
import threading
import time
from typing import Any

from django.conf import settings

from docflow.celery import app

logger = logging.getLogger(__name__)

# A broker that refused us is not asked again for a while: each attempt costs the connect
# timeout (seconds), and a request that enqueues must not pay it every time Redis is down.
_breaker = threading.Lock()
_down_until = 0.0


def _broker_resting() -> bool:
    return time.monotonic() < _down_until


def _broker_failed() -> None:
    global _down_until
    with _breaker:
        _down_until = time.monotonic() + getattr(settings, "QUEUE_RETRY_AFTER", 30)


def queue_reset() -> None:
    """Forget an earlier failure (tests, or an operator who knows Redis is back)."""
    global _down_until
    with _breaker:
        _down_until = 0.0


def enqueue(task_name: str, *args: Any, **kwargs: Any) -> bool:
    """Send a task by name; on a broker error log it and return False.

    Callers only enqueue work that a periodic sweep also finds in the database (the
    outbox), so a lost message delays the work but never loses it.
    """
    if _broker_resting():
        logger.info("broker unreachable recently; %s left for the periodic sweep", task_name)
        return False
    try:
        app.send_task(task_name, args=args, kwargs=kwargs, retry=False)
    except Exception:  # kombu raises several kinds; all mean "not queued now"
        logger.warning("could not queue %s; the periodic sweep will pick it up", task_name,
                       exc_info=True)
        _broker_failed()
        return False
    return True
