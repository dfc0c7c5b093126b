"""Reading an uploaded XLSX or CSV into numbered rows (line numbers as a spreadsheet shows)."""

import csv
import datetime as dt
import io
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_ROWS = 50_000
Row = tuple[int, list[Any]]


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    return value


def _xlsx(content: bytes) -> list[list[Any]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv(content: bytes) -> list[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Tệp CSV phải mã hóa UTF-8.")) from error
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def rows_read(content: bytes, filename: str) -> tuple[list[str], list[Row]]:
    """(header, [(line number, cells)]) with blank lines skipped; ValidationError if unreadable."""
    try:
        if zipfile.is_zipfile(io.BytesIO(content)):
            table = _xlsx(content)
        elif filename.lower().endswith(".csv"):
            table = _csv(content)
        else:
            raise ValidationError(_("Chỉ nhận tệp XLSX hoặc CSV."))
    except ValidationError:
        raise
    except Exception as error:
        raise ValidationError(_("Không đọc được tệp: %(e)s") % {"e": error}) from error
    if not table:
        raise ValidationError(_("Tệp không có dòng nào."))
    header = [str(v or "") for v in table[0]]
    rows = [(line, cells) for line, cells in enumerate(table[1:], start=2)
            if any(v not in (None, "") for v in cells)]
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("Tệp có %(n)s dòng; mỗi lần nhập tối đa %(max)s dòng.") % {
            "n": len(rows), "max": MAX_ROWS})
    return header, rows


def as_date(value: Any) -> dt.date | None:
    """A cell as a date: a spreadsheet date, or text dd/mm/yyyy (also yyyy-mm-dd)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def as_int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
