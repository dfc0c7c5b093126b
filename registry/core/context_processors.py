from typing import Any

from django.http import HttpRequest

from .counting import Capped, count_label
from .navigation import nav_for


def _unread(user: Any) -> Capped:
    from registry.notifications.selectors import UNREAD_CAP, unread_of

    return Capped(unread_of(user), UNREAD_CAP)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from registry.notifications.selectors import UNREAD_CAP

    items, (unread,) = nav_for(user, _unread)
    return {"nav_items": items, "unread_notifications": unread,
            "unread_label": count_label(unread, UNREAD_CAP)}
