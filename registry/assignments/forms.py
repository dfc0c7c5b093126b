from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.core.forms import DayFirstDateField, ListModelChoiceField
from registry.organisation.models import Unit, User

from .models import AssignmentRole


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class StyledForm(forms.Form):
    """Bootstrap classes on every widget, so templates only lay fields out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class ProgressForm(StyledForm):
    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100,
                                 widget=forms.NumberInput(attrs={"step": 5}))
    note = forms.CharField(label=_("Nội dung báo cáo"),
                           widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Tệp đính kèm"), required=False,
                              help_text=_("PDF, ảnh, DOCX, ODT; có thể chọn nhiều tệp."))


class CompleteForm(StyledForm):
    result_note = forms.CharField(label=_("Kết quả xử lý"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    result_reference = forms.CharField(
        label=_("Số, ký hiệu văn bản trả lời"), required=False, max_length=120,
        help_text=_("Ví dụ 15/UBND-TH. Để trống nếu không cần văn bản trả lời."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("result_note") and not data.get("result_reference"):
            self.add_error("result_note", _("Nhập kết quả xử lý hoặc số, ký hiệu văn bản "
                                            "trả lời."))
        return data


class ExtensionRequestForm(StyledForm):
    requested_deadline = DayFirstDateField(label=_("Hạn đề nghị"))
    reason = forms.CharField(label=_("Lý do đề nghị gia hạn"),
                             widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionDecisionForm(StyledForm):
    decision = forms.ChoiceField(label=_("Quyết định"), widget=forms.RadioSelect,
                                 choices=[("grant", _("Đồng ý gia hạn")),
                                          ("refuse", _("Không đồng ý"))])
    deadline = DayFirstDateField(label=_("Hạn mới"), required=False,
                                 help_text=_("Để trống để dùng hạn được đề nghị."))
    note = forms.CharField(label=_("Ý kiến"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReassignForm(StyledForm):
    assignee_user = forms.ModelChoiceField(label=_("Giao cho"), queryset=User.objects.none())
    deadline = DayFirstDateField(label=_("Hạn xử lý"), required=False,
                                 help_text=_("Để trống để giữ hạn của công việc."))
    note = forms.CharField(label=_("Ý kiến chỉ đạo"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee_user"].queryset = (
            User.objects.filter(unit=unit, is_active=True).order_by("full_name"))


class AssignmentCreateForm(StyledForm):
    content = forms.CharField(label=_("Nội dung công việc"),
                              widget=forms.Textarea(attrs={"rows": 3}))
    assignee_unit = forms.ModelChoiceField(label=_("Đơn vị xử lý"), required=False,
                                           queryset=Unit.objects.none())
    assignee_user = forms.ModelChoiceField(label=_("Người xử lý"), required=False,
                                           queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=AssignmentRole.choices,
                             initial=AssignmentRole.LEAD)
    deadline = DayFirstDateField(label=_("Hạn xử lý (ngày)"), required=False)
    working_days = forms.IntegerField(label=_("hoặc số ngày làm việc"), required=False,
                                      min_value=1, max_value=365,
                                      help_text=_("Tính từ hôm nay, trừ ngày nghỉ, lễ, Tết."))

    def __init__(self, *args: Any, agency_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee_unit"].queryset = Unit.objects.filter(
            agency_id=agency_id, is_active=True).order_by("sort_order", "name")
        self.fields["assignee_user"].queryset = User.objects.filter(
            agency_id=agency_id, is_active=True).select_related("unit").order_by("full_name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("assignee_unit") and not data.get("assignee_user"):
            self.add_error("assignee_user", _("Chọn đơn vị hoặc người xử lý."))
        if data.get("deadline") and data.get("working_days"):
            self.add_error("working_days", _("Chọn hạn theo ngày hoặc theo số ngày làm việc, "
                                             "không chọn cả hai."))
        return data


class TrackingFilterForm(StyledForm):
    start = DayFirstDateField(label=_("Giao từ ngày"))
    end = DayFirstDateField(label=_("đến ngày"))
    unit = ListModelChoiceField(label=_("Đơn vị"), required=False,
                                queryset=Unit.objects.none(), empty_label=_("Tất cả"))

    def __init__(self, *args: Any, agency_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(
            agency_id=agency_id, is_active=True).order_by("sort_order", "name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("Ngày cuối phải sau ngày đầu."))
        return data
