"""Form fields every app shares: dates as clerks type them (dd/mm/yyyy, or dd/mm for this
year), and selects rendered without a template per option (filter forms on every list page)."""

import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
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


def _attributes(attrs: dict[str, Any]) -> str:
    """Django's widgets/attrs.html in Python."""
    return "".join(f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
                   for name, value in attrs.items() if value is not False)


class FastSelect(forms.Select):
    """Django's select.html markup, built in Python.

    The template engine renders each option through an include: 1.5–2 ms per page for the
    32 document types and the registers, on a page whose budget is a few milliseconds. The
    register filters and the search form use it.
    """

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None,
               renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"'
                 f'{_attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(f'\n  <option value="{conditional_escape(option["value"])}"'
                         f'{_attributes(option["attrs"])}>{conditional_escape(option["label"])}'
                         "</option>" for option in options)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every piece escaped)


class FastInput(forms.widgets.Input):
    """Django's input.html (and attrs.html) markup, built in Python, as FastSelect does for
    selects: the search form renders on every search page, its six inputs cost ~1 ms through
    the template engine (used there; any hot form may)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None,
               renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else \
            f' value="{conditional_escape(str(widget["value"]))}"'
        extra = "".join(
            f" {key}" if item is True else f' {key}="{conditional_escape(str(item))}"'
            for key, item in widget["attrs"].items() if item is not False)
        return mark_safe(  # noqa: S308 (every piece escaped)
            f'<input type="{conditional_escape(widget["type"])}" '
            f'name="{conditional_escape(widget["name"])}"{shown}{extra}>')


class FastTextInput(FastInput, forms.TextInput):
    pass


class FastNumberInput(FastInput, forms.NumberInput):
    pass


class FastDateInput(FastInput, forms.DateInput):
    pass


class FastHiddenInput(FastInput, forms.HiddenInput):
    pass


class ListChoiceIterator(ModelChoiceIterator):
    """Choices read with one plain query (Django's default opens a server-side cursor)."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in list(self.queryset):
            yield self.choice(obj)


class ListModelChoiceField(forms.ModelChoiceField):
    """A model choice read with one plain query, or none when the view has already read
    the queryset (its rows are kept: Django's field would copy the queryset and read again)."""

    iterator = ListChoiceIterator
    widget = FastSelect

    def _set_queryset(self, queryset: Any) -> None:
        super()._set_queryset(queryset)
        if queryset is not None and queryset._result_cache is not None:
            self._queryset._result_cache = queryset._result_cache

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)
