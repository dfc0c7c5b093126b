"""Reference data every deployment needs: the document types of Appendix III and the
holiday calendar of the current and next year. Idempotent; administrators edit it after."""

import datetime as dt

from django.db import transaction

from .models import CalendarDay, CalendarDayKind, DocumentType, Position

DOCUMENT_TYPES: list[tuple[str, str, bool]] = [
    ("Công văn", "", False),
    ("Nghị quyết", "NQ", False),
    ("Quyết định", "QĐ", False),
    ("Chỉ thị", "CT", False),
    ("Quy chế", "QC", False),
    ("Quy định", "QyĐ", False),
    ("Thông cáo", "TC", False),
    ("Thông báo", "TB", False),
    ("Hướng dẫn", "HD", False),
    ("Chương trình", "CTr", False),
    ("Kế hoạch", "KH", False),
    ("Phương án", "PA", False),
    ("Đề án", "ĐA", False),
    ("Dự án", "DA", False),
    ("Báo cáo", "BC", False),
    ("Biên bản", "BB", False),
    ("Tờ trình", "TTr", False),
    ("Hợp đồng", "HĐ", False),
    ("Công điện", "CĐ", False),
    ("Bản ghi nhớ", "BGN", False),
    ("Bản thỏa thuận", "BTT", False),
    ("Giấy ủy quyền", "GUQ", False),
    ("Giấy mời", "GM", False),
    ("Giấy giới thiệu", "GGT", False),
    ("Giấy nghỉ phép", "GNP", False),
    ("Phiếu gửi", "PG", False),
    ("Phiếu chuyển", "PC", False),
    ("Phiếu báo", "PB", False),
    ("Thư công", "", False),
    ("Bản sao y", "SY", True),
    ("Bản trích sao", "TrS", True),
    ("Bản sao lục", "SL", True),
]

POSITIONS: list[tuple[str, int]] = [
    ("Chủ tịch", 10), ("Phó Chủ tịch", 20), ("Chánh Văn phòng", 30),
    ("Phó Chánh Văn phòng", 40), ("Trưởng phòng", 50), ("Phó Trưởng phòng", 60),
    ("Chuyên viên", 80), ("Văn thư", 90),
]

_D = dt.date
OFF, WORK = CalendarDayKind.DAY_OFF, CalendarDayKind.WORKING


def _span(start: dt.date, end: dt.date, name: str) -> list[tuple[dt.date, str, str]]:
    days = (end - start).days
    return [(start + dt.timedelta(days=i), OFF, name) for i in range(days + 1)]


# Labour Code art. 112 and the Government's announced swaps. 2027 follows the usual
# pattern and is marked "dự kiến" until the announcement: administrators confirm it.
CALENDAR: list[tuple[dt.date, str, str]] = [
    (_D(2026, 1, 1), OFF, "Tết Dương lịch"),
    *_span(_D(2026, 2, 14), _D(2026, 2, 22), "Tết Nguyên đán Bính Ngọ"),
    (_D(2026, 4, 27), OFF, "Giỗ Tổ Hùng Vương (nghỉ bù 26/4)"),
    (_D(2026, 4, 30), OFF, "Ngày Chiến thắng"),
    (_D(2026, 5, 1), OFF, "Quốc tế Lao động"),
    (_D(2026, 9, 1), OFF, "Quốc khánh (ngày liền kề)"),
    (_D(2026, 9, 2), OFF, "Quốc khánh"),
    (_D(2027, 1, 1), OFF, "Tết Dương lịch"),
    *_span(_D(2027, 2, 4), _D(2027, 2, 10), "Tết Nguyên đán Đinh Mùi (dự kiến)"),
    (_D(2027, 4, 16), OFF, "Giỗ Tổ Hùng Vương (dự kiến)"),
    (_D(2027, 4, 30), OFF, "Ngày Chiến thắng"),
    (_D(2027, 5, 3), OFF, "Quốc tế Lao động (nghỉ bù 1/5)"),
    (_D(2027, 9, 2), OFF, "Quốc khánh"),
    (_D(2027, 9, 3), OFF, "Quốc khánh (ngày liền kề)"),
]


@transaction.atomic
def reference_data_ensure() -> None:
    for order, (name, abbreviation, is_copy) in enumerate(DOCUMENT_TYPES):
        DocumentType.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation, "is_copy": is_copy,
                                 "sort_order": (order + 1) * 10},
        )
    for name, rank in POSITIONS:
        Position.objects.get_or_create(name=name, defaults={"rank": rank})
    for day, kind, name in CALENDAR:
        CalendarDay.objects.get_or_create(date=day, defaults={"kind": kind, "name": name})
