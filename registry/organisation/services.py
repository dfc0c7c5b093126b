from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from registry.access.services import access_roles_changed
from registry.audit.services import event_record, field_changes

from . import events
from .models import Correspondent, CorrespondentKind, User


def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Ngôn ngữ không hợp lệ."))
    user.language = language
    user.save(update_fields=["language"])


def correspondent_create(
    *, actor: Any, name: str, kind: str = CorrespondentKind.OTHER, short_name: str = "",
    organ_id: str = "", email: str = "",
) -> Correspondent:
    """Add a sender/recipient to the directory (a clerk may do it while typing a document)."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Nhập tên cơ quan.")})
    if len(name) > 255:
        raise ValidationError({"name": _("Tên cơ quan dài quá 255 ký tự.")})
    if kind not in CorrespondentKind.values:
        kind = CorrespondentKind.OTHER
    existing = Correspondent.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            correspondent = Correspondent.objects.create(
                name=name, kind=kind, short_name=short_name, organ_id=organ_id, email=email
            )
            event_record(actor=actor, verb=events.CORRESPONDENT_CREATED, target=correspondent,
                         payload={"name": name})
    except IntegrityError:
        return Correspondent.objects.get(name=name)
    return correspondent


@transaction.atomic
def user_update_access(*, actor: Any, user: User, **changes: Any) -> User:
    """Change someone's unit, position or roles; the change of rights is recorded."""
    allowed = {"unit", "position", "roles", "agency", "is_active"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"not access fields: {sorted(unknown)}")
    diff = field_changes(user, changes)
    if not diff:
        return user
    old_roles, old_agency = list(user.roles or []), user.agency_id
    for name, value in changes.items():
        setattr(user, name, value)
    user.save(update_fields=list(changes))
    event_record(actor=actor, verb=events.USER_ACCESS_CHANGED, target=user, payload=diff)
    if "roles" in diff:  # the clerk role opens the secret registers: an access-change alert
        access_roles_changed(actor=actor, user=user, old_roles=old_roles, new_roles=user.roles,
                             agency_id=user.agency_id or old_agency)
    return user
