"""One poll of the transport: list, fetch, take in, acknowledge."""

import logging
from collections import Counter
from dataclasses import dataclass, field

from ..models import ReceivedPacket
from ..transport import Transport, TransportError
from .intake import packet_receive

logger = logging.getLogger(__name__)


@dataclass
class PollResult:
    """What a poll did: packets by resulting state, and the packets left for the next poll."""

    states: Counter[str] = field(default_factory=Counter)
    left: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        done = ", ".join(f"{state}: {count}" for state, count in sorted(self.states.items()))
        return f"{done or 'không có gói tin mới'}; để lại {len(self.left)}"


def exchange_poll(*, transport: Transport) -> PollResult:
    """Take every waiting packet in; acknowledge only what is stored (a crash re-fetches).

    Listing errors propagate (the task retries them when `retryable`); a packet that cannot
    be fetched or acknowledged now is left for the next poll, the others go on.
    """
    result = PollResult()
    for item in transport.list_received():
        try:
            data = transport.fetch(item.id)
        except TransportError as error:
            if not error.retryable:
                logger.warning("packet %s cannot be fetched: %s", item.id, error)
            result.left.append(item.id)
            continue
        taken = packet_receive(data=data, filename=item.filename, transport_id=item.id)
        result.states[taken.state if isinstance(taken, ReceivedPacket) else "status"] += 1
        try:
            transport.acknowledge(item.id)
        except TransportError as error:
            logger.warning("packet %s not acknowledged: %s", item.id, error)
            result.left.append(item.id)
    return result
