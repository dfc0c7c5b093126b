"""Writing to the audit log: always inside the transaction of the change it records."""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone

from .models import Event

_INSERT = (f'INSERT INTO "{Event._meta.db_table}" '  # noqa: S608 (a constant table name)
           "(created_at, actor_id, verb, target_type_id, target_id, payload, ip_address) "
           "VALUES (%s, %s, %s, %s, %s, %s::jsonb, %s) RETURNING id")


def event_record(
    *,
    actor: Any | None,
    verb: str,
    target: models.Model,
    payload: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> Event:
    """Append one event, in the caller's transaction.

    One parameterised INSERT rather than `Event.objects.create`: every write of the system
    records an event, and on registration it sits inside the register's counter lock, where
    the ORM's model and save machinery cost more than the row itself. The `Event` returned is
    the row as written (with its id).
    """
    actor_id = getattr(actor, "pk", None) if actor is not None and actor.is_authenticated else None
    target_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    created_at = timezone.now()
    data = payload or {}
    with connection.cursor() as cursor:
        cursor.execute(_INSERT, [created_at, actor_id, verb, target_type.pk, target.pk,
                                 json.dumps(data, cls=DjangoJSONEncoder), ip_address])
        (pk,) = cursor.fetchone()
    event = Event(id=pk, created_at=created_at, actor_id=actor_id, verb=verb,
                  target_type=target_type, target_id=target.pk, payload=data,
                  ip_address=ip_address)
    event._state.adding = False
    return event


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
