"""What happens once the hub took a message: dispatch records and recipients' states."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from registry.audit.services import event_record
from registry.outgoing.models import DispatchChannel
from registry.outgoing.services import outgoing_dispatch_mark_sent

from .. import events
from ..edxml import BusinessDocType
from ..models import Outbound, OutboundKind, RecipientState

logger = logging.getLogger(__name__)


def outbound_delivered(row: Outbound) -> None:
    """Inside the transaction that marks the row sent (once: the row was claimed)."""
    if row.kind == OutboundKind.STATUS:
        event_record(actor=None, verb=events.STATUS_SENT, target=row.incoming_document,
                     payload={"code": row.status_code, "to": row.to_organ_id,
                              "description": row.description[:500]})
        return
    from registry.outgoing.models import OutgoingDocument

    from .messages import outgoing_document_id

    dispatch = row.dispatch
    document = OutgoingDocument.objects.select_related("agency", "issued_by").get(
        pk=dispatch.document_id)
    event_record(actor=None, verb=events.PACKET_SENT, target=document, payload={
        "to": row.to_organ_id, "recipient": dispatch.recipient.name,
        "business_type": row.business_type})
    if row.business_type not in (BusinessDocType.NEW, BusinessDocType.REPLACE):
        return
    RecipientState.objects.get_or_create(
        dispatch=dispatch, defaults={
            "document": document, "organ_id": row.to_organ_id, "sent_at": timezone.now(),
            "edxml_document_id": outgoing_document_id(document)})
    if dispatch.status != "pending" or document.issued_by is None:
        return
    try:
        outgoing_dispatch_mark_sent(actor=document.issued_by, document=document,
                                    dispatch_ids=[dispatch.pk], channel=DispatchChannel.ELECTRONIC,
                                    sent_on=timezone.localdate())
    except (ValidationError, PermissionDenied) as error:  # recalled, voided, clerk moved on
        logger.info("dispatch %s not marked sent: %s", dispatch.pk, error)
