"""Fault tests with real processes: PostgreSQL restarted under load, a worker killed in the
middle of the reminder sweep, two web processes and two workers on one database.

They run against a private PostgreSQL (pgserver, in a temporary directory) migrated once for
the module; each test works on its own copy (CREATE DATABASE ... TEMPLATE). Web and worker
processes listen on 127.0.0.1 only. Every wait is bounded.
"""

import datetime as dt
import email
import shutil
import tempfile
import threading
import time
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from .cluster import Database, PrivatePostgres, broker_flush, gunicorn, http, wait_until, worker

pytestmark = [pytest.mark.worker]
SWEEP = "registry.assignments.tasks.reminders_sweep"
DELIVER_PENDING = "registry.notifications.tasks.notifications_deliver_pending"
TEMPLATE = "docflow_template"
SEED = """
import json
from rest_framework.authtoken.models import Token
from registry.organisation.demo import demo_organisation_ensure
from registry.organisation.models import Correspondent, DocumentType, User
demo_organisation_ensure()
clerk = User.objects.get(username="vanthu")
print(json.dumps({"token": Token.objects.get_or_create(user=clerk)[0].key,
                  "sender": Correspondent.objects.get(name="Bộ Nội vụ").pk,
                  "type": DocumentType.objects.get(name="Công văn").pk}))
"""
GIVE = """
import json
from django.db import transaction
from registry.assignments.services import assignment_create
from registry.organisation.calendar import add_working_days
from registry.organisation.models import User
import datetime as dt
today = dt.date.fromisoformat("{today}")
leader = User.objects.get(username="lanhdao")
staff = User.objects.get(username="chuyenvien")
ids = []
for i in range({count}):
    with transaction.atomic():
        ids.append(assignment_create(assigner=leader, assignee_user=staff,
                   content=f"Việc kiểm tra nhắc hạn {{i:03d}}",
                   deadline=add_working_days(today, 1)).pk)
print(json.dumps(ids))
"""
REMINDER_NOTIFICATIONS = ("SELECT count(*), count(DISTINCT url) FROM notifications_notification "
                          "WHERE kind LIKE 'reminder.%%'")


@pytest.fixture(scope="module")
def postgres():
    # Not under pytest's tmp root: that is root-only (0700), and the server runs as the
    # unprivileged user pgserver makes.
    directory = Path(tempfile.mkdtemp(prefix="docflow-pg-"))
    directory.chmod(0o755)
    server = PrivatePostgres(directory)
    try:
        template = server.database(TEMPLATE)
        template.manage("migrate", "--noinput", timeout=240)
        yield server, template.shell(SEED)
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def database(postgres, request):
    server, seed = postgres
    name = "fault_" + request.node.name.removeprefix("test_")[:40]
    return server.database(name, template=TEMPLATE), seed


def _register(base: str, seed: dict, label: str) -> tuple[int, str]:
    today = dt.date.today().isoformat()
    return http("POST", f"{base}/api/v1/incoming/", token=seed["token"], data={
        "sender": seed["sender"], "sender_notation": f"{label}/BNV-TN", "document_date": today,
        "document_type": seed["type"], "summary": f"Tải thử khi có sự cố {label}"})


def _numbers(db: Database) -> list[int]:
    return [row[0] for row in db.query(
        "SELECT number FROM incoming_incomingdocument WHERE number IS NOT NULL ORDER BY number")]


def _assert_gapless(db: Database, at_least: int) -> list[int]:
    numbers = _numbers(db)
    assert numbers == list(range(1, len(numbers) + 1)), f"gap or duplicate: {numbers}"
    assert len(numbers) >= at_least
    [(last,)] = db.query("SELECT max(last_number) FROM organisation_register WHERE id IN "
                         "(SELECT register_id FROM incoming_incomingdocument)")
    assert last == len(numbers)  # the counter and the register agree: nothing consumed twice
    return numbers


class Load:
    """Threads registering documents in a loop until stopped; every answer is kept."""

    def __init__(self, bases: list[str], seed: dict, threads: int) -> None:
        self.answers: list[tuple[float, int, str]] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(bases[i % len(bases)], seed, i))
                         for i in range(threads)]

    def _run(self, base: str, seed: dict, index: int) -> None:
        n = 0
        while not self.stop.is_set() and n < 400:
            n += 1
            try:
                status, body = _register(base, seed, f"{index}-{n}")
            except OSError as error:  # a dropped connection is recorded, not hidden
                status, body = 0, repr(error)
            with self._lock:
                self.answers.append((time.monotonic(), status, body))

    def __enter__(self) -> "Load":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


def test_postgres_restarted_under_load(postgres, database, tmp_path: Path):
    server, _ = postgres
    db, seed = database
    web, base = gunicorn(db.env(DB_CONN_MAX_AGE="60"), tmp_path / "web.log", workers=2)
    try:
        with Load([base], seed, threads=4) as load:
            time.sleep(2)
            restarted_at = time.monotonic()
            server.restart()
            time.sleep(3)
        after = [_register(base, seed, f"after-{i}") for i in range(5)]
    finally:
        web.stop()

    ok = [a for a in load.answers if a[1] == 201]
    failed = [a for a in load.answers if a[1] != 201]
    assert any(t < restarted_at for t, *_ in ok) and any(t > restarted_at for t, *_ in ok)
    for _t, status, body in failed:
        assert status in (500, 503), (status, body[:300])
        assert "Traceback" not in body and "Lỗi hệ thống" in body
    assert [status for status, _ in after] == [201] * 5  # reconnected
    numbers = _assert_gapless(db, at_least=len(ok) + 5)
    print(f"\nPostgreSQL restart: {len(ok)} registered, {len(failed)} failed cleanly, "
          f"register 01..{numbers[-1]:02d} without gap")


def test_two_web_processes_and_two_workers_on_one_database(database, tmp_path: Path):
    from registry.core.queue import enqueue

    db, seed = database
    today = dt.date.today()
    assignments = db.shell(GIVE.format(today=today.isoformat(), count=30))
    env = db.env(DB_CONN_MAX_AGE="0")
    t0 = time.monotonic()
    webs = [gunicorn(env, tmp_path / f"web{i}.log", workers=1) for i in range(2)]
    broker_flush()
    workers = [worker(env, tmp_path / f"worker{i}.log") for i in range(2)]
    print(f"\nstarted in {time.monotonic() - t0:.1f}s")
    try:
        with Load([base for _, base in webs], seed, threads=6) as load:
            wait_until(lambda: len(load.answers) >= 60, timeout=40, what="60 registrations")
        print(f"registered in {time.monotonic() - t0:.1f}s")
        enqueue(SWEEP, today.isoformat())
        enqueue(SWEEP, today.isoformat())
        wait_until(lambda: db.query("SELECT count(*) FROM assignments_reminder")[0][0]
                   >= len(assignments), timeout=30, what="the sweep")
        time.sleep(1)  # let the second sweep finish too
    finally:
        for process in workers:
            process.stop()
        for process, _ in webs:
            process.stop()

    assert all(status == 201 for _t, status, _b in load.answers), load.answers[:3]
    _assert_gapless(db, at_least=len(load.answers))
    [(total, distinct)] = db.query(REMINDER_NOTIFICATIONS)
    assert total == distinct == len(assignments)  # each reminder once, however many workers


def test_worker_killed_mid_sweep_then_rerun_sends_each_reminder_once(database, tmp_path: Path):
    from registry.core.queue import enqueue

    db, _seed = database
    today = dt.date.today()
    count = 60
    db.shell(GIVE.format(today=today.isoformat(), count=count))
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = db.env(DB_CONN_MAX_AGE="0", SWEEP_BATCH_SIZE="10", SWEEP_BATCH_DELAY="0.6",
                 EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                 EMAIL_FILE_PATH=str(mail_dir))
    reminders = lambda: db.query("SELECT count(*) FROM assignments_reminder")[0][0]  # noqa: E731
    broker_flush()
    slow = worker(env, tmp_path / "slow.log", script=str(Path(__file__).with_name(
        "slow_worker.py")))
    try:
        enqueue(SWEEP, today.isoformat())
        wait_until(lambda: reminders() >= 20, timeout=30, what="two batches",
                   log=tmp_path / "slow.log")
        time.sleep(0.2)  # now inside the next batch's transaction
        slow.kill()
    finally:
        slow.stop()
    done_before = reminders()
    [(notified, _)] = db.query(REMINDER_NOTIFICATIONS)
    assert 20 <= done_before < count, "the kill must land in the middle of the sweep"
    assert notified == done_before  # the unfinished batch left neither keys nor notifications

    fresh = worker(env, tmp_path / "fresh.log")
    try:
        enqueue(SWEEP, today.isoformat())
        wait_until(lambda: reminders() == count, timeout=30, what="the rerun")
        enqueue(DELIVER_PENDING)
        wait_until(lambda: not db.query(
            "SELECT count(*) FROM notifications_notification WHERE kind LIKE 'reminder.%%' "
            "AND email_status <> 'sent'")[0][0], timeout=30, what="the e-mails")
    finally:
        fresh.stop()
    [(total, distinct)] = db.query(REMINDER_NOTIFICATIONS)
    assert total == distinct == count
    subjects = [s for s in mail_subjects(mail_dir) if "Còn 1 ngày làm việc" in s]
    assert len(subjects) == len(set(subjects)) == count  # each reminder e-mailed exactly once


def mail_subjects(mail_dir: Path) -> list[str]:
    separator = b"\n" + b"-" * 79 + b"\n"
    found = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(separator):
            if chunk.strip():
                subject = email.message_from_bytes(chunk)["Subject"]
                found.append(str(make_header(decode_header(subject))))
    return found
