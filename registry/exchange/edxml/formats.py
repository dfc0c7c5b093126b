"""Dates, timestamps and the DocumentId of edXML, as pure functions."""

from __future__ import annotations

import re
from datetime import date, datetime

from .errors import PacketError

DATE_FORMAT = "%Y/%m/%d"
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S"
_DATE_RE = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})")
_DATE_DMY_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def date_format(value: date) -> str:
    """`yyyy/MM/dd`."""
    return f"{value.year:04d}/{value.month:02d}/{value.day:02d}"


def timestamp_format(value: datetime) -> str:
    """`yyyy/MM/dd HH:mm:ss` (local time of the writer; edXML carries no zone)."""
    return f"{date_format(value.date())} {value.hour:02d}:{value.minute:02d}:{value.second:02d}"


def date_parse(text: str, *, element: str) -> date:
    """Read `yyyy/MM/dd` (also `yyyy-MM-dd`) or `dd/MM/yyyy`; raise PacketError otherwise."""
    text = text.strip()
    if match := _DATE_RE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DATE_DMY_RE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise PacketError(f"Ngày không hợp lệ ở {element}: “{text[:40]}” (cần yyyy/MM/dd).")
    try:
        return date(year, month, day)
    except ValueError:
        raise PacketError(f"Ngày không có thật ở {element}: “{text[:40]}”.") from None


def timestamp_parse(text: str, *, element: str) -> datetime:
    """Read `yyyy/MM/dd HH:mm:ss` (seconds optional, `T` accepted as the separator)."""
    text = text.strip()
    day_part, _, time_part = text.replace("T", " ").partition(" ")
    day = date_parse(day_part, element=element)
    if not time_part:
        return datetime(day.year, day.month, day.day)
    match = _TIME_RE.fullmatch(time_part.strip())
    if not match:
        raise PacketError(
            f"Thời điểm không hợp lệ ở {element}: “{text[:40]}” (cần yyyy/MM/dd HH:mm:ss)."
        )
    hour, minute, second = (int(part or 0) for part in match.groups())
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        raise PacketError(f"Thời điểm không có thật ở {element}: “{text[:40]}”.") from None


def document_id_build(*, organ_id: str, promulgation_date: date, number_notation: str) -> str:
    """`OrganId,yyyy/MM/dd,Number/Notation`, e.g. `000.00.00.G22,2016/07/20,7816/VPCP-TTĐT`."""
    return f"{organ_id},{date_format(promulgation_date)},{number_notation}"
