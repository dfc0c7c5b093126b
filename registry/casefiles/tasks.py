import datetime as dt
import logging
from dataclasses import asdict

from celery import shared_task

from .notices import archive_notices_sweep as sweep

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360, ignore_result=True)
def archive_notices_sweep(today: str | None = None) -> dict[str, int]:
    """Daily: the 30-day notices before files are due at the archive. Safe to run twice or to
    redeliver (acks_late): the notice keys make each notice go out once."""
    result = sweep(today=dt.date.fromisoformat(today) if today else None)
    logger.info("archive notices sweep: %s", result)
    return asdict(result)
