"""The clerk's registration form, also used to register a received document and to edit."""

import datetime as dt
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.files.models import StoredFile
from registry.organisation.models import Correspondent, Secrecy, Urgency
from registry.organisation.selectors import document_types_active

from ..models import SUMMARY_MAX_LENGTH, Channel
from ..services import incoming_files_store
from ._widgets import (
    DATE_WIDGET_ATTRS,
    DayFirstDateField,
    DayFirstDateTimeField,
    MultipleFileField,
    style_fields,
)

KEPT_SALT = "incoming.kept-file"
KEPT_MAX_AGE = 24 * 3600
MANUAL_CHANNELS = [c for c in Channel.choices if c[0] != Channel.INTERNAL]
SECRET_NO_FILES = _("Văn bản mật chỉ lưu thông tin, không lưu tệp đính kèm (bản giấy cất tủ mật).")


def kept_token(stored: StoredFile, name: str) -> str:
    return signing.dumps([stored.pk, name], salt=KEPT_SALT)


class IncomingForm(forms.Form):
    """mode "register" (new document), "received" (numbering a received one), "edit"."""

    sender_name = forms.CharField(label=_("Cơ quan gửi"), max_length=255, required=False)
    sender = forms.ModelChoiceField(queryset=Correspondent.objects.filter(is_active=True),
                                    required=False, widget=forms.HiddenInput)
    sender_notation = forms.CharField(label=_("Số, ký hiệu"), max_length=100,
                                      widget=forms.TextInput(attrs={"autocomplete": "off"}))
    document_date = DayFirstDateField(label=_("Ngày văn bản"))
    document_type = forms.ModelChoiceField(label=_("Loại văn bản"), queryset=None,
                                           empty_label=None)
    summary = forms.CharField(
        label=_("Trích yếu"), max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _(
            "Trích yếu dài %(show_value)d ký tự; tối đa %(limit_value)d ký tự.")})
    signer = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices,
                                initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices,
                                initial=Secrecy.NORMAL)
    received_at = DayFirstDateTimeField(label=_("Ngày giờ đến"))
    channel = forms.ChoiceField(label=_("Hình thức nhận"), choices=MANUAL_CHANNELS,
                                initial=Channel.PAPER)
    page_count = forms.IntegerField(label=_("Số trang"), min_value=0, max_value=32767,
                                    required=False)
    copy_count = forms.IntegerField(label=_("Số bản"), min_value=0, max_value=32767,
                                    initial=1, required=False)
    reply_requested_by = DayFirstDateField(label=_("Hạn trả lời (cơ quan gửi yêu cầu)"),
                                           required=False)
    handling_deadline = DayFirstDateField(label=_("Hạn xử lý (ngày)"), required=False)
    handling_days = forms.IntegerField(
        label=_("hoặc số ngày làm việc"), min_value=1, max_value=365, required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    notes = forms.CharField(label=_("Ghi chú"), max_length=5000, required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))
    attachments = MultipleFileField(label=_("Tệp đính kèm (PDF, ảnh, DOCX, ODT)"),
                                    required=False)
    confirm_duplicate = forms.BooleanField(
        label=_("Tôi đã kiểm tra: đây không phải văn bản trùng, vẫn vào sổ."), required=False)

    EXCLUDED = {"register": set(),
                "received": {"attachments", "confirm_duplicate", "channel"},
                "edit": {"secrecy", "channel", "received_at", "attachments", "confirm_duplicate"}}

    def __init__(self, *args: Any, mode: str = "register", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mode = mode
        for name in self.EXCLUDED[mode]:
            del self.fields[name]
        self.fields["document_type"].queryset = document_types_active()
        self.fields["summary"].widget.attrs.pop("maxlength", None)  # report, never truncate
        self.fields["sender_name"].widget.attrs.update({
            "autofocus": True, "autocomplete": "off",
            "data-df-autocomplete": "/danh-muc/co-quan-gui-nhan/tim/?q=",
            "data-df-target": "id_sender"})
        for name in ("reply_requested_by", "handling_deadline"):
            self.fields[name].widget.attrs.update(DATE_WIDGET_ATTRS)
        style_fields(self)
        self.stored: list[tuple[StoredFile, str]] = []
        self.kept: list[tuple[str, str]] = []  # (token, file name) shown again after an error

    def clean_sender(self) -> Correspondent | None:
        sender = self.cleaned_data.get("sender")
        name = " ".join((self.data.get(self.add_prefix("sender_name")) or "").split())
        if sender is None and name:
            # Typed in full without picking from the list: match the directory exactly.
            sender = Correspondent.objects.filter(name__iexact=name, is_active=True).first()
        if sender is None and self.mode != "received":
            raise ValidationError(_(
                "Chọn cơ quan gửi trong danh sách gợi ý, hoặc bấm “Thêm vào danh bạ”."))
        return sender

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("handling_deadline") and data.get("handling_days"):
            self.add_error("handling_days", _(
                "Nhập hạn xử lý là một ngày hoặc một số ngày làm việc, không nhập cả hai."))
        if "attachments" in self.fields:
            self._files_collect(data)
        return data

    def _files_collect(self, data: dict[str, Any]) -> None:
        # Files are stored as soon as they arrive (before any transaction; content-addressed,
        # so idempotent) and come back as signed tokens: a form sent back for a typo or a
        # duplicate warning does not make the clerk pick the files again.
        for token in self.data.getlist("kept_files") if hasattr(self.data, "getlist") else []:
            try:
                pk, name = signing.loads(token, salt=KEPT_SALT, max_age=KEPT_MAX_AGE)
            except signing.BadSignature:
                continue
            stored = StoredFile.objects.filter(pk=pk).first()
            if stored is not None:
                self.stored.append((stored, name))
        uploads = data.get("attachments") or []
        if data.get("secrecy", Secrecy.NORMAL) != Secrecy.NORMAL or self.data.get(
                "secrecy", Secrecy.NORMAL) != Secrecy.NORMAL:
            if uploads or self.stored:
                self.stored = []
                self.add_error("attachments", SECRET_NO_FILES)
            return
        for upload in uploads:
            try:
                self.stored.extend(incoming_files_store(uploads=[upload]))
            except ValidationError as exc:
                for message in exc.message_dict.get("attachments", exc.messages):
                    self.add_error("attachments", message)
        self.kept = [(kept_token(stored, name), name) for stored, name in self.stored]

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("sender_name", "attachments", "confirm_duplicate"):
            data.pop(name, None)
        data["page_count"] = data.get("page_count") or 0
        if data.get("copy_count") is None:
            data["copy_count"] = 1
        if self.mode == "register":
            data["attachments"] = self.stored
        if data.get("handling_days") is None:
            data.pop("handling_days", None)
        return data


def registration_initial(*, sender: Correspondent | None = None,
                         document_date: dt.date | None = None) -> dict[str, Any]:
    initial: dict[str, Any] = {"received_at": timezone.localtime().replace(second=0,
                                                                          microsecond=0),
                               "copy_count": 1}
    if sender is not None:
        initial |= {"sender": sender.pk, "sender_name": sender.name}
    if document_date is not None:
        initial["document_date"] = document_date
    return initial
