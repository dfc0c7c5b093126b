"""Sample edXML messages for the exchange tests."""

from __future__ import annotations

from datetime import date, datetime

from registry.exchange.edxml import (
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

SENDER = Organization(
    organ_id="000.00.00.H41",
    organ_name="Ủy ban nhân dân tỉnh Hưng Yên",
    organ_in_charge="Chủ tịch UBND tỉnh",
    organ_add="Số 1 đường Chùa Chuông, TP Hưng Yên",
    email="ubnd@hungyen.gov.vn",
    telephone="0221 3862 000",
    fax="0221 3862 001",
    website="https://hungyen.gov.vn",
)
RECIPIENT = Organization(organ_id="000.00.00.G22", organ_name="Văn phòng Chính phủ")
PDF_BYTES = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
DOCX_BYTES = b"PK\x03\x04" + b"\x00\xff\x10 Phu luc \r\n" * 500


def sample_document(**changes: object) -> DocumentMessage:
    """A directive with every part of the header and two attachments."""
    values: dict[str, object] = {
        "sender": SENDER,
        "recipients": (RECIPIENT, Organization("000.00.32.H41", "Sở Nội vụ tỉnh Hưng Yên")),
        "code": Code("15", "CT-UBND"),
        "subject": "Về việc tăng cường kỷ luật, kỷ cương hành chính & <trách nhiệm> người đứng đầu",
        "document_id": "000.00.00.H41,2026/01/05,15/CT-UBND",
        "promulgation": PromulgationInfo("Hưng Yên", date(2026, 1, 5)),
        "document_type": DocumentType("3", "Chỉ thị"),
        "content": "Chủ tịch UBND tỉnh yêu cầu các sở, ngành thực hiện nghiêm…",
        "signer": SignerInfo("KT. CHỦ TỊCH", "Phó Chủ tịch", "Nguyễn Văn An"),
        "due_date": date(2026, 1, 31),
        "to_places": ("Như trên", "Lưu: VT, TH."),
        "other_info": OtherInfo(
            priority=1,
            sphere_of_promulgation="Toàn tỉnh",
            typer_notation="TH",
            promulgation_amount=25,
            page_amount=4,
            appendixes=("Phụ lục I", "Phụ lục II"),
        ),
        "steering_type": 1,
        "response_for": (
            ResponseFor(
                organ_id="000.00.00.G22",
                code="7816/VPCP-TCCV",
                promulgation_date=date(2025, 12, 20),
                document_id="000.00.00.G22,2025/12/20,7816/VPCP-TCCV",
            ),
        ),
        "trace_headers": (
            TraceHeader("000.00.00.H41", datetime(2026, 1, 5, 16, 30, 5)),
            TraceHeader("000.00.00.G22", datetime(2026, 1, 5, 16, 31, 0)),
        ),
        "business": Business(
            doc_type=BusinessDocType.UPDATE,
            reason="Cập nhật nơi nhận",
            document_info=BusinessDocumentInfo(
                document_info="0",
                document_receiver="1",
                receivers=(Receiver("000.00.33.H41", "1"),),
            ),
            replacements=(
                ReplacementInfo("000.00.00.H41,2026/01/02,12/CT-UBND", ("000.00.00.G22",)),
            ),
            staff_info=StaffInfo("Văn phòng", "Trần Thị Bình", "0912345678", "binh@hy.gov.vn"),
        ),
        "attachments": (
            Attachment("qd-15", "15-CT-UBND.signed.pdf", "application/pdf", PDF_BYTES),
            Attachment(
                "pl-1",
                "Phụ lục.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                DOCX_BYTES,
                "Phụ lục kèm theo",
            ),
        ),
    }
    values.update(changes)
    return DocumentMessage(**values)  # type: ignore[arg-type]


def sample_status(code: StatusCode = StatusCode.ACCEPTED) -> StatusMessage:
    return StatusMessage(
        response_for=ResponseFor(
            organ_id="000.00.00.H41",
            code="15/CT-UBND",
            promulgation_date=date(2026, 1, 5),
            document_id="000.00.00.H41,2026/01/05,15/CT-UBND",
        ),
        sender=RECIPIENT,
        status_code=code,
        timestamp=datetime(2026, 1, 6, 8, 15, 0),
        description="Đã vào sổ, số đến 123",
        staff_info=StaffInfo("Phòng Hành chính", "Lê Văn Cường", "0987654321", "cuong@vpcp.vn"),
    )
