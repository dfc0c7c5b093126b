"""The reminder sweep written by the database: the same keys, recipients and texts as the rule
in Python, each title in its recipient's language, the e-mail outbox only for those who want
e-mail, and nothing new on a second run."""

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.utils import translation

from registry.assignments import reminders
from registry.assignments.models import AssignmentRole, Reminder
from registry.assignments.reminders import Horizon, as_format, reminders_sweep
from registry.notifications.models import EmailStatus, Notification
from registry.organisation.models import Unit

D = dt.date
WEDNESDAY = D(2026, 12, 2)  # next working days: Thu 03, Fri 04, Mon 07
SATURDAY = D(2026, 12, 5)


def reminder_notifications():
    return Notification.objects.filter(kind__startswith="reminder.").select_related("recipient")


@pytest.mark.django_db
@pytest.mark.parametrize("today", [WEDNESDAY, SATURDAY])
def test_the_keys_written_in_sql_follow_the_horizon_rule(give, people, today):
    made = {give("lanhdao", "chuyenvien", deadline=today + dt.timedelta(days=d),
                 content=f"Việc {d}"): d for d in range(-4, 12)}

    reminders_sweep(today=today)

    horizon = Horizon.of(today)
    for assignment in made:
        expected = {(str(kind), date) for kind, date in horizon.reminders_for(assignment.deadline)}
        assert set(Reminder.objects.filter(assignment=assignment)
                   .values_list("kind", "date")) == expected, assignment.deadline


@pytest.mark.django_db
def test_titles_are_in_each_recipients_language(give, people):
    people["chuyenvien"].language = "en"
    people["chuyenvien"].save()
    give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3), content="Báo cáo quý IV")
    give("lanhdao", "chuyenvien", deadline=D(2026, 12, 1), content="Tổng kết năm")

    reminders_sweep(today=WEDNESDAY)

    titles = {(n.recipient.username, n.kind): n.title for n in reminder_notifications()}
    assert titles[("chuyenvien", "reminder.before_1")] == (
        "1 working day left, due 03/12/2026: Báo cáo quý IV")
    assert titles[("chuyenvien", "reminder.overdue")] == "Overdue since 01/12/2026: Tổng kết năm"
    person = people["chuyenvien"].full_name
    assert titles[("lanhdao", "reminder.escalation")] == (
        f"Việc quá hạn của {person} (hạn 01/12/2026): Tổng kết năm")
    assert titles[("truongphongth", "reminder.escalation")].startswith("Việc quá hạn của")


@pytest.mark.django_db
def test_the_texts_are_the_python_texts_filled_in_by_postgresql():
    values = {"date": "03/12/2026", "content": "100% hoàn thành, 'trích dẫn' %s %(x)s",
              "person": "Phòng Kế toán"}
    for language in ("vi", "en"):
        with translation.override(language):
            texts = reminders._texts()
        for text in [*texts.values(), "Đạt 50%% kế hoạch: %(content)s"]:
            with connection.cursor() as cursor:
                cursor.execute("SELECT format(%s, %s, %s, %s)",
                               [as_format(text), values["date"], values["content"],
                                values["person"]])
                assert cursor.fetchone()[0] == text % values


@pytest.mark.django_db
def test_content_and_title_are_cut_as_before(give, people):
    give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3), content="x" * 500)

    reminders_sweep(today=WEDNESDAY)

    title = reminder_notifications().get().title
    assert title == "Còn 1 ngày làm việc, hạn 03/12/2026: " + "x" * 120


@pytest.mark.django_db
def test_recipients_of_unit_work_without_a_head(give, people):
    unit = Unit.objects.create(agency=people["lanhdao"].agency, name="Tổ công tác",
                               abbreviation="TCT")
    late = give("lanhdao", unit=unit, deadline=D(2026, 12, 1), content="Việc của tổ")

    reminders_sweep(today=WEDNESDAY)

    # no handler to remind; the escalation still reaches the assigner, the unit named
    assert set(Reminder.objects.filter(assignment=late).values_list("kind", flat=True)) == {
        "overdue", "escalation"}
    [escalation] = reminder_notifications()
    assert escalation.recipient == people["lanhdao"] and escalation.kind == "reminder.escalation"
    assert "Tổ công tác" in escalation.title and escalation.url == f"/cong-viec/{late.pk}/"


@pytest.mark.django_db
def test_only_open_work_of_the_lead_and_co_handlers_is_reminded(give, people):
    co = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3), role=AssignmentRole.CO_HANDLE)
    give("lanhdao", "chuyenvien2", deadline=D(2026, 12, 3), role=AssignmentRole.TO_KNOW)

    result = reminders_sweep(today=WEDNESDAY)

    assert list(Reminder.objects.values_list("assignment_id", flat=True)) == [co.pk]
    assert result.candidates == 1 and result.notifications == 1


@pytest.mark.django_db
def test_email_off_inactive_or_without_address_get_no_email_in_the_outbox(
        give, people, django_capture_on_commit_callbacks):
    people["chuyenvien"].email_notifications = False
    people["chuyenvien"].save()
    people["truongphongth"].email = ""
    people["truongphongth"].save()
    give("lanhdao", "chuyenvien", deadline=D(2026, 12, 1))  # overdue + escalation

    with mock.patch("registry.notifications.services.enqueue") as enqueue, \
            django_capture_on_commit_callbacks(execute=True):
        reminders_sweep(today=WEDNESDAY)

    status = {n.recipient.username: n.email_status for n in reminder_notifications()}
    assert status == {"chuyenvien": EmailStatus.SKIPPED, "truongphongth": EmailStatus.SKIPPED,
                      "lanhdao": EmailStatus.PENDING}
    queued = [i for call in enqueue.call_args_list for i in call.args[1]]
    assert sorted(queued) == sorted(reminder_notifications().filter(
        email_status=EmailStatus.PENDING).values_list("id", flat=True))


@pytest.mark.django_db
def test_a_second_sweep_the_same_day_writes_and_queues_nothing(
        give, people, django_capture_on_commit_callbacks):
    for i in range(5):
        give("lanhdao", "chuyenvien", deadline=D(2026, 12, 1 + i % 3), content=f"Việc {i}")
    reminders_sweep(today=WEDNESDAY)
    before = (Reminder.objects.count(), Notification.objects.count())

    with mock.patch("registry.notifications.services.enqueue") as enqueue, \
            django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = reminders_sweep(today=WEDNESDAY)

    assert (again.reminders, again.notifications) == (0, 0) and again.candidates == 5
    assert (Reminder.objects.count(), Notification.objects.count()) == before
    assert not callbacks and not enqueue.called


@pytest.mark.django_db
def test_each_batch_commits_its_reminders_with_their_notifications(give, people, monkeypatch):
    for i in range(5):
        give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3), content=f"Việc {i}")
    monkeypatch.setattr(reminders, "BATCH_SIZE", 2)
    calls = []
    real = reminders.notifications_create_bulk

    def spy(**kwargs):
        calls.append(len(kwargs["drafts"].params["recorded_ids"]))
        return real(**kwargs)

    monkeypatch.setattr(reminders, "notifications_create_bulk", spy)
    result = reminders_sweep(today=WEDNESDAY)

    assert calls == [2, 2, 1]
    assert (result.reminders, result.notifications) == (5, 5)
