from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

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
