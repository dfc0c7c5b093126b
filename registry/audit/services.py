"""Writing to the audit log: always inside the transaction of the change it records."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import Event


def event_record(
    *,
    actor: Any | None,
    verb: str,
    target: models.Model,
    payload: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> Event:
    actor_id = getattr(actor, "pk", None) if actor is not None and actor.is_authenticated else None
    return Event.objects.create(
        actor_id=actor_id,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=target.pk,
        payload=payload or {},
        ip_address=ip_address,
    )


def field_changes(instance: models.Model, new_values: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value differs (what an edit event stores)."""
    changes: dict[str, list[Any]] = {}
    for name, new in new_values.items():
        old = getattr(instance, name)
        if isinstance(old, models.Model):
            old = old.pk
        if isinstance(new, models.Model):
            new = new.pk
        if old != new:
            changes[name] = [old, new]
    return changes
