"""Receiving and registering incoming documents, and correcting them afterwards."""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record, field_changes
from registry.core.text import normalise_notation
from registry.files.models import StoredFile
from registry.files.services import file_store
from registry.notifications.services import notifications_create
from registry.organisation.models import Direction, Register, Role, Secrecy, Urgency
from registry.organisation.numbering import (
    RegisterKey,
    register_for_year,
    register_id_for_year,
    register_next_number,
)
from registry.organisation.selectors import users_with_role

from .. import events, listeners
from ..models import Channel, IncomingDocument, IncomingStatus
from ._common import (
    DERIVED_FIELDS,
    EDITABLE_FIELDS,
    attachments_add,
    deadline_from,
    derived_refresh,
    document_id_reserve,
    filenames_of,
    insert_prepare,
    require_clerk,
    values_validate,
)


def incoming_files_store(*, uploads: Iterable[Any]) -> list[tuple[StoredFile, str]]:
    """Check and store uploads BEFORE the registering transaction (slow I/O, idempotent).

    Raises one ValidationError on "attachments" listing every refused file.
    """
    stored: list[tuple[StoredFile, str]] = []
    errors: list[str] = []
    for upload in uploads:
        name = getattr(upload, "name", "") or "tep"
        handle: IO[bytes] = upload
        try:
            stored.append((file_store(upload=handle, name=name,
                                      size=getattr(upload, "size", None)), name))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    return stored


def incoming_probable_duplicates(
    *, agency_id: int, sender_id: int | None = None, sender_agency_id: int | None = None,
    sender_notation: str, document_date: dt.date | None, exclude_id: int | None = None,
) -> QuerySet[IncomingDocument]:
    """Documents of the agency already received with the same sender, number/symbol and date.

    Whatever the channel: a paper copy of an e-mailed document is the same document.
    """
    notation = normalise_notation(sender_notation)
    if not notation or document_date is None or not (sender_id or sender_agency_id):
        return IncomingDocument.objects.none()
    qs = IncomingDocument.objects.filter(
        agency_id=agency_id, notation_normalised=notation, document_date=document_date,
    ).exclude(status=IncomingStatus.VOID)
    qs = qs.filter(sender_id=sender_id) if sender_id else qs.filter(
        sender_agency_id=sender_agency_id)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return qs.select_related("register").order_by("-received_at")


def _register_of(document: IncomingDocument) -> int:
    register = register_for_year(
        agency=document.agency, direction=Direction.INCOMING,
        year=timezone.localtime(document.received_at).year, is_secret=document.is_secret,
    )
    return register.pk


def _number(document: IncomingDocument, actor: Any) -> None:
    """Give the arrival number; the caller holds the registering transaction."""
    document.register_id = _register_of(document)
    document.number = register_next_number(register_id=document.register_id)
    document.registered_at = timezone.now()
    document.registered_by = actor
    document.status = IncomingStatus.REGISTERED


def _take_number(key: RegisterKey) -> tuple[int, int]:
    """(register id, number) for the register of `key`, its id known by the process; if that
    id no longer names it, look it up again (nothing was taken: the UPDATE matched no row)."""
    register_id = register_id_for_year(key)
    try:
        return register_id, register_next_number(register_id=register_id, key=key)
    except Register.DoesNotExist:
        register_id = register_id_for_year(key, fresh=True)
        return register_id, register_next_number(register_id=register_id, key=key)


def _received_at_check(received_at: dt.datetime) -> None:
    if received_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"received_at": _("Ngày giờ đến không thể ở tương lai.")})


def incoming_register(
    *, actor: Any, sender: Any = None, sender_agency: Any = None, sender_notation: str,
    document_date: dt.date, document_type: Any, summary: str, signer: str = "",
    urgency: str = Urgency.NORMAL, secrecy: str = Secrecy.NORMAL,
    received_at: dt.datetime | None = None, channel: str = Channel.PAPER,
    page_count: int = 0, copy_count: int = 1, reply_requested_by: dt.date | None = None,
    handling_deadline: dt.date | None = None, handling_days: int | None = None,
    notes: str = "", to_unit: Any = None,
    attachments: Sequence[tuple[StoredFile, str]] = (),
) -> IncomingDocument:
    """Register a document the clerk has in hand: it gets the next arrival number.

    Files are stored beforehand (`incoming_files_store`); secret documents take none.
    """
    require_clerk(actor, actor.agency_id)
    received_at = received_at or timezone.now()
    _received_at_check(received_at)
    values = {
        "sender": sender, "sender_agency": sender_agency, "sender_notation": sender_notation,
        "document_date": document_date, "document_type": document_type, "summary": summary,
        "signer": signer or "", "urgency": urgency, "secrecy": secrecy, "channel": channel,
        "page_count": page_count or 0, "copy_count": copy_count if copy_count is not None else 1,
        "reply_requested_by": reply_requested_by, "notes": notes or "", "to_unit": to_unit,
    }
    received_local = timezone.localtime(received_at)
    received_on = received_local.date()
    values_validate(values, received_on=received_on)
    values["handling_deadline"] = deadline_from(start=received_on, deadline=handling_deadline,
                                                days=handling_days)
    document = IncomingDocument(agency_id=actor.agency_id, received_at=received_at, **values)
    if document.is_secret and attachments:
        raise ValidationError({"attachments": _(
            "Văn bản mật chỉ lưu thông tin, không lưu tệp đính kèm.")})
    derived_refresh(document, [name for _stored, name in attachments])
    key = RegisterKey(agency_id=actor.agency_id, direction=Direction.INCOMING,
                      year=received_local.year, is_secret=document.is_secret)
    document.register_id = register_id_for_year(key)  # no query once the process knows it
    document.registered_by = actor
    document.registered_at = timezone.now()
    document.status = IncomingStatus.REGISTERED
    # The register's counter row stays locked from the number to the commit, and every clerk
    # of the agency waits on it: so the transaction is durable (never inside a longer one),
    # everything that does not need the number is prepared or written first, and only the
    # number, the document row (prepared beforehand) and its audit event come after it.
    with transaction.atomic(durable=True):
        if attachments:
            document.pk = document_id_reserve()  # the files point to the row inserted below
            attachments_add(actor=actor, document=document, attachments=attachments)
        insert = insert_prepare(document, late=["register", "number"])
        register_id, number = _take_number(key)
        insert.execute(register_id=register_id, number=number)
        event_record(actor=actor, verb=events.REGISTERED, target=document,
                     payload={"register": document.register_id, "number": document.number})
    return document


def incoming_receive(
    *, agency: Any, sender_agency: Any = None, sender: Any = None, sender_notation: str,
    document_date: dt.date, document_type: Any, summary: str, signer: str = "",
    urgency: str, secrecy: str, page_count: int = 0, channel: str = Channel.INTERNAL,
    to_unit: Any = None, source_outgoing_id: int | None = None,
    attachments: Sequence[tuple[StoredFile, str]] = (),
    reply_requested_by: dt.date | None = None,
) -> IncomingDocument:
    """A document arrives without a clerk (internal dispatch, electronic exchange).

    It waits, unnumbered, in the agency's "to register" inbox: a document not registered
    creates no duty. Runs in the caller's transaction (the dispatching one); the agency's
    clerks are notified.
    """
    values = {
        "sender": sender, "sender_agency": sender_agency, "sender_notation": sender_notation,
        "document_date": document_date, "document_type": document_type, "summary": summary,
        "signer": signer or "", "urgency": urgency, "secrecy": secrecy, "channel": channel,
        "page_count": page_count or 0, "to_unit": to_unit,
        "reply_requested_by": reply_requested_by,
    }
    now = timezone.now()
    values_validate(values, received_on=timezone.localtime(now).date())
    document = IncomingDocument(agency=agency, received_at=now, status=IncomingStatus.RECEIVED,
                                source_outgoing_id=source_outgoing_id, **values)
    if document.is_secret and attachments:
        raise ValidationError({"attachments": _(
            "Văn bản mật chỉ lưu thông tin, không lưu tệp đính kèm.")})
    derived_refresh(document, [name for _stored, name in attachments])
    with transaction.atomic():
        document.save()
        event_record(actor=None, verb=events.RECEIVED, target=document,
                     payload={"channel": channel, "source_outgoing_id": source_outgoing_id})
        attachments_add(actor=None, document=document, attachments=attachments)
        title = _("Văn bản đến chờ vào sổ: %(notation)s của %(sender)s") % {
            "notation": document.sender_notation, "sender": document.sender_name}
        notifications_create(recipients=users_with_role(agency.pk, Role.CLERK),
                             kind="incoming.received", title=title,
                             body="" if document.is_secret else document.summary[:300],
                             url=document.get_absolute_url())
    return document


def _apply(document: IncomingDocument, changes: dict[str, Any], allowed: frozenset[str]) -> dict:
    unknown = set(changes) - allowed - {"handling_days"}
    if unknown:
        raise ValidationError(_("Không sửa được các trường: %(names)s.") % {
            "names": ", ".join(sorted(unknown))})
    days = changes.pop("handling_days", None)
    received_on = timezone.localtime(changes.get("received_at", document.received_at)).date()
    if days is not None or "handling_deadline" in changes:
        changes["handling_deadline"] = deadline_from(
            start=received_on, deadline=changes.get("handling_deadline"), days=days)
    current = {name: getattr(document, name) for name in
               (*EDITABLE_FIELDS, "secrecy", "channel")}
    values_validate(current | changes, received_on=received_on)
    diff = field_changes(document, changes)
    for name, value in changes.items():
        setattr(document, name, value)
    return diff


def incoming_register_received(*, actor: Any, document: IncomingDocument,
                               **overrides: Any) -> IncomingDocument:
    """The clerk checks a received document, corrects what is needed, and numbers it."""
    require_clerk(actor, document.agency_id)
    allowed = EDITABLE_FIELDS | {"secrecy", "channel", "received_at"}
    with transaction.atomic(durable=True):
        document = IncomingDocument.objects.select_for_update().get(pk=document.pk)
        if document.status != IncomingStatus.RECEIVED:
            raise ValidationError(_("Văn bản này đã được vào sổ hoặc đã hủy."))
        diff = _apply(document, dict(overrides), allowed)
        if document.is_secret and document.attachments.exists():
            raise ValidationError({"secrecy": _(
                "Văn bản có tệp đính kèm không thể đăng ký là văn bản mật.")})
        derived_refresh(document, filenames_of(document))
        _number(document, actor)
        document.save()
        event_record(actor=actor, verb=events.REGISTERED, target=document,
                     payload={"register": document.register_id, "number": document.number,
                              "changes": diff})
        listeners.incoming_listeners_notify(document=document, event=listeners.REGISTERED,
                                            actor=actor)
    return document


def incoming_update(*, actor: Any, document: IncomingDocument,
                    **changes: Any) -> IncomingDocument:
    """Correct editable fields of a registered document; the event keeps old → new."""
    require_clerk(actor, document.agency_id)
    with transaction.atomic():
        document = IncomingDocument.objects.select_for_update().get(pk=document.pk)
        if document.status in (IncomingStatus.VOID, IncomingStatus.RECEIVED):
            raise ValidationError(_("Không sửa được văn bản đã hủy hoặc chưa vào sổ."))
        diff = _apply(document, dict(changes), EDITABLE_FIELDS)
        if not diff:
            return document
        derived_refresh(document, filenames_of(document))
        document.save(update_fields=[*diff, *DERIVED_FIELDS, "updated_at"])
        event_record(actor=actor, verb=events.UPDATED, target=document, payload=diff)
    return document


def incoming_attach(*, actor: Any, document: IncomingDocument,
                    attachments: Sequence[tuple[StoredFile, str]]) -> IncomingDocument:
    """Add files to a document already registered (stored beforehand)."""
    require_clerk(actor, document.agency_id)
    with transaction.atomic():
        document = IncomingDocument.objects.select_for_update().get(pk=document.pk)
        if document.status == IncomingStatus.VOID:
            raise ValidationError(_("Văn bản đã hủy."))
        attachments_add(actor=actor, document=document, attachments=attachments)
        derived_refresh(document, filenames_of(document))
        document.save(update_fields=["search_folded", "updated_at"])
    return document
