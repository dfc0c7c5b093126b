import datetime as dt
import threading
from unittest import mock

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from registry.assignments import reminders, tasks
from registry.assignments.models import AssignmentRole, Reminder, ReminderKind
from registry.assignments.reminders import reminders_sweep
from registry.assignments.services import assignment_complete
from registry.notifications.models import EmailStatus, Notification
from registry.organisation.models import Unit

D = dt.date
WEDNESDAY = D(2026, 12, 2)  # next working days: Thu 03, Fri 04, Mon 07


def reminder_kinds() -> dict[int, set[str]]:
    kinds: dict[int, set[str]] = {}
    for assignment_id, kind in Reminder.objects.values_list("assignment_id", "kind"):
        kinds.setdefault(assignment_id, set()).add(kind)
    return kinds


def reminder_notifications(user=None):
    qs = Notification.objects.filter(kind__startswith="reminder.")
    return qs.filter(recipient=user) if user is not None else qs


@pytest.mark.django_db
def test_sweep_picks_the_right_reminder_for_each_deadline(give, people):
    kt = Unit.objects.get(abbreviation="KT")
    in_three = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 7), content="Ba ngày")
    tomorrow = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3), content="Ngày mai")
    today = give("lanhdao", unit=kt, deadline=WEDNESDAY, content="Hôm nay của phòng KT")
    late = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 1), content="Quá hạn")
    far = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 20), content="Còn xa")
    info = give("lanhdao", "chuyenvien2", deadline=D(2026, 12, 1), role=AssignmentRole.TO_KNOW)
    finished = give("lanhdao", "chuyenvien2", deadline=D(2026, 12, 1), content="Đã xong")
    assignment_complete(actor=people["chuyenvien2"], assignment=finished, result_note="Xong")

    result = reminders_sweep(today=WEDNESDAY)

    assert reminder_kinds() == {
        in_three.pk: {ReminderKind.BEFORE_3}, tomorrow.pk: {ReminderKind.BEFORE_1},
        today.pk: {ReminderKind.DUE}, late.pk: {ReminderKind.OVERDUE, ReminderKind.ESCALATION},
    }
    assert far.pk not in reminder_kinds() and info.pk not in reminder_kinds()
    assert result.reminders == 5
    # a unit's work reminds the unit's head; escalation goes to the assigner and the head
    assert reminder_notifications(people["truongphongkt"]).get().title.startswith("Hôm nay")
    escalated = reminder_notifications().filter(kind="reminder.escalation")
    assert {n.recipient.username for n in escalated} == {"lanhdao", "truongphongth"}
    assert reminder_notifications(people["chuyenvien"]).count() == 3


@pytest.mark.django_db
def test_sweep_twice_sends_nothing_the_second_time(give, people):
    give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))
    give("lanhdao", "chuyenvien", deadline=D(2026, 12, 1))

    first = reminders_sweep(today=WEDNESDAY)
    count = reminder_notifications().count()
    second = reminders_sweep(today=WEDNESDAY)

    assert first.reminders == 3 and second.reminders == 0 and second.notifications == 0
    assert reminder_notifications().count() == count == 1 + 1 + 2


@pytest.mark.django_db
def test_overdue_is_reminded_and_escalated_once_each_working_day(give, people):
    late = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 1))
    for day in [WEDNESDAY, WEDNESDAY, D(2026, 12, 3), D(2026, 12, 5), D(2026, 12, 6)]:
        reminders_sweep(today=day)  # the weekend (5–6/12) sends no overdue reminders

    dates = sorted(Reminder.objects.filter(assignment=late, kind=ReminderKind.ESCALATION)
                   .values_list("date", flat=True))
    assert dates == [WEDNESDAY, D(2026, 12, 3)]
    assert reminder_notifications(people["lanhdao"]).count() == 2


@pytest.mark.django_db
def test_reminder_before_the_deadline_goes_once_whatever_day_the_sweep_runs(give, people):
    # Deadline Wednesday 09/12 is 3 working days after both Friday 04/12 and Saturday 05/12.
    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 9))
    for day in [D(2026, 12, 4), D(2026, 12, 5), D(2026, 12, 7), D(2026, 12, 8), D(2026, 12, 9)]:
        reminders_sweep(today=day)

    assert sorted(Reminder.objects.filter(assignment=assignment)
                  .values_list("kind", flat=True)) == ["before_1", "before_3", "due"]


@pytest.mark.django_db
def test_a_deadline_extension_brings_new_reminders_for_the_new_date(give, people):
    from registry.assignments.services import (
        assignment_extension_grant,
        assignment_extension_request,
    )

    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))
    reminders_sweep(today=WEDNESDAY)
    request = assignment_extension_request(actor=people["chuyenvien"], assignment=assignment,
                                           requested_deadline=D(2026, 12, 4), reason="Thêm 1 ngày")
    assignment_extension_grant(actor=people["lanhdao"], extension=request)
    reminders_sweep(today=D(2026, 12, 3))

    assert sorted(Reminder.objects.filter(assignment=assignment)
                  .values_list("kind", "date")) == [("before_1", D(2026, 12, 3)),
                                                    ("before_1", D(2026, 12, 4))]


@pytest.mark.django_db
def test_users_without_email_get_the_reminder_in_app_only(give, people):
    people["chuyenvien"].email_notifications = False
    people["chuyenvien"].save()
    give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))

    reminders_sweep(today=WEDNESDAY)

    assert reminder_notifications(people["chuyenvien"]).get().email_status == EmailStatus.SKIPPED


@pytest.mark.django_db
def test_a_crash_halfway_then_a_rerun_sends_each_reminder_exactly_once(give, people,
                                                                     monkeypatch):
    for day in range(1, 7):
        give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3), content=f"Việc {day}")
    monkeypatch.setattr(reminders, "BATCH_SIZE", 2)
    real = reminders.notifications_create_bulk
    calls = {"n": 0}

    def crash_on_second_batch(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return real(**kwargs)

    with mock.patch.object(reminders, "notifications_create_bulk", crash_on_second_batch), \
            pytest.raises(RuntimeError):
        reminders_sweep(today=WEDNESDAY)
    assert Reminder.objects.count() == 2  # the first batch committed, the second rolled back

    result = reminders_sweep(today=WEDNESDAY)

    assert result.reminders == 4
    assert Reminder.objects.count() == 6
    assert reminder_notifications().count() == 6
    assert len(set(reminder_notifications().values_list("title", flat=True))) == 6


@pytest.mark.django_db
def test_sweep_query_count_does_not_grow_with_the_number_of_assignments(
        give, people, django_assert_num_queries):
    def run(n: int) -> int:
        Reminder.objects.all().delete()
        for i in range(n):
            give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3), content=f"Việc {n}-{i}")
        with CaptureQueriesContext(connection) as captured:
            reminders_sweep(today=WEDNESDAY)
        return len(captured)

    small, large = run(3), run(40)
    assert small == large
    Reminder.objects.all().delete()
    # 3 for the calendar, 1 for the candidates, per batch: savepoint, the reminders
    # (INSERT … SELECT … RETURNING), the notifications (INSERT … SELECT, preferences joined),
    # release
    with django_assert_num_queries(8):
        reminders_sweep(today=WEDNESDAY)


@pytest.mark.django_db
def test_send_reminders_command_runs_one_sweep(give, people, capsys):
    give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))

    call_command("send_reminders", "--date", "2026-12-02")
    call_command("send_reminders", "--date", "2026-12-02")

    out = capsys.readouterr().out
    assert "1 lời nhắc mới" in out and "0 lời nhắc mới" in out
    assert Reminder.objects.count() == 1


@pytest.mark.django_db
def test_the_periodic_task_skips_while_another_sweep_holds_the_lock(give, people):
    give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))
    params = connection.get_connection_params()
    other = psycopg2.connect(**{k: v for k, v in params.items()
                                if k in {"dbname", "user", "password", "host", "port"}})
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [tasks.SWEEP_LOCK_KEY])
        assert tasks.reminders_sweep("2026-12-02") == {"skipped": True}
        assert not Reminder.objects.exists()
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [tasks.SWEEP_LOCK_KEY])
    finally:
        other.close()
    assert tasks.reminders_sweep("2026-12-02")["reminders"] == 1


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_reminder_exactly_once(give, people):
    for i in range(60):
        give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3 if i % 2 else 1),
             content=f"Việc song song {i}")
    start = threading.Barrier(2)
    results, errors = [], []

    def sweep() -> None:
        try:
            start.wait()
            results.append(reminders_sweep(today=WEDNESDAY))
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connections.close_all()

    with mock.patch("registry.notifications.services.enqueue"):
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)

    assert not errors
    expected = 30 + 30 * 2  # before_1 for half; overdue + escalation for the other half
    assert Reminder.objects.count() == expected
    assert sum(r.reminders for r in results) == expected
    # before_1 and overdue to chuyenvien, escalation to lanhdao and truongphongth
    assert reminder_notifications().count() == 30 + 30 + 30 * 2
