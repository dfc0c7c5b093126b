"""Electronic agency codes: the OrganId shape and a pure parser for a CSV/XLSX list of codes.

An OrganId (Circular 10/2016/TT-BTTTT) is 13 characters, `VVV.ZZ.YY.MXX`: three levels of
digits, then a letter for the group (G central bodies, H provincial People's Committees, ...)
and two digits, e.g. `000.00.00.H41`. The list carries each code's history: active or closed
(agencies merged in 2025 closed theirs), with dates. The parser returns the good rows and, for
the rest, line-numbered Vietnamese errors; storing them is the integration's job.
"""

from __future__ import annotations

import csv
import enum
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

ORGAN_ID_RE = re.compile(r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}")
_CODE_2020_RE = re.compile(r"[A-Z0-9][A-Z0-9.\-]{2,39}")
MAX_ROWS = 50_000


def organ_id_normalise(value: str) -> str:
    """Trimmed and upper-cased (`000.00.00.h41` → `000.00.00.H41`)."""
    return value.strip().upper()


def organ_id_is_valid(value: str) -> bool:
    """True for a 13-character `VVV.ZZ.YY.MXX` code (after normalising)."""
    return ORGAN_ID_RE.fullmatch(organ_id_normalise(value)) is not None


def organ_id_validate(value: str) -> str:
    """The normalised code, or ValueError with a Vietnamese message."""
    code = organ_id_normalise(value)
    if not ORGAN_ID_RE.fullmatch(code):
        raise ValueError(
            f"Mã định danh “{value.strip()[:30]}” không đúng dạng VVV.ZZ.YY.MXX "
            "(13 ký tự, ví dụ 000.00.00.H41)."
        )
    return code


class CodeStatus(enum.StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


_STATUS_WORDS = {
    "active": CodeStatus.ACTIVE,
    "hoat dong": CodeStatus.ACTIVE,
    "dang hoat dong": CodeStatus.ACTIVE,
    "closed": CodeStatus.CLOSED,
    "da dong": CodeStatus.CLOSED,
    "dong": CodeStatus.CLOSED,
    "ngung hoat dong": CodeStatus.CLOSED,
    "da thu hoi": CodeStatus.CLOSED,
}

# Column headings accepted (folded: lower case, no diacritics) → field.
_COLUMNS = {
    "organ_id": "organ_id",
    "organid": "organ_id",
    "ma dinh danh": "organ_id",
    "name": "name",
    "ten co quan": "name",
    "parent": "parent",
    "parent_organ_id": "parent",
    "ma co quan cap tren": "parent",
    "status": "status",
    "trang thai": "status",
    "valid_from": "valid_from",
    "ngay bat dau": "valid_from",
    "valid_to": "valid_to",
    "ngay ket thuc": "valid_to",
    "code_2020": "code_2020",
    "ma qd 20/2020": "code_2020",
}
_REQUIRED = ("organ_id", "name")


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


@dataclass(frozen=True)
class AgencyCodeRow:
    """One line of the list, checked."""

    line: int
    organ_id: str
    name: str
    status: CodeStatus = CodeStatus.ACTIVE
    parent: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    code_2020: str = ""


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.line}: {self.message}"


@dataclass
class DirectoryImport:
    """The rows that passed and the errors of those that did not (a row is one or the other)."""

    rows: list[AgencyCodeRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _date(value: object, column: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%Y/%m/%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"Cột {column}: ngày “{text[:20]}” không hợp lệ (dd/mm/yyyy).")


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _row(line: int, values: dict[str, object]) -> AgencyCodeRow:
    """Check one row; ValueError with the first problem found."""
    organ_id = organ_id_validate(_cell(values.get("organ_id")))
    name = _cell(values.get("name"))
    if not name:
        raise ValueError("Thiếu tên cơ quan.")
    parent = _cell(values.get("parent"))
    if parent:
        parent = organ_id_validate(parent)
        if parent == organ_id:
            raise ValueError("Cơ quan cấp trên không thể là chính nó.")
    status_text = _fold(_cell(values.get("status")))
    status = _STATUS_WORDS.get(status_text) if status_text else CodeStatus.ACTIVE
    if status is None:
        raise ValueError(f"Trạng thái “{_cell(values.get('status'))[:20]}” không hợp lệ.")
    valid_from = _date(values.get("valid_from"), "ngày bắt đầu")
    valid_to = _date(values.get("valid_to"), "ngày kết thúc")
    if valid_from and valid_to and valid_to < valid_from:
        raise ValueError("Ngày kết thúc trước ngày bắt đầu.")
    code_2020 = _cell(values.get("code_2020")).upper()
    if code_2020 and not _CODE_2020_RE.fullmatch(code_2020):
        raise ValueError(f"Mã theo Quyết định 20/2020 “{code_2020[:40]}” không hợp lệ.")
    return AgencyCodeRow(line, organ_id, name, status, parent, valid_from, valid_to, code_2020)


def _records(data: bytes, filename: str) -> Iterator[tuple[int, list[object]]]:
    """(line number, cells) of a CSV or an XLSX file's first sheet, header included."""
    if filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        from openpyxl import load_workbook  # openpyxl parses its XML with defusedxml when present

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(row)
        finally:
            workbook.close()
        return
    text = data.decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    line = 1
    for cells in reader:
        yield line, list(cells)
        line = reader.line_num + 1


def _header(cells: Iterable[object]) -> list[str | None]:
    return [_COLUMNS.get(_fold(_cell(cell))) for cell in cells]


def parse_agency_codes(data: bytes, filename: str) -> DirectoryImport:
    """Parse a list of agency codes (CSV in UTF-8 with `,`/`;`/tab, or XLSX).

    The first row names the columns (`Mã định danh`/`organ_id`, `Tên cơ quan`/`name`,
    `Mã cơ quan cấp trên`/`parent`, `Trạng thái`/`status` (active/closed, `hoạt động`/`đã đóng`),
    `Ngày bắt đầu`/`valid_from`, `Ngày kết thúc`/`valid_to`, `Mã QĐ 20/2020`/`code_2020`).
    A file that cannot be read gives one error on line 0; a bad row gives an error on its line.
    """
    result = DirectoryImport()
    try:
        records = list(_records(data, filename))
    except UnicodeDecodeError:
        result.errors.append(RowError(0, "Tệp CSV phải được mã hóa UTF-8."))
        return result
    except Exception:  # openpyxl raises many types for a damaged workbook
        result.errors.append(RowError(0, "Không đọc được tệp (CSV hoặc XLSX)."))
        return result
    if not records:
        result.errors.append(RowError(0, "Tệp rỗng."))
        return result
    if len(records) > MAX_ROWS + 1:
        result.errors.append(RowError(0, f"Tệp quá {MAX_ROWS} dòng."))
        return result
    header_line, header_cells = records[0]
    columns = _header(header_cells)
    missing = [name for name in _REQUIRED if name not in columns]
    if missing:
        result.errors.append(
            RowError(
                header_line, "Thiếu cột bắt buộc: Mã định danh (organ_id), Tên cơ quan (name)."
            )
        )
        return result
    active_line: dict[str, int] = {}
    for line, cells in records[1:]:
        if not any(_cell(cell) for cell in cells):
            continue
        values = {col: cell for col, cell in zip(columns, cells, strict=False) if col}
        try:
            row = _row(line, values)
        except ValueError as error:
            result.errors.append(RowError(line, str(error)))
            continue
        if row.status is CodeStatus.ACTIVE:
            if row.organ_id in active_line:
                result.errors.append(
                    RowError(
                        line,
                        f"Mã {row.organ_id} đã đang hoạt động ở dòng {active_line[row.organ_id]}.",
                    )
                )
                continue
            active_line[row.organ_id] = line
        result.rows.append(row)
    return result
