"""Audit verbs of access-right changes."""

from django.utils.translation import gettext_lazy as _

CHANGE_CONFIRMED = "access.change_confirmed"
TOTP_CONFIRMED = "access.totp_confirmed"
TOTP_REMOVED = "access.totp_removed"

LABELS = {
    CHANGE_CONFIRMED: _("Xác nhận thay đổi quyền truy cập"),
    TOTP_CONFIRMED: _("Bật xác thực hai bước"),
    TOTP_REMOVED: _("Tắt xác thực hai bước"),
}
