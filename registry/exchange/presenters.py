"""What exchange shows on other apps' pages: the incoming document's panel, inbox badges."""

from typing import Any

from django.utils.translation import gettext as _

from .models import PacketState, ReceivedPacket, SignatureBadge
from .selectors import changes_of_document, packet_of_document, replaced_by

SIGNATURE_CSS = {
    SignatureBadge.VALID: "text-bg-success",
    SignatureBadge.INVALID: "text-bg-danger",
    SignatureBadge.UNKNOWN_ROOT: "text-bg-warning",
    SignatureBadge.NOT_SIGNED: "text-bg-secondary",
}


def signature_badge(packet: ReceivedPacket) -> dict[str, str]:
    badge = SignatureBadge(packet.signature or SignatureBadge.NOT_SIGNED)
    return {"label": str(badge.label), "css": SIGNATURE_CSS[badge], "code": str(badge)}


def incoming_panel(document: Any, user: Any) -> dict[str, Any] | None:
    """The electronic origin, signature check, recalls/updates/replacements of a document."""
    if document.channel != "electronic":
        return None
    packet = packet_of_document(document.pk)
    changes = list(changes_of_document(document.pk))
    replaces = list(replaced_by(document.pk))
    if packet is None and not changes and not replaces:
        return None
    clerk = user.is_clerk and user.agency_id == document.agency_id
    return {"template": "exchange/_incoming_panel.html", "packet": packet,
            "badge": signature_badge(packet) if packet else None, "changes": changes,
            "replaces": replaces, "can_apply": clerk,
            "can_decide": clerk and packet is not None and packet.state == PacketState.RECEIVED}


def incoming_badges(rows: list[Any]) -> dict[int, list[dict[str, str]]]:
    ids = [row.pk for row in rows if row.channel == "electronic"]
    if not ids:
        return {}
    badges: dict[int, list[dict[str, str]]] = {}
    packets = ReceivedPacket.objects.filter(incoming_document_id__in=ids,
                                            business_type__in=[0, 3]).exclude(
        state=PacketState.DUPLICATE).order_by("id")
    for packet in packets:
        if packet.incoming_document_id in badges:
            continue
        found = [{"label": _("Điện tử"), "css": "text-bg-info df-exchange"},
                 signature_badge(packet)]
        if packet.duplicate_of_id:
            found.append({"label": _("Có thể trùng"), "css": "text-bg-warning"})
        badges[packet.incoming_document_id] = found
    return badges
