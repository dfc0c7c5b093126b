from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.core.forms import DayFirstDateField
from registry.organisation.models import Unit, User

from .models import FileHeading, FileList, ItemKind, Rights

RETENTION_HELP = _("Số năm; để trống nếu bảo quản vĩnh viễn.")


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


class FileFieldsForm(StyledForm):
    title = forms.CharField(label=_("Tiêu đề hồ sơ"), max_length=500,
                            widget=forms.Textarea(attrs={"rows": 2}))
    retention_years = forms.IntegerField(label=_("Thời hạn bảo quản (năm)"), required=False,
                                         min_value=1, max_value=100, help_text=RETENTION_HELP)
    rights = forms.ChoiceField(label=_("Chế độ sử dụng"), choices=Rights.choices,
                               initial=Rights.OPEN)
    notes = forms.CharField(label=_("Ghi chú"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))


class AdHocForm(FileFieldsForm):
    """A file the list did not foresee, opened by the person who makes it."""


class PlanForm(FileFieldsForm):
    code = forms.CharField(label=_("Số và ký hiệu hồ sơ"), max_length=50,
                           help_text=_("Ví dụ TH.01"))
    heading = forms.ModelChoiceField(label=_("Đề mục"), queryset=FileHeading.objects.none(),
                                     required=False, empty_label=_("(không thuộc đề mục)"))
    responsible_unit = forms.ModelChoiceField(label=_("Đơn vị lập hồ sơ"),
                                              queryset=Unit.objects.none())
    responsible_user = forms.ModelChoiceField(label=_("Người lập hồ sơ"),
                                              queryset=User.objects.none(), required=False,
                                              empty_label=_("(người của đơn vị mở hồ sơ)"))
    field_order = ["heading", "code", "title", "retention_years", "rights", "responsible_unit",
                   "responsible_user", "notes"]

    def __init__(self, *args: Any, file_list: FileList, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["heading"].queryset = file_list.headings.select_related("parent").order_by(
            "sort_order", "id")
        self.fields["heading"].label_from_instance = heading_label
        self.fields["responsible_unit"].queryset = Unit.objects.filter(
            agency_id=file_list.agency_id, is_active=True).order_by("sort_order", "name")
        self.fields["responsible_user"].queryset = User.objects.filter(
            agency_id=file_list.agency_id, is_active=True).select_related("unit").order_by(
            "full_name")


def heading_label(heading: FileHeading) -> str:
    return f"{heading.parent.title} › {heading.title}" if heading.parent_id else heading.title


class HeadingForm(StyledForm):
    title = forms.CharField(label=_("Tên đề mục"), max_length=255, required=False,
                            help_text=_("Để trống để dùng tên đơn vị."))
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(),
                                  required=False, empty_label=_("(đề mục theo vấn đề)"))
    parent = forms.ModelChoiceField(label=_("Thuộc đề mục"), queryset=FileHeading.objects.none(),
                                    required=False, empty_label=_("(đề mục cấp 1)"))

    def __init__(self, *args: Any, file_list: FileList, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(
            agency_id=file_list.agency_id, is_active=True).order_by("sort_order", "name")
        self.fields["parent"].queryset = file_list.headings.filter(parent=None).order_by(
            "sort_order", "id")


class FileListCreateForm(StyledForm):
    title = forms.CharField(label=_("Tên danh mục"), max_length=255, required=False,
                            help_text=_("Để trống: “Danh mục hồ sơ năm …”."))
    copy_from = forms.TypedChoiceField(label=_("Sao từ danh mục năm"), coerce=int,
                                       required=False, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].choices = [("", _("(danh mục trống)"))] + [
            (y, str(y)) for y in years]


class ImportForm(StyledForm):
    upload = forms.FileField(label=_("Tệp Excel (.xlsx)"),
                             help_text=_("Cùng mẫu với tệp xuất từ trang danh mục."))


class PlaceForm(StyledForm):
    heading = forms.ModelChoiceField(label=_("Đề mục"), queryset=FileHeading.objects.none(),
                                     required=False, empty_label=_("(không thuộc đề mục)"))
    code = forms.CharField(label=_("Số và ký hiệu hồ sơ"), max_length=50)

    def __init__(self, *args: Any, file_list: FileList, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["heading"].queryset = file_list.headings.select_related("parent").order_by(
            "sort_order", "id")
        self.fields["heading"].label_from_instance = heading_label


class CloseForm(StyledForm):
    closed_on = DayFirstDateField(label=_("Ngày kết thúc"), initial=timezone.localdate)
    confirm_open_work = forms.BooleanField(
        label=_("Vẫn kết thúc hồ sơ dù còn việc chưa hoàn thành"), required=False)


class HandOverForm(StyledForm):
    received_by = forms.CharField(label=_("Người nhận tại lưu trữ cơ quan"), max_length=150,
                                  required=False)
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận nộp lưu; sau khi nộp, hồ sơ không thể thay đổi"))


class AddSearchForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=ItemKind.choices,
                             initial=ItemKind.INCOMING)
    q = forms.CharField(label=_("Tìm văn bản để thêm"), required=False, max_length=200,
                        help_text=_("Số, ký hiệu hoặc trích yếu."))
