"""The columns of an import file: the register's columns, with the type apart from the summary.

The header row must name them (with or without diacritics, in any order); the template
XLSX the page offers has exactly this row.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from registry.core.text import fold

from ..models import ImportKind


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool


INCOMING_COLUMNS = (
    Column("received_on", "Ngày đến", True),
    Column("number", "Số đến", True),
    Column("sender", "Tác giả", True),
    Column("notation", "Số, ký hiệu", True),
    Column("document_date", "Ngày tháng", True),
    Column("document_type", "Tên loại", True),
    Column("summary", "Trích yếu nội dung", True),
    Column("receiver", "Đơn vị hoặc người nhận", False),
    Column("handed_on", "Ngày chuyển", False),
    Column("notes", "Ghi chú", False),
)
OUTGOING_COLUMNS = (
    Column("notation", "Số, ký hiệu", True),
    Column("document_date", "Ngày tháng", True),
    Column("document_type", "Tên loại", True),
    Column("summary", "Trích yếu nội dung", True),
    Column("signer", "Người ký", False),
    Column("recipients", "Nơi nhận", False),
    Column("keeper", "Đơn vị, người nhận bản lưu", False),
    Column("copies", "Số lượng bản", False),
    Column("sent_on", "Ngày chuyển", False),
    Column("notes", "Ghi chú", False),
)
COLUMNS = {ImportKind.INCOMING: INCOMING_COLUMNS, ImportKind.OUTGOING: OUTGOING_COLUMNS}
MISSING_COLUMN = _("Dòng 1: thiếu cột “%(name)s”. Hãy dùng tệp mẫu.")


def header_map(kind: str, header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Column key → position in the file, and the messages for required columns not found."""
    wanted = {fold(c.header): c for c in COLUMNS[kind]}
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        column = wanted.get(fold(name))
        if column is not None and column.key not in positions:
            positions[column.key] = index
    missing = [str(MISSING_COLUMN % {"name": c.header}) for c in COLUMNS[kind]
               if c.required and c.key not in positions]
    return positions, missing
