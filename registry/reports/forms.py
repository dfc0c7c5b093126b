"""Forms of the reports pages: which book, which statistics period, which file to import."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.core.forms import DayFirstDateField
from registry.incoming.forms._widgets import style_fields
from registry.organisation.models import Register

from .books import DIRECTION_OF, book_registers_for
from .imports import import_registers_for
from .models import BookKind, ImportKind


class BookForm(forms.Form):
    book = forms.ChoiceField(label=_("Loại sổ"), choices=BookKind.choices)
    register = forms.ModelChoiceField(label=_("Sổ đăng ký"), queryset=Register.objects.none())
    date_from = DayFirstDateField(label=_("Từ ngày"), required=False)
    date_to = DayFirstDateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [r.pk for r in book_registers_for(user)]
        self.fields["register"].queryset = Register.objects.filter(pk__in=ids).order_by(
            "-year", "direction", "is_secret", "series")
        style_fields(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        register, book = data.get("register"), data.get("book")
        if register is not None and book and register.direction != DIRECTION_OF[book]:
            self.add_error("register", _("Sổ này không dùng cho loại sổ đã chọn."))
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class PeriodForm(forms.Form):
    date_from = DayFirstDateField(label=_("Từ ngày"), required=False)
    date_to = DayFirstDateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)

    def period_bounds(self) -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("date_from") or today.replace(month=1, day=1)
        end = data.get("date_to") or max(today, start)
        if start > end:
            start, end = end, start
        return start, end


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=ImportKind.choices)
    register = forms.ModelChoiceField(label=_("Nhập vào sổ"), queryset=Register.objects.none(),
                                      help_text=_("Chỉ sổ của các năm trước."))
    file = forms.FileField(label=_("Tệp XLSX hoặc CSV"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["register"].queryset = import_registers_for(user)
        style_fields(self)
