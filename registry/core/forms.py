"""Form fields every app shares: dates as clerks type them (dd/mm/yyyy, or dd/mm for this year)."""

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BAD_DATE = _("Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 05/03/2026.")
DATE_WIDGET_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


# "27/11" (or "27/11 08:30"): day and month only, the year is the current one.
DAY_MONTH = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})(\s+\d{1,2}:\d{2})?\s*$")


def with_current_year(value: Any) -> Any:
    """`27/11` → `27/11/<this year>`: clerks type the year only when it is not this one."""
    if isinstance(value, str) and (match := DAY_MONTH.match(value)):
        day, month, time = match.groups()
        return f"{day}/{month}/{timezone.localdate().year}{time or ''}"
    return value


class DayFirstDateField(forms.DateField):
    """A date typed dd/mm/yyyy, dd/mm (this year) or yyyy-mm-dd; an impossible day such as
    31/02 is refused with a message that says how to write it."""

    widget = forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET_ATTRS)
    default_error_messages = {"invalid": BAD_DATE}

    def to_python(self, value: Any) -> Any:
        return super().to_python(with_current_year(value))


class DayFirstDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(format="%d/%m/%Y %H:%M",
                                 attrs={"placeholder": "dd/mm/yyyy hh:mm", "autocomplete": "off"})
    default_error_messages = {"invalid": _(
        "Ngày giờ không hợp lệ: nhập theo dạng dd/mm/yyyy hh:mm, ví dụ 05/03/2026 08:30.")}

    def to_python(self, value: Any) -> Any:
        return super().to_python(with_current_year(value))
