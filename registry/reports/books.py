"""Register books (Appendix IV of Decree 30/2020): the same columns on paper and in XLSX.

Rows are read in number order in chunks by keyset (register, number), so a year of 20,000
documents costs a few dozen indexed queries and constant memory.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.incoming.selectors import incoming_registers_for, incoming_visible_to
from registry.organisation.models import Direction, Register
from registry.outgoing.models import Dispatch, OutgoingDocument, OutgoingRecipient, OutgoingStatus
from registry.outgoing.selectors import outgoing_registers_of, outgoing_visible_to

from .models import BookKind

CHUNK = 1000


@dataclass(frozen=True)
class Book:
    kind: str
    title: Any
    columns: tuple[Any, ...]
    widths: tuple[int, ...]  # XLSX column widths; the print page follows the same proportions


BOOKS = {
    BookKind.INCOMING: Book(BookKind.INCOMING, gettext_lazy("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"), (
        gettext_lazy("Ngày đến"), gettext_lazy("Số đến"), gettext_lazy("Tác giả"),
        gettext_lazy("Số, ký hiệu"), gettext_lazy("Ngày tháng"),
        gettext_lazy("Tên loại và trích yếu nội dung"),
        gettext_lazy("Đơn vị hoặc người nhận"), gettext_lazy("Ngày chuyển"),
        gettext_lazy("Ký nhận"), gettext_lazy("Ghi chú")),
        (11, 8, 28, 16, 11, 60, 24, 11, 12, 24)),
    BookKind.FOLLOW_UP: Book(BookKind.FOLLOW_UP,
                             gettext_lazy("SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN"), (
        gettext_lazy("Số đến"),
        gettext_lazy("Tên loại, số, ký hiệu, ngày tháng và tác giả văn bản"),
        gettext_lazy("Đơn vị hoặc người nhận"), gettext_lazy("Thời hạn giải quyết"),
        gettext_lazy("Tiến độ giải quyết"), gettext_lazy("Số, ký hiệu văn bản trả lời"),
        gettext_lazy("Ghi chú")),
        (8, 60, 26, 13, 22, 22, 24)),
    BookKind.OUTGOING: Book(BookKind.OUTGOING, gettext_lazy("SỔ ĐĂNG KÝ VĂN BẢN ĐI"), (
        gettext_lazy("Số, ký hiệu văn bản"), gettext_lazy("Ngày tháng văn bản"),
        gettext_lazy("Tên loại và trích yếu nội dung văn bản"), gettext_lazy("Người ký"),
        gettext_lazy("Nơi nhận văn bản"), gettext_lazy("Đơn vị, người nhận bản lưu"),
        gettext_lazy("Số lượng bản"), gettext_lazy("Ngày chuyển"), gettext_lazy("Ký nhận"),
        gettext_lazy("Ghi chú")),
        (16, 11, 60, 20, 30, 20, 8, 11, 12, 24)),
}
DIRECTION_OF = {BookKind.INCOMING: Direction.INCOMING, BookKind.FOLLOW_UP: Direction.INCOMING,
                BookKind.OUTGOING: Direction.OUTGOING}


def book_registers_for(user: Any) -> list[Register]:
    """Registers whose books the user may print or export: clerks and leaders of the agency
    (secret registers: clerks only), as on the register pages."""
    if not (user.is_clerk or user.is_leader) or not user.agency_id:
        return []
    outgoing = outgoing_registers_of(user)
    if not user.is_clerk:
        outgoing = outgoing.filter(is_secret=False)
    return [*incoming_registers_for(user), *outgoing]


def book_register_get(user: Any, book: str, register_id: int) -> Register | None:
    direction = DIRECTION_OF.get(book)  # type: ignore[call-overload]
    return next((r for r in book_registers_for(user)
                 if r.pk == register_id and r.direction == direction), None)


def _day(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return value.strftime("%d/%m/%Y")


def _incoming_rows(user: Any, register: Register, start: dt.date | None,
                   end: dt.date | None) -> QuerySet[IncomingDocument]:
    qs = incoming_visible_to(user).filter(register=register, number__isnull=False)
    if start:
        qs = qs.filter(received_at__date__gte=start)
    if end:
        qs = qs.filter(received_at__date__lte=end)
    return qs.select_related("document_type", "submitted_to")


def _incoming_cells(d: IncomingDocument) -> list[str]:
    handed = d.submitted_at or d.directed_at
    receiver = d.handler_label or (str(d.submitted_to) if d.submitted_to_id else "")
    notes = _("Hủy: %(reason)s") % {"reason": d.void_reason} if d.is_void else d.notes
    return [_day(d.received_at), d.number_display, d.sender_name, d.sender_notation,
            _day(d.document_date), f"{d.document_type.name}: {d.summary}", receiver,
            _day(handed), "", notes]


def _progress(d: IncomingDocument) -> str:
    label = str(IncomingStatus(d.status).label)
    if d.done_at:
        return _("%(status)s ngày %(day)s") % {"status": label, "day": _day(d.done_at)}
    return label


def _follow_up_cells(d: IncomingDocument) -> list[str]:
    described = _("%(type)s số %(notation)s ngày %(date)s của %(sender)s") % {
        "type": d.document_type.name, "notation": d.sender_notation,
        "date": _day(d.document_date), "sender": d.sender_name}
    receiver = d.handler_label or (str(d.submitted_to) if d.submitted_to_id else "")
    return [d.number_display, described, receiver, _day(d.handling_deadline), _progress(d),
            d.reply_label, d.notes]


def _outgoing_rows(user: Any, register: Register, start: dt.date | None,
                   end: dt.date | None) -> QuerySet[OutgoingDocument]:
    qs = outgoing_visible_to(user).filter(register=register, number__isnull=False)
    if start:
        qs = qs.filter(document_date__gte=start)
    if end:
        qs = qs.filter(document_date__lte=end)
    return qs.select_related("document_type", "signer", "amends").prefetch_related(
        Prefetch("recipients", queryset=OutgoingRecipient.objects.order_by("id")),
        Prefetch("dispatches", queryset=Dispatch.objects.order_by("id")))


def _outgoing_cells(d: OutgoingDocument) -> list[str]:
    notes = [d.notes] if d.notes else []
    if d.status not in (OutgoingStatus.ISSUED, OutgoingStatus.DISPATCHED):
        notes.insert(0, str(OutgoingStatus(d.status).label))
    if d.amends_id and d.amends is not None:
        notes.append(f"{d.get_amendment_display()} {d.amends.notation}")
    signer = d.signer_name or (str(d.signer) if d.signer_id else "")
    recipients = "; ".join(r.name for r in d.recipients.all())
    return [d.notation, _day(d.document_date), f"{d.document_type.name}: {d.summary}", signer,
            recipients, d.file_copy_keeper, str(d.copies or ""), _day(d.first_sent_on), "",
            ". ".join(notes)]


def _source(user: Any, book: str, register: Register, start: dt.date | None,
            end: dt.date | None) -> tuple[QuerySet[Any], Any]:
    if book == BookKind.OUTGOING:
        return _outgoing_rows(user, register, start, end), _outgoing_cells
    qs = _incoming_rows(user, register, start, end)
    if book == BookKind.FOLLOW_UP:
        qs = qs.filter(Q(handling_deadline__isnull=False) | Q(directed_at__isnull=False))
        return qs, _follow_up_cells
    return qs, _incoming_cells


def book_count(user: Any, book: str, register: Register, start: dt.date | None,
               end: dt.date | None) -> int:
    qs, _cells = _source(user, book, register, start, end)
    return qs.count()


def book_chunks(user: Any, book: str, register: Register, start: dt.date | None,
                end: dt.date | None, *, chunk: int = CHUNK,
                limit: int | None = None) -> Iterator[list[list[str]]]:
    """The book's rows as lists of cell texts, in number order, `chunk` at a time."""
    qs, cells = _source(user, book, register, start, end)
    after, given = 0, 0
    while limit is None or given < limit:
        size = chunk if limit is None else min(chunk, limit - given)
        documents = list(qs.filter(number__gt=after).order_by("number")[:size])
        if not documents:
            return
        yield [cells(d) for d in documents]
        after, given = documents[-1].number, given + len(documents)
        if len(documents) < size:
            return
