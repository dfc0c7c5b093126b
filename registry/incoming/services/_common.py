"""Rules shared by the incoming services: field checks, derived columns, rights, files."""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.core.text import fold, normalise_notation
from registry.files.models import StoredFile
from registry.files.services import sanitise_filename
from registry.organisation.calendar import add_working_days
from registry.organisation.models import URGENCY_RANK, Secrecy, Urgency

from .. import events
from ..models import SUMMARY_MAX_LENGTH, Channel, IncomingAttachment, IncomingDocument

# What a clerk may correct after registration (secrecy moves a document between
# registers, so it is fixed once numbered: void and register again instead).
EDITABLE_FIELDS = frozenset({
    "sender", "sender_agency", "sender_notation", "document_date", "document_type", "summary",
    "signer", "urgency", "page_count", "copy_count", "reply_requested_by", "handling_deadline",
    "notes", "to_unit",
})
MAX_COUNT = 32767


def require_clerk(actor: Any, agency_id: int) -> None:
    if not (actor.is_clerk and actor.agency_id == agency_id):
        raise PermissionDenied(_("Chỉ văn thư của cơ quan mới làm được việc này."))


def require_leader(actor: Any, agency_id: int) -> None:
    if not (actor.is_leader and actor.agency_id == agency_id):
        raise PermissionDenied(_("Chỉ lãnh đạo của cơ quan mới làm được việc này."))


def deadline_from(*, start: dt.date, deadline: dt.date | None,
                  days: int | None) -> dt.date | None:
    """A deadline typed as a date, or as a number of working days counted from `start`."""
    if deadline is not None and days is not None:
        raise ValidationError({"handling_deadline": _(
            "Nhập hạn xử lý là một ngày hoặc một số ngày làm việc, không nhập cả hai.")})
    if days is not None:
        if not 0 < days <= 365:
            raise ValidationError({"handling_days": _(
                "Số ngày làm việc phải từ 1 đến 365.")})
        return add_working_days(start, days)
    return deadline


def values_validate(values: dict[str, Any], *, received_on: dt.date) -> None:
    """Check a document's fields together; every fault is reported at once, by field."""
    errors: dict[str, str] = {}
    summary = (values.get("summary") or "").strip()
    if not summary:
        errors["summary"] = _("Nhập trích yếu nội dung.")
    elif len(summary) > SUMMARY_MAX_LENGTH:
        errors["summary"] = _("Trích yếu dài %(length)s ký tự; tối đa %(limit)s ký tự.") % {
            "length": len(summary), "limit": SUMMARY_MAX_LENGTH}
    notation = (values.get("sender_notation") or "").strip()
    if not notation:
        errors["sender_notation"] = _("Nhập số, ký hiệu của văn bản.")
    elif len(notation) > 100:
        errors["sender_notation"] = _("Số, ký hiệu dài quá 100 ký tự.")
    if values.get("sender") is None and values.get("sender_agency") is None:
        errors["sender"] = _("Chọn cơ quan gửi.")
    document_date = values.get("document_date")
    if document_date is None:
        errors["document_date"] = _("Nhập ngày văn bản.")
    elif document_date > received_on:
        errors["document_date"] = _("Ngày văn bản không thể sau ngày đến.")
    if values.get("document_type") is None:
        errors["document_type"] = _("Chọn loại văn bản.")
    if values.get("urgency", Urgency.NORMAL) not in Urgency.values:
        errors["urgency"] = _("Độ khẩn không hợp lệ.")
    if values.get("secrecy", Secrecy.NORMAL) not in Secrecy.values:
        errors["secrecy"] = _("Độ mật không hợp lệ.")
    if values.get("channel", Channel.PAPER) not in Channel.values:
        errors["channel"] = _("Hình thức nhận không hợp lệ.")
    for name in ("page_count", "copy_count"):
        if not 0 <= int(values.get(name) or 0) <= MAX_COUNT:
            errors[name] = _("Số không hợp lệ.")
    for name in ("signer", "notes"):
        limit = 150 if name == "signer" else 5000
        if len(values.get(name) or "") > limit:
            errors[name] = _("Dài quá %(limit)s ký tự.") % {"limit": limit}
    if errors:
        raise ValidationError(errors)


def sender_label(document: IncomingDocument) -> str:
    if document.sender_id and document.sender is not None:
        return document.sender.name
    if document.sender_agency_id and document.sender_agency is not None:
        return document.sender_agency.name
    return ""


def derived_refresh(document: IncomingDocument, filenames: Iterable[str] = ()) -> None:
    """Keep the columns computed from others in step (search text, ranks, names)."""
    document.summary = document.summary.strip()
    document.sender_notation = document.sender_notation.strip()
    document.sender_name = sender_label(document)
    document.notation_normalised = normalise_notation(document.sender_notation)[:100]
    document.urgency_rank = URGENCY_RANK.get(Urgency(document.urgency), 0)
    parts = [document.summary, document.sender_name, document.sender_notation,
             document.signer, document.notes, *filenames]
    document.search_folded = fold(" ".join(p for p in parts if p))


DERIVED_FIELDS = ["summary", "sender_notation", "sender_name", "notation_normalised",
                  "urgency_rank", "search_folded"]


def attachments_add(*, actor: Any, document: IncomingDocument,
                    attachments: Sequence[tuple[StoredFile, str]]) -> list[IncomingAttachment]:
    """Link stored files to the document (inside the caller's transaction)."""
    if not attachments:
        return []
    if document.is_secret:
        # The law keeps the content of secrets off networked computers: metadata only.
        raise ValidationError({"attachments": _(
            "Văn bản mật chỉ lưu thông tin, không lưu tệp đính kèm.")})
    now = timezone.now()
    rows = IncomingAttachment.objects.bulk_create([
        IncomingAttachment(document=document, stored_file=stored, uploaded_at=now,
                           filename=sanitise_filename(name),
                           uploaded_by=actor if getattr(actor, "pk", None) else None)
        for stored, name in attachments
    ])
    for row in rows:
        event_record(actor=actor, verb=events.ATTACHMENT_ADDED, target=document,
                     payload={"filename": row.filename, "sha256": row.stored_file.sha256,
                              "size": row.stored_file.size})
    return rows


def filenames_of(document: IncomingDocument) -> list[str]:
    if document.pk is None:
        return []
    return list(document.attachments.values_list("filename", flat=True))
