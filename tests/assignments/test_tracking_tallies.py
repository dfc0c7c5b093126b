"""The tracking figures come from tallies kept by triggers: they must equal a direct count of
the assignments for any period and any day, whatever wrote the rows and however often."""

import datetime as dt
import importlib
import random
import threading
import time
from collections import Counter
from typing import Any

import pytest
import time_machine
from django.db import connection, connections, transaction
from django.db.models import Count, Q
from django.utils import timezone

from registry.assignments.models import (
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    TrackingTally,
)
from registry.assignments.services import assignment_complete, assignment_reassign
from registry.assignments.tallies import NO_DEADLINE, ZONE, tally_groups
from registry.assignments.tracking import (
    Period,
    tracking_by_person,
    tracking_by_unit,
    tracking_drilldown,
)
from registry.organisation.demo import demo_organisation_ensure
from registry.organisation.models import Unit, User
from tests.factories import AgencyFactory

D = dt.date
FIGURES = ("assigned", "on_time", "late", "open", "overdue")
MIGRATION = importlib.import_module("registry.assignments.migrations.0008_tracking_tally")


# --- what the figures must be: the assignments counted directly (the definition) ----------

def direct(agency_id: int, period: Period, today: D) -> dict[tuple, tuple[int, ...]]:
    start, end = period.bounds()
    open_ = Q(status__in=[AssignmentStatus.ASSIGNED, AssignmentStatus.IN_PROGRESS])
    done = Q(status=AssignmentStatus.DONE)
    rows = (Assignment.objects
            .filter(agency_id=agency_id, created_at__gte=start, created_at__lt=end)
            .exclude(role=AssignmentRole.TO_KNOW).exclude(status=AssignmentStatus.CANCELLED)
            .values("tracking_unit_id", "assignee_user_id", "delegated_within_unit")
            .annotate(assigned=Count("id"),
                      on_time=Count("id", filter=done & Q(completed_on_time=True)),
                      late=Count("id", filter=done & Q(completed_on_time=False)),
                      open=Count("id", filter=open_),
                      overdue=Count("id", filter=open_ & Q(deadline__lt=today)))
            .order_by())
    return {(r["tracking_unit_id"], r["assignee_user_id"], r["delegated_within_unit"]):
            tuple(r[f] for f in FIGURES) for r in rows}


def from_tallies(agency_id: int, period: Period, today: D) -> dict[tuple, tuple[int, ...]]:
    start, end = period.bounds()
    groups = tally_groups(agency_id=agency_id, start=start, end=end, today=today)
    result = {(g["tracking_unit_id"], g["assignee_user_id"], g["delegated_within_unit"]):
              tuple(g[f] for f in FIGURES) for g in groups}
    assert len(result) == len(groups)  # one entry per group
    return {key: figures for key, figures in result.items() if any(figures)}


def expected_tallies() -> Counter:
    """The tally table recomputed in Python from the rows (not from the triggers' SQL)."""
    counts: Counter = Counter()
    for a in Assignment.objects.all():
        if a.role == AssignmentRole.TO_KNOW or a.status == AssignmentStatus.CANCELLED:
            continue
        local = a.created_at.astimezone(ZONE)
        is_open = a.status in (AssignmentStatus.ASSIGNED, AssignmentStatus.IN_PROGRESS)
        if is_open:
            state = "open"
        elif a.status == AssignmentStatus.DONE and a.completed_on_time is not None:
            state = "on_time" if a.completed_on_time else "late"
        else:
            state = "other"
        counts[(a.agency_id, D(local.year, 1 if is_open else local.month, 1), state,
                a.tracking_unit_id or 0, a.assignee_user_id or 0, a.delegated_within_unit,
                (a.deadline or NO_DEADLINE) if is_open else NO_DEADLINE)] += 1
    return counts


def stored_tallies() -> Counter:
    counts: Counter = Counter()
    for t in TrackingTally.objects.all():
        counts[(t.agency_pk, t.bucket, t.state, t.unit_pk, t.person_pk, t.delegated,
                t.deadline)] += t.n
    return +counts  # keys whose rows sum to 0 are not counted


# --- random work, with the edges that matter ------------------------------------------------

def local(day: D, *args: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, *args, tzinfo=ZONE)


def month_start(day: D, shift: int) -> D:
    index = day.year * 12 + day.month - 1 + shift
    return D(index // 12, index % 12 + 1, 1)


def instants(rng: random.Random, today: D) -> list[dt.datetime]:
    """Month and year boundaries at local midnight (and a microsecond before), ordinary
    times, and times after now (work dated in the future still counts where it falls)."""
    now = timezone.now()
    result = [now - dt.timedelta(hours=1), now + dt.timedelta(days=1),
              now + dt.timedelta(days=45), local(D(today.year, 1, 1)),
              local(D(today.year, 1, 1)) - dt.timedelta(microseconds=1)]
    for shift in range(-15, 3):
        first = month_start(today, shift)
        result += [local(first), local(first) - dt.timedelta(microseconds=1),
                   local(first, 12), local(first + dt.timedelta(days=rng.randint(1, 27)),
                                           rng.randint(0, 23), rng.randint(0, 59))]
    return result


@pytest.fixture
def office(people):
    units = list(Unit.objects.filter(agency_id=people["lanhdao"].agency_id))
    users = [u for u in people.values() if u.unit_id]
    return {"agency_id": people["lanhdao"].agency_id, "units": units, "users": users,
            "assigner": people["lanhdao"]}


def random_row(rng: random.Random, office: dict[str, Any], when: list[dt.datetime],
               today: D) -> Assignment:
    person = rng.choice(office["users"] + [None] * 3)
    unit = rng.choice(office["units"]) if person is None or rng.random() < 0.3 else None
    status = rng.choice(["assigned", "in_progress", "done", "done", "cancelled"])
    return Assignment(
        agency_id=office["agency_id"], assigner=office["assigner"], content="Việc",
        assignee_unit=unit, assignee_user=person,
        tracking_unit=unit or (person.unit if person else None) if rng.random() < 0.95 else None,
        role=rng.choice(["lead", "lead", "co", "info"]), status=status,
        completed_on_time=rng.choice([True, False, None]) if status == "done" else None,
        deadline=today + dt.timedelta(days=rng.randint(-40, 40)) if rng.random() < 0.9 else None,
        delegated_within_unit=rng.random() < 0.2, created_at=rng.choice(when))


def churn(rng: random.Random, office: dict[str, Any], when: list[dt.datetime],
          today: D) -> None:
    """Every kind of write: single saves, bulk updates, raw SQL, deletes, inserts."""
    ids = list(Assignment.objects.values_list("id", flat=True))
    for pk in rng.sample(ids, len(ids) // 3):
        a = Assignment.objects.get(pk=pk)
        change = rng.randrange(7)
        if change == 0:  # status back and forth
            a.status = rng.choice(["assigned", "in_progress", "done", "cancelled"])
            a.completed_on_time = rng.choice([True, False]) if a.status == "done" else None
        elif change == 1:  # reassigned to another unit or person
            a.assignee_user = rng.choice(office["users"])
            a.tracking_unit = rng.choice(office["units"])
        elif change == 2:
            a.deadline = rng.choice([None, today, today - dt.timedelta(days=1),
                                     today + dt.timedelta(days=3)])
        elif change == 3:
            a.role = rng.choice(["lead", "info"])
        elif change == 4:
            a.delegated_within_unit = not a.delegated_within_unit
        elif change == 5:
            a.created_at = rng.choice(when)
        else:
            a.progress_percent = rng.randint(0, 100)  # changes no figure
        a.save()
    # Bulk updates, as a sweep or an import would write them.
    Assignment.objects.filter(pk__in=rng.sample(ids, 40)).update(status="in_progress",
                                                                  completed_on_time=None)
    Assignment.objects.filter(pk__in=rng.sample(ids, 40), status="in_progress").update(
        status="done", completed_on_time=True)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE assignments_assignment SET deadline = deadline + 7 "
                       "WHERE id = ANY(%s) AND deadline IS NOT NULL", [rng.sample(ids, 40)])
    Assignment.objects.filter(pk__in=rng.sample(ids, 25)).delete()
    Assignment.objects.bulk_create([random_row(rng, office, when, today) for _ in range(30)])


def periods(rng: random.Random, today: D) -> list[Period]:
    year = D(today.year, 1, 1)
    fixed = [Period.default(today), Period(year, today + dt.timedelta(days=60)),
             Period(D(today.year - 1, 12, 31), D(today.year, 1, 1)), Period(today, today),
             Period(month_start(today, -3), month_start(today, -2) - dt.timedelta(days=1)),
             Period(month_start(today, -3) - dt.timedelta(days=1), month_start(today, -3)),
             Period(D(today.year - 1, 1, 1), D(today.year - 1, 12, 31)),
             Period(today - dt.timedelta(days=500), today + dt.timedelta(days=100)),
             Period(today + dt.timedelta(days=2), today + dt.timedelta(days=50)),
             Period(today, today - dt.timedelta(days=1))]  # empty
    first = today - dt.timedelta(days=480)
    randoms = []
    for _ in range(40):
        a, b = sorted(first + dt.timedelta(days=rng.randint(0, 560)) for _ in range(2))
        randoms.append(Period(a, b))
    return fixed + randoms


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tallies_equal_a_direct_count_for_any_period_and_day(office, seed):
    rng = random.Random(seed)
    today = timezone.localdate()
    when = instants(rng, today)
    Assignment.objects.bulk_create([random_row(rng, office, when, today) for _ in range(250)])
    for _ in range(20):  # one statement per row too
        random_row(rng, office, when, today).save()
    churn(rng, office, when, today)

    assert stored_tallies() == expected_tallies()
    assert not TrackingTally.objects.filter(n=0).exists()
    agency_id = office["agency_id"]
    for period in periods(rng, today):
        for day in (today, today + dt.timedelta(days=1), today - dt.timedelta(days=30)):
            assert from_tallies(agency_id, period, day) == direct(agency_id, period, day), \
                (period, day)
    assert from_tallies(agency_id + 1000, Period.default(today), today) == {}
    assert tally_groups(agency_id=None, start=timezone.now(), end=timezone.now(),
                        today=today) == []


ONE_COLUMN_CHANGES = {
    "agency": lambda a, o: setattr(a, "agency", AgencyFactory()),
    "created_at": lambda a, o: setattr(a, "created_at", a.created_at - dt.timedelta(days=400)),
    "tracking_unit": lambda a, o: setattr(a, "tracking_unit", o["units"][1]),
    "assignee_user": lambda a, o: setattr(a, "assignee_user", o["users"][1]),
    "delegated_within_unit": lambda a, o: setattr(a, "delegated_within_unit", True),
    "role": lambda a, o: setattr(a, "role", AssignmentRole.TO_KNOW),
    "status": lambda a, o: setattr(a, "status", AssignmentStatus.CANCELLED),
    "completed_on_time": lambda a, o: setattr(a, "completed_on_time", False),
    "deadline": lambda a, o: setattr(a, "deadline", a.deadline + dt.timedelta(days=1)),
}


@pytest.mark.parametrize("column", sorted(ONE_COLUMN_CHANGES))
@pytest.mark.parametrize("status", ["in_progress", "done"])
def test_a_change_of_any_one_counted_column_moves_the_work(office, column, status):
    work = Assignment.objects.create(
        agency_id=office["agency_id"], assigner=office["assigner"], content="Việc",
        assignee_unit=office["units"][0], assignee_user=office["users"][0],
        tracking_unit=office["units"][0], status=status,
        completed_on_time=True if status == "done" else None,
        deadline=timezone.localdate())
    before = stored_tallies()
    ONE_COLUMN_CHANGES[column](work, office)
    work.save(update_fields=[column])

    assert stored_tallies() == expected_tallies()
    # Finished work keeps no deadline in its key; open work has no on-time flag.
    invisible = (column, status) in {("deadline", "done"), ("completed_on_time", "in_progress")}
    assert (stored_tallies() == before) == invisible


def test_the_migration_backfill_counts_what_the_triggers_count(office):
    rng = random.Random(7)
    today = timezone.localdate()
    when = instants(rng, today)
    Assignment.objects.bulk_create([random_row(rng, office, when, today) for _ in range(200)])
    churn(rng, office, when, today)
    kept = stored_tallies()
    with connection.cursor() as cursor:
        cursor.execute(MIGRATION.BACKFILL)
    assert stored_tallies() == kept == expected_tallies()


def test_work_becomes_overdue_when_the_date_changes_without_any_write(give, people):
    agency_id = people["lanhdao"].agency_id
    with time_machine.travel(dt.datetime(2026, 3, 2, 3, tzinfo=dt.UTC)):
        give("lanhdao", "chuyenvien", deadline=D(2026, 3, 10))
        give("lanhdao", "chuyenvien", deadline=None)
    period = Period(D(2026, 1, 1), D(2026, 12, 31))
    [row] = tracking_by_person(agency_id=agency_id, period=period, today=D(2026, 3, 10))
    assert (row.assigned, row.open, row.overdue) == (2, 2, 0)
    [row] = tracking_by_person(agency_id=agency_id, period=period, today=D(2026, 3, 11))
    assert (row.assigned, row.open, row.overdue) == (2, 2, 1)


def test_figures_follow_reassignment_completion_and_period_edges(give, people):
    """Through the services: a unit's work handed to a person (counted once for the unit),
    moved to another person, finished late; boundaries at local midnight."""
    agency_id = people["lanhdao"].agency_id
    th = Unit.objects.get(abbreviation="TH")
    # 31/03 23:59 and 01/04 00:00 in Vietnam time.
    with time_machine.travel(dt.datetime(2026, 3, 31, 16, 59, tzinfo=dt.UTC)):
        before = give("lanhdao", unit=th, deadline=D(2026, 4, 3))
    with time_machine.travel(dt.datetime(2026, 3, 31, 17, 0, tzinfo=dt.UTC)):
        after = give("lanhdao", unit=th, deadline=D(2026, 4, 3))
        child = assignment_reassign(actor=people["truongphongth"], assignment=after,
                                    assignee_user=people["chuyenvien"])
        assignment_reassign(actor=people["truongphongth"], assignment=child,
                            assignee_user=people["chuyenvien2"])
    with time_machine.travel(dt.datetime(2026, 4, 6, 3, tzinfo=dt.UTC)):
        assignment_complete(actor=people["chuyenvien2"], assignment=child, result_note="Xong")

    march, april = Period(D(2026, 3, 1), D(2026, 3, 31)), Period(D(2026, 4, 1), D(2026, 4, 30))
    [unit] = tracking_by_unit(agency_id=agency_id, period=march, today=D(2026, 4, 6))
    assert (unit.assigned, unit.open, unit.overdue) == (1, 1, 1)
    [unit] = tracking_by_unit(agency_id=agency_id, period=april, today=D(2026, 4, 6))
    assert (unit.assigned, unit.late, unit.open) == (1, 1, 0)  # the parent, finished with it
    people_rows = {r.label: r for r in tracking_by_person(agency_id=agency_id, period=april,
                                                          today=D(2026, 4, 6))}
    assert set(people_rows) == {"Lê Thị Minh Nguyệt"}
    assert people_rows["Lê Thị Minh Nguyệt"].late == 1
    assert before.created_at.astimezone(ZONE).month == 3
    for period in (march, april, Period(D(2026, 3, 31), D(2026, 4, 1))):
        assert from_tallies(agency_id, period, D(2026, 4, 6)) == \
            direct(agency_id, period, D(2026, 4, 6))


def test_every_figure_links_to_a_list_of_that_many_assignments(office):
    """The drill-down counts live what the tables count from tallies, per unit and per person
    (within the unit chosen, as the people's table is)."""
    rng = random.Random(11)
    today = timezone.localdate()
    when = instants(rng, today)
    Assignment.objects.bulk_create([random_row(rng, office, when, today) for _ in range(150)])
    churn(rng, office, when, today)
    agency_id, everything = office["agency_id"], Assignment.objects.all()
    period = Period(today - dt.timedelta(days=200), today)
    checked = 0
    for row in tracking_by_unit(agency_id=agency_id, period=period, today=today):
        if row.key is None:  # work without a unit: its line has no list of its own
            continue
        for state in FIGURES:
            listed = tracking_drilldown(everything, period=period, today=today, state=state,
                                        unit_id=row.key).count()
            assert listed == getattr(row, state), (row, state)
            checked += 1
        for person in tracking_by_person(agency_id=agency_id, period=period, today=today,
                                         unit_id=row.key):
            for state in FIGURES:
                listed = tracking_drilldown(everything, period=period, today=today,
                                            state=state, unit_id=row.key,
                                            user_id=person.key).count()
                assert listed == getattr(person, state), (row, person, state)
    assert checked > 20


# --- writers never wait for each other's tallies -----------------------------------------

def _in_thread(work, *args: Any) -> threading.Thread:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work(*args)
        except BaseException as exc:  # surfaced by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.errors = errors  # type: ignore[attr-defined]
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_of_the_same_tallies_neither_wait_nor_deadlock():
    demo_organisation_ensure()
    leader = User.objects.get(username="lanhdao")
    th, kt = Unit.objects.get(abbreviation="TH"), Unit.objects.get(abbreviation="KT")
    today = timezone.localdate()

    def work(unit: Unit) -> Assignment:
        return Assignment(agency_id=leader.agency_id, assigner=leader, content="Việc",
                          assignee_unit=unit, tracking_unit=unit, deadline=today)

    existing = [work(th), work(kt), work(th), work(kt)]
    Assignment.objects.bulk_create(existing)
    held, release = threading.Event(), threading.Event()

    def first() -> None:  # TH's tally, then KT's, held until released
        with transaction.atomic():
            Assignment.objects.bulk_create([work(th)])
            Assignment.objects.filter(pk=existing[1].pk).update(status="done",
                                                                 completed_on_time=True)
            held.set()
            assert release.wait(30)

    thread = _in_thread(first)
    assert held.wait(30)
    started = time.monotonic()
    with transaction.atomic():  # KT's tallies then TH's: the opposite order
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '3s'")
        Assignment.objects.bulk_create([work(kt)])
        Assignment.objects.filter(pk=existing[2].pk).update(status="done",
                                                             completed_on_time=False)
        Assignment.objects.filter(pk=existing[3].pk).delete()
    waited = time.monotonic() - started
    release.set()
    thread.join(30)

    assert not thread.errors  # type: ignore[attr-defined]
    assert waited < 2
    assert stored_tallies() == expected_tallies()
    period = Period.default(today)
    assert from_tallies(leader.agency_id, period, today) == direct(leader.agency_id, period,
                                                                   today)


# --- the page ---------------------------------------------------------------------------

def test_the_page_counts_overdue_by_the_day_and_lists_a_persons_work_within_the_unit(
        client, give, people):
    th, kt = Unit.objects.get(abbreviation="TH"), Unit.objects.get(abbreviation="KT")
    with time_machine.travel(dt.datetime(2026, 5, 4, 3, tzinfo=dt.UTC)):
        give("lanhdao", "chuyenvien", deadline=D(2026, 5, 8))             # counted for TH
        give("lanhdao", "chuyenvien", unit=kt, deadline=D(2026, 5, 20))   # counted for KT
    query = f"?start=2026-05-01&end=2026-05-31&unit={th.pk}"
    with time_machine.travel(dt.datetime(2026, 5, 8, 3, tzinfo=dt.UTC)):
        client.force_login(people["lanhdao"])
        on_the_day = client.get("/cong-viec/theo-doi/" + query)
    with time_machine.travel(dt.datetime(2026, 5, 9, 3, tzinfo=dt.UTC)):
        client.force_login(people["lanhdao"])
        next_day = client.get("/cong-viec/theo-doi/" + query)
        [person] = next_day.context["people"]
        people_table = next_day.text.split('id="df-tracking-people"')[1]
        link = people_table.split('href="')[1].split('"')[0].replace("&amp;", "&")
        listed = client.get(link)

    assert on_the_day.context["total"].overdue == 0
    assert next_day.context["total"].overdue == 1  # no write in between
    assert (person.key, person.assigned, person.overdue) == (people["chuyenvien"].pk, 1, 1)
    assert f"unit={th.pk}" in link and f"person={person.key}" in link
    assert listed.context["page"].paginator.count == person.assigned
