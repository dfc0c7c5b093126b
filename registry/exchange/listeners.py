"""Exchange's reactions to incoming and outgoing events (registered in AppConfig.ready()).

Incoming: the sender of an electronic document hears 03 when it is registered, 04 when the
leader directs it, 05 when handling starts and 06 when it is done, each once. Outgoing: an
issued document goes to every external recipient with an OrganId; a recall goes to everyone
who received it electronically.
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from registry.incoming import listeners as incoming_events
from registry.outgoing import listeners as outgoing_events

from .edxml import BusinessDocType, StatusCode
from .models import Outbound, OutboundKind, PacketState, ReceivedPacket, RecipientState
from .services.outbox import document_queue, status_queue

STATUS_OF = {
    incoming_events.REGISTERED: StatusCode.ACCEPTED,
    incoming_events.DIRECTED: StatusCode.ASSIGNED,
    incoming_events.IN_PROGRESS: StatusCode.HANDLING,
    incoming_events.DONE: StatusCode.COMPLETED,
}


def _description(document: Any, code: StatusCode) -> str:
    if code == StatusCode.ACCEPTED:
        return _("Đã vào sổ văn bản đến, số đến %(n)s.") % {"n": document.number_display}
    if code == StatusCode.ASSIGNED:
        return _("Đã giao %(who)s xử lý.") % {"who": document.handler_label or "—"}
    if code == StatusCode.HANDLING:
        return _("Đang xử lý.")
    return _("Đã xử lý xong.")


def _refused(packet: ReceivedPacket, document: Any, actor: Any) -> None:
    """Voided before registration, from the electronic inbox or the document page: 02."""
    packet.state, packet.reason = PacketState.REFUSED, document.void_reason[:4000]
    packet.decided_at = timezone.now()
    packet.decided_by = actor if getattr(actor, "pk", None) else None
    packet.save(update_fields=["state", "reason", "decided_at", "decided_by"])
    status_queue(packet=packet, code=StatusCode.REFUSED, description=document.void_reason,
                 staff_name=str(actor) if actor is not None else "")


def on_incoming(*, document: Any, event: str, actor: Any = None) -> None:
    code = STATUS_OF.get(event)
    if code is None and event != incoming_events.VOIDED:
        return
    packet = ReceivedPacket.objects.filter(
        incoming_document_id=document.pk, business_type__in=[0, 3],
        state__in=[PacketState.RECEIVED, PacketState.ACCEPTED]).first()
    if packet is None:
        return  # not an electronic document
    if code is None:
        if packet.state == PacketState.RECEIVED:
            _refused(packet, document, actor)
        return
    if packet.state == PacketState.RECEIVED and event == incoming_events.REGISTERED:
        packet.state, packet.decided_at = PacketState.ACCEPTED, timezone.now()
        packet.decided_by = actor if getattr(actor, "pk", None) else None
        packet.save(update_fields=["state", "decided_at", "decided_by"])
    status_queue(packet=packet, code=code, description=_description(document, code),
                 staff_name=str(actor) if actor is not None else "")


def _electronic_dispatches(document: Any) -> list[tuple[Any, str]]:
    rows = document.dispatches.select_related("recipient__correspondent")
    return [(d, d.recipient.correspondent.organ_id) for d in rows
            if d.recipient.correspondent_id and d.recipient.correspondent.organ_id
            and not d.recipient.correspondent.agency_id]


def on_outgoing(*, document: Any, event: str, actor: Any = None, by: Any = None) -> None:
    if document.is_secret or not document.agency.organ_id:
        return  # secrets never travel; an agency without a code cannot send
    if event == outgoing_events.ISSUED:
        business = (BusinessDocType.REPLACE if document.amendment == "replace"
                    else BusinessDocType.NEW)
        for dispatch, organ_id in _electronic_dispatches(document):
            if dispatch.status == "pending":
                document_queue(dispatch=dispatch, agency_id=document.agency_id, organ_id=organ_id,
                               business_type=business)
    elif event == outgoing_events.RECALLED:
        sent = Outbound.objects.filter(kind=OutboundKind.DOCUMENT, dispatch__document=document,
                                       business_type__in=[0, 3]).select_related("dispatch")
        for row in sent:
            document_queue(dispatch=row.dispatch, agency_id=document.agency_id,
                           organ_id=row.to_organ_id, business_type=BusinessDocType.RECALL,
                           description=document.closed_reason)


def dispatch_states(dispatches: list[Any]) -> dict[int, dict[str, Any]]:
    """Each electronic recipient's reported stage, for the outgoing document page."""
    ids = [d.pk for d in dispatches]
    if not ids:
        return {}
    rows = RecipientState.objects.filter(dispatch_id__in=ids)
    return {row.dispatch_id: {
        "status": _("%(stage)s (trục liên thông)") % {"stage": row.get_stage_display()},
        "status_code": row.stage, "number": None, "handler": row.description, "reply": "",
    } for row in rows}


def listeners_register() -> None:
    from registry.incoming.events import labels_register as incoming_labels
    from registry.outgoing.events import labels_register as outgoing_labels

    from .events import LABELS
    from .presenters import incoming_badges, incoming_panel

    incoming_labels(LABELS)
    outgoing_labels(LABELS)
    incoming_events.incoming_listener_register(on_incoming)
    incoming_events.incoming_panel_register(incoming_panel)
    incoming_events.incoming_badges_register(incoming_badges)
    outgoing_events.outgoing_listener_register(on_outgoing)
    outgoing_events.dispatch_states_register(dispatch_states)
