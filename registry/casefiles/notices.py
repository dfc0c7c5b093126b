"""The notice 30 days before a closed file is due at the agency archive (Appendix VI).

Each notice is a row keyed (file, due date), inserted with ON CONFLICT DO NOTHING RETURNING
in the same transaction as its notifications: only the run that inserted a key sends for it,
so the sweep may run twice, or two workers at once, and each notice still goes out once. A
file reopened and closed again has a new due date, hence a new notice.
"""

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.notifications.services import NotificationDraft, notifications_create_bulk

from .models import ArchiveNotice, CaseFile, CaseFileStatus

NOTICE_DAYS = 30
BATCH_SIZE = 500


class Candidate(NamedTuple):
    id: int
    due_on: dt.date
    code: str
    title: str
    user_id: int | None
    opened_by_id: int | None
    head_id: int | None


@dataclass(frozen=True)
class NoticeResult:
    candidates: int = 0
    notices: int = 0
    notifications: int = 0


def _candidates(today: dt.date) -> list[Candidate]:
    noticed = ArchiveNotice.objects.filter(case_file_id=OuterRef("pk"),
                                           due_on=OuterRef("archive_due_on"))
    rows = (CaseFile.objects
            .filter(status=CaseFileStatus.CLOSED,
                    archive_due_on__lte=today + dt.timedelta(days=NOTICE_DAYS))
            .exclude(Exists(noticed)).order_by("id")
            .values_list("id", "archive_due_on", "code", "title", "responsible_user_id",
                         "opened_by_id", "responsible_unit__head_id"))
    return [Candidate(*row) for row in rows]


def _insert(keys: list[tuple[int, dt.date]]) -> set[int]:
    """Record the keys; return the files this transaction was the first to record."""
    table = ArchiveNotice._meta.db_table
    values = ", ".join(["(%s, %s, %s)"] * len(keys))
    now = timezone.now()
    params = [p for key in keys for p in (*key, now)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (case_file_id, due_on, created_at) VALUES {values} "  # noqa: S608
            "ON CONFLICT (case_file_id, due_on) DO NOTHING RETURNING case_file_id",
            params,
        )
        return {row[0] for row in cursor.fetchall()}


def _drafts(candidate: Candidate) -> list[NotificationDraft]:
    title = _("Hồ sơ %(code)s đến hạn nộp lưu ngày %(date)s: %(title)s") % {
        "code": candidate.code, "date": f"{candidate.due_on:%d/%m/%Y}",
        "title": candidate.title[:150]}
    body = _("Hồ sơ đã kết thúc cần nộp vào lưu trữ cơ quan trước ngày %(date)s.") % {
        "date": f"{candidate.due_on:%d/%m/%Y}"}
    url = reverse("casefiles:detail", args=[candidate.id])
    recipients = dict.fromkeys(r for r in (candidate.user_id or candidate.opened_by_id,
                                           candidate.head_id) if r)
    return [NotificationDraft(recipient_id=r, kind="casefile.archive_due", title=title,
                              body=body, url=url) for r in recipients]


def archive_notices_sweep(*, today: dt.date | None = None) -> NoticeResult:
    """Send the notices due by `today`. Each batch commits on its own; never call inside
    another transaction."""
    candidates = _candidates(today or timezone.localdate())
    notices = notifications = 0
    for start in range(0, len(candidates), BATCH_SIZE):
        batch = candidates[start:start + BATCH_SIZE]
        with transaction.atomic():
            inserted = _insert([(c.id, c.due_on) for c in batch])
            drafts = [d for c in batch if c.id in inserted for d in _drafts(c)]
            notifications += len(notifications_create_bulk(drafts=drafts))
        notices += len(inserted)
    return NoticeResult(candidates=len(candidates), notices=notices, notifications=notifications)
