"""Recording and confirming changes of access rights (every write of this app)."""

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.organisation.models import Register, Role

from . import events
from .models import AccessChange, ChangeKind


def target_label(target: models.Model) -> str:
    """What the alert names: a secret document by its type, number or notation and id only,
    never by its summary (administrators are not cleared to read it)."""
    if not getattr(target, "is_secret", False):
        return str(target)
    reference = getattr(target, "notation", "") or getattr(target, "sender_notation", "")
    return _("%(type)s mật #%(pk)s %(reference)s") % {
        "type": str(target._meta.verbose_name).capitalize(), "pk": target.pk,
        "reference": reference}


def access_change_record(*, actor: Any | None, user: Any, target: models.Model, change: str,
                         reason: str = "") -> AccessChange:
    """Raise the alert for one grant or revoke; call it inside the transaction of the change."""
    if change not in ChangeKind.values:
        raise ValueError(f"unknown access change {change!r}")
    agency_id = getattr(user, "agency_id", None) or getattr(target, "agency_id", None)
    return AccessChange.objects.create(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        user=user, agency_id=agency_id,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=target.pk, target_label=target_label(target)[:300], change=change,
        reason=reason[:300])


def _secret_registers(agency_id: int | None) -> Iterable[Register]:
    """The secret registers a clerk's role opens: this year's and later ones of the agency."""
    if agency_id is None:
        return []
    return Register.objects.filter(agency_id=agency_id, is_secret=True,
                                   year__gte=timezone.localdate().year).order_by("pk")


def access_roles_changed(*, actor: Any | None, user: Any, old_roles: Iterable[str],
                         new_roles: Iterable[str], agency_id: int | None = None) -> int:
    """The clerk role opens the agency's secret registers: gaining or losing it is an alert."""
    had, has = Role.CLERK in set(old_roles or []), Role.CLERK in set(new_roles or [])
    if had == has:
        return 0
    change = ChangeKind.GRANTED if has else ChangeKind.REVOKED
    reason = _("Vai trò Văn thư được cấp") if has else _("Vai trò Văn thư bị thu hồi")
    count = 0
    for register in _secret_registers(agency_id or user.agency_id):
        access_change_record(actor=actor, user=user, target=register, change=change,
                             reason=reason)
        count += 1
    return count


def access_change_confirm(*, actor: Any, change: AccessChange) -> AccessChange:
    """An administrator other than the one who made the change confirms it (once)."""
    if not actor.is_administrator:
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới xác nhận được thay đổi quyền."))
    if change.actor_id is not None and change.actor_id == actor.pk:
        raise ValidationError(_("Thay đổi do bạn thực hiện phải do một quản trị khác xác nhận."))
    if change.user_id == actor.pk:
        raise ValidationError(_("Bạn không thể tự xác nhận thay đổi quyền của chính mình."))
    with transaction.atomic():
        now = timezone.now()
        updated = AccessChange.objects.filter(pk=change.pk, confirmed_at__isnull=True).update(
            confirmed_by=actor, confirmed_at=now)
        if not updated:
            raise ValidationError(_("Thay đổi này đã được xác nhận trước đó."))
        change.confirmed_by, change.confirmed_at = actor, now
        event_record(actor=actor, verb=events.CHANGE_CONFIRMED, target=change,
                     payload={"user": change.user_id, "change": change.change,
                              "target": change.target_label})
    return change
