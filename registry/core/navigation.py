"""The navigation bar: each app registers its entries (and live counters) when it loads.

Every page counts the person's work afresh (one SQL statement), but building that statement
from the apps' querysets costs more Python than running it (≈ 10 ms against ≈ 3 ms at
1,000,000 documents). The statement depends only on who the person is (id, roles, unit,
agency, what `nav_key_register`ed readers return, such as the units they head) and on the
date, so it is compiled once per such key and process and then only run: the figures stay
exact, only the compiling is remembered. A counter that reads the database while it is built
would make the key incomplete; such a statement is never remembered (see `_compile`).
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from threading import Lock
from typing import Any

from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from .counting import Countable, CountStatement, counts_compile


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: everyone signed in
    order: int = 100
    # The entry's live count: a queryset (counted with the page's other counters in one SQL
    # statement) or an int. Built from the person and the date only (see the module's doc).
    counter: Callable[[Any], Countable] | None = None
    icon: str = ""


@dataclass(frozen=True)
class _Compiled:
    entries: tuple[tuple[Any, str, str, int | None], ...]  # label, url, icon, figure's index
    statement: CountStatement
    own: int  # how many figures are the entries' (the rest are the caller's extras)


_ITEMS: list[NavItem] = []
_KEY_PARTS: list[Callable[[Any], Hashable]] = []
_COMPILED: dict[tuple[Any, ...], _Compiled] = {}
_COMPILED_MAX = 4096
_LOCK = Lock()


def nav_register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda i: i.order)
        nav_cache_clear()


def nav_key_register(part: Callable[[Any], Hashable]) -> None:
    """Something besides the person's own fields that a counter's SQL is built from (read
    before the counters are built, so building them reads nothing)."""
    if part not in _KEY_PARTS:
        _KEY_PARTS.append(part)
        nav_cache_clear()


def nav_cache_clear() -> None:
    with _LOCK:
        _COMPILED.clear()


def _key(user: Any, extra: tuple[Callable[[Any], Countable], ...]) -> tuple[Any, ...]:
    return (user.pk, tuple(sorted(user.roles or ())), user.is_superuser, user.is_staff,
            user.unit_id, user.agency_id, timezone.localdate(), translation.get_language(),
            extra, *(part(user) for part in _KEY_PARTS))


def _compile(user: Any, extra: tuple[Callable[[Any], Countable], ...]) -> tuple[_Compiled, bool]:
    """(the person's entries and counting statement, whether it may be remembered)."""
    reads: list[str] = []

    def watch(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        reads.append(sql)
        return execute(sql, params, many, context)

    entries: list[tuple[Any, str, str, int | None]] = []
    countables: list[Countable] = []
    with connection.execute_wrapper(watch):
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
        statement = counts_compile(countables)
    return _Compiled(entries=tuple(entries), statement=statement, own=own), not reads


def nav_for(user: Any, *extra: Callable[[Any], Countable]) -> tuple[list[dict[str, Any]],
                                                                     list[int]]:
    """The user's entries with their counts, and the counts `extra` builds (one SQL statement)."""
    key = _key(user, extra)
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled, reusable = _compile(user, extra)
        if reusable:
            with _LOCK:
                if len(_COMPILED) >= _COMPILED_MAX:
                    _COMPILED.clear()
                _COMPILED[key] = compiled
    counts = compiled.statement.run()
    entries = [{"label": label, "url": url, "icon": icon,
                "count": None if index is None else counts[index]}
               for label, url, icon, index in compiled.entries]
    return entries, counts[compiled.own:]
