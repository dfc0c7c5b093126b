"""Reads of assignments that need a rule."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Assignment


def assignments_touching(user: Any) -> QuerySet[Assignment]:
    """Assignments given to the user, or to the user's unit (colleagues of a unit see its work)."""
    condition = Q(assignee_user_id=user.pk)
    if user.unit_id:
        condition |= Q(assignee_unit_id=user.unit_id)
    return Assignment.objects.filter(condition)


def source_assigned_to(user: Any, model: type[models.Model]) -> Exists:
    """`Exists(...)` to filter documents of `model` with an assignment touching the user.

    Used by the documents' visibility selectors:
    `IncomingDocument.objects.filter(source_assigned_to(user, IncomingDocument))`.
    """
    content_type = ContentType.objects.get_for_model(model)
    return Exists(
        assignments_touching(user).filter(source_type=content_type, source_id=OuterRef("pk"))
    )
