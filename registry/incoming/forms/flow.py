"""Forms of the flow after registration: submit, return, void, direct, add files."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.organisation.models import Role, Unit, User
from registry.organisation.selectors import units_of_agency, users_with_role

from ..services import Handler
from ._widgets import DayFirstDateField, MultipleFileField, style_fields


class SubmitForm(forms.Form):
    leader = forms.ModelChoiceField(label=_("Trình lãnh đạo"), queryset=User.objects.none(),
                                    empty_label=None)
    note = forms.CharField(label=_("Ghi chú khi trình"), required=False, max_length=1000)

    def __init__(self, *args: Any, agency_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = users_with_role(agency_id, Role.LEADER)
        self.fields["leader"].label_from_instance = lambda u: u.display_title
        style_fields(self)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
                             error_messages={"required": _("Nhập lý do.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)


class AttachForm(forms.Form):
    attachments = MultipleFileField(label=_("Thêm tệp đính kèm"))


def handler_choices(agency_id: int) -> list[tuple[str, list[tuple[str, str]]]]:
    units = [(f"unit:{u.pk}", u.name) for u in units_of_agency(agency_id)]
    people = User.objects.filter(agency_id=agency_id, is_active=True).exclude(roles=[]) \
        .select_related("unit", "position").order_by("unit__sort_order", "full_name")
    users = [(f"user:{u.pk}", f"{u} – {u.unit.abbreviation if u.unit else ''}") for u in people]
    return [(str(_("Đơn vị")), units), (str(_("Cá nhân")), users)]


def _resolve(value: str, agency_id: int) -> Handler | None:
    kind, _sep, pk = (value or "").partition(":")
    if not pk.isdigit():
        return None
    if kind == "unit":
        unit = Unit.objects.filter(pk=pk, agency_id=agency_id).select_related("head").first()
        return Handler(unit=unit) if unit else None
    user = User.objects.filter(pk=pk, agency_id=agency_id).select_related("unit").first()
    return Handler(user=user) if user else None


class DirectForm(forms.Form):
    """The leader's direction; works with the thumb on a phone (big radio-like controls)."""

    direction = forms.CharField(
        label=_("Ý kiến chỉ đạo"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}))
    lead = forms.ChoiceField(label=_("Chủ trì xử lý"),
                             error_messages={"required": _("Chọn đơn vị hoặc người chủ trì.")})
    lead_deadline = DayFirstDateField(label=_("Hạn xử lý"), required=False)
    lead_days = forms.IntegerField(label=_("hoặc số ngày làm việc"), min_value=1, max_value=365,
                                   required=False,
                                   widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    co_handlers = forms.MultipleChoiceField(label=_("Phối hợp"), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    co_deadline = DayFirstDateField(label=_("Hạn của đơn vị phối hợp"), required=False)
    co_days = forms.IntegerField(label=_("hoặc số ngày làm việc"), min_value=1, max_value=365,
                                 required=False,
                                 widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    to_know = forms.MultipleChoiceField(label=_("Để biết"), required=False,
                                        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, agency_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency_id = agency_id
        choices = handler_choices(agency_id)
        self.fields["lead"].choices = [("", _("— Chọn —")), *choices]
        flat = [choice for _group, items in choices for choice in items]
        self.fields["co_handlers"].choices = flat
        self.fields["to_know"].choices = flat
        style_fields(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for date_name, days_name in (("lead_deadline", "lead_days"), ("co_deadline", "co_days")):
            if data.get(date_name) and data.get(days_name):
                self.add_error(days_name, _("Nhập một ngày hoặc một số ngày, không nhập cả hai."))
        if data.get("lead") and data["lead"] in (data.get("co_handlers") or []):
            self.add_error("co_handlers", _("Đơn vị chủ trì không đồng thời là đơn vị phối hợp."))
        return data

    def handlers(self) -> dict[str, Any]:
        data = self.cleaned_data
        lead = _resolve(data["lead"], self.agency_id) or Handler()
        lead = Handler(unit=lead.unit, user=lead.user, deadline=data.get("lead_deadline"),
                       days=data.get("lead_days"))
        co = [Handler(unit=h.unit, user=h.user, deadline=data.get("co_deadline"),
                      days=data.get("co_days"))
              for h in (_resolve(v, self.agency_id) for v in data.get("co_handlers") or []) if h]
        info = [h for h in (_resolve(v, self.agency_id) for v in data.get("to_know") or []) if h]
        return {"direction": data.get("direction") or "", "lead": lead, "co_handlers": co,
                "to_know": info}
