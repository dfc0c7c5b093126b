"""The clerk's answer to an electronic document: accept (register → 03) or refuse (→ 02)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.incoming.models import IncomingDocument
from registry.incoming.services import incoming_register_received, incoming_void

from .. import events
from ..models import PacketState, ReceivedPacket


def _require_clerk(actor: Any, packet: ReceivedPacket) -> None:
    if not (actor.is_clerk and actor.agency_id == packet.agency_id):
        raise PermissionDenied(_("Chỉ văn thư của cơ quan nhận mới làm được việc này."))


def packet_accept(*, actor: Any, packet: ReceivedPacket, **overrides: Any) -> IncomingDocument:
    """Register the waiting document (arrival number); the listener marks the packet accepted
    and queues status 03 inside the registering transaction."""
    _require_clerk(actor, packet)
    if packet.state != PacketState.RECEIVED or packet.incoming_document is None:
        raise ValidationError(_("Gói tin này đã được xử lý."))
    return incoming_register_received(actor=actor, document=packet.incoming_document,
                                      **overrides)


def packet_refuse(*, actor: Any, packet: ReceivedPacket, reason: str) -> ReceivedPacket:
    """Refuse the document: it is voided unnumbered and the sender gets 02 with the reason
    (the same happens when a clerk voids it from the document page)."""
    _require_clerk(actor, packet)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Nhập lý do từ chối.")})
    with transaction.atomic():
        packet = ReceivedPacket.objects.select_for_update().get(pk=packet.pk)
        if packet.state != PacketState.RECEIVED or packet.incoming_document is None:
            raise ValidationError(_("Gói tin này đã được xử lý."))
        # The incoming listener marks the packet refused and queues 02 with the reason.
        incoming_void(actor=actor, document=packet.incoming_document, reason=reason)
        event_record(actor=actor, verb=events.PACKET_REFUSED, target=packet.incoming_document,
                     payload={"reason": reason[:1000]})
        packet.refresh_from_db()
    return packet
