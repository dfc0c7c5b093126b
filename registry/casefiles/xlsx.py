"""The yearly file list as a spreadsheet: exported and imported in one flat layout.

Row 1 is the list's title, row 2 the column names, then one row per file. The same layout
reads back, so last year's export edited in a spreadsheet is this year's import.
"""

import io
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from registry.organisation.models import Unit, User

from .models import CaseFile, FileList, Rights
from .services import PlannedFile

COLUMNS = ("Đề mục cấp 1", "Đề mục cấp 2", "Số và ký hiệu hồ sơ", "Tiêu đề hồ sơ",
           "Thời hạn bảo quản", "Đơn vị lập hồ sơ", "Người lập hồ sơ (tên đăng nhập)",
           "Chế độ sử dụng", "Ghi chú", "Trạng thái")
IMPORTED = 9  # the status column is for reading only
PERMANENT = "Vĩnh viễn"
WIDTHS = (28, 28, 16, 60, 14, 12, 22, 18, 30, 14)


def _headings(case_file: CaseFile) -> tuple[str, str]:
    heading = case_file.heading
    if heading is None:
        return "", ""
    if heading.parent is None:
        return heading.title, ""
    return heading.parent.title, heading.title


def filelist_xlsx(file_list: FileList) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(file_list.year)
    sheet.append([file_list.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    files = file_list.files.select_related("heading__parent", "responsible_unit",
                                           "responsible_user").order_by(
        "heading__sort_order", "heading_id", "sort_order", "code", "id")
    for f in files:
        top, sub = _headings(f)
        sheet.append([top, sub, f.code, f.title,
                      PERMANENT if f.retention_years is None else f.retention_years,
                      f.responsible_unit.abbreviation,
                      f.responsible_user.username if f.responsible_user else "",
                      str(Rights(f.rights).label), f.notes, f.get_status_display()])
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _retention(value: Any) -> int | None:
    text = _text(value)
    if not text or text.casefold() == PERMANENT.casefold():
        return None
    try:
        return int(float(text.split()[0]))
    except ValueError:
        raise ValueError(_("thời hạn bảo quản “%(value)s” không phải số năm hay “Vĩnh viễn”")
                         % {"value": text}) from None


def _rights(value: Any) -> str:
    text = _text(value).casefold()
    for choice in Rights:
        if text in (choice.value, str(choice.label).casefold()):
            return choice.value
    return Rights.OPEN


class _Lookup:
    def __init__(self, agency_id: int) -> None:
        self.units = {u.abbreviation.casefold(): u for u in
                      Unit.objects.filter(agency_id=agency_id)}
        self.users = {u.username.casefold(): u for u in
                      User.objects.filter(agency_id=agency_id, is_active=True)}

    def row(self, values: list[Any]) -> tuple[str, str, PlannedFile]:
        top, sub, code, title, retention, unit, username, rights, notes = (
            values + [None] * IMPORTED)[:IMPORTED]
        found_unit = self.units.get(_text(unit).casefold())
        if found_unit is None:
            raise ValueError(_("không có đơn vị “%(unit)s”") % {"unit": _text(unit)})
        user = None
        if _text(username):
            user = self.users.get(_text(username).casefold())
            if user is None:
                raise ValueError(_("không có người dùng “%(name)s”") % {"name": _text(username)})
        spec = PlannedFile(code=_text(code), title=_text(title), responsible_unit=found_unit,
                           retention_years=_retention(retention), responsible_user=user,
                           rights=_rights(rights), notes=_text(notes))
        return _text(top), _text(sub), spec


def filelist_xlsx_read(upload: IO[bytes], *, agency_id: int,
                       ) -> list[tuple[str, str, PlannedFile]]:
    """The rows of an uploaded list; a ValidationError on "upload" names every bad row."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, InvalidFileException…
        raise ValidationError({"upload": _("Tệp không phải bảng tính Excel (.xlsx).")}) from exc
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    if len(rows) < 2 or [_text(v) for v in rows[1][:IMPORTED]] != list(COLUMNS[:IMPORTED]):
        raise ValidationError({"upload": _("Dòng 2 của bảng tính phải là tên các cột như tệp "
                                           "xuất từ Docflow.")})
    lookup, result, errors = _Lookup(agency_id), [], []
    for number, values in enumerate(rows[2:], start=3):
        if not any(_text(v) for v in values):
            continue
        try:
            result.append(lookup.row(list(values)))
        except ValueError as exc:
            errors.append(_("Dòng %(line)s: %(error)s") % {"line": number, "error": exc})
    if errors:
        raise ValidationError({"upload": errors})
    if not result:
        raise ValidationError({"upload": _("Bảng tính không có hồ sơ nào.")})
    return result
