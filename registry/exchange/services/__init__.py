"""Every write of electronic exchange. Other code calls these, never the models."""

from .changes import change_apply
from .decisions import packet_accept, packet_refuse
from .directory import agency_codes_import, sender_resolve, trust_roots_install
from .intake import packet_receive
from .outbox import document_queue, outbound_due_ids, outbound_retry, outbound_send, status_queue
from .poll import PollResult, exchange_poll

__all__ = [
    "PollResult",
    "agency_codes_import",
    "change_apply",
    "document_queue",
    "exchange_poll",
    "outbound_due_ids",
    "outbound_retry",
    "outbound_send",
    "packet_accept",
    "packet_receive",
    "packet_refuse",
    "sender_resolve",
    "status_queue",
    "trust_roots_install",
]
