"""Working-day arithmetic: Monday to Friday, less listed days off, plus swapped working days."""

import datetime as dt
from collections.abc import Iterable

from .models import CalendarDay, CalendarDayKind

# Enough slack to cross Tết (up to nine days off in a row) several times.
_WINDOW_PADDING_DAYS = 45


def _exceptions(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    rows: Iterable[tuple[dt.date, str]] = CalendarDay.objects.filter(
        date__gte=start, date__lte=end
    ).values_list("date", "kind")
    return dict(rows)


def _is_working(day: dt.date, exceptions: dict[dt.date, str]) -> bool:
    kind = exceptions.get(day)
    if kind == CalendarDayKind.DAY_OFF:
        return False
    if kind == CalendarDayKind.WORKING:
        return True
    return day.weekday() < 5


def is_working_day(day: dt.date) -> bool:
    return _is_working(day, _exceptions(day, day))


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (before it when negative); 0 gives `start`.

    Counting starts the day after `start`, as an office counts "within 5 working days".
    """
    if days == 0:
        return start
    step = dt.timedelta(days=1 if days > 0 else -1)
    span = step * (abs(days) * 2 + _WINDOW_PADDING_DAYS)
    exceptions: dict[dt.date, str] = {}
    fetched_to = start
    current, remaining = start, abs(days)
    while remaining:
        current += step
        if (current - fetched_to) / step > 0:
            # Past the dates already read: read the next window in one query.
            fetched_to = current + span
            exceptions |= _exceptions(min(current, fetched_to), max(current, fetched_to))
        if _is_working(current, exceptions):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end == start:
        return 0
    low, high = sorted([start, end])
    exceptions = _exceptions(low, high)
    count = 0
    day = low
    while day < high:
        day += dt.timedelta(days=1)
        if _is_working(day, exceptions):
            count += 1
    return count if end > start else -count


def next_working_day(day: dt.date) -> dt.date:
    return add_working_days(day, 1)
