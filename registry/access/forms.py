from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Mã xác thực (6 chữ số)"), regex=r"^\s*\d{6}\s*$", max_length=12,
        error_messages={"invalid": _("Nhập đúng 6 chữ số trong ứng dụng xác thực.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True,
                                      "class": "form-control"}))

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).strip()
