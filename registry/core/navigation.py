"""The navigation bar: each app registers its entries (and live counters) when it loads.

Every page counts the person's work afresh (one SQL statement), but building that statement
from the apps' querysets costs more Python than running it (≈ 10 ms against ≈ 3 ms at
1,000,000 documents), so the statement is compiled once per person and date and then only
run (`registry.core.compiled`): the figures stay exact, only the compiling is remembered.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse

from .compiled import compiled_clear, person_key, remembered
from .counting import Countable, CountStatement, counts_compile


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: everyone signed in
    order: int = 100
    # The entry's live count: a queryset (counted with the page's other counters in one SQL
    # statement) or an int. Built from the person and the date only (see core.compiled).
    counter: Callable[[Any], Countable] | None = None
    icon: str = ""


@dataclass(frozen=True)
class _Compiled:
    entries: tuple[tuple[Any, str, str, int | None], ...]  # label, url, icon, figure's index
    statement: CountStatement
    own: int  # how many figures are the entries' (the rest are the caller's extras)


_ITEMS: list[NavItem] = []


def nav_register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda i: i.order)
        compiled_clear()


def _compile(user: Any, extra: tuple[Callable[[Any], Countable], ...]) -> _Compiled:
    entries: list[tuple[Any, str, str, int | None]] = []
    countables: list[Countable] = []
    for item in _ITEMS:
        if item.roles and not any(user.has_role(role) for role in item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        index = None
        if item.counter:
            countables.append(item.counter(user))
            index = len(countables) - 1
        entries.append((item.label, url, item.icon, index))
    own = len(countables)
    countables.extend(build(user) for build in extra)
    return _Compiled(entries=tuple(entries), statement=counts_compile(countables), own=own)


def nav_for(user: Any, *extra: Callable[[Any], Countable]) -> tuple[list[dict[str, Any]],
                                                                     list[int]]:
    """The user's entries with their counts, and the counts `extra` builds (one SQL statement)."""
    compiled = remembered(("nav", person_key(user), extra), lambda: _compile(user, extra))
    counts = compiled.statement.run()
    entries = [{"label": label, "url": url, "icon": icon,
                "count": None if index is None else counts[index]}
               for label, url, icon, index in compiled.entries]
    return entries, counts[compiled.own:]
