"""Spreadsheets of the register books and of the statistics (openpyxl, streamed rows)."""

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .books import Book

HEADER_ROW = 5  # rows 1-3: agency, title, register and period; row 5: the columns


def _bold(sheet: Any, value: Any, size: int = 11) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.font = Font(bold=True, size=size)
    return cell


def book_xlsx(*, book: Book, agency: str, register: str, period: str,
              chunks: Iterable[list[list[str]]],
              progress: Callable[[int], None] | None = None) -> bytes:
    """Write the book; `progress(rows_so_far)` is called after each chunk."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(book.title)[:31])
    for index, width in enumerate(book.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.append([_bold(sheet, agency)])
    sheet.append([_bold(sheet, book.title, 14)])
    sheet.append([register])
    sheet.append([period])
    sheet.append([_bold(sheet, column) for column in book.columns])
    wrap = Alignment(wrap_text=True, vertical="top")
    done = 0
    for rows in chunks:
        for row in rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                cell.alignment = wrap
                cells.append(cell)
            sheet.append(cells)
        done += len(rows)
        if progress is not None:
            progress(done)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def tables_xlsx(tables: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]],
                *, heading: str) -> bytes:
    """One sheet per table: (sheet title, column names, rows)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, columns, rows in tables:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([heading])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append([title])
        sheet.append(list(columns))
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(list(row))
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
