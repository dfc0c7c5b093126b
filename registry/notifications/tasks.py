import logging
import smtplib
import socket

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, socket.error, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=5,
)
def notifications_deliver(notification_ids: list[int]) -> int:
    """Send the e-mails of these notifications; each is claimed, so a retry sends none twice."""
    sent = 0
    for notification_id in notification_ids:
        sent += services.notification_send_email(notification_id=notification_id)
    return sent


@shared_task(acks_late=True)
def notifications_deliver_pending() -> int:
    """The outbox sweep: whatever was not delivered right after commit (Redis down, crash)."""
    sent = 0
    for notification_id in services.notifications_pending_ids():
        try:
            sent += services.notification_send_email(notification_id=notification_id)
        except Exception:  # the row is back to pending; the next sweep tries again
            logger.exception("e-mail of notification %s failed", notification_id)
    return sent
