"""Read edXML packets leniently, refuse them whole.

Lenient: our namespace, the older `http://www.e-doc.vn/Schema/` or none; children without a
namespace under a namespaced root; `dd/MM/yyyy` dates; a root that is the envelope itself;
a manifest called `Manifest` or `edXMLManifest`; status code 14 read as 15. Whole: any fault
raises `PacketError` with a Vietnamese reason, never a half-read message.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from pathlib import PurePosixPath

from ._xml import Node, parse_packet
from .errors import DEFAULT_LIMITS, Limits, PacketError
from .formats import date_parse, document_id_build, timestamp_parse
from .model import (
    WITHDRAW_AGREED_ALIASES,
    Attachment,
    Business,
    BusinessDocType,
    BusinessDocumentInfo,
    Code,
    DocumentMessage,
    DocumentType,
    Organization,
    OtherInfo,
    PromulgationInfo,
    Receiver,
    ReplacementInfo,
    ResponseFor,
    SignerInfo,
    StaffInfo,
    StatusCode,
    StatusMessage,
    TraceHeader,
)

_MB = 1024 * 1024


def _envelope(root: Node) -> Node:
    if root.path == "edXMLEnvelope":
        return root
    return root.require("edXMLEnvelope", "phong bì edXMLEnvelope")


def _organization(node: Node, what: str) -> Organization:
    return Organization(
        organ_id=node.required_text("OrganId", f"mã định danh của {what}"),
        organ_name=node.text("OrganName"),
        organ_in_charge=node.text("OrganInCharge"),
        organ_add=node.text("OrganAdd"),
        email=node.text("Email"),
        telephone=node.text("Telephone"),
        fax=node.text("Fax"),
        website=node.text("Website"),
    )


def _optional_date(node: Node | None, name: str) -> date | None:
    if node is None:
        return None
    text = node.text(name)
    return date_parse(text, element=f"{node.path}/{name}") if text else None


def _response_for(node: Node) -> ResponseFor:
    organ_id, document_id = node.text("OrganId"), node.text("DocumentId")
    if not organ_id and not document_id:
        raise PacketError(f"Thiếu văn bản được phản hồi ({node.path}: OrganId hoặc DocumentId).")
    return ResponseFor(
        organ_id=organ_id or document_id.split(",")[0],
        code=node.text("Code"),
        promulgation_date=_optional_date(node, "PromulgationDate"),
        document_id=document_id,
    )


def _staff_info(node: Node | None) -> StaffInfo | None:
    if node is None:
        return None
    return StaffInfo(
        department=node.text("Department"),
        staff=node.text("Staff"),
        mobile=node.text("Mobile"),
        email=node.text("Email"),
    )


def _other_info(node: Node | None) -> OtherInfo:
    if node is None:
        return OtherInfo()
    appendixes = node.child("Appendixes")
    return OtherInfo(
        priority=node.integer("Priority"),
        sphere_of_promulgation=node.text("SphereOfPromulgation"),
        typer_notation=node.text("TyperNotation"),
        promulgation_amount=node.integer("PromulgationAmount"),
        page_amount=node.integer("PageAmount"),
        appendixes=tuple(a.value for a in appendixes.children("Appendix")) if appendixes else (),
    )


def _business(node: Node | None) -> Business:
    if node is None:
        return Business()
    raw_type = node.integer("BussinessDocType")
    try:
        doc_type = BusinessDocType(raw_type or 0)
    except ValueError:
        raise PacketError(f"BussinessDocType không hợp lệ: {raw_type} (chỉ 0, 1, 2, 3).") from None
    info_node = node.child("BussinessDocumentInfo")
    info = None
    if info_node is not None:
        receivers = info_node.child("ReceiverList")
        info = BusinessDocumentInfo(
            document_info=info_node.text("DocumentInfo"),
            document_receiver=info_node.text("DocumentReceiver"),
            receivers=tuple(
                Receiver(
                    organ_id=r.required_text("OrganId", "mã cơ quan nhận"),
                    receiver_type=r.text("ReceiverType"),
                )
                for r in (receivers.children("Receiver") if receivers else [])
            ),
        )
    replacements = node.child("ReplacementInfoList")
    replacement_nodes = replacements.children("ReplacementInfo") if replacements else []
    return Business(
        doc_type=doc_type,
        reason=node.text("BussinessDocReason"),
        document_info=info,
        replacements=tuple(_replacement(item) for item in replacement_nodes),
        staff_info=_staff_info(node.child("StaffInfo")),
    )


def _replacement(node: Node) -> ReplacementInfo:
    organs = node.child("OrganIdList")
    return ReplacementInfo(
        document_id=node.required_text("DocumentId", "văn bản bị thay thế"),
        organ_ids=tuple(o.value for o in organs.children("OrganId")) if organs else (),
    )


def _trace_headers(node: Node | None) -> tuple[TraceHeader, ...]:
    if node is None:
        return ()
    return tuple(
        TraceHeader(
            organ_id=item.required_text("OrganId", "mã cơ quan trong vết xử lý"),
            timestamp=timestamp_parse(
                item.required_text("Timestamp", "thời điểm trong vết xử lý"),
                element=f"{item.path}/Timestamp",
            ),
        )
        for item in node.children("TraceHeader")
    )


def _content_id(raw: str) -> str:
    raw = raw.strip()
    raw = raw[4:] if raw.lower().startswith("cid:") else raw
    return raw.strip().strip("<>").strip()


def _decode(node: Node, limits: Limits) -> bytes:
    text = "".join((node.element.text or "").split())
    padding = len(text) - len(text.rstrip("="))
    size = len(text) * 3 // 4 - padding
    if size > limits.max_attachment_bytes:
        raise PacketError(
            f"Tệp đính kèm quá lớn: {size // _MB} MB, "
            f"tối đa {limits.max_attachment_bytes // _MB} MB."
        )
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise PacketError("Tệp đính kèm không được mã hóa base64 hợp lệ.") from None


def _attachments(root: Node, envelope: Node, limits: Limits) -> tuple[Attachment, ...]:
    body = envelope.child("edXMLBody")
    manifest = (body.child("edXMLManifest") or body.child("Manifest")) if body else None
    references = manifest.children("Reference") if manifest else []
    holders = [*([root] if root is not envelope else []), envelope, *([body] if body else [])]
    encoded = [node for holder in holders for node in holder.children("AttachmentEncoded")]
    if len(references) > limits.max_attachments:
        raise PacketError(f"Quá nhiều tệp đính kèm: {len(references)}.")
    by_id: dict[str, Node] = {}
    for node in encoded:
        cid = _content_id(node.attribute("ContentId", "href", "id"))
        if not cid or cid in by_id:
            raise PacketError("Tệp đính kèm thiếu ContentId hoặc trùng ContentId.")
        by_id[cid] = node
    attachments = []
    for reference in references:
        cid = _content_id(reference.attribute("href") or reference.text("ContentId"))
        payload = by_id.pop(cid, None)
        if payload is None:
            raise PacketError(f"Thiếu nội dung tệp đính kèm “{cid[:60]}” (AttachmentEncoded).")
        name = PurePosixPath(reference.text("AttachmentName").replace("\\", "/")).name
        attachments.append(
            Attachment(
                content_id=cid,
                name=name or cid,
                content_type=reference.text("ContentType") or "application/octet-stream",
                data=_decode(payload, limits),
                description=reference.text("Description"),
            )
        )
    if by_id:
        raise PacketError("Có tệp đính kèm không nằm trong danh mục (edXMLManifest).")
    return tuple(attachments)


def read_document(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> DocumentMessage:
    """Read a document packet whole, or raise PacketError (reason in Vietnamese)."""
    root = parse_packet(data, limits)
    envelope = _envelope(root)
    header_node = envelope.require("edXMLHeader", "phần đầu edXMLHeader")
    header = header_node.child("MessageHeader")
    if header is None:
        raise PacketError("Gói tin không phải văn bản (thiếu MessageHeader).")
    sender = _organization(header.require("From", "cơ quan gửi (From)"), "cơ quan gửi")
    code_node = header.require("Code", "số và ký hiệu văn bản (Code)")
    code = Code(
        code_number=code_node.required_text("CodeNumber", "số văn bản (CodeNumber)"),
        code_notation=code_node.text("CodeNotation"),
    )
    promulgation_node = header.require("PromulgationInfo", "thông tin ban hành (PromulgationInfo)")
    promulgation_date = date_parse(
        promulgation_node.required_text("PromulgationDate", "ngày ban hành (PromulgationDate)"),
        element=f"{promulgation_node.path}/PromulgationDate",
    )
    type_node, signer_node = header.child("DocumentType"), header.child("SignerInfo")
    traces = header_node.child("TraceHeaderList")
    places = header.child("ToPlaces")
    return DocumentMessage(
        sender=sender,
        recipients=tuple(_organization(to, "cơ quan nhận") for to in header.children("To")),
        code=code,
        subject=header.text("Subject"),
        document_id=header.text("DocumentId")
        or document_id_build(
            organ_id=sender.organ_id,
            promulgation_date=promulgation_date,
            number_notation=code.number_notation,
        ),
        promulgation=PromulgationInfo(
            place=promulgation_node.text("Place"), promulgation_date=promulgation_date
        ),
        document_type=DocumentType(
            type=type_node.text("Type") if type_node else "",
            type_name=type_node.text("TypeName") if type_node else "",
        ),
        content=header.text("Content"),
        signer=SignerInfo(
            competence=signer_node.text("Competence") if signer_node else "",
            position=signer_node.text("Position") if signer_node else "",
            full_name=signer_node.text("FullName") if signer_node else "",
        ),
        due_date=_optional_date(header, "DueDate"),
        to_places=tuple(p.value for p in places.children("Place")) if places else (),
        other_info=_other_info(header.child("OtherInfo")),
        steering_type=header.integer("SteeringType"),
        response_for=tuple(_response_for(r) for r in header.children("ResponseFor")),
        trace_headers=_trace_headers(traces),
        business=_business(traces.child("Bussiness") if traces else None),
        attachments=_attachments(root, envelope, limits),
    )


def _status_code(text: str) -> StatusCode:
    code = text.strip().zfill(2)
    if code in WITHDRAW_AGREED_ALIASES:
        return StatusCode.WITHDRAW_AGREED
    try:
        return StatusCode(code)
    except ValueError:
        raise PacketError(f"Mã trạng thái không hợp lệ: “{text[:10]}”.") from None


def read_status(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> StatusMessage:
    """Read a status packet whole, or raise PacketError (reason in Vietnamese)."""
    root = parse_packet(data, limits)
    header = _envelope(root).require("edXMLHeader", "phần đầu edXMLHeader")
    status = header.child("Status")
    if status is None:
        raise PacketError("Gói tin không phải thông điệp trạng thái (thiếu Status).")
    return StatusMessage(
        response_for=_response_for(status.require("ResponseFor", "văn bản được phản hồi")),
        sender=_organization(status.require("From", "cơ quan báo (From)"), "cơ quan báo"),
        status_code=_status_code(status.required_text("StatusCode", "mã trạng thái (StatusCode)")),
        timestamp=timestamp_parse(
            status.required_text("Timestamp", "thời điểm (Timestamp)"),
            element=f"{status.path}/Timestamp",
        ),
        description=status.text("Description"),
        staff_info=_staff_info(status.child("StaffInfo")),
    )
