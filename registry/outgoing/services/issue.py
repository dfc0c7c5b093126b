"""Ban hành: number, registration, dispatch records, deliveries into internal inboxes, task
assignments and "answered" marks commit together or not at all."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.assignments.services import assignment_create
from registry.audit.services import event_record
from registry.files.models import StoredFile
from registry.notifications.services import notifications_create
from registry.organisation.calendar import add_working_days, next_working_day
from registry.organisation.models import Direction, Register
from registry.organisation.numbering import register_next_number

from .. import events, inbox, listeners
from ..models import (
    Dispatch,
    DispatchChannel,
    DispatchStatus,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingStatus,
    RecipientKind,
)
from ..notation import notation_compose
from .common import OutgoingForbidden, document_locked, search_text_refresh
from .corrections import amendment_apply


@dataclass(frozen=True)
class IssueFields:
    register: Register
    document_date: dt.date
    signed_file: StoredFile | None = None
    signed_filename: str = ""
    with_unit_symbol: bool = False
    page_count: int = 0
    copies: int = 0
    file_copy_keeper: str = ""
    notes: str = ""


def _validate(document: OutgoingDocument, fields: IssueFields) -> None:
    errors: dict[str, str] = {}
    register = fields.register
    if (register.agency_id != document.agency_id or register.direction != Direction.OUTGOING):
        errors["register"] = _("Chọn sổ văn bản đi của cơ quan.")
    elif register.is_secret != document.is_secret:
        errors["register"] = (_("Văn bản mật phải vào sổ văn bản đi mật.") if document.is_secret
                              else _("Văn bản thường không vào sổ mật."))
    elif bool(register.series) != document.document_type.is_copy:
        errors["register"] = _("Bản sao vào sổ bản sao; văn bản khác vào sổ chính.")
    elif register.year != fields.document_date.year:
        errors["document_date"] = _("Ngày ban hành phải thuộc năm của sổ (%(year)s).") % {
            "year": register.year}
    if fields.document_date > timezone.localdate():
        errors["document_date"] = _("Ngày ban hành không được sau hôm nay.")
    if document.is_secret and fields.signed_file is not None:
        errors["signed_file"] = _("Văn bản mật không lưu tệp trên hệ thống.")
    if not document.is_secret and fields.signed_file is None:
        errors["signed_file"] = _("Tải lên bản đã ký (PDF) của văn bản.")
    if errors:
        raise ValidationError(errors)


def dispatch_due_date(*, document: OutgoingDocument, issued_on: dt.date) -> dt.date:
    """Released the same day, or the next working day at the latest; urgent ones at once."""
    return issued_on if document.is_urgent else next_working_day(issued_on)


def outgoing_issue(*, actor: Any, document: OutgoingDocument, fields: IssueFields
                   ) -> OutgoingDocument:
    """The clerk issues a signed document. The signed file was stored before this call."""
    with transaction.atomic():
        document = document_locked(document)
        if not (actor.is_clerk and actor.agency_id == document.agency_id):
            raise OutgoingForbidden(_("Chỉ văn thư của cơ quan được ban hành văn bản."))
        if document.status != OutgoingStatus.APPROVED:
            raise ValidationError(_("Văn bản chưa được ký duyệt xong, chưa thể ban hành."))
        _validate(document, fields)
        # The register row stays locked from here to commit: keep the rest short.
        number = register_next_number(register_id=fields.register.pk)
        _register(document, fields, number, actor)
        _dispatch_all(actor=actor, document=document)
        _tasks_assign(document=document)
        for incoming in inbox.answered_documents(document):
            inbox.incoming_answered(actor=actor, incoming=incoming, reply_label=document.notation)
        if document.amends_id:
            amendment_apply(actor=actor, document=document)
        event_record(actor=actor, verb=events.ISSUED, target=document, payload={
            "register": fields.register.pk, "number": number, "notation": document.notation,
            "document_date": fields.document_date})
        listeners.outgoing_listeners_notify(document=document, event=listeners.ISSUED,
                                            actor=actor)
        search_text_refresh(document)
        notifications_create(
            recipients=[document.drafter, document.signer], kind="outgoing.issued",
            title=_("Đã ban hành %(n)s") % {"n": document.notation},
            body=document.summary[:300], url=document.get_absolute_url(),
        )
    return document


def _register(document: OutgoingDocument, fields: IssueFields, number: int, actor: Any) -> None:
    with_unit = fields.with_unit_symbol or document.document_type.is_cong_van
    document.register, document.number = fields.register, number
    document.document_date = fields.document_date
    document.with_unit_symbol = with_unit
    document.notation = notation_compose(
        number=number, type_abbreviation=document.document_type.abbreviation,
        agency_abbreviation=document.agency.abbreviation,
        unit_abbreviation=document.drafting_unit.abbreviation if with_unit else "",
    )
    document.signed_file, document.signed_filename = fields.signed_file, fields.signed_filename
    document.page_count, document.copies = fields.page_count, fields.copies
    document.file_copy_keeper = fields.file_copy_keeper or document.drafting_unit.name
    document.notes = fields.notes
    document.issued_at, document.issued_by = timezone.now(), actor
    document.status = OutgoingStatus.ISSUED
    document.save()


def _internal_agency(recipient: OutgoingRecipient) -> Any:
    if recipient.kind == RecipientKind.AGENCY:
        return recipient.agency
    if recipient.kind == RecipientKind.EXTERNAL and recipient.correspondent.agency_id:
        return recipient.correspondent.agency  # a directory entry that is one of ours
    return None


def _dispatch_all(*, actor: Any, document: OutgoingDocument) -> None:
    today = timezone.localdate()
    due = dispatch_due_date(document=document, issued_on=today)
    recipients = document.recipients.select_related("unit", "agency", "correspondent__agency")
    pending = 0
    for recipient in recipients:
        dispatch = Dispatch(document=document, recipient=recipient, due_date=due)
        agency = _internal_agency(recipient)
        if recipient.kind == RecipientKind.UNIT or agency is not None:
            incoming = inbox.incoming_deliver(
                document=document, agency=agency or document.agency,
                to_unit=recipient.unit if recipient.kind == RecipientKind.UNIT else None)
            dispatch.incoming_document_id = incoming.pk
            dispatch.channel, dispatch.status = DispatchChannel.INTERNAL, DispatchStatus.DELIVERED
            dispatch.sent_on, dispatch.sent_at, dispatch.sent_by = today, timezone.now(), actor
        else:
            pending += 1
        dispatch.save()
    if not pending:
        document.status = OutgoingStatus.DISPATCHED
        document.save(update_fields=["status", "updated_at"])


def _tasks_assign(*, document: OutgoingDocument) -> None:
    assigner = document.signer or document.issued_by
    for task in document.tasks.select_related("unit", "user"):
        deadline = task.deadline
        if deadline is None and task.deadline_days:
            deadline = add_working_days(document.document_date, task.deadline_days)
        assignment = assignment_create(
            assigner=assigner, content=task.content, assignee_unit=task.unit,
            assignee_user=task.user, deadline=deadline, source=document,
            source_label=document.label, source_url=document.get_absolute_url(),
            is_urgent=document.is_urgent,
        )
        task.assignment_id, task.deadline = assignment.pk, deadline
        task.save(update_fields=["assignment_id", "deadline"])
