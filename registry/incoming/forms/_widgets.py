"""Widgets and fields the incoming forms share: several files at once (dates: core.forms)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registry.core.forms import (  # noqa: F401  (re-exported for the incoming forms)
    BAD_DATE,
    DATE_WIDGET_ATTRS,
    DayFirstDateField,
    DayFirstDateTimeField,
    with_current_year,
)

ACCEPT = ".pdf,.png,.jpg,.jpeg,.tif,.tiff,.doc,.docx,.odt,.xlsx,.ods"


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
