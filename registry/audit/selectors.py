import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from .models import Event


def events_for(target: models.Model) -> QuerySet[Event]:
    """The history of one object, oldest first, with the actor loaded (one query)."""
    return (
        Event.objects.filter(
            target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
            target_id=target.pk,
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )


def events_filtered(filters: dict[str, Any]) -> QuerySet[Event]:
    """The log for administrators, newest first, narrowed by the viewer's filters."""
    qs = Event.objects.select_related("actor", "target_type").order_by("-created_at", "-id")
    if filters.get("actor"):
        qs = qs.filter(actor__username=filters["actor"].strip())
    if filters.get("verb"):
        verb = filters["verb"].strip()
        qs = qs.filter(verb__startswith=verb) if verb.endswith(".") else qs.filter(verb=verb)
    if filters.get("target_type"):
        qs = qs.filter(target_type=filters["target_type"])
    tz = timezone.get_current_timezone()
    if filters.get("date_from"):
        qs = qs.filter(created_at__gte=dt.datetime.combine(filters["date_from"], dt.time.min,
                                                           tzinfo=tz))
    if filters.get("date_to"):
        end = filters["date_to"] + dt.timedelta(days=1)
        qs = qs.filter(created_at__lt=dt.datetime.combine(end, dt.time.min, tzinfo=tz))
    return qs


def _secret_ids(model: type[models.Model], ids: set[int]) -> set[int]:
    if not ids:
        return set()
    names = {f.name for f in model._meta.get_fields()}
    if "secrecy" in names:
        return set(model._default_manager.filter(pk__in=ids).exclude(secrecy="normal")
                   .values_list("pk", flat=True))
    if {"source_type", "source_id"} <= names:  # work given on a document: its secrecy
        rows = model._default_manager.filter(pk__in=ids, source_type__isnull=False) \
            .values_list("pk", "source_type_id", "source_id")
        by_type: dict[int, dict[int, list[int]]] = {}
        for pk, type_id, source_id in rows:
            by_type.setdefault(type_id, {}).setdefault(source_id, []).append(pk)
        secret: set[int] = set()
        for type_id, sources in by_type.items():
            source_model = ContentType.objects.get_for_id(type_id).model_class()
            if source_model is not None:
                for source_id in _secret_ids(source_model, set(sources)):
                    secret.update(sources[source_id])
        return secret
    return set()


def events_mark_secret(events: list[Event]) -> list[Event]:
    """Set `hides_payload` on events about a secret document (or work on one): the log shows
    who did what and when, but administrators are not cleared to read its content.

    One query per kind of target on the page, whatever the number of events."""
    by_type: dict[int, set[int]] = {}
    for event in events:
        by_type.setdefault(event.target_type_id, set()).add(event.target_id)
    secret: set[tuple[int, int]] = set()
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None:
            secret.update((type_id, pk) for pk in _secret_ids(model, ids))
    for event in events:
        event.hides_payload = (event.target_type_id, event.target_id) in secret  # type: ignore[attr-defined]
    return events
