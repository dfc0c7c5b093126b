"""Notifications are written in the caller's transaction; e-mail leaves only after commit.

The row is the outbox: if Redis is down when the transaction commits, the periodic
`notifications_deliver_pending` task still finds it and sends it later.
"""

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from registry.core.queue import enqueue

from .models import EmailStatus, Notification

logger = logging.getLogger(__name__)
MAX_EMAIL_ATTEMPTS = 5
DELIVERY_CHUNK = 100
# A sweep's thousands of e-mails: fewer, larger delivery tasks (still many, so several
# workers share them); each e-mail is claimed on its own, so the size changes nothing else.
BULK_DELIVERY_CHUNK = 500
CLAIM_TIMEOUT = dt.timedelta(minutes=10)


def _wants_email(recipient: Any) -> bool:
    return bool(recipient.email) and bool(recipient.email_notifications) and recipient.is_active


def notifications_create(
    *, recipients: Iterable[Any], kind: str, title: str, body: str = "", url: str = ""
) -> list[Notification]:
    """One notification per distinct recipient; e-mail delivery is queued after commit."""
    seen: set[int] = set()
    rows = []
    for recipient in recipients:
        if recipient is None or recipient.pk in seen:
            continue
        seen.add(recipient.pk)
        rows.append(Notification(
            recipient=recipient, kind=kind, title=title[:300], body=body, url=url,
            email_status=EmailStatus.PENDING if _wants_email(recipient) else EmailStatus.SKIPPED,
        ))
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created if n.email_status == EmailStatus.PENDING]
    if ids:
        transaction.on_commit(lambda: _enqueue_delivery(ids))
    return created


def notification_create(*, recipient: Any, kind: str, title: str, body: str = "",
                        url: str = "") -> Notification | None:
    created = notifications_create(recipients=[recipient], kind=kind, title=title, body=body,
                                   url=url)
    return created[0] if created else None


def _enqueue_delivery(ids: list[int], chunk: int = DELIVERY_CHUNK) -> None:
    # Several small tasks rather than one long one, so several workers share a big batch.
    for start in range(0, len(ids), chunk):
        enqueue("registry.notifications.tasks.notifications_deliver", ids[start:start + chunk])


@dataclass(frozen=True)
class NotificationDraft:
    recipient_id: int
    kind: str
    title: str
    body: str = ""
    url: str = ""


@dataclass(frozen=True)
class DraftsQuery:
    """Drafts the database makes: `sql` is a SELECT whose rows are
    (recipient_id, kind, title, body, url), with %(name)s parameters from `params`.

    For sweeps of thousands of notifications: the rows never travel to Python and back.
    Titles longer than the column are cut, as `notifications_create` does.
    """

    sql: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BulkCreated:
    """What `notifications_create_bulk` wrote from a DraftsQuery: its size and the e-mails
    queued for delivery after commit."""

    count: int
    pending_ids: list[int]

    def __len__(self) -> int:
        return self.count


_FROM_QUERY = """
WITH draft (recipient_id, kind, title, body, url) AS ({source}),
created AS (
    INSERT INTO {notification} (recipient_id, created_at, kind, title, body, url,
                                email_status, email_attempts)
    SELECT d.recipient_id, now(), d.kind, left(d.title, %(_title_length)s), d.body, d.url,
           CASE WHEN u.email <> '' AND u.email_notifications AND u.is_active
                THEN %(_pending)s ELSE %(_skipped)s END, 0
    FROM draft d JOIN {user} u ON u.id = d.recipient_id
    RETURNING id, email_status
)
SELECT count(*), array_agg(id ORDER BY id) FILTER (WHERE email_status = %(_pending)s)
FROM created
"""


def _create_from_query(query: DraftsQuery) -> BulkCreated:
    from django.contrib.auth import get_user_model

    quote = connection.ops.quote_name
    sql = _FROM_QUERY.format(source=query.sql, notification=quote(Notification._meta.db_table),
                             user=quote(get_user_model()._meta.db_table))
    params = {**query.params, "_pending": EmailStatus.PENDING.value,
              "_skipped": EmailStatus.SKIPPED.value,
              "_title_length": Notification._meta.get_field("title").max_length}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        count, pending = cursor.fetchone()
    ids = list(pending or [])
    if ids:
        transaction.on_commit(lambda: _enqueue_delivery(ids, BULK_DELIVERY_CHUNK))
    return BulkCreated(count=int(count), pending_ids=ids)


def notifications_create_bulk(
    *, drafts: Sequence[NotificationDraft] | DraftsQuery,
) -> list[Notification] | BulkCreated:
    """Many notifications, each with its own text; e-mail delivery is queued after commit.
    For sweeps. Recipients who no longer exist are skipped.

    `drafts` is a list of NotificationDraft (two queries: the recipients' e-mail preferences,
    then one insert; the created rows are returned), or a DraftsQuery (one INSERT … SELECT in
    the database; returns a BulkCreated, whose len() is the number written).
    """
    if isinstance(drafts, DraftsQuery):
        return _create_from_query(drafts)
    if not drafts:
        return []
    from django.contrib.auth import get_user_model

    users = {u.pk: u for u in get_user_model().objects.filter(
        pk__in={d.recipient_id for d in drafts}).only("id", "email", "email_notifications",
                                                     "is_active")}
    rows = [
        Notification(recipient_id=d.recipient_id, kind=d.kind, title=d.title[:300], body=d.body,
                     url=d.url, email_status=EmailStatus.PENDING
                     if _wants_email(users[d.recipient_id]) else EmailStatus.SKIPPED)
        for d in drafts if d.recipient_id in users
    ]
    created = Notification.objects.bulk_create(rows, batch_size=1000)
    ids = [n.pk for n in created if n.email_status == EmailStatus.PENDING]
    if ids:
        transaction.on_commit(lambda: _enqueue_delivery(ids))
    return created


def notification_settings_update(*, user: Any, email_notifications: bool) -> None:
    """A person's choice to receive e-mail; in-app notifications are always kept."""
    user.email_notifications = bool(email_notifications)
    user.save(update_fields=["email_notifications"])


def notifications_mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def _claim(notification_id: int) -> bool:
    """Take the e-mail of one notification for sending; the row count says who won."""
    now = timezone.now()
    claim = {"email_status": EmailStatus.SENDING, "email_claimed_at": now,
             "email_attempts": F("email_attempts") + 1}
    rows = Notification.objects.filter(pk=notification_id)
    won = rows.filter(email_status=EmailStatus.PENDING).update(**claim)
    if not won:
        # A claim older than CLAIM_TIMEOUT belonged to a worker that died mid-send.
        won = rows.filter(email_status=EmailStatus.SENDING,
                          email_claimed_at__lt=now - CLAIM_TIMEOUT).update(**claim)
    return won == 1


def notification_send_email(*, notification_id: int) -> bool:
    """Send one pending e-mail exactly once; False when there was nothing to send.

    Raises the transport's error after putting the row back to pending (or failed after
    MAX_EMAIL_ATTEMPTS), so the task can retry with back-off.
    """
    if not _claim(notification_id):
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    link = f"{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else ""
    try:
        send_mail(
            subject=f"[Docflow] {notification.title}",
            message="\n\n".join(part for part in [notification.body, link] if part),
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
    except Exception:
        status = (EmailStatus.FAILED if notification.email_attempts >= MAX_EMAIL_ATTEMPTS
                  else EmailStatus.PENDING)
        Notification.objects.filter(pk=notification_id).update(email_status=status)
        raise
    Notification.objects.filter(pk=notification_id).update(
        email_status=EmailStatus.SENT, email_sent_at=timezone.now()
    )
    return True


def notifications_pending_ids(*, limit: int = 500) -> list[int]:
    stale = timezone.now() - CLAIM_TIMEOUT
    pending = Notification.objects.filter(email_status=EmailStatus.PENDING)
    stuck = Notification.objects.filter(email_status=EmailStatus.SENDING,
                                        email_claimed_at__lt=stale)
    return list((pending | stuck).order_by("id").values_list("id", flat=True)[:limit])
