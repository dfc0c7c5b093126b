"""Forms of the outgoing pages. They only parse input; the services hold the rules."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.core.forms import DayFirstDateField, ListModelChoiceField
from registry.incoming.selectors import incoming_visible_to
from registry.organisation.models import (
    Agency,
    Correspondent,
    Register,
    Role,
    Secrecy,
    Urgency,
    User,
)
from registry.organisation.selectors import document_types_active, units_of_agency, users_with_role

from .models import Amendment, DispatchChannel, OutgoingDocument, SigningAuthority
from .selectors import outgoing_visible_to
from .services import DraftFields, IssueFields, TaskSpec


def styled(form: forms.Form) -> None:
    """Bootstrap classes on every widget (the templates render labels and errors themselves)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.MultipleHiddenInput
                      | forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = css


class DraftForm(forms.Form):
    document_type = forms.ModelChoiceField(label=_("Loại văn bản"), queryset=None)
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=2000)
    content_notes = forms.CharField(label=_("Ghi chú nội dung"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    signer = forms.ModelChoiceField(label=_("Người ký"), queryset=None, required=False)
    signing_authority = forms.ChoiceField(label=_("Thẩm quyền ký"), required=False,
                                          choices=SigningAuthority.choices)
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices,
                                initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices,
                                initial=Secrecy.NORMAL)
    recipient_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị nhận trong cơ quan"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    recipient_agencies = forms.ModelMultipleChoiceField(
        label=_("Cơ quan nhận trong hệ thống"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    recipient_correspondents = forms.ModelMultipleChoiceField(
        label=_("Cơ quan nhận bên ngoài"), required=False, widget=forms.MultipleHiddenInput,
        queryset=Correspondent.objects.filter(is_active=True))
    answers = forms.ModelMultipleChoiceField(
        label=_("Trả lời văn bản đến"), required=False, widget=forms.MultipleHiddenInput,
        queryset=None)
    amends = forms.ModelChoiceField(label=_("Văn bản được sửa đổi"), queryset=None,
                                    required=False, widget=forms.HiddenInput)
    amendment = forms.ChoiceField(label=_("Tác động đến văn bản đó"), required=False,
                                  choices=Amendment.choices)
    file = forms.FileField(label=_("Tệp dự thảo"), required=False)
    version_note = forms.CharField(label=_("Ghi chú phiên bản"), required=False, max_length=300)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["document_type"].queryset = document_types_active()
        self.fields["signer"].queryset = users_with_role(user.agency_id, Role.LEADER)
        self.fields["recipient_units"].queryset = units_of_agency(user.agency_id)
        self.fields["recipient_agencies"].queryset = Agency.objects.filter(
            is_active=True).exclude(pk=user.agency_id)
        self.fields["answers"].queryset = incoming_visible_to(user)
        self.fields["amends"].queryset = outgoing_visible_to(user)
        styled(self)

    def draft_fields(self, tasks: list[TaskSpec]) -> DraftFields:
        data = self.cleaned_data
        return DraftFields(
            document_type=data["document_type"], summary=data["summary"],
            content_notes=data["content_notes"], signer=data["signer"],
            signing_authority=data["signing_authority"] or "", urgency=data["urgency"],
            secrecy=data["secrecy"], drafting_unit=self.user.unit,
            recipient_units=list(data["recipient_units"]),
            recipient_agencies=list(data["recipient_agencies"]),
            recipient_correspondents=list(data["recipient_correspondents"]),
            tasks=tasks, answers=list(data["answers"]), amends=data["amends"],
            amendment=data["amendment"] or "",
        )

    @staticmethod
    def initial_from(document: OutgoingDocument) -> dict[str, Any]:
        return {
            "document_type": document.document_type_id, "summary": document.summary,
            "content_notes": document.content_notes, "signer": document.signer_id,
            "signing_authority": document.signing_authority, "urgency": document.urgency,
            "secrecy": document.secrecy,
            "recipient_units": [r.unit_id for r in document.recipients.all() if r.unit_id],
            "recipient_agencies": [r.agency_id for r in document.recipients.all()
                                   if r.agency_id],
            "recipient_correspondents": [r.correspondent_id for r in document.recipients.all()
                                         if r.correspondent_id],
            "answers": list(document.answers.values_list("pk", flat=True)),
            "amends": document.amends_id, "amendment": document.amendment,
        }


class TaskForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị thực hiện"), queryset=None, required=False)
    user = forms.ModelChoiceField(label=_("Người thực hiện"), queryset=None, required=False)
    content = forms.CharField(label=_("Nội dung nhiệm vụ"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    deadline = DayFirstDateField(label=_("Hạn hoàn thành"), required=False)
    deadline_days = forms.IntegerField(label=_("Hoặc số ngày làm việc"), required=False,
                                       min_value=1, max_value=365)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_of_agency(user.agency_id)
        self.fields["user"].queryset = User.objects.filter(
            agency_id=user.agency_id, is_active=True).order_by("full_name")
        styled(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("content") or "").strip() and not data.get("unit"):
            self.add_error("unit", _("Chọn đơn vị thực hiện nhiệm vụ."))
        if data.get("unit") and not (data.get("content") or "").strip():
            self.add_error("content", _("Nhập nội dung nhiệm vụ."))
        return data

    def task_spec(self) -> TaskSpec | None:
        data = self.cleaned_data
        if not data.get("unit"):
            return None
        return TaskSpec(unit=data["unit"], user=data.get("user"), content=data["content"],
                        deadline=data.get("deadline"), deadline_days=data.get("deadline_days"))


TaskFormSet = forms.formset_factory(TaskForm, extra=2, max_num=30)


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        styled(self)


class VersionForm(StyledForm):
    file = forms.FileField(label=_("Tệp dự thảo mới"))
    note = forms.CharField(label=_("Ghi chú phiên bản"), required=False, max_length=300)


class DecisionForm(StyledForm):
    comment = forms.CharField(label=_("Ý kiến"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class IssueForm(forms.Form):
    register = forms.ModelChoiceField(label=_("Sổ văn bản đi"), queryset=None, empty_label=None)
    document_date = DayFirstDateField(label=_("Ngày ban hành"))
    signed_file = forms.FileField(label=_("Bản đã ký (PDF)"), required=False)
    with_unit_symbol = forms.BooleanField(
        label=_("Ký hiệu kèm đơn vị soạn thảo (ví dụ 15/QĐ-UBND-VP)"), required=False)
    page_count = forms.IntegerField(label=_("Số trang"), min_value=0, initial=1)
    copies = forms.IntegerField(label=_("Số lượng bản"), min_value=0, initial=1)
    file_copy_keeper = forms.CharField(label=_("Đơn vị, người nhận bản lưu"), required=False,
                                       max_length=200)
    notes = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)

    def __init__(self, *args: Any, document: OutgoingDocument, registers: Any,
                 **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"document_date": timezone.localdate(),
                                      "file_copy_keeper": document.drafting_unit.name})
        super().__init__(*args, **kwargs)
        self.fields["register"].queryset = registers
        if document.is_secret:
            del self.fields["signed_file"]
        styled(self)

    def issue_fields(self, stored_file: Any, filename: str) -> IssueFields:
        data = self.cleaned_data
        return IssueFields(
            register=data["register"], document_date=data["document_date"],
            signed_file=stored_file, signed_filename=filename,
            with_unit_symbol=data["with_unit_symbol"], page_count=data["page_count"],
            copies=data["copies"], file_copy_keeper=data["file_copy_keeper"],
            notes=data["notes"],
        )


class DispatchForm(forms.Form):
    dispatches = forms.ModelMultipleChoiceField(
        label=_("Nơi nhận đã gửi"), queryset=None,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    channel = forms.ChoiceField(label=_("Hình thức gửi"), choices=[
        c for c in DispatchChannel.choices if c[0] != DispatchChannel.INTERNAL])
    sent_on = DayFirstDateField(label=_("Ngày gửi"))

    def __init__(self, *args: Any, pending: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"sent_on": timezone.localdate(),
                                      "dispatches": list(pending)})
        super().__init__(*args, **kwargs)
        self.fields["dispatches"].queryset = pending
        self.fields["dispatches"].label_from_instance = lambda d: d.recipient.name
        styled(self)


class RegisterFilterForm(forms.Form):
    register = ListModelChoiceField(label=_("Sổ"), queryset=None, required=False)
    q = forms.CharField(label=_("Tìm"), required=False)
    document_type = ListModelChoiceField(label=_("Loại văn bản"), queryset=None,
                                         required=False)
    date_from = DayFirstDateField(label=_("Từ ngày"), required=False)
    date_to = DayFirstDateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, registers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["register"].queryset = registers
        self.fields["document_type"].queryset = document_types_active()
        styled(self)


def register_choices_for(document: OutgoingDocument) -> Any:
    """The outgoing registers of the agency a document may go into this year."""
    from registry.organisation.models import Direction
    from registry.organisation.numbering import register_for_year

    year = timezone.localdate().year
    series = "SY" if document.document_type.is_copy else ""
    register_for_year(agency=document.agency, direction=Direction.OUTGOING, year=year,
                      is_secret=document.is_secret, series=series)
    return Register.objects.filter(
        agency_id=document.agency_id, direction=Direction.OUTGOING, year__gte=year - 1,
        is_secret=document.is_secret,
    ).exclude(series="" if document.document_type.is_copy else "SY").order_by("-year", "series")
