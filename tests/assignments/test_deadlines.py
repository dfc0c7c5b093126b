"""Deadlines given in working days: weekends, Tết 2026 (14–22/02 off), swapped Saturdays."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from registry.assignments.services import assignment_deadline
from registry.organisation.models import CalendarDay, CalendarDayKind

pytestmark = pytest.mark.django_db
D = dt.date


def test_deadline_in_working_days_skips_the_weekend():
    # Thursday 26/11/2026 + 3 working days: Fri 27, Mon 30, Tue 01/12.
    assert assignment_deadline(working_days=3, start=D(2026, 11, 26)) == D(2026, 12, 1)
    # From a Saturday the count starts on Monday.
    assert assignment_deadline(working_days=1, start=D(2026, 11, 28)) == D(2026, 11, 30)


def test_deadline_in_working_days_crosses_tet_2026():
    # Given Thursday 12/02/2026 with 5 working days: Fri 13/02, then Tết 14–22/02 is off,
    # so Mon 23, Tue 24, Wed 25, Thu 26/02.
    assert assignment_deadline(working_days=5, start=D(2026, 2, 12)) == D(2026, 2, 26)
    assert assignment_deadline(working_days=1, start=D(2026, 2, 13)) == D(2026, 2, 23)


def test_deadline_counts_a_swapped_working_saturday():
    CalendarDay.objects.create(date=D(2026, 12, 5), kind=CalendarDayKind.WORKING, name="Làm bù")
    assert assignment_deadline(working_days=2, start=D(2026, 12, 3)) == D(2026, 12, 5)


def test_deadline_as_a_date_is_kept_and_both_at_once_is_refused():
    assert assignment_deadline(deadline=D(2026, 12, 24)) == D(2026, 12, 24)
    assert assignment_deadline() is None
    with pytest.raises(ValidationError):
        assignment_deadline(deadline=D(2026, 12, 24), working_days=3)
