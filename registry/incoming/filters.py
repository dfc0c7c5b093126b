"""The register's filters, the same for the page and the API (query string names)."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from registry.core.forms import FastSelect, ListModelChoiceField
from registry.core.text import fold
from registry.organisation.models import Correspondent, DocumentType, Secrecy, Unit, Urgency

from .models import IncomingDocument, IncomingStatus

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"},
                             format="%d/%m/%Y")


class ListModelChoiceFilter(django_filters.ModelChoiceFilter):
    """Choices read with one plain query and rendered without a template per option."""

    field_class = ListModelChoiceField


class IncomingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Từ khóa"), method="filter_text")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=IncomingStatus.choices,
                                         empty_label=_("Tất cả"), widget=FastSelect)
    date_from = django_filters.DateFilter(label=_("Đến từ ngày"), field_name="received_at",
                                          lookup_expr="date__gte", widget=DATE_INPUT)
    date_to = django_filters.DateFilter(label=_("Đến ngày"), field_name="received_at",
                                        lookup_expr="date__lte", widget=DATE_INPUT)
    document_type = ListModelChoiceFilter(
        label=_("Loại văn bản"), queryset=DocumentType.objects.filter(is_active=True),
        empty_label=_("Tất cả"))
    sender = django_filters.ModelChoiceFilter(label=_("Cơ quan gửi"),
                                              queryset=Correspondent.objects.all(),
                                              widget=forms.HiddenInput)
    urgency = django_filters.ChoiceFilter(label=_("Độ khẩn"), choices=Urgency.choices,
                                          empty_label=_("Tất cả"), widget=FastSelect)
    secrecy = django_filters.ChoiceFilter(label=_("Độ mật"), choices=Secrecy.choices,
                                          empty_label=_("Tất cả"), widget=FastSelect)
    handler = ListModelChoiceFilter(label=_("Đơn vị chủ trì"), field_name="lead_unit",
                                    queryset=Unit.objects.none(), empty_label=_("Tất cả"))

    class Meta:
        model = IncomingDocument
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_id = getattr(getattr(self.request, "user", None), "agency_id", None)
        units = Unit.objects.filter(agency_id=agency_id, is_active=True)
        self.filters["handler"].queryset = units.order_by("sort_order", "name")
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} {css}-sm")

    def filter_text(self, queryset: QuerySet[IncomingDocument], name: str,
                    value: str) -> QuerySet[IncomingDocument]:
        condition = Q()
        for word in fold(value).split()[:8]:
            condition &= Q(search_folded__contains=word)
        return queryset.filter(condition)
