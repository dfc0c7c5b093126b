from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _


class EventFilterForm(forms.Form):
    """The log viewer's filters; they live in the URL (GET), all optional."""

    actor = forms.CharField(label=_("Người thực hiện (tên đăng nhập)"), required=False,
                            max_length=150)
    verb = forms.CharField(label=_("Hành động"), required=False, max_length=64,
                           help_text=_("Ví dụ incoming.secret_opened, hoặc phần đầu: incoming."))
    target_type = forms.ModelChoiceField(label=_("Loại đối tượng"), required=False,
                                         queryset=ContentType.objects.none(),
                                         empty_label=_("Tất cả"))
    date_from = forms.DateField(label=_("Từ ngày"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Đến ngày"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["target_type"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ContentType.objects.order_by("app_label", "model")
        field.label_from_instance = lambda ct: f"{ct.app_label} · {ct.name}"  # type: ignore[method-assign]
        for name, item in self.fields.items():
            css = "form-select" if name == "target_type" else "form-control"
            item.widget.attrs.setdefault("class", f"{css} form-control-sm")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data
