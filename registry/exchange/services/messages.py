"""Build the edXML we send: status messages and the packets of our issued documents."""

import datetime as dt
from typing import Any

from django.utils import timezone

from registry.files.services import file_root
from registry.organisation.models import Urgency

from ..edxml import (
    Attachment,
    Business,
    BusinessDocType,
    Code,
    DocumentMessage,
    DocumentType,
    Organization,
    OtherInfo,
    PromulgationInfo,
    ReplacementInfo,
    ResponseFor,
    SignerInfo,
    StaffInfo,
    StatusCode,
    StatusMessage,
    TraceHeader,
    document_id_build,
    write_document,
    write_status,
)
from ..models import Outbound, OutboundKind, PacketState, ReceivedPacket

PRIORITY = {Urgency.NORMAL: 0, Urgency.URGENT: 1, Urgency.VERY_URGENT: 2, Urgency.FLASH: 3}


def local_naive(moment: dt.datetime | None = None) -> dt.datetime:
    """edXML carries no time zone: timestamps are the office's local time."""
    return timezone.localtime(moment or timezone.now()).replace(tzinfo=None)


def organization_of(agency: Any) -> Organization:
    return Organization(organ_id=agency.organ_id, organ_name=agency.name,
                        organ_add=getattr(agency, "place", "") or "")


def outgoing_document_id(document: Any) -> str:
    """The DocumentId of our issued document: `OrganId,yyyy/MM/dd,15/QĐ-UBND`."""
    return document_id_build(organ_id=document.agency.organ_id,
                             promulgation_date=document.document_date,
                             number_notation=document.notation)


def status_message(row: Outbound) -> StatusMessage:
    packet: ReceivedPacket = row.packet
    return StatusMessage(
        response_for=ResponseFor(organ_id=packet.sender_organ_id, code=packet.notation,
                                 promulgation_date=packet.document_date,
                                 document_id=packet.edxml_document_id),
        sender=organization_of(row.agency),
        status_code=StatusCode(row.status_code),
        timestamp=local_naive(row.created_at),
        description=row.description,
        staff_info=StaffInfo(staff=row.staff_name) if row.staff_name else None,
    )


def _answers(document: Any) -> tuple[ResponseFor, ...]:
    """The electronic documents ours replies to (their original DocumentIds)."""
    ids = list(document.answers.values_list("pk", flat=True))
    packets = ReceivedPacket.objects.filter(
        incoming_document_id__in=ids, business_type=0,
        state__in=[PacketState.RECEIVED, PacketState.ACCEPTED]).order_by("id")
    return tuple(ResponseFor(organ_id=p.sender_organ_id, code=p.notation,
                             promulgation_date=p.document_date,
                             document_id=p.edxml_document_id) for p in packets)


def _business(document: Any, business_type: int, reason: str) -> Business:
    staff = StaffInfo(department=document.drafting_unit.name, staff=str(document.drafter))
    replacements: tuple[ReplacementInfo, ...] = ()
    if business_type == BusinessDocType.REPLACE and document.amends_id:
        old = document.amends
        organ_ids = tuple(sorted({r.correspondent.organ_id for r in old.recipients.all()
                                  if r.correspondent_id and r.correspondent.organ_id}))
        replacements = (ReplacementInfo(outgoing_document_id(old), organ_ids),)
    return Business(doc_type=BusinessDocType(business_type), reason=reason,
                    replacements=replacements, staff_info=staff)


def _signed_attachment(document: Any) -> tuple[Attachment, ...]:
    stored = document.signed_file
    if stored is None or document.is_secret:
        return ()
    data = (file_root() / stored.relative_path).read_bytes()
    return (Attachment(content_id="van-ban-1", name=document.signed_filename or "van-ban.pdf",
                       content_type=stored.content_type, data=data),)


def document_message(document: Any, *, recipients: list[Organization],
                     business_type: int = 0, reason: str = "") -> DocumentMessage:
    """The packet of an issued document, to `recipients`."""
    number, _slash, notation = document.notation.partition("/")
    signer = document.signer
    position = signer.position.name if signer is not None and signer.position_id else ""
    competence = f"{document.signing_authority}." if document.signing_authority else ""
    return DocumentMessage(
        sender=organization_of(document.agency),
        recipients=tuple(recipients),
        code=Code(number, notation),
        subject=document.summary,
        document_id=outgoing_document_id(document),
        promulgation=PromulgationInfo(document.agency.place, document.document_date),
        document_type=DocumentType(document.document_type.abbreviation,
                                   document.document_type.name),
        signer=SignerInfo(competence, position,
                          document.signer_name or (str(signer) if signer else "")),
        to_places=tuple(r.name for r in document.recipients.all()),
        other_info=OtherInfo(priority=PRIORITY.get(Urgency(document.urgency), 0),
                             promulgation_amount=document.copies or None,
                             page_amount=document.page_count or None),
        response_for=_answers(document),
        trace_headers=(TraceHeader(document.agency.organ_id, local_naive(document.issued_at)),),
        business=_business(document, business_type, reason),
        attachments=_signed_attachment(document),
    )


def electronic_recipients(document: Any) -> list[Organization]:
    """External recipients with an OrganId (internal ones are delivered inside the system)."""
    return [Organization(r.correspondent.organ_id, r.correspondent.name)
            for r in document.recipients.select_related("correspondent")
            if r.correspondent_id and r.correspondent.organ_id and not r.correspondent.agency_id]


def packet_filename(document: Any, organ_id: str, business_type: int) -> str:
    safe = "".join(ch if ch.isalnum() and ch.isascii() else "-" for ch in document.notation)
    return f"{document.agency.organ_id}-{safe}-{business_type}-{organ_id}.xml"


def outbound_bytes(row: Outbound) -> tuple[bytes, str]:
    """The packet of an outbox row and the file name it travels under."""
    if row.kind == OutboundKind.STATUS:
        return write_status(status_message(row)), ""
    from registry.outgoing.models import OutgoingDocument

    document = OutgoingDocument.objects.select_related(
        "agency", "document_type", "drafting_unit", "drafter", "signer__position", "signed_file",
        "amends__agency").get(pk=row.dispatch.document_id)
    recipient = row.dispatch.recipient
    message = document_message(
        document, recipients=[Organization(row.to_organ_id, recipient.name)],
        business_type=row.business_type, reason=row.description)
    return write_document(message), packet_filename(document, row.to_organ_id, row.business_type)
