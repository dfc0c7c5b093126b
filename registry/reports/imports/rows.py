"""Row-by-row checks of an import file; every fault named by its line, in Vietnamese."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from registry.core.text import fold
from registry.incoming.models import SUMMARY_MAX_LENGTH
from registry.organisation.models import DocumentType, Register

from ..models import ImportKind
from .reader import Row, as_date, as_int, as_text

_LEADING_NUMBER = re.compile(r"^\s*(\d+)\s*/")


@dataclass
class Planned:
    """One valid row, ready to be written."""

    line: int
    number: int
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Checked:
    planned: list[Planned] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def fail(self, line: int, message: str) -> None:
        self.errors.append({"line": line, "message": _("Dòng %(line)s: %(message)s") % {
            "line": line, "message": message}})


def types_by_name() -> dict[str, DocumentType]:
    """Document types by folded name and by folded abbreviation ("quyet dinh", "qd")."""
    found: dict[str, DocumentType] = {}
    for doc_type in DocumentType.objects.all():
        found.setdefault(fold(doc_type.name), doc_type)
        if doc_type.abbreviation:
            found.setdefault(fold(doc_type.abbreviation), doc_type)
    return found


class RowReader:
    """Reads one row's cells by column key, collecting the faults."""

    def __init__(self, line: int, cells: list[Any], positions: dict[str, int]) -> None:
        self.line, self.cells, self.positions = line, cells, positions
        self.faults: list[str] = []

    def raw(self, key: str) -> Any:
        index = self.positions.get(key)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def text(self, key: str, label: str, *, required: bool = False, limit: int = 300) -> str:
        value = as_text(self.raw(key))
        if required and not value:
            self.faults.append(_("thiếu “%(col)s”.") % {"col": label})
        elif len(value) > limit:
            self.faults.append(_("“%(col)s” dài quá %(n)s ký tự.") % {"col": label, "n": limit})
        return value

    def date(self, key: str, label: str, *, required: bool = False) -> dt.date | None:
        try:
            value = as_date(self.raw(key))
        except ValueError:
            self.faults.append(_("“%(col)s” không phải ngày hợp lệ (dd/mm/yyyy).") % {
                "col": label})
            return None
        if required and value is None:
            self.faults.append(_("thiếu “%(col)s”.") % {"col": label})
        return value

    def number(self, key: str, label: str, *, required: bool = False) -> int | None:
        try:
            value = as_int(self.raw(key))
        except ValueError:
            self.faults.append(_("“%(col)s” phải là số nguyên dương.") % {"col": label})
            return None
        if value is not None and value <= 0:
            self.faults.append(_("“%(col)s” phải là số nguyên dương.") % {"col": label})
            return None
        if required and value is None:
            self.faults.append(_("thiếu “%(col)s”.") % {"col": label})
        return value


def _common(reader: RowReader, register: Register,
            types: dict[str, DocumentType]) -> dict[str, Any]:
    type_name = reader.text("document_type", "Tên loại", required=True)
    doc_type = types.get(fold(type_name)) if type_name else None
    if type_name and doc_type is None:
        reader.faults.append(_("không có loại văn bản “%(t)s” trong danh mục.") % {"t": type_name})
    return {
        "document_type": doc_type,
        "summary": reader.text("summary", "Trích yếu nội dung", required=True,
                               limit=SUMMARY_MAX_LENGTH),
        "notes": reader.text("notes", "Ghi chú", limit=300),
    }


def _incoming_row(reader: RowReader, register: Register,
                  types: dict[str, DocumentType]) -> tuple[int | None, dict[str, Any]]:
    values = _common(reader, register, types)
    number = reader.number("number", "Số đến", required=True)
    received = reader.date("received_on", "Ngày đến", required=True)
    document_date = reader.date("document_date", "Ngày tháng", required=True)
    values |= {
        "received_on": received, "document_date": document_date,
        "sender": reader.text("sender", "Tác giả", required=True, limit=255),
        "notation": reader.text("notation", "Số, ký hiệu", required=True, limit=100),
        "receiver": reader.text("receiver", "Đơn vị hoặc người nhận", limit=300),
        "handed_on": reader.date("handed_on", "Ngày chuyển"),
    }
    if received and received.year != register.year:
        reader.faults.append(_("ngày đến %(d)s không thuộc năm %(y)s của sổ.") % {
            "d": f"{received:%d/%m/%Y}", "y": register.year})
    if received and document_date and document_date > received:
        reader.faults.append(_("ngày văn bản sau ngày đến."))
    return number, values


def _outgoing_row(reader: RowReader, register: Register,
                  types: dict[str, DocumentType]) -> tuple[int | None, dict[str, Any]]:
    values = _common(reader, register, types)
    notation = reader.text("notation", "Số, ký hiệu", required=True, limit=80)
    match = _LEADING_NUMBER.match(notation)
    number = int(match.group(1)) if match and int(match.group(1)) > 0 else None
    if notation and number is None:
        reader.faults.append(_("số, ký hiệu “%(n)s” phải bắt đầu bằng số rồi dấu “/”, "
                               "ví dụ 15/QĐ-UBND.") % {"n": notation})
    document_date = reader.date("document_date", "Ngày tháng", required=True)
    if document_date and document_date.year != register.year:
        reader.faults.append(_("ngày %(d)s không thuộc năm %(y)s của sổ.") % {
            "d": f"{document_date:%d/%m/%Y}", "y": register.year})
    recipients = [" ".join(n.split()) for n in
                  re.split(r"[;\n]", reader.text("recipients", "Nơi nhận", limit=4000))]
    values |= {
        "notation": notation, "document_date": document_date,
        "signer": reader.text("signer", "Người ký", limit=200),
        "recipients": [n for n in recipients if n],
        "keeper": reader.text("keeper", "Đơn vị, người nhận bản lưu", limit=200),
        "copies": reader.number("copies", "Số lượng bản") or 0,
        "sent_on": reader.date("sent_on", "Ngày chuyển"),
    }
    if values["copies"] > 32767:
        reader.faults.append(_("số lượng bản quá lớn."))
    return number, values


ROW_CHECKS: dict[str, Callable[..., tuple[int | None, dict[str, Any]]]] = {
    ImportKind.INCOMING: _incoming_row, ImportKind.OUTGOING: _outgoing_row}


def rows_check(kind: str, register: Register, rows: list[Row], positions: dict[str, int],
               used: set[int], *, progress: Callable[[int], None] | None = None) -> Checked:
    """Check every row; numbers must be new to the register and unique in the file."""
    checked, types, seen = Checked(), types_by_name(), {}
    for done, (line, cells) in enumerate(rows, start=1):
        reader = RowReader(line, cells, positions)
        number, values = ROW_CHECKS[kind](reader, register, types)
        if number is not None and number in used:
            reader.faults.append(_("số %(n)02d đã có trong sổ %(r)s.") % {
                "n": number, "r": register.name})
        elif number is not None and number in seen:
            reader.faults.append(_("số %(n)02d trùng với dòng %(other)s.") % {
                "n": number, "other": seen[number]})
        if number is not None:
            seen.setdefault(number, line)
        for fault in reader.faults:
            checked.fail(line, fault)
        if not reader.faults and number is not None:
            checked.planned.append(Planned(line=line, number=number, values=values))
        if progress is not None and done % 200 == 0:
            progress(done)
    return checked
