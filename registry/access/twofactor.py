"""Optional TOTP two-factor sign-in for leaders and administrators (django-otp).

After the password, a user with a confirmed device is marked "verification pending" in the
session; `registry.core.middleware.OTPRequiredMiddleware` keeps them on the verify page until a
valid code is entered. Devices are TOTP (RFC 6238), so any authenticator app works.
"""

from base64 import b32encode
from typing import Any

import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.audit.services import event_record

from . import events

PENDING_KEY = "otp_pending"
DEVICE_NAME = "docflow"


def totp_allowed(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_leader or user.is_administrator))


def totp_confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_setup_device(user: Any) -> TOTPDevice:
    """The user's unconfirmed device, made on first visit (the key shown until confirmed)."""
    if not totp_allowed(user):
        raise PermissionDenied(_("Xác thực hai bước dành cho lãnh đạo và quản trị."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def totp_secret_text(device: TOTPDevice) -> str:
    """The key in base32 groups of four, for typing into an app without a camera."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#212529")


def totp_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> None:
    """Confirm the device with a first valid code; the session counts as verified."""
    if not device.verify_token(token):
        raise ValidationError({"token": _("Mã xác thực không đúng hoặc đã hết hạn.")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(
            pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        event_record(actor=request.user, verb=events.TOTP_CONFIRMED, target=request.user)
    otp_login(request, device)
    request.session.pop(PENDING_KEY, None)


def totp_remove(*, request: HttpRequest, token: str) -> None:
    """Turn two-factor off; a current code is asked so a stolen session cannot do it."""
    device = totp_confirmed_device(request.user)
    if device is None or not device.verify_token(token):
        raise ValidationError({"token": _("Mã xác thực không đúng hoặc đã hết hạn.")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).delete()
        event_record(actor=request.user, verb=events.TOTP_REMOVED, target=request.user)


def totp_verify(*, request: HttpRequest, token: str) -> None:
    device = totp_confirmed_device(request.user)
    if device is None or not device.verify_token(token):
        raise ValidationError({"token": _("Mã xác thực không đúng hoặc đã hết hạn.")})
    otp_login(request, device)
    request.session.pop(PENDING_KEY, None)


def totp_mark_pending(request: HttpRequest | None, user: Any) -> None:
    """On every sign-in (the login form, the admin's, tests' force_login): ask for a code
    when the user has a confirmed device."""
    if request is not None and hasattr(request, "session") and \
            TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        request.session[PENDING_KEY] = True


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    totp_mark_pending(request, user)
