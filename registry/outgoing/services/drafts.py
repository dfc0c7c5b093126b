"""Writing a draft: its particulars, recipients, tasks, the documents it answers, its versions."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record, field_changes
from registry.files.models import StoredFile
from registry.notifications.services import notifications_create
from registry.organisation.models import (
    URGENCY_RANK,
    Agency,
    Correspondent,
    DocumentType,
    Secrecy,
    Unit,
    Urgency,
)

from .. import events
from ..models import (
    ACTIVE_DRAFT_STATUSES,
    Amendment,
    ApprovalDecision,
    ApprovalDecisionKind,
    ApprovalStepStatus,
    DraftVersion,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingStatus,
    OutgoingTask,
    RecipientKind,
    SigningAuthority,
)
from .common import (
    OutgoingForbidden,
    access_grant,
    document_locked,
    next_version_number,
    search_text_refresh,
)


@dataclass(frozen=True)
class TaskSpec:
    unit: Unit
    content: str
    user: Any = None
    deadline: dt.date | None = None
    deadline_days: int | None = None


@dataclass(frozen=True)
class DraftFields:
    """The particulars a drafter writes (the same for create and update)."""

    document_type: DocumentType
    summary: str
    content_notes: str = ""
    signer: Any = None
    signing_authority: str = ""
    urgency: str = Urgency.NORMAL
    secrecy: str = Secrecy.NORMAL
    drafting_unit: Unit | None = None
    recipient_units: Sequence[Unit] = ()
    recipient_agencies: Sequence[Agency] = ()
    recipient_correspondents: Sequence[Correspondent] = ()
    tasks: Sequence[TaskSpec] = ()
    answers: Sequence[Any] = ()
    amends: OutgoingDocument | None = None
    amendment: str = ""


def _validate(*, actor: Any, fields: DraftFields) -> dict[str, Any]:
    errors: dict[str, str] = {}
    summary = " ".join((fields.summary or "").split())
    if not summary:
        errors["summary"] = _("Nhập trích yếu nội dung văn bản.")
    unit = fields.drafting_unit or actor.unit
    if unit is None or unit.agency_id != actor.agency_id:
        errors["drafting_unit"] = _("Chọn đơn vị soạn thảo thuộc cơ quan của bạn.")
    signer = fields.signer
    if signer is not None and (signer.agency_id != actor.agency_id or not signer.is_leader):
        errors["signer"] = _("Người ký phải là lãnh đạo của cơ quan.")
    if fields.signing_authority not in SigningAuthority.values:
        errors["signing_authority"] = _("Thẩm quyền ký không hợp lệ.")
    if fields.urgency not in Urgency.values:
        errors["urgency"] = _("Độ khẩn không hợp lệ.")
    if fields.secrecy not in Secrecy.values:
        errors["secrecy"] = _("Độ mật không hợp lệ.")
    if any(u.agency_id != actor.agency_id for u in fields.recipient_units):
        errors["recipient_units"] = _("Đơn vị nhận phải thuộc cơ quan của bạn.")
    if any(a.pk == actor.agency_id for a in fields.recipient_agencies):
        errors["recipient_agencies"] = _("Chọn đơn vị trong cơ quan thay vì chính cơ quan mình.")
    _validate_amendment(actor=actor, fields=fields, errors=errors)
    _validate_tasks(actor=actor, tasks=fields.tasks, errors=errors)
    if errors:
        raise ValidationError(errors)
    return {
        "document_type": fields.document_type, "summary": summary,
        "content_notes": (fields.content_notes or "").strip(), "drafting_unit": unit,
        "signer": signer, "signing_authority": fields.signing_authority,
        "urgency": fields.urgency, "secrecy": fields.secrecy, "amends": fields.amends,
        "amendment": fields.amendment if fields.amends else "",
    }


def _validate_amendment(*, actor: Any, fields: DraftFields, errors: dict[str, str]) -> None:
    if fields.amends is None:
        return
    target = fields.amends
    if target.agency_id != actor.agency_id or not target.is_issued or target.is_frozen:
        errors["amends"] = _("Chỉ thu hồi, thay thế, đính chính văn bản đã ban hành của cơ quan.")
    elif fields.amendment not in (Amendment.REPLACE, Amendment.CORRECT, Amendment.RECALL):
        errors["amendment"] = _("Chọn thay thế, đính chính hoặc thu hồi.")


def _validate_tasks(*, actor: Any, tasks: Sequence[TaskSpec], errors: dict[str, str]) -> None:
    for task in tasks:
        if task.unit.agency_id != actor.agency_id:
            errors["tasks"] = _("Đơn vị thực hiện phải thuộc cơ quan.")
        elif task.user is not None and task.user.unit_id != task.unit.pk:
            errors["tasks"] = _("Người thực hiện phải thuộc đơn vị được giao.")
        elif not (task.content or "").strip():
            errors["tasks"] = _("Nhập nội dung nhiệm vụ.")
        elif task.deadline and task.deadline_days:
            errors["tasks"] = _("Ghi hạn theo ngày hoặc theo số ngày làm việc, không cả hai.")


def _recipients_replace(document: OutgoingDocument, fields: DraftFields) -> None:
    document.recipients.all().delete()
    rows = [OutgoingRecipient(document=document, kind=RecipientKind.UNIT, unit=u, name=u.name)
            for u in fields.recipient_units]
    rows += [OutgoingRecipient(document=document, kind=RecipientKind.AGENCY, agency=a,
                               name=a.name) for a in fields.recipient_agencies]
    rows += [OutgoingRecipient(document=document, kind=RecipientKind.EXTERNAL, correspondent=c,
                               name=c.name) for c in fields.recipient_correspondents]
    seen: set[tuple[str, int | None]] = set()
    unique = []
    for row in rows:
        key = (row.kind, row.unit_id or row.agency_id or row.correspondent_id)
        if key not in seen:
            seen.add(key)
            unique.append(row)
    OutgoingRecipient.objects.bulk_create(unique)


def _tasks_replace(document: OutgoingDocument, tasks: Sequence[TaskSpec]) -> None:
    document.tasks.all().delete()
    OutgoingTask.objects.bulk_create([
        OutgoingTask(document=document, unit=t.unit, user=t.user, content=t.content.strip(),
                     deadline=t.deadline, deadline_days=t.deadline_days) for t in tasks
    ])


def _check_file(document_secrecy: str, stored_file: StoredFile | None) -> None:
    if stored_file is not None and document_secrecy != Secrecy.NORMAL:
        raise ValidationError({"file": _(
            "Văn bản mật chỉ lưu thông tin quản lý trên hệ thống; không tải tệp nội dung lên."
        )})


def outgoing_draft_create(
    *, actor: Any, fields: DraftFields, stored_file: StoredFile | None = None,
    filename: str = "", version_note: str = "",
) -> OutgoingDocument:
    """A new draft by `actor`; an optional first file becomes version 1."""
    values = _validate(actor=actor, fields=fields)
    _check_file(values["secrecy"], stored_file)
    with transaction.atomic():
        document = OutgoingDocument.objects.create(
            agency_id=actor.agency_id, drafter=actor, status=OutgoingStatus.DRAFT,
            urgency_rank=URGENCY_RANK[values["urgency"]], **values,
        )
        _recipients_replace(document, fields)
        _tasks_replace(document, fields.tasks)
        if fields.answers:
            document.answers.set(fields.answers)
        if stored_file is not None:
            DraftVersion.objects.create(document=document, number=1, stored_file=stored_file,
                                        filename=filename, uploaded_by=actor, note=version_note)
        access_grant(actor=actor, document=document, users=[actor])
        event_record(actor=actor, verb=events.DRAFT_CREATED, target=document,
                     payload={"summary": document.summary, "type": document.document_type.name})
        search_text_refresh(document)
    return document


def _may_edit(actor: Any, document: OutgoingDocument) -> None:
    if document.drafter_id != actor.pk:
        raise OutgoingForbidden(_("Chỉ người soạn thảo được sửa dự thảo."))
    if document.status not in (*ACTIVE_DRAFT_STATUSES, OutgoingStatus.APPROVED):
        raise ValidationError(_("Dự thảo đang trình duyệt hoặc đã ban hành, không sửa được."))


def outgoing_draft_update(
    *, actor: Any, document: OutgoingDocument, fields: DraftFields,
    stored_file: StoredFile | None = None, filename: str = "", version_note: str = "",
) -> OutgoingDocument:
    """The drafter edits a draft; an edit after signing goes back to the signer."""
    values = _validate(actor=actor, fields=fields)
    _check_file(values["secrecy"], stored_file)
    with transaction.atomic():
        document = document_locked(document)
        _may_edit(actor, document)
        changes = field_changes(document, values)
        for name, value in values.items():
            setattr(document, name, value)
        document.urgency_rank = URGENCY_RANK[document.urgency]
        document.save(update_fields=[*values, "urgency_rank", "updated_at"])
        _recipients_replace(document, fields)
        _tasks_replace(document, fields.tasks)
        document.answers.set(fields.answers)
        event_record(actor=actor, verb=events.DRAFT_UPDATED, target=document, payload=changes)
        if stored_file is not None:
            _version_create(actor=actor, document=document, stored_file=stored_file,
                            filename=filename, note=version_note)
        elif changes and document.status == OutgoingStatus.APPROVED:
            _reopen_for_signer(actor=actor, document=document)
        search_text_refresh(document)
    return document


def _version_create(*, actor: Any, document: OutgoingDocument, stored_file: StoredFile,
                    filename: str, note: str) -> DraftVersion:
    version = DraftVersion.objects.create(
        document=document, number=next_version_number(document), stored_file=stored_file,
        filename=filename, uploaded_by=actor, note=note,
    )
    event_record(actor=actor, verb=events.VERSION_UPLOADED, target=document,
                 payload={"version": version.number, "filename": filename, "note": note})
    if document.status == OutgoingStatus.APPROVED:
        _reopen_for_signer(actor=actor, document=document)
    return version


def _reopen_for_signer(*, actor: Any, document: OutgoingDocument) -> None:
    """A change after signing: the last step (the signer's) must decide again."""
    step = document.steps.order_by("-order").exclude(status=ApprovalStepStatus.SKIPPED).first()
    if step is None:
        return
    step.status, step.reached_at = ApprovalStepStatus.CURRENT, timezone.now()
    step.save(update_fields=["status", "reached_at"])
    document.status, document.approved_at = OutgoingStatus.IN_APPROVAL, None
    document.save(update_fields=["status", "approved_at", "updated_at"])
    ApprovalDecision.objects.create(document=document, step=step, actor=actor,
                                    kind=ApprovalDecisionKind.REOPENED,
                                    version_number=next_version_number(document) - 1)
    event_record(actor=actor, verb=events.REOPENED, target=document,
                 payload={"step": step.name, "approver": step.approver_id})
    notifications_create(
        recipients=[step.approver], kind="outgoing.reopened",
        title=_("Dự thảo đã ký được sửa, cần ký lại: %(s)s") % {"s": document.summary[:120]},
        url=document.get_absolute_url(),
    )


def outgoing_version_add(
    *, actor: Any, document: OutgoingDocument, stored_file: StoredFile, filename: str,
    note: str = "",
) -> DraftVersion:
    """A new version: by the drafter while the draft is theirs (or signed, which reopens it for
    the signer), or by the approver whose turn it is (leaders edit drafts)."""
    _check_file(document.secrecy, stored_file)
    with transaction.atomic():
        document = document_locked(document)
        is_current_approver = (document.status == OutgoingStatus.IN_APPROVAL and document.steps
                               .filter(status=ApprovalStepStatus.CURRENT, approver_id=actor.pk)
                               .exists())
        if not is_current_approver:
            _may_edit(actor, document)
        version = _version_create(actor=actor, document=document, stored_file=stored_file,
                                  filename=filename, note=note)
        search_text_refresh(document)
    return version


def outgoing_draft_void(*, actor: Any, document: OutgoingDocument, reason: str) -> None:
    """The drafter abandons a draft that was never issued (it keeps its history)."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Nhập lý do hủy dự thảo.")})
    with transaction.atomic():
        document = document_locked(document)
        _may_edit(actor, document)
        document.status, document.closed_reason = OutgoingStatus.VOID, reason.strip()
        document.closed_at = timezone.now()
        document.save(update_fields=["status", "closed_reason", "closed_at", "updated_at"])
        document.steps.filter(status=ApprovalStepStatus.CURRENT).update(
            status=ApprovalStepStatus.WAITING)
        event_record(actor=actor, verb=events.VOIDED, target=document,
                     payload={"reason": document.closed_reason})
