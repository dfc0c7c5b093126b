"""Speed of entry: dates typed `27/11` mean this year; the full forms still work."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from registry.incoming.forms._widgets import DayFirstDateField, DayFirstDateTimeField


@pytest.mark.parametrize("typed", ["27/11", "27/11/2026", "27.11.2026", "2026-11-27", " 27/11 "])
def test_day_and_month_take_the_current_year(typed):
    year = timezone.localdate().year if "2026" not in typed else 2026
    assert DayFirstDateField().clean(typed) == dt.date(year, 11, 27)


def test_date_time_without_the_year():
    value = DayFirstDateTimeField().clean("27/11 08:30")
    assert (value.year, value.month, value.day, value.hour, value.minute) == (
        timezone.localdate().year, 11, 27, 8, 30)


@pytest.mark.parametrize("typed", ["31/02", "27/13", "27/11/20266", "hôm qua"])
def test_impossible_dates_are_refused_with_the_way_to_write_them(typed):
    with pytest.raises(ValidationError) as error:
        DayFirstDateField().clean(typed)
    assert "dd/mm/yyyy" in error.value.messages[0]
