"""Reminders through a real Celery worker and a real Redis broker (no eager mode).

The worker is a subprocess on the pytest test database (so the test is transactional: the
worker sees only committed rows) and writes its e-mails to files the test reads back.
"""

import datetime as dt
import email
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from email.header import decode_header, make_header
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connections

from registry.assignments.models import Reminder, ReminderKind
from registry.core.queue import enqueue
from registry.notifications.models import EmailStatus, Notification
from registry.notifications.services import notification_create

ROOT = Path(__file__).resolve().parents[2]
SWEEP = "registry.assignments.tasks.reminders_sweep"
D = dt.date

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db, tmp_path):
    """A `celery -A docflow worker` on the test database; killed at teardown."""
    broker = settings.CELERY_BROKER_URL
    try:
        redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.fail(f"the worker test needs Redis at {broker}: {exc}")
    redis.Redis.from_url(broker).delete("celery")  # stale messages of earlier runs
    mail_dir, log = tmp_path / "mail", tmp_path / "worker.log"
    mail_dir.mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "docflow.settings_test",
           "DATABASE_URL": _database_url(), "REDIS_URL": broker,
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "EMAIL_FILE_PATH": str(mail_dir), "DB_CONN_MAX_AGE": "0"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "docflow", "worker", "--pool=solo",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"test-{uuid.uuid4().hex[:8]}@%h"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: b"ready." in log.read_bytes(), log, what="the worker to start")
        yield mail_dir, log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        connections.close_all()


def wait_for(condition: Callable[[], bool], log: Path, *, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-3000:]
    pytest.fail(f"timed out waiting for {what}; worker log:\n{tail}")


def outbox_empty() -> bool:
    return not Notification.objects.filter(
        email_status__in=[EmailStatus.PENDING, EmailStatus.SENDING]).exists()


def barrier(log: Path, name: str) -> None:
    """Wait until the worker has run everything queued before this point (one solo worker
    takes messages in order): a marker e-mail queued last has been sent."""
    marker = notification_create(recipient=_user("vanthu"), kind="test.barrier", title=name)
    wait_for(lambda: Notification.objects.get(pk=marker.pk).email_status == EmailStatus.SENT,
             log, what=f"barrier {name}")
    wait_for(outbox_empty, log, what="the outbox to drain")


def _user(username: str):
    from registry.organisation.models import User

    return User.objects.get(username=username)


def mails(mail_dir: Path) -> list[tuple[str, str]]:
    """(to, subject) of every e-mail the worker wrote."""
    found = []
    separator = b"\n" + b"-" * 79 + b"\n"
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(separator):
            if chunk.strip():
                message = email.message_from_bytes(chunk)
                found.append((message["To"],
                              str(make_header(decode_header(message["Subject"])))))
    return found


def count(found: list[tuple[str, str]], to: str, *parts: str) -> int:
    return sum(1 for address, subject in found
               if address.startswith(to + "@") and all(p in subject for p in parts))


def test_real_worker_sends_one_reminder_and_escalates_once_a_day(worker, give, people):
    mail_dir, log = worker
    due = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3), content="Việc hạn mai qua worker")
    late = give("chanhvanphong", "chuyenvien", deadline=D(2026, 12, 1),
                content="Việc quá hạn qua worker")

    # Wednesday 02/12: the sweep twice, through the broker, handled by the worker.
    enqueue(SWEEP, "2026-12-02")
    wait_for(lambda: Reminder.objects.count() == 3, log, what="the first sweep")
    enqueue(SWEEP, "2026-12-02")
    barrier(log, "after two sweeps")

    found = mails(mail_dir)
    assert Notification.objects.filter(recipient=people["chuyenvien"], kind="reminder.before_1"
                                       ).count() == 1
    assert count(found, "chuyenvien", "Còn 1 ngày làm việc", "Việc hạn mai qua worker") == 1
    assert count(found, "chuyenvien", "Việc mới", "Việc hạn mai qua worker") == 1  # on commit
    assert count(found, "chanhvanphong", "Việc quá hạn của", "Việc quá hạn qua worker") == 1
    assert count(found, "truongphongth", "Việc quá hạn của", "Việc quá hạn qua worker") == 1

    # Thursday 03/12: one more escalation to the assigner, and the day's reminder is "due".
    enqueue(SWEEP, "2026-12-03")
    enqueue(SWEEP, "2026-12-03")
    barrier(log, "the next day")

    found = mails(mail_dir)
    assert count(found, "chanhvanphong", "Việc quá hạn của", "Việc quá hạn qua worker") == 2
    assert count(found, "chuyenvien", "Hôm nay đến hạn", "Việc hạn mai qua worker") == 1
    assert list(Reminder.objects.filter(assignment=late, kind=ReminderKind.ESCALATION)
                .order_by("date").values_list("date", flat=True)) == [D(2026, 12, 2),
                                                                     D(2026, 12, 3)]
    assert Reminder.objects.filter(assignment=due).count() == 2
    # every e-mail written belongs to exactly one notification: none was sent twice
    assert len(found) == Notification.objects.filter(email_status=EmailStatus.SENT).count()
