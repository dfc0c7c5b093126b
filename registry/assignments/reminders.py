"""The reminder sweep: each reminder is a row with a unique key, inserted before it is sent.

One query finds the candidates among open assignments (the partial index on open deadlines).
Each batch then runs in its own transaction: `INSERT … ON CONFLICT DO NOTHING RETURNING`
tells which reminders this run is the first to record, and only those get notifications,
written in the same transaction. A second run, a concurrent worker (it waits on the first
one's uncommitted keys, then skips them) or a rerun after a crash (the unfinished batch was
rolled back with its notifications) therefore sends each reminder exactly once. E-mails
leave through the notification outbox after commit.
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.notifications.services import NotificationDraft, notifications_create_bulk
from registry.organisation.calendar import add_working_days, is_working_day

from .models import OPEN_STATUSES, Assignment, AssignmentRole, Reminder, ReminderKind

BATCH_SIZE = 5000
K = ReminderKind


class Candidate(NamedTuple):
    id: int
    deadline: dt.date
    content: str
    assigner_id: int
    assignee_user_id: int | None
    unit_head_id: int | None
    person_unit_head_id: int | None
    assignee_name: str | None
    unit_name: str | None


@dataclass(frozen=True)
class SweepResult:
    candidates: int = 0
    reminders: int = 0
    notifications: int = 0


@dataclass(frozen=True)
class Horizon:
    today: dt.date
    next_working_day: dt.date
    third_working_day: dt.date
    working_today: bool

    @classmethod
    def of(cls, today: dt.date) -> "Horizon":
        return cls(today=today, next_working_day=add_working_days(today, 1),
                   third_working_day=add_working_days(today, 3),
                   working_today=is_working_day(today))

    def reminders_for(self, deadline: dt.date) -> list[tuple[str, dt.date]]:
        """(kind, key date) due today for work with this deadline."""
        if deadline < self.today:
            # Overdue reminders and escalations go out on working days, once each day.
            return [(K.OVERDUE, self.today), (K.ESCALATION, self.today)] \
                if self.working_today else []
        if deadline == self.today:
            return [(K.DUE, deadline)]
        if deadline <= self.next_working_day:
            return [(K.BEFORE_1, deadline)]
        if deadline <= self.third_working_day:
            return [(K.BEFORE_3, deadline)]
        return []


def _candidates(horizon: Horizon) -> Iterator[Candidate]:
    qs = Assignment.objects.filter(
        status__in=OPEN_STATUSES, role__in=[AssignmentRole.LEAD, AssignmentRole.CO_HANDLE],
        deadline__lte=horizon.third_working_day,
    )
    if not horizon.working_today:
        qs = qs.filter(deadline__gte=horizon.today)
    # Ordered by id so that two sweeps at once insert keys in the same order (no deadlock).
    rows = qs.order_by("id").values_list(
        "id", "deadline", "content", "assigner_id", "assignee_user_id", "assignee_unit__head_id",
        "assignee_user__unit__head_id", "assignee_user__full_name", "assignee_unit__name",
    )
    for row in rows.iterator(chunk_size=BATCH_SIZE):
        yield Candidate(*row)


def _insert(keys: list[tuple[int, str, dt.date]]) -> set[tuple[int, str]]:
    """Record the keys; return those this transaction was the first to record."""
    table = Reminder._meta.db_table
    now = timezone.now()
    values = ", ".join(["(%s, %s, %s, %s)"] * len(keys))
    params = [p for key in keys for p in (*key, now)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (assignment_id, kind, date, created_at) VALUES {values} "  # noqa: S608
            "ON CONFLICT (assignment_id, kind, date) DO NOTHING RETURNING assignment_id, kind",
            params,
        )
        return {(row[0], row[1]) for row in cursor.fetchall()}


def _title(kind: str, c: Candidate) -> str:
    values = {"content": c.content[:120], "date": f"{c.deadline:%d/%m/%Y}",
              "person": c.assignee_name or c.unit_name or ""}
    texts = {
        K.BEFORE_3: _("Sắp đến hạn (%(date)s): %(content)s"),
        K.BEFORE_1: _("Còn 1 ngày làm việc, hạn %(date)s: %(content)s"),
        K.DUE: _("Hôm nay đến hạn: %(content)s"),
        K.OVERDUE: _("Quá hạn từ %(date)s: %(content)s"),
        K.ESCALATION: _("Việc quá hạn của %(person)s (hạn %(date)s): %(content)s"),
    }
    return texts[kind] % values


def _recipients(kind: str, c: Candidate) -> list[int]:
    head = c.unit_head_id or c.person_unit_head_id
    if kind != K.ESCALATION:
        handler = c.assignee_user_id or c.unit_head_id
        return [handler] if handler else []
    # Up the chain: the assigner and the head of the unit doing the work, not the handler.
    return list(dict.fromkeys(
        r for r in (c.assigner_id, head) if r and r != (c.assignee_user_id or c.unit_head_id)
    ))


def _drafts(inserted: set[tuple[int, str]], batch: list[tuple[Candidate, str]],
            ) -> list[NotificationDraft]:
    drafts = []
    for candidate, kind in batch:
        if (candidate.id, kind) not in inserted:
            continue
        title = _title(kind, candidate)
        drafts.extend(NotificationDraft(recipient_id=r, kind=f"reminder.{kind}", title=title,
                                        url=f"/cong-viec/{candidate.id}/")
                      for r in _recipients(kind, candidate))
    return drafts


def _send_batch(batch: list[tuple[Candidate, str, dt.date]]) -> tuple[int, int]:
    with transaction.atomic():
        inserted = _insert([(c.id, kind, date) for c, kind, date in batch])
        created = notifications_create_bulk(
            drafts=_drafts(inserted, [(c, kind) for c, kind, _date in batch]))
    return len(inserted), len(created)


def _batches(horizon: Horizon) -> Iterable[tuple[int, list[tuple[Candidate, str, dt.date]]]]:
    batch: list[tuple[Candidate, str, dt.date]] = []
    count = 0
    for candidate in _candidates(horizon):
        count += 1
        batch.extend((candidate, kind, date)
                     for kind, date in horizon.reminders_for(candidate.deadline))
        if len(batch) >= BATCH_SIZE:
            yield count, batch
            batch = []
    yield count, batch


def reminders_sweep(*, today: dt.date | None = None) -> SweepResult:
    """Record and send the reminders due on `today` (default: today in Vietnam).

    Not to be called inside another transaction: each batch commits on its own, which is
    what lets a rerun after a crash continue where the previous run stopped.
    """
    horizon = Horizon.of(today or timezone.localdate())
    seen = reminders = notifications = 0
    for count, batch in _batches(horizon):
        seen = count
        if batch:
            inserted, created = _send_batch(batch)
            reminders += inserted
            notifications += created
    return SweepResult(candidates=seen, reminders=reminders, notifications=notifications)
