"""Widgets and fields the incoming forms share: day-first dates, several files at once."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BAD_DATE = _("Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 05/03/2026.")
DATE_WIDGET_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
ACCEPT = ".pdf,.png,.jpg,.jpeg,.tif,.tiff,.doc,.docx,.odt,.xlsx,.ods"


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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput(attrs={"accept": ACCEPT})

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        if len(files) > 20:
            raise ValidationError(_("Tối đa 20 tệp mỗi lần."))
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def form_errors_apply(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or on top)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def style_fields(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget (templates render `{{ field }}` as is)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput
                      | forms.HiddenInput):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
