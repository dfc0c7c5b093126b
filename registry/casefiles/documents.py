"""What a file needs to know about the documents it references, read through their own apps.

Reading rights come from the documents' visibility selectors (incoming, outgoing, assignments);
this module never decides who may read a document, it only asks.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, Model, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.assignments.models import Assignment, AssignmentStatus
from registry.assignments.selectors import assignments_visible_to
from registry.incoming.models import IncomingDocument
from registry.incoming.selectors import incoming_visible_to
from registry.outgoing.models import OutgoingDocument
from registry.outgoing.selectors import outgoing_visible_to

from .models import CaseFileItem, ItemKind

ITEM_RELATED = (
    "incoming__document_type", "incoming__sender", "incoming__sender_agency",
    "outgoing__document_type", "outgoing__agency",
    "assignment__completed_by", "assignment__assignee_user", "assignment__assignee_unit",
)


def visible_documents(user: Any, kind: str) -> QuerySet[Any]:
    """The documents of one kind the user may read (results: finished assignments only)."""
    if kind == ItemKind.INCOMING:
        return incoming_visible_to(user)
    if kind == ItemKind.OUTGOING:
        return outgoing_visible_to(user)
    if kind == ItemKind.RESULT:
        return assignments_visible_to(user).filter(status=AssignmentStatus.DONE)
    raise ValueError(kind)


def document_for(user: Any, kind: str, pk: int) -> Model | None:
    if kind not in ItemKind.values:
        return None
    return visible_documents(user, kind).filter(pk=pk).first()


def kind_of(document: Model) -> str:
    if isinstance(document, IncomingDocument):
        return ItemKind.INCOMING
    if isinstance(document, OutgoingDocument):
        return ItemKind.OUTGOING
    if isinstance(document, Assignment):
        return ItemKind.RESULT
    raise TypeError(type(document).__name__)


def sort_keys(document: Model) -> tuple[dt.date, dt.datetime]:
    """(date, moment) that places a document in its file's time order.

    The moment breaks ties within a day: a document received in the morning comes before the
    reply issued that afternoon.
    """
    if isinstance(document, IncomingDocument):
        return document.document_date, document.received_at
    if isinstance(document, OutgoingDocument):
        moment = document.issued_at or document.created_at or timezone.now()
        return document.document_date or timezone.localdate(moment), moment
    if isinstance(document, Assignment):
        moment = document.completed_at or document.created_at
        return timezone.localdate(moment), moment
    raise TypeError(type(document).__name__)


def items_with_rights(user: Any, items: QuerySet[CaseFileItem]) -> QuerySet[CaseFileItem]:
    """Items annotated with `can_read`: three EXISTS, so a page of items is one query."""
    return items.select_related(*ITEM_RELATED).annotate(
        can_in=Exists(incoming_visible_to(user).filter(pk=OuterRef("incoming_id"))),
        can_out=Exists(outgoing_visible_to(user).filter(pk=OuterRef("outgoing_id"))),
        can_res=Exists(assignments_visible_to(user).filter(pk=OuterRef("assignment_id"))),
    )


def split_notation(notation: str) -> tuple[str, str]:
    """"15/QĐ-UBND" → ("15", "QĐ-UBND"): CodeNumber and CodeNotation of Appendix VI."""
    notation = (notation or "").strip()
    number, slash, symbol = notation.partition("/")
    if slash and number.strip().isdigit():
        return number.strip(), symbol.strip()
    return "", notation


@dataclass(frozen=True)
class IndexRow:
    """One line of the file's index (mục lục văn bản) and one <Document> of its XML."""

    ordinal: int
    kind: str
    hidden: bool
    notation: str = ""
    date: dt.date | None = None
    author: str = ""
    summary: str = ""
    pages: int = 0
    type_name: str = ""
    description: str = ""
    url: str = ""

    @property
    def code_number(self) -> str:
        return split_notation(self.notation)[0]

    @property
    def code_notation(self) -> str:
        return split_notation(self.notation)[1]


def _incoming_row(item: CaseFileItem) -> dict[str, Any]:
    doc = item.incoming
    assert doc is not None
    sender = doc.sender_name or str(doc.sender or doc.sender_agency or "")
    return {"notation": doc.sender_notation, "date": doc.document_date, "author": sender,
            "summary": doc.summary, "pages": doc.page_count, "type_name": doc.document_type.name,
            "url": doc.get_absolute_url(),
            "description": _("Văn bản đến số %(number)s") % {"number": doc.number_display}
            if doc.number else ""}


def _outgoing_row(item: CaseFileItem) -> dict[str, Any]:
    doc = item.outgoing
    assert doc is not None
    return {"notation": doc.notation, "date": doc.document_date or item.sort_date,
            "author": doc.agency.name, "summary": doc.summary, "pages": doc.page_count,
            "type_name": doc.document_type.name, "url": doc.get_absolute_url(),
            "description": "" if doc.is_issued else _("Dự thảo, chưa ban hành")}


def _result_row(item: CaseFileItem) -> dict[str, Any]:
    task = item.assignment
    assert task is not None
    author = str(task.completed_by or task.assignee_label)
    summary = _("Kết quả: %(content)s") % {"content": task.result_note or task.content}
    return {"notation": task.result_reference, "date": item.sort_date, "author": author,
            "summary": summary, "pages": 0, "type_name": str(ItemKind.RESULT.label),
            "url": task.get_absolute_url(), "description": task.content[:300]}


def index_row(item: Any) -> IndexRow:
    """The row for an item fetched through `items_with_rights` (it carries the can_* flags)."""
    readable = {ItemKind.INCOMING: "can_in", ItemKind.OUTGOING: "can_out",
                ItemKind.RESULT: "can_res"}[item.kind]
    if not getattr(item, readable, False):
        return IndexRow(ordinal=item.ordinal, kind=item.kind, hidden=True)
    build = {ItemKind.INCOMING: _incoming_row, ItemKind.OUTGOING: _outgoing_row,
             ItemKind.RESULT: _result_row}[item.kind]
    return IndexRow(ordinal=item.ordinal, kind=item.kind, hidden=False, **build(item))
