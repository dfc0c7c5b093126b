from typing import Any

from django.http import HttpRequest

from .navigation import nav_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from registry.notifications.selectors import unread_of

    items, (unread,) = nav_for(user, unread_of(user))
    return {"nav_items": items, "unread_notifications": unread}
