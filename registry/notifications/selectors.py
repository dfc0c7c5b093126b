from typing import Any

from django.db.models import QuerySet

from .models import Notification


def unread_of(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def unread_count(user: Any) -> int:
    return unread_of(user).count()


def notifications_for(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")
