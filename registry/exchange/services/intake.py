"""Electronic intake: one packet in, one register entry (or one quarantine row) out.

Everything slow or fallible happens before the transaction (reading, signature checks,
storing the attachments); the transaction then creates the waiting incoming document, the
packet row and the 01 status together, or nothing. A packet seen before (same bytes, or the
same DocumentId already received) changes nothing the second time.
"""

import hashlib
import io
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.files.models import StoredFile
from registry.files.services import file_store
from registry.incoming.services import incoming_probable_duplicates, incoming_receive
from registry.organisation.models import Agency, DocumentType, Secrecy, Urgency

from .. import events
from ..config import exchange_limits, trust_roots
from ..edxml import BusinessDocType, DocumentMessage, PacketError, StatusCode, read_document
from ..models import KEY_STATES, PacketState, ReceivedPacket, SignatureBadge
from ..signatures import SignatureReport, check_pdf_signatures
from .outbox import status_queue

logger = logging.getLogger(__name__)

URGENCY = {0: Urgency.NORMAL, 1: Urgency.URGENT, 2: Urgency.VERY_URGENT, 3: Urgency.FLASH,
           4: Urgency.FLASH}
NOT_A_DOCUMENT = "Gói tin không phải văn bản"


class Refused(Exception):
    """A packet we quarantine: `reason` is shown to the clerk."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def packet_receive(*, data: bytes, filename: str = "", transport_id: str = "") -> ReceivedPacket:
    """Take one packet whatever it holds; never raises for the packet's content."""
    sha = hashlib.sha256(data).hexdigest()
    seen = ReceivedPacket.objects.filter(sha256=sha).order_by("id").first()
    if seen is not None:
        return seen
    base = {"sha256": sha, "size": len(data), "filename": filename[:255],
            "transport_id": transport_id[:255]}
    try:
        message = read_document(data, limits=exchange_limits())
    except PacketError as error:
        if error.reason.startswith(NOT_A_DOCUMENT):
            from .statuses import status_receive

            return status_receive(data=data, base=base)
        return quarantine(base=base, reason=error.reason)
    try:
        return _document_receive(message, base)
    except Refused as refused:
        return quarantine(base=base, reason=refused.reason, message=message)


def quarantine(*, base: dict[str, Any], reason: str,
               message: DocumentMessage | None = None) -> ReceivedPacket:
    extra: dict[str, Any] = {}
    if message is not None:
        extra = {"edxml_document_id": message.document_id[:300],
                 "business_type": int(message.business.doc_type),
                 "sender_organ_id": message.sender.organ_id[:13],
                 "sender_name": message.sender.organ_name[:255],
                 "notation": message.code.number_notation[:100],
                 "document_date": message.promulgation.promulgation_date}
    with transaction.atomic():
        packet = ReceivedPacket.objects.create(state=PacketState.QUARANTINED,
                                               reason=reason[:4000], **base, **extra)
        event_record(actor=None, verb=events.PACKET_QUARANTINED, target=packet,
                     payload={"reason": reason[:1000], "filename": packet.filename})
    logger.info("packet %s quarantined: %s", packet.filename, reason)
    return packet


def _our_agency(message: DocumentMessage) -> Agency:
    codes = [to.organ_id.strip().upper() for to in message.recipients if to.organ_id]
    agency = Agency.objects.filter(organ_id__in=codes, is_active=True).order_by("id").first() \
        if codes else None
    if agency is None:
        raise Refused(_("Gói tin không gửi cho cơ quan nào dùng hệ thống này (nơi nhận: "
                        "%(codes)s).") % {"codes": ", ".join(codes)[:200] or "—"})
    return agency


def _key_holder(agency: Agency, document_id: str, business_type: int) -> ReceivedPacket | None:
    return ReceivedPacket.objects.filter(
        agency=agency, edxml_document_id=document_id[:300], business_type=business_type,
        state__in=KEY_STATES).first()


def _document_receive(message: DocumentMessage, base: dict[str, Any]) -> ReceivedPacket:
    agency = _our_agency(message)
    kind = message.business.doc_type
    holder = None if kind == BusinessDocType.UPDATE else _key_holder(
        agency, message.document_id, int(kind))
    if holder is not None:
        return _duplicate(message, base, agency, holder)
    if kind in (BusinessDocType.RECALL, BusinessDocType.UPDATE):
        from .changes import change_receive

        return change_receive(message=message, agency=agency, base=base)
    stored, signature = _attachments_store(message)
    try:
        return _create(message, base, agency, stored, signature)
    except IntegrityError:  # another poller took the same DocumentId a moment ago
        holder = _key_holder(agency, message.document_id, int(kind))
        if holder is None:
            raise
        return _duplicate(message, base, agency, holder)
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from None


def _duplicate(message: DocumentMessage, base: dict[str, Any], agency: Agency,
               holder: ReceivedPacket) -> ReceivedPacket:
    """The same document again (the sender resent it): recorded, nothing created."""
    return ReceivedPacket.objects.create(
        state=PacketState.DUPLICATE, agency=agency, edxml_document_id=message.document_id[:300],
        business_type=int(message.business.doc_type), sender_organ_id=holder.sender_organ_id,
        sender_name=holder.sender_name, notation=holder.notation,
        document_date=holder.document_date, incoming_document_id=holder.incoming_document_id,
        reason=_("Đã nhận văn bản này trước đó (cùng mã văn bản)."), **base)


def _attachments_store(message: DocumentMessage) -> tuple[list[tuple[StoredFile, str]], dict]:
    """Store every attachment and check the first PDF's signatures (before the transaction)."""
    stored: list[tuple[StoredFile, str]] = []
    signature: dict[str, Any] = {"signature": SignatureBadge.NOT_SIGNED}
    checked = False
    for attachment in message.attachments:
        try:
            row = file_store(upload=io.BytesIO(attachment.data), name=attachment.name,
                             size=len(attachment.data))
        except ValidationError as error:
            raise Refused(_("Tệp đính kèm “%(name)s” không nhận được: %(why)s") % {
                "name": attachment.name[:100], "why": " ".join(error.messages)}) from None
        stored.append((row, attachment.name))
        if row.content_type == "application/pdf" and not checked:
            checked = True
            report = _signatures_check(attachment.data)
            signature = {"signature": str(report.status), "signature_detail": report.detail[:300],
                         "signature_signer": report.signer_name[:255],
                         "signature_time": report.signing_time}
    return stored, signature


def _signatures_check(pdf: bytes) -> SignatureReport:
    return check_pdf_signatures(pdf, trust_roots=trust_roots())


def _document_type(message: DocumentMessage) -> DocumentType | None:
    types = DocumentType.objects.filter(is_active=True)
    name = message.document_type.type_name.strip()
    found = types.filter(name__iexact=name).first() if name else None
    abbreviation = message.code.code_notation.split("-", 1)[0].strip()
    if found is None and abbreviation:
        found = types.filter(abbreviation__iexact=abbreviation).exclude(is_copy=True).first()
    return found or types.filter(name="Công văn").first() or types.first()


def _signer(message: DocumentMessage) -> str:
    signer = message.signer
    parts = [p for p in (signer.competence, signer.position) if p]
    head = ", ".join(parts)
    return (f"{head} {signer.full_name}".strip() if head else signer.full_name)[:150]


def incoming_values(message: DocumentMessage) -> dict[str, Any]:
    """What the clerk would have typed, read from the packet."""
    summary = (message.subject or message.content).strip()
    info = message.other_info
    return {
        "sender_notation": message.code.number_notation[:100],
        "document_date": message.promulgation.promulgation_date,
        "document_type": _document_type(message),
        "summary": summary[:2000],
        "signer": _signer(message),
        "urgency": URGENCY.get(info.priority or 0, Urgency.NORMAL),
        "secrecy": Secrecy.NORMAL,
        "page_count": min(info.page_amount or 0, 32767),
        "reply_requested_by": message.due_date,
    }


def _create(message: DocumentMessage, base: dict[str, Any], agency: Agency,
            stored: list[tuple[StoredFile, str]], signature: dict[str, Any]) -> ReceivedPacket:
    from .directory import sender_resolve

    with transaction.atomic():
        sender = sender_resolve(organization=message.sender)
        document = incoming_receive(agency=agency, channel="electronic", attachments=stored,
                                    **sender, **incoming_values(message))
        duplicate = incoming_probable_duplicates(
            agency_id=agency.pk, sender_id=getattr(sender.get("sender"), "pk", None),
            sender_agency_id=getattr(sender.get("sender_agency"), "pk", None),
            sender_notation=document.sender_notation, document_date=document.document_date,
            exclude_id=document.pk).first()
        packet = ReceivedPacket.objects.create(
            state=PacketState.RECEIVED, agency=agency,
            edxml_document_id=message.document_id[:300],
            business_type=int(message.business.doc_type),
            sender_organ_id=message.sender.organ_id.strip().upper()[:13],
            sender_name=document.sender_name[:255], notation=document.sender_notation,
            document_date=document.document_date, incoming_document=document,
            duplicate_of=duplicate, **signature, **base)
        event_record(actor=None, verb=events.PACKET_RECEIVED, target=document, payload={
            "document_id": packet.edxml_document_id, "signature": packet.signature,
            "filename": packet.filename, "duplicate_of": getattr(duplicate, "pk", None)})
        status_queue(packet=packet, code=StatusCode.ARRIVED,
                     description=_("Đã nhận văn bản lúc %(time)s.") % {
                         "time": timezone.localtime().strftime("%H:%M %d/%m/%Y")})
        if message.business.doc_type == BusinessDocType.REPLACE:
            from .changes import replacement_record

            replacement_record(message=message, agency=agency, packet=packet)
    return packet
