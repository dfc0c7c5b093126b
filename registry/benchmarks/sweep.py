"""The reminder sweep next to the bare SQL that finds and marks the same rows."""

import datetime as dt
import time

from django.db import connection, transaction

from registry.assignments.reminders import Horizon, reminders_sweep

BARE_SQL = """
INSERT INTO assignments_reminder (assignment_id, kind, date, created_at)
SELECT a.id, k.kind, k.key_date, now()
FROM assignments_assignment a
CROSS JOIN LATERAL (
    SELECT 'overdue' AS kind, %(today)s::date AS key_date
        WHERE a.deadline < %(today)s AND %(working_today)s
    UNION ALL SELECT 'escalation', %(today)s::date
        WHERE a.deadline < %(today)s AND %(working_today)s
    UNION ALL SELECT 'due', a.deadline WHERE a.deadline = %(today)s
    UNION ALL SELECT 'before_1', a.deadline
        WHERE a.deadline > %(today)s AND a.deadline <= %(next_day)s
    UNION ALL SELECT 'before_3', a.deadline
        WHERE a.deadline > %(next_day)s AND a.deadline <= %(third_day)s
) k
WHERE a.status IN ('assigned', 'in_progress') AND a.role IN ('lead', 'co')
  AND a.deadline <= %(third_day)s
ON CONFLICT DO NOTHING
"""


def bare_sql_seconds(today: dt.date) -> tuple[float, int]:
    """Time the bare INSERT … SELECT, then roll it back so the real sweep finds the same work."""
    horizon = Horizon.of(today)
    params = {"today": today, "next_day": horizon.next_working_day,
              "third_day": horizon.third_working_day, "working_today": horizon.working_today}
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(BARE_SQL, params)
            rows = cursor.rowcount
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed, rows


def sweep_seconds(today: dt.date) -> tuple[float, int, int]:
    started = time.perf_counter()
    result = reminders_sweep(today=today)
    return time.perf_counter() - started, result.reminders, result.notifications
