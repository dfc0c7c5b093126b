"""What rows rendered in Python share (the hot lists' template tags and search results): a
detail URL reversed once and filled per row, state built once per rendering, dd/mm/yyyy."""

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

from django.urls import get_script_prefix, reverse
from django.utils import timezone

T = TypeVar("T")

_PK_SENTINEL = 987654321987  # an id no row has: reversed once, then replaced by each row's


@lru_cache(maxsize=64)
def _url_parts(name: str, script_prefix: str) -> tuple[str, str]:
    before, _, after = reverse(name, args=[_PK_SENTINEL]).partition(str(_PK_SENTINEL))
    return before, after


def url_for(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])` for a URL whose only argument is an id, without a reversal
    per row."""
    before, after = _url_parts(name, get_script_prefix())
    return f"{before}{pk}{after}"


def per_render(context: Any, build: Callable[..., T], *args: Any) -> T:
    """What every row of one template rendering shares (translated labels, ...): `build(*args)`
    once per rendering, kept under `build` (a class or module-level function)."""
    shared = context.render_context.get(build)
    if shared is None:
        shared = context.render_context[build] = build(*args)
    return shared


def day(value: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy, a moment in the local time zone (what the `date:"d/m/Y"` filter shows)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
