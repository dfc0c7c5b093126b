"""Who else must hear that an outgoing document was issued or recalled (e.g. electronic
exchange sends the packets), and who else knows a recipient's state (its status reports).

The outgoing app knows none of them: an app registers its functions from `AppConfig.ready()`.
Event listeners run inside the service's transaction; side effects go to `on_commit`.
"""

from collections.abc import Callable, Iterable
from typing import Any

# events passed to listeners
ISSUED = "issued"  # numbered and registered; dispatch records exist
RECALLED = "recalled"  # frozen as recalled
REPLACED = "replaced"  # frozen, replaced by `by`

OutgoingListener = Callable[..., None]  # fn(*, document, event, actor, by) -> None
DispatchStates = Callable[[list[Any]], dict[int, dict[str, Any]]]
_LISTENERS: list[OutgoingListener] = []
_STATES: list[DispatchStates] = []


def outgoing_listener_register(listener: OutgoingListener) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def outgoing_listeners_notify(*, document: Any, event: str, actor: Any = None,
                              by: Any = None) -> None:
    for listener in _LISTENERS:
        listener(document=document, event=event, actor=actor, by=by)


def dispatch_states_register(provider: DispatchStates) -> None:
    """`provider(dispatches)` → {dispatch id: {"status": label, ...}} for recipients it knows."""
    if provider not in _STATES:
        _STATES.append(provider)


def dispatch_states(dispatches: Iterable[Any]) -> dict[int, dict[str, Any]]:
    rows = list(dispatches)
    states: dict[int, dict[str, Any]] = {}
    for provider in _STATES:
        states |= provider(rows)
    return states
