"""The clerk's forms (refuse with a reason) and the administrator's uploads."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_LIST_BYTES = 20 * 1024 * 1024


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do từ chối"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class AgencyCodesForm(forms.Form):
    file = forms.FileField(label=_("Tệp danh mục mã định danh (CSV hoặc XLSX)"))

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LIST_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 20 MB)."))
        return upload


class TrustRootForm(forms.Form):
    name = forms.CharField(label=_("Tên chứng thư gốc"), max_length=200, required=False)
    certificate = forms.FileField(label=_("Tệp chứng thư (PEM hoặc DER)"))

    def clean_certificate(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["certificate"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("Tệp chứng thư quá lớn."))
        return upload


class PacketUploadForm(forms.Form):
    """What POST /api/v1/exchange/inbox/ takes (multipart), also used by the schema."""

    file = forms.FileField(label=_("Gói tin edXML"))
