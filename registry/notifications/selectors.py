from typing import Any

from django.db.models import QuerySet

from .models import Notification

# The bell shows "99+" past this: counting further would read every unread row on every page.
UNREAD_CAP = 99


def unread_of(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, read_at__isnull=True)



def notifications_for(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")
