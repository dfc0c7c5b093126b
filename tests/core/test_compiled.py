"""Querysets compiled once and run many times give what the ORM gives, read afresh."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry.assignments.models import Assignment, AssignmentRole, AssignmentStatus
from registry.core.compiled import CompiledRows, rows_for
from registry.organisation.models import Role, User
from tests.factories import UnitFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compiled_fresh")]


def _assign(agency, *, unit, user=None, days=5, status=AssignmentStatus.ASSIGNED) -> Assignment:
    assigner = User.objects.filter(agency=agency, roles__contains=[Role.LEADER]).first()
    return Assignment.objects.create(
        agency=agency, assigner=assigner, assignee_unit=unit, assignee_user=user,
        role=AssignmentRole.LEAD, content="Báo cáo", status=status,
        deadline=timezone.localdate() + dt.timedelta(days=days))


def _shape(rows):
    return [(a.pk, a.content, a.assigner.full_name,
             a.assigner.position.name if a.assigner.position else None,
             a.assignee_user.full_name if a.assignee_user else None, a.assignee_unit.name,
             a.deadline, a.created_at, getattr(a, "bucket", None)) for a in rows]


def _tasks():
    today = timezone.localdate()
    return (Assignment.objects
            .select_related("assigner__position", "assignee_user", "assignee_unit")
            .annotate(bucket=Case(When(deadline__lt=today, then=Value(0)), default=Value(1),
                                  output_field=IntegerField()))
            .order_by("bucket", "deadline", "-id"))


def test_compiled_rows_equal_the_orms_with_joins_nulls_and_annotations(demo):
    unit = UnitFactory(agency=demo)
    person = UserFactory(unit=unit)
    _assign(demo, unit=unit, user=person, days=-2)
    _assign(demo, unit=unit, days=3)
    _assign(demo, unit=unit, user=person, days=9)

    statement = CompiledRows.of(_tasks())

    assert _shape(statement.run()) == _shape(list(_tasks()))
    assert [a.bucket for a in statement.run()] == [0, 1, 1]


def test_each_run_reads_afresh_in_one_query(demo):
    unit = UnitFactory(agency=demo)
    statement = CompiledRows.of(_tasks().filter(assignee_unit=unit))
    assert statement.run() == []
    made = _assign(demo, unit=unit)

    with CaptureQueriesContext(connection) as queries:
        rows = statement.run()

    assert [a.pk for a in rows] == [made.pk]
    assert len(queries) == 1


def test_what_can_match_nothing_runs_nothing():
    statement = CompiledRows.of(Assignment.objects.filter(pk__in=[]))
    with CaptureQueriesContext(connection) as queries:
        assert statement.run() == []
    assert len(queries) == 0


def test_prefetches_and_values_are_refused():
    with pytest.raises(ValueError):
        CompiledRows.of(Assignment.objects.prefetch_related("children"))
    with pytest.raises(ValueError):
        CompiledRows.of(Assignment.objects.values("pk"))


def _unit_work(user, limit):
    return _tasks().filter(assignee_unit_id=user.unit_id)[:limit]


def test_rows_for_compiles_once_per_person_and_arguments(demo, monkeypatch):
    unit = UnitFactory(agency=demo)
    first, second = UserFactory(unit=unit), UserFactory(unit=UnitFactory(agency=demo))
    made = [_assign(demo, unit=unit, days=d) for d in (1, 2, 3)]
    built = []
    original = CompiledRows.of

    def counted(queryset):
        built.append(queryset)
        return original(queryset)

    monkeypatch.setattr(CompiledRows, "of", staticmethod(counted))

    assert [a.pk for a in rows_for(_unit_work, first, 2)] == [made[0].pk, made[1].pk]
    extra = _assign(demo, unit=unit, days=0)
    assert [a.pk for a in rows_for(_unit_work, first, 2)] == [extra.pk, made[0].pk]
    assert len(rows_for(_unit_work, first, 5)) == 4
    assert rows_for(_unit_work, second, 2) == []
    assert len(built) == 3  # (first, 2), (first, 5), (second, 2)


def test_values_list_rows_keep_the_order_asked(demo):
    from django.db.models import F

    unit = UnitFactory(agency=demo)
    made = _assign(demo, unit=unit, days=4)
    queryset = (Assignment.objects.filter(pk=made.pk)
                .annotate(twice=F("pk") * 2).values_list("twice", "deadline", "pk"))

    assert CompiledRows.of(queryset).run() == list(queryset) == [
        (made.pk * 2, made.deadline, made.pk)]
