from django import forms
from django.utils.translation import gettext_lazy as _


class NotificationSettingsForm(forms.Form):
    email_notifications = forms.BooleanField(
        label=_("Nhận thông báo qua thư điện tử"), required=False,
        help_text=_("Thông báo trong hệ thống (chuông) vẫn luôn được gửi."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
