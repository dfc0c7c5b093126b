"""The navigation's counting statement is compiled once per person and date, then only run:
the figures stay exact, and whatever the statement is built from is in the key."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registry.assignments.models import Assignment, AssignmentRole, AssignmentStatus
from registry.core import compiled, counting, navigation
from registry.core.context_processors import _unread
from registry.core.navigation import NavItem, nav_for, nav_register
from registry.notifications.services import notification_create
from registry.organisation.models import Role, Unit, User
from tests.factories import UnitFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compiled_fresh")]


@pytest.fixture
def compiles(monkeypatch):
    """How many times a counting statement was compiled."""
    calls = []
    original = counting.counts_compile

    def counted(countables):
        calls.append(len(countables))
        return original(countables)

    monkeypatch.setattr(navigation, "counts_compile", counted)
    return calls


def _fresh(user: User) -> User:
    # Each request loads the person afresh (the middleware), with nothing remembered on it.
    return User.objects.get(pk=user.pk)


def _counts(user: User, *, fresh: bool = True) -> dict[str, int | None]:
    entries, (unread,) = nav_for(_fresh(user) if fresh else user, _unread)
    return {**{entry["url"]: entry["count"] for entry in entries}, "unread": unread}


def _assign(agency, *, unit, user=None, status=AssignmentStatus.ASSIGNED) -> Assignment:
    assigner = User.objects.filter(agency=agency, roles__contains=[Role.LEADER]).first()
    return Assignment.objects.create(
        agency=agency, assigner=assigner, assignee_unit=unit, assignee_user=user,
        role=AssignmentRole.LEAD, content="Báo cáo", status=status,
        deadline=timezone.localdate() + dt.timedelta(days=5))


@pytest.mark.parametrize("username", ["vanthu", "lanhdao", "chanhvanphong", "chuyenvien",
                                      "quantri"])
def test_every_role_compiles_once_and_the_figures_stay_exact(demo_user, compiles, username):
    user = demo_user(username)
    first = _counts(user)
    notification_create(recipient=user, kind="test", title="Có việc mới")
    user = _fresh(user)

    with CaptureQueriesContext(connection) as queries:
        second = _counts(user, fresh=False)

    assert len(compiles) == 1, "the second page must reuse the compiled statement"
    assert second["unread"] == first["unread"] + 1
    # The person's key readers (the units they head) and the counting statement.
    assert len(queries) <= 2


def test_new_work_is_counted_at_once(demo_user, compiles):
    staff = demo_user("chuyenvien")
    mine = reverse("assignments:mine")
    before = _counts(staff)[mine]
    _assign(staff.agency, unit=staff.unit, user=staff)

    assert _counts(staff)[mine] == before + 1
    assert len(compiles) == 1


def test_a_new_role_gives_new_entries(demo_user):
    staff = demo_user("chuyenvien")
    before = set(_counts(staff))
    staff.roles = [*staff.roles, Role.LEADER]
    staff.save(update_fields=["roles"])

    after = set(_counts(staff))

    assert after - before, "a leader's entries appear on the next page"


def test_becoming_head_of_a_unit_counts_its_work(demo_user, compiles):
    staff = demo_user("chuyenvien")
    other = UnitFactory(agency=staff.agency)
    _assign(staff.agency, unit=other)
    mine = reverse("assignments:mine")
    before = _counts(staff)[mine]

    Unit.objects.filter(pk=other.pk).update(head=staff)

    assert _counts(staff)[mine] == before + 1
    assert len(compiles) == 2  # the key changed with the units the person heads


def test_the_date_is_part_of_the_key(demo_user, compiles):
    leader = demo_user("lanhdao")
    _counts(leader)
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        _counts(leader)
    assert len(compiles) == 2


def test_a_counter_that_reads_the_database_while_built_is_never_remembered(demo_user, compiles):
    staff = demo_user("chuyenvien")

    def reading_counter(user):
        units = list(Unit.objects.filter(head_id=user.pk).values_list("pk", flat=True))
        return Assignment.objects.filter(assignee_unit_id__in=units)

    item = NavItem(label="Thử", url_name="home", order=999, counter=reading_counter)
    saved = list(navigation._ITEMS)
    nav_register(item)
    try:
        _counts(staff)
        _counts(staff)
    finally:
        navigation._ITEMS[:] = saved
        compiled.compiled_clear()

    assert len(compiles) == 2
    assert not compiled._REMEMBERED


def test_two_people_with_the_same_roles_do_not_share_figures(demo):
    unit = UnitFactory(agency=demo)
    first, second = UserFactory(unit=unit), UserFactory(unit=unit)
    notification_create(recipient=first, kind="test", title="Một")

    assert _counts(first)["unread"] == 1
    assert _counts(second)["unread"] == 0
