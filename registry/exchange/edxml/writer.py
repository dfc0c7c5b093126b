"""Write edXML packets in the namespace of QCVN 102:2016, as `schemas/edxml-docflow.xsd` describes.

Element order is the schema's; an optional element is written only when it has a value, so a
packet read back gives the same dataclass (empty text reads as `""`, absent numbers as `None`).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from .formats import date_format, document_id_build, timestamp_format
from .model import (
    NAMESPACE,
    Business,
    DocumentMessage,
    Organization,
    OtherInfo,
    ResponseFor,
    StaffInfo,
    StatusMessage,
    TraceHeader,
)

ET.register_namespace("edXML", NAMESPACE)

# Characters XML 1.0 cannot carry (a vertical tab pasted from a word processor is the usual one).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _el(parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, _tag(name))
    if text is not None:
        element.text = _ILLEGAL_XML.sub(" ", text)
    return element


def _opt(parent: ET.Element, name: str, value: object) -> None:
    """Write `name` only when there is a value (`""` and `None` are none)."""
    if value is None or value == "":
        return
    _el(parent, name, str(value))


def _organization(parent: ET.Element, name: str, org: Organization) -> None:
    node = _el(parent, name)
    _el(node, "OrganId", org.organ_id)
    _el(node, "OrganName", org.organ_name)
    _opt(node, "OrganInCharge", org.organ_in_charge)
    _opt(node, "OrganAdd", org.organ_add)
    _opt(node, "Email", org.email)
    _opt(node, "Telephone", org.telephone)
    _opt(node, "Fax", org.fax)
    _opt(node, "Website", org.website)


def _response_for(parent: ET.Element, response: ResponseFor) -> None:
    node = _el(parent, "ResponseFor")
    _el(node, "OrganId", response.organ_id)
    _opt(node, "Code", response.code)
    if response.promulgation_date is not None:
        _el(node, "PromulgationDate", date_format(response.promulgation_date))
    _opt(node, "DocumentId", response.document_id)


def _other_info(parent: ET.Element, info: OtherInfo) -> None:
    node = _el(parent, "OtherInfo")
    _opt(node, "Priority", info.priority)
    _opt(node, "SphereOfPromulgation", info.sphere_of_promulgation)
    _opt(node, "TyperNotation", info.typer_notation)
    _opt(node, "PromulgationAmount", info.promulgation_amount)
    _opt(node, "PageAmount", info.page_amount)
    if info.appendixes:
        appendixes = _el(node, "Appendixes")
        for appendix in info.appendixes:
            _el(appendixes, "Appendix", appendix)


def _staff_info(parent: ET.Element, staff: StaffInfo) -> None:
    node = _el(parent, "StaffInfo")
    _opt(node, "Department", staff.department)
    _opt(node, "Staff", staff.staff)
    _opt(node, "Mobile", staff.mobile)
    _opt(node, "Email", staff.email)


def _business(parent: ET.Element, business: Business) -> None:
    node = _el(parent, "Bussiness")
    _el(node, "BussinessDocType", str(int(business.doc_type)))
    _opt(node, "BussinessDocReason", business.reason)
    if business.document_info is not None:
        info = _el(node, "BussinessDocumentInfo")
        _opt(info, "DocumentInfo", business.document_info.document_info)
        _opt(info, "DocumentReceiver", business.document_info.document_receiver)
        if business.document_info.receivers:
            receivers = _el(info, "ReceiverList")
            for receiver in business.document_info.receivers:
                item = _el(receivers, "Receiver")
                _opt(item, "ReceiverType", receiver.receiver_type)
                _el(item, "OrganId", receiver.organ_id)
    if business.replacements:
        replacements = _el(node, "ReplacementInfoList")
        for replacement in business.replacements:
            item = _el(replacements, "ReplacementInfo")
            _el(item, "DocumentId", replacement.document_id)
            organs = _el(item, "OrganIdList")
            for organ_id in replacement.organ_ids:
                _el(organs, "OrganId", organ_id)
    if business.staff_info is not None:
        _staff_info(node, business.staff_info)


def _trace_list(parent: ET.Element, traces: Iterable[TraceHeader], business: Business) -> None:
    node = _el(parent, "TraceHeaderList")
    for trace in traces:
        item = _el(node, "TraceHeader")
        _el(item, "OrganId", trace.organ_id)
        _el(item, "Timestamp", timestamp_format(trace.timestamp))
    _business(node, business)


def document_id_of(msg: DocumentMessage) -> str:
    """The message's DocumentId, derived when it was left empty."""
    if msg.document_id:
        return msg.document_id
    if msg.promulgation.promulgation_date is None:
        raise ValueError("A document message needs its promulgation date.")
    return document_id_build(
        organ_id=msg.sender.organ_id,
        promulgation_date=msg.promulgation.promulgation_date,
        number_notation=msg.code.number_notation,
    )


def _message_header(parent: ET.Element, msg: DocumentMessage) -> None:
    header = _el(parent, "MessageHeader")
    _organization(header, "From", msg.sender)
    for recipient in msg.recipients:
        _organization(header, "To", recipient)
    _el(header, "DocumentId", document_id_of(msg))
    code = _el(header, "Code")
    _el(code, "CodeNumber", msg.code.code_number)
    _el(code, "CodeNotation", msg.code.code_notation)
    promulgation = _el(header, "PromulgationInfo")
    _opt(promulgation, "Place", msg.promulgation.place)
    promulgation_date = msg.promulgation.promulgation_date
    if promulgation_date is None:
        raise ValueError("A document message needs its promulgation date.")
    _el(promulgation, "PromulgationDate", date_format(promulgation_date))
    doc_type = _el(header, "DocumentType")
    _opt(doc_type, "Type", msg.document_type.type)
    _opt(doc_type, "TypeName", msg.document_type.type_name)
    _el(header, "Subject", msg.subject)
    _opt(header, "Content", msg.content)
    signer = _el(header, "SignerInfo")
    _opt(signer, "Competence", msg.signer.competence)
    _opt(signer, "Position", msg.signer.position)
    _opt(signer, "FullName", msg.signer.full_name)
    if msg.due_date is not None:
        _el(header, "DueDate", date_format(msg.due_date))
    if msg.to_places:
        places = _el(header, "ToPlaces")
        for place in msg.to_places:
            _el(places, "Place", place)
    _other_info(header, msg.other_info)
    _opt(header, "SteeringType", msg.steering_type)
    for response in msg.response_for:
        _response_for(header, response)


def write_document(msg: DocumentMessage) -> bytes:
    """The packet of a document message, UTF-8 with an XML declaration.

    Raises ValueError when the message cannot be written: no recipient, no promulgation date,
    an empty code number, two attachments sharing a content id, or an attachment without a
    name or a content type.
    """
    if not msg.recipients:
        raise ValueError("A document message needs at least one recipient.")
    if not msg.code.code_number:
        raise ValueError("A document message needs its code number.")
    content_ids = [attachment.content_id for attachment in msg.attachments]
    if len(set(content_ids)) != len(content_ids) or not all(content_ids):
        raise ValueError("Attachments need distinct, non-empty content ids.")
    if not all(attachment.name and attachment.content_type for attachment in msg.attachments):
        raise ValueError("Attachments need a name and a content type.")
    root = ET.Element(_tag("edXML"))
    envelope = _el(root, "edXMLEnvelope")
    header = _el(envelope, "edXMLHeader")
    _message_header(header, msg)
    _trace_list(header, msg.trace_headers, msg.business)
    manifest = _el(_el(envelope, "edXMLBody"), "edXMLManifest")
    for attachment in msg.attachments:
        reference = _el(manifest, "Reference")
        reference.set("href", f"cid:{attachment.content_id}")
        _el(reference, "AttachmentName", attachment.name)
        _el(reference, "ContentType", attachment.content_type)
        _opt(reference, "Description", attachment.description)
    for attachment in msg.attachments:
        encoded = _el(root, "AttachmentEncoded", base64.b64encode(attachment.data).decode("ascii"))
        encoded.set("ContentId", f"cid:{attachment.content_id}")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def write_status(msg: StatusMessage) -> bytes:
    """The packet of a status message (04 assigned, 05 handling, ...), UTF-8."""
    root = ET.Element(_tag("edXML"))
    header = _el(_el(root, "edXMLEnvelope"), "edXMLHeader")
    status = _el(header, "Status")
    _response_for(status, msg.response_for)
    _organization(status, "From", msg.sender)
    _el(status, "StatusCode", msg.status_code.value)
    _opt(status, "Description", msg.description)
    _el(status, "Timestamp", timestamp_format(msg.timestamp))
    if msg.staff_info is not None:
        _staff_info(status, msg.staff_info)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
