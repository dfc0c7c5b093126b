import datetime as dt

import pytest

from registry.organisation.calendar import (
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)
from registry.organisation.models import CalendarDay, CalendarDayKind

D = dt.date


@pytest.mark.django_db
def test_add_working_days_skips_the_weekend():
    friday = D(2026, 11, 27)
    assert add_working_days(friday, 1) == D(2026, 11, 30)
    assert add_working_days(friday, 5) == D(2026, 12, 4)
    assert add_working_days(D(2026, 11, 30), -1) == friday


@pytest.mark.django_db
def test_add_working_days_crosses_tet_2026():
    # Tết Bính Ngọ: 14–22/02/2026 off; Friday 13/02 + 1 working day is Monday 23/02.
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert add_working_days(D(2026, 2, 12), 3) == D(2026, 2, 24)
    assert not is_working_day(D(2026, 2, 18))
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1


@pytest.mark.django_db
def test_a_swapped_saturday_is_a_working_day():
    CalendarDay.objects.create(date=D(2026, 12, 5), kind=CalendarDayKind.WORKING,
                               name="Làm bù")
    assert is_working_day(D(2026, 12, 5))
    assert next_working_day(D(2026, 12, 4)) == D(2026, 12, 5)


@pytest.mark.django_db
def test_add_working_days_reads_past_its_first_window():
    # 60 working days is beyond the first window read (2*n + 45 calendar days is enough,
    # but a long run of listed days off forces a second read).
    for i in range(200):
        CalendarDay.objects.get_or_create(date=D(2030, 1, 1) + dt.timedelta(days=i),
                                          defaults={"kind": CalendarDayKind.DAY_OFF,
                                                    "name": "Thử"})
    result = add_working_days(D(2029, 12, 31), 1)
    assert result == D(2030, 7, 22)  # first weekday after 200 days off (19/07 is a Friday)


@pytest.mark.django_db
def test_holidays_of_current_and_next_year_are_seeded():
    assert CalendarDay.objects.filter(date__year=2026).count() >= 7
    assert CalendarDay.objects.filter(date__year=2027).count() >= 7
