"""The navigation bar: each app registers its entries (and live counters) when it loads."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: everyone signed in
    order: int = 100
    counter: Callable[[Any], int] | None = None
    icon: str = ""


_ITEMS: list[NavItem] = []


def nav_register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda i: i.order)


def nav_for(user: Any) -> list[dict[str, Any]]:
    entries = []
    for item in _ITEMS:
        if item.roles and not any(user.has_role(role) for role in item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": item.label, "url": url, "icon": item.icon,
                        "count": item.counter(user) if item.counter else None})
    return entries
