"""Who else must hear that an incoming document moved on (e.g. electronic exchange statuses).

The incoming app knows none of its listeners: an app that reacts (exchange sends the sender
04/05/06) registers a function from its `AppConfig.ready()`. Listeners run inside the
service's transaction, so whatever they record commits or rolls back with the move itself;
side effects belong in their own `transaction.on_commit`.
"""

from collections.abc import Callable
from typing import Any

# events passed to listeners
REGISTERED = "registered"  # a received document got its arrival number
DIRECTED = "directed"  # the leader directed it
IN_PROGRESS = "in_progress"  # the lead started handling it
DONE = "done"  # the lead finished it
VOIDED = "voided"  # cancelled (before registration: refused)

IncomingListener = Callable[..., None]  # fn(*, document, event, actor) -> None
_LISTENERS: list[IncomingListener] = []


def incoming_listener_register(listener: IncomingListener) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def incoming_listeners_notify(*, document: Any, event: str, actor: Any = None) -> None:
    for listener in _LISTENERS:
        listener(document=document, event=event, actor=actor)


# What other apps add to the pages: a panel on the document page, badges on inbox rows.
DocumentPanel = Callable[[Any, Any], dict[str, Any] | None]  # (document, user) -> {"template"…}
RowBadges = Callable[[list[Any]], dict[int, list[dict[str, str]]]]  # rows -> {pk: [badge]}
_PANELS: list[DocumentPanel] = []
_BADGES: list[RowBadges] = []


def incoming_panel_register(panel: DocumentPanel) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


def incoming_panels(document: Any, user: Any) -> list[dict[str, Any]]:
    return [p for panel in _PANELS if (p := panel(document, user)) is not None]


def incoming_badges_register(badges: RowBadges) -> None:
    """`badges(rows)` → {document id: [{"label": …, "css": …}]}, one query for the page."""
    if badges not in _BADGES:
        _BADGES.append(badges)


def incoming_badges_attach(rows: list[Any]) -> None:
    """Set `extra_badges` on each row of an inbox page."""
    found: dict[int, list[dict[str, str]]] = {}
    for provider in _BADGES:
        for pk, badges in provider(rows).items():
            found.setdefault(pk, []).extend(badges)
    for row in rows:
        row.extra_badges = found.get(row.pk, [])
