"""Rules shared by the incoming services: field checks, derived columns, rights, files."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import signals
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
# The choices' values, once (Choices.values builds a new list at each use).
_URGENCIES = frozenset(Urgency.values)
_SECRECIES = frozenset(Secrecy.values)
_CHANNELS = frozenset(Channel.values)


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
    if values.get("urgency", Urgency.NORMAL) not in _URGENCIES:
        errors["urgency"] = _("Độ khẩn không hợp lệ.")
    if values.get("secrecy", Secrecy.NORMAL) not in _SECRECIES:
        errors["secrecy"] = _("Độ mật không hợp lệ.")
    if values.get("channel", Channel.PAPER) not in _CHANNELS:
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


@dataclass
class PreparedInsert:
    """The INSERT of a new document, built before the registering transaction.

    Registration holds the register's counter row locked from the number to the commit, so
    the row is prepared beforehand (field conversions, timestamps) and only the values known
    under the lock (`late`, e.g. the number) are slotted in: one statement, no ORM work while
    every other clerk of the agency waits. Falls back to `save()` when someone listens to the
    model's save signals.
    """

    document: IncomingDocument
    sql: str
    params: list[Any]
    slots: dict[str, int]

    def execute(self, **late: Any) -> IncomingDocument:
        document = self.document
        for name, value in late.items():
            setattr(document, name, value)
        if not self.sql:
            document.save(force_insert=True)
            return document
        params = list(self.params)
        for name, value in late.items():
            field = document._meta.get_field(name)
            params[self.slots[field.attname]] = field.get_db_prep_save(value, connection)
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            document.pk = cursor.fetchone()[0]
        document._state.adding = False
        document._state.db = DEFAULT_DB_ALIAS
        return document


# Values that go to these kinds of column unchanged: what get_db_prep_save returns for them on
# PostgreSQL (text, including the str-based choices; integers; aware datetimes; dates), so
# the registering path skips the conversion; anything else takes the field's own.
_TEXT = frozenset({"CharField", "TextField"})
_INTEGER = frozenset({"IntegerField", "SmallIntegerField", "BigIntegerField",
                      "PositiveIntegerField", "PositiveSmallIntegerField",
                      "PositiveBigIntegerField", "ForeignKey", "AutoField", "BigAutoField"})


def _as_is(kind: str, value: Any) -> bool:
    if value is None or (kind in _TEXT and isinstance(value, str)):
        return True
    kind_of_value = type(value)
    if kind_of_value is int:
        return kind in _INTEGER
    if kind_of_value is dt.datetime:
        return kind == "DateTimeField" and value.tzinfo is not None
    if kind_of_value is dt.date:
        return kind == "DateField"
    return kind_of_value is bool and kind == "BooleanField"


_INSERT_SQL: dict[bool, tuple[str, list[tuple[Any, str, str, bool]]]] = {}


def _insert_sql(with_pk: bool) -> tuple[str, list[tuple[Any, str, str, bool]]]:
    """The INSERT and, per column, (field, attname, internal type, has its own pre_save)."""
    if with_pk not in _INSERT_SQL:
        meta = IncomingDocument._meta
        fields = [f for f in meta.local_concrete_fields
                  if not f.generated and (with_pk or not f.primary_key)]
        quote = connection.ops.quote_name  # names from the model, values as parameters
        sql = (f"INSERT INTO {quote(meta.db_table)} ("  # noqa: S608
               + ", ".join(quote(f.column) for f in fields) + ") VALUES ("
               + ", ".join(["%s"] * len(fields)) + f") RETURNING {quote(meta.pk.column)}")
        plain = models.Field.pre_save
        _INSERT_SQL[with_pk] = (sql, [(f, f.attname, f.get_internal_type(),
                                       type(f).pre_save is not plain) for f in fields])
    return _INSERT_SQL[with_pk]


def insert_prepare(document: IncomingDocument, *, late: Iterable[str] = ()) -> PreparedInsert:
    """Prepare `document`'s INSERT; the fields named in `late` are given to `execute`.

    The values are those `save()` would send: each field's pre_save (timestamps) and its
    conversion for the database, skipped where it returns the value unchanged.
    """
    if (signals.pre_save.has_listeners(IncomingDocument)
            or signals.post_save.has_listeners(IncomingDocument)):
        return PreparedInsert(document=document, sql="", params=[], slots={})
    sql, fields = _insert_sql(document.pk is not None)
    db = connections[DEFAULT_DB_ALIAS]  # the proxy `connection` costs a lookup per use
    params = []
    for field, attname, kind, own_pre_save in fields:
        value = field.pre_save(document, True) if own_pre_save else getattr(document, attname)
        if not _as_is(kind, value):
            value = field.get_db_prep_save(value, db)
        params.append(value)
    slots = {attname: i for i, (_f, attname, _k, _p) in enumerate(fields)}
    missing = {IncomingDocument._meta.get_field(n).attname for n in late} - set(slots)
    if missing:
        raise ValueError(f"not columns of the insert: {sorted(missing)}")
    return PreparedInsert(document=document, sql=sql, params=params, slots=slots)


def document_id_reserve() -> int:
    """A new document's id taken ahead of its INSERT (rows that point to it come first)."""
    meta = IncomingDocument._meta
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s))",
                       [meta.db_table, meta.pk.column])
        return int(cursor.fetchone()[0])
