"""The reminder sweep: each reminder is a row with a unique key, inserted before it is sent.

One query lists the candidates among open assignments (the partial index on open deadlines),
by id. Each batch of candidates then runs in its own transaction, in two statements built
by the database from the assignments themselves: `INSERT … SELECT … ON CONFLICT DO NOTHING
RETURNING` records the reminders due and tells which ones this run is the first to record,
and only those get notifications (`INSERT … SELECT` through the notifications service),
written in the same transaction. A second run, a concurrent worker (it waits on the first
one's uncommitted keys, then skips them) or a rerun after a crash (the unfinished batch was
rolled back with its notifications) therefore sends each reminder exactly once. E-mails
leave through the notification outbox after commit.

Titles are in each recipient's language: the five texts are translated once per language
here and filled in per row by PostgreSQL's `format()`.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from registry.notifications.services import DraftsQuery, notifications_create_bulk
from registry.organisation.calendar import add_working_days, is_working_day
from registry.organisation.models import Unit, User

from .models import OPEN_STATUSES, Assignment, AssignmentRole, Reminder, ReminderKind

BATCH_SIZE = 5000  # candidate assignments per transaction
K = ReminderKind
REMINDED_ROLES = (AssignmentRole.LEAD, AssignmentRole.CO_HANDLE)


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
        """(kind, key date) due today for work with this deadline (the rule `KEYS` applies)."""
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

    def params(self) -> dict[str, object]:
        return {"today": self.today, "next_day": self.next_working_day,
                "third_day": self.third_working_day, "working_today": self.working_today}


# `Horizon.reminders_for` in SQL: the (kind, key date) of one assignment `a`.
KEYS = """
CROSS JOIN LATERAL (
    SELECT 'overdue' AS kind, %(today)s::date AS date, 1 AS pos
        WHERE a.deadline < %(today)s AND %(working_today)s
    UNION ALL SELECT 'escalation', %(today)s::date, 2
        WHERE a.deadline < %(today)s AND %(working_today)s
    UNION ALL SELECT 'due', a.deadline, 3 WHERE a.deadline = %(today)s
    UNION ALL SELECT 'before_1', a.deadline, 4
        WHERE a.deadline > %(today)s AND a.deadline <= %(next_day)s
    UNION ALL SELECT 'before_3', a.deadline, 5
        WHERE a.deadline > %(next_day)s AND a.deadline <= %(third_day)s
) k
"""

# Record the batch's reminders; return those this transaction is the first to record.
# Ordered by assignment so that two sweeps at once take the keys in the same order.
RECORD = f"""
INSERT INTO {Reminder._meta.db_table} (assignment_id, kind, date, created_at)
SELECT a.id, k.kind, k.date, %(now)s
FROM {Assignment._meta.db_table} a
{KEYS}
WHERE a.id = ANY(%(ids)s) AND a.status = ANY(%(open)s) AND a.role = ANY(%(roles)s)
ORDER BY a.id, k.pos
ON CONFLICT (assignment_id, kind, date) DO NOTHING
RETURNING assignment_id, kind
"""  # noqa: S608 (table names from the models; values are parameters)

# The notifications of the reminders just recorded, one per recipient: the handler (the
# person, else the unit's head) for reminders; up the chain for an escalation — the
# assigner and the head of the unit doing the work, never the handler, each once.
NOTIFY = f"""
SELECT r.recipient_id, 'reminder.' || n.kind,
       format(t.template, to_char(a.deadline, 'DD/MM/YYYY'), left(a.content, 120),
              COALESCE(NULLIF(person.full_name, ''), NULLIF(unit.name, ''), '')),
       '', '/cong-viec/' || a.id || '/'
FROM unnest(%(recorded_ids)s::bigint[], %(recorded_kinds)s::text[])
     WITH ORDINALITY AS n(assignment_id, kind, ord)
JOIN {Assignment._meta.db_table} a ON a.id = n.assignment_id
LEFT JOIN {Unit._meta.db_table} unit ON unit.id = a.assignee_unit_id
LEFT JOIN {User._meta.db_table} person ON person.id = a.assignee_user_id
LEFT JOIN {Unit._meta.db_table} person_unit ON person_unit.id = person.unit_id
CROSS JOIN LATERAL (
    SELECT COALESCE(a.assignee_user_id, unit.head_id) AS handler,
           COALESCE(unit.head_id, person_unit.head_id) AS head
) h
CROSS JOIN LATERAL (
    SELECT h.handler AS recipient_id, 1 AS pos
        WHERE n.kind <> 'escalation' AND h.handler IS NOT NULL
    UNION ALL SELECT a.assigner_id, 2
        WHERE n.kind = 'escalation' AND a.assigner_id IS DISTINCT FROM h.handler
    UNION ALL SELECT h.head, 3
        WHERE n.kind = 'escalation' AND h.head IS NOT NULL
          AND h.head IS DISTINCT FROM h.handler AND h.head IS DISTINCT FROM a.assigner_id
) r
JOIN {User._meta.db_table} recipient ON recipient.id = r.recipient_id
JOIN (SELECT * FROM unnest(%(t_kinds)s::text[], %(t_languages)s::text[],
                           %(t_templates)s::text[])) AS t(kind, language, template)
  ON t.kind = n.kind
 AND t.language = CASE WHEN recipient.language = ANY(%(t_languages)s::text[])
                       THEN recipient.language ELSE %(t_default)s END
ORDER BY n.ord, r.pos
"""  # noqa: S608 (table names from the models; values are parameters)

_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%|%")
_POSITIONS = {"date": "%1$s", "content": "%2$s", "person": "%3$s"}


def _texts() -> dict[str, str]:
    """The titles in the active language (source strings in Vietnamese)."""
    return {
        K.BEFORE_3: _("Sắp đến hạn (%(date)s): %(content)s"),
        K.BEFORE_1: _("Còn 1 ngày làm việc, hạn %(date)s: %(content)s"),
        K.DUE: _("Hôm nay đến hạn: %(content)s"),
        K.OVERDUE: _("Quá hạn từ %(date)s: %(content)s"),
        K.ESCALATION: _("Việc quá hạn của %(person)s (hạn %(date)s): %(content)s"),
    }


def as_format(text: str) -> str:
    """A Python `%(name)s` text as a PostgreSQL `format()` template (date, content, person)."""
    def swap(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return _POSITIONS[match.group(1)]
        return "%%"  # a literal per cent sign, however it was written

    return _PLACEHOLDER.sub(swap, text)


def title_templates() -> dict[str, object]:
    """The five titles in every language of the site, as `format()` templates for NOTIFY."""
    kinds, languages, templates = [], [], []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for kind, text in _texts().items():
                kinds.append(str(kind))
                languages.append(code)
                templates.append(as_format(text))
    return {"t_kinds": kinds, "t_languages": languages, "t_templates": templates,
            "t_default": settings.LANGUAGE_CODE}


def _candidate_ids(horizon: Horizon) -> list[int]:
    qs = Assignment.objects.filter(
        status__in=OPEN_STATUSES, role__in=REMINDED_ROLES,
        deadline__lte=horizon.third_working_day,
    )
    if not horizon.working_today:
        qs = qs.filter(deadline__gte=horizon.today)
    return list(qs.order_by("id").values_list("id", flat=True))


def _send_batch(ids: list[int], params: dict[str, object],
                templates: dict[str, object]) -> tuple[int, int]:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(RECORD, {**params, "ids": ids, "now": timezone.now()})
            recorded = cursor.fetchall()
        if not recorded:
            return 0, 0
        created = notifications_create_bulk(drafts=DraftsQuery(sql=NOTIFY, params={
            **templates, "recorded_ids": [r[0] for r in recorded],
            "recorded_kinds": [r[1] for r in recorded]}))
    return len(recorded), len(created)


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH_SIZE):
        yield ids[start:start + BATCH_SIZE]


def reminders_sweep(*, today: dt.date | None = None) -> SweepResult:
    """Record and send the reminders due on `today` (default: today in Vietnam).

    Not to be called inside another transaction: each batch commits on its own, which is
    what lets a rerun after a crash continue where the previous run stopped.
    """
    horizon = Horizon.of(today or timezone.localdate())
    ids = _candidate_ids(horizon)
    params = {**horizon.params(), "open": [str(s) for s in OPEN_STATUSES],
              "roles": [str(r) for r in REMINDED_ROLES]}
    templates = title_templates()
    reminders = notifications = 0
    for batch in _batches(ids):
        inserted, created = _send_batch(batch, params, templates)
        reminders += inserted
        notifications += created
    return SweepResult(candidates=len(ids), reminders=reminders, notifications=notifications)
