"""The advanced search form (the navigation box sends only `q`) and the save-search form."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.core.forms import (
    DATE_WIDGET_ATTRS,
    DayFirstDateField,
    FastDateInput,
    FastHiddenInput,
    FastNumberInput,
    FastSelect,
    FastTextInput,
    ListModelChoiceField,
)
from registry.incoming.forms._widgets import style_fields
from registry.incoming.models import IncomingStatus
from registry.organisation.models import (
    Correspondent,
    Direction,
    DocumentType,
    Register,
    Urgency,
)
from registry.organisation.selectors import document_types_active
from registry.outgoing.models import OutgoingStatus

from .params import KIND_INCOMING, KIND_OUTGOING, SearchParams
from .query import query_parse


def _status_choices() -> list[tuple[str, Any]]:
    """One list for both kinds; a status only one kind has filters that kind alone."""
    choices: list[tuple[str, Any]] = [("", _("Tất cả"))]
    seen = set()
    for value, label in [*IncomingStatus.choices, *OutgoingStatus.choices]:
        if value not in seen:
            seen.add(value)
            choices.append((value, label))
    return choices


def registers_searchable(user: Any) -> Any:
    """Registers of the user's agency offered as a filter (secret ones only to clerks)."""
    qs = Register.objects.filter(Q(series="") | Q(direction=Direction.OUTGOING),
                                 agency_id=user.agency_id)
    if not user.is_clerk:
        qs = qs.filter(is_secret=False)
    return qs.order_by("-year", "direction", "is_secret", "series")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa, số ký hiệu"), required=False, max_length=300,
                        widget=FastTextInput)
    kind = forms.ChoiceField(label=_("Loại"), required=False, widget=FastSelect, choices=[
        ("", _("Văn bản đến và đi")), (KIND_INCOMING, _("Văn bản đến")),
        (KIND_OUTGOING, _("Văn bản đi"))])
    register = ListModelChoiceField(label=_("Sổ đăng ký"), required=False,
                                    queryset=Register.objects.none(), empty_label=_("Tất cả"))
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1945, max_value=2100,
                              widget=FastNumberInput)
    date_from = DayFirstDateField(label=_("Từ ngày"), required=False, widget=FastDateInput(
        format=DayFirstDateField.widget.format, attrs=DATE_WIDGET_ATTRS))
    date_to = DayFirstDateField(label=_("Đến ngày"), required=False, widget=FastDateInput(
        format=DayFirstDateField.widget.format, attrs=DATE_WIDGET_ATTRS))
    document_type = ListModelChoiceField(label=_("Loại văn bản"), required=False,
                                         queryset=DocumentType.objects.none(),
                                         empty_label=_("Tất cả"))
    sender_name = forms.CharField(label=_("Cơ quan gửi"), required=False, max_length=255,
                                  widget=FastTextInput)
    sender = forms.ModelChoiceField(queryset=Correspondent.objects.all(), required=False,
                                    widget=FastHiddenInput)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=_status_choices,
                               widget=FastSelect)
    urgency = forms.ChoiceField(label=_("Độ khẩn"), required=False, widget=FastSelect,
                                choices=[("", _("Tất cả")), *Urgency.choices])

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["register"].queryset = registers_searchable(user)
        self.fields["document_type"].queryset = document_types_active()
        self.fields["year"].widget.attrs["placeholder"] = str(timezone.localdate().year)
        self.fields["sender_name"].widget.attrs.update({
            "autocomplete": "off", "data-df-autocomplete": "/danh-muc/co-quan-gui-nhan/tim/?q=",
            "data-df-target": "id_sender"})
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        style_fields(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        name = " ".join((data.get("sender_name") or "").split())
        if data.get("sender") is None and name:
            sender = Correspondent.objects.filter(Q(name__iexact=name)).first()
            if sender is None:
                self.add_error("sender_name", _("Không có cơ quan gửi này trong danh bạ."))
            data["sender"] = sender
        return data

    def params(self) -> SearchParams:
        data = self.cleaned_data
        return SearchParams(
            query=query_parse(data.get("q") or ""), kind=data.get("kind") or "",
            register=data.get("register"), year=data.get("year"),
            date_from=data.get("date_from"), date_to=data.get("date_to"),
            document_type_id=data["document_type"].pk if data.get("document_type") else None,
            sender_id=data["sender"].pk if data.get("sender") else None,
            status=data.get("status") or "", urgency=data.get("urgency") or "")


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Tên tìm kiếm"), max_length=120, widget=FastTextInput)
    query = forms.CharField(widget=FastHiddenInput, max_length=1000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)
