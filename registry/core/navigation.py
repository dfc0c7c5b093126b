"""The navigation bar: each app registers its entries (and live counters) when it loads."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse

from .counting import Countable, counts_fetch


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: everyone signed in
    order: int = 100
    # The entry's live count: a queryset (counted with the page's other counters in one SQL
    # statement) or an int.
    counter: Callable[[Any], Countable] | None = None
    icon: str = ""


_ITEMS: list[NavItem] = []


def nav_register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda i: i.order)


def nav_for(user: Any, *extra: Countable) -> tuple[list[dict[str, Any]], list[int]]:
    """The user's entries with their counts, and the counts of `extra` (one SQL statement)."""
    entries = []
    countables: list[Countable] = []
    for item in _ITEMS:
        if item.roles and not any(user.has_role(role) for role in item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": item.label, "url": url, "icon": item.icon, "count": None})
        if item.counter:
            countables.append(item.counter(user))
            entries[-1]["count"] = len(countables) - 1  # replaced by the count below
    counts = counts_fetch([*countables, *extra])
    for entry in entries:
        if entry["count"] is not None:
            entry["count"] = counts[entry["count"]]
    return entries, counts[len(countables):]
