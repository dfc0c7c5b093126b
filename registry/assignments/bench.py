"""Timing the reminder sweep over many open assignments (a benchmark, not a test).

`reminders_benchmark(count=...)` fills the *current* database with an agency, units, people
and `count` open assignments through bulk inserts, then times two sweeps (the first records
and notifies, the second finds everything already sent). Run it only on a scratch database:
the `bench_reminders` command creates one and drops it afterwards.
"""

import datetime as dt
import random
import time
from typing import Any
from unittest import mock

from django.db import transaction
from django.utils import timezone

from registry.organisation.models import Agency, Role, Unit, User

from .models import Assignment, AssignmentRole, AssignmentStatus, Reminder
from .reminders import reminders_sweep

UNITS, PEOPLE_PER_UNIT = 50, 20


@transaction.atomic
def _office() -> tuple[Agency, list[Unit], list[User]]:
    agency = Agency.objects.create(name="UBND tỉnh Đo Hiệu Năng", abbreviation="UBND")
    units = Unit.objects.bulk_create([Unit(agency=agency, name=f"Phòng {i:02}",
                                           abbreviation=f"P{i:02}") for i in range(UNITS)])
    people = User.objects.bulk_create([
        User(username=f"bench{u.pk}_{i}", full_name=f"Cán bộ {u.pk}-{i}", agency=agency, unit=u,
             email=f"bench{u.pk}_{i}@example.test", roles=[Role.STAFF], password="!")
        for u in units for i in range(PEOPLE_PER_UNIT)])
    for unit in units:
        unit.head = people[units.index(unit) * PEOPLE_PER_UNIT]
    Unit.objects.bulk_update(units, ["head"])
    return agency, units, people


def _assignments(*, count: int, agency: Agency, people: list[User], today: dt.date,
                 past_days: int, future_days: int, seed: int) -> None:
    rng = random.Random(seed)
    leader = people[0]
    now = timezone.now()
    batch: list[Assignment] = []
    for i in range(count):
        person = rng.choice(people)
        batch.append(Assignment(
            agency=agency, assigner=leader, assignee_user=person, tracking_unit_id=person.unit_id,
            role=AssignmentRole.LEAD, content=f"Công việc đo hiệu năng số {i}",
            deadline=today + dt.timedelta(days=rng.randint(-past_days, future_days)),
            status=rng.choice([AssignmentStatus.ASSIGNED, AssignmentStatus.IN_PROGRESS]),
            created_at=now))
        if len(batch) == 10_000:
            Assignment.objects.bulk_create(batch)
            batch = []
    Assignment.objects.bulk_create(batch)


def reminders_benchmark(*, count: int = 100_000, today: dt.date | None = None,
                        past_days: int = 10, future_days: int = 60,
                        seed: int = 4) -> dict[str, Any]:
    """Generate `count` open assignments (deadlines spread from `past_days` ago to
    `future_days` ahead) and time the sweep. Queueing e-mail is replaced by a counter so
    that no broker is needed; the e-mails themselves are sent later by workers."""
    today = today or timezone.localdate()
    started = time.perf_counter()
    agency, _units, people = _office()
    _assignments(count=count, agency=agency, people=people, today=today, past_days=past_days,
                 future_days=future_days, seed=seed)
    generated = time.perf_counter() - started
    with mock.patch("registry.notifications.services.enqueue") as enqueue:
        started = time.perf_counter()
        first = reminders_sweep(today=today)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        second = reminders_sweep(today=today)
        second_seconds = time.perf_counter() - started
    return {"open_assignments": count, "generate_seconds": round(generated, 2),
            "first_sweep_seconds": round(first_seconds, 2), "first": first,
            "second_sweep_seconds": round(second_seconds, 2), "second": second,
            "delivery_tasks_queued": enqueue.call_count,
            "reminder_rows": Reminder.objects.count()}
