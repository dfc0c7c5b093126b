"""Figures for leaders and clerks: received and issued per month, type, sender and unit,
and handling on time / late / overdue per unit. Each table is one aggregate query."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext as _

from registry.assignments.tracking import Period, TrackingRow, tracking_by_unit
from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.incoming.selectors import incoming_visible_to
from registry.outgoing.models import OutgoingDocument, OutgoingStatus
from registry.outgoing.selectors import outgoing_visible_to

TOP = 15


@dataclass(frozen=True)
class Counted:
    label: str
    value: int


@dataclass
class Statistics:
    period: Period
    months: list[tuple[str, int, int]] = field(default_factory=list)  # (month, in, out)
    incoming_types: list[Counted] = field(default_factory=list)
    outgoing_types: list[Counted] = field(default_factory=list)
    senders: list[Counted] = field(default_factory=list)
    incoming_units: list[Counted] = field(default_factory=list)
    outgoing_units: list[Counted] = field(default_factory=list)
    handling: list[TrackingRow] = field(default_factory=list)

    @property
    def total_in(self) -> int:
        return sum(m[1] for m in self.months)

    @property
    def total_out(self) -> int:
        return sum(m[2] for m in self.months)


def statistics_allowed(user: Any) -> bool:
    return bool(user.agency_id) and (user.is_leader or user.is_clerk)


def _received(user: Any, period: Period) -> QuerySet[IncomingDocument]:
    start, end = period.bounds()
    return (incoming_visible_to(user)
            .filter(agency_id=user.agency_id, number__isnull=False,
                    received_at__gte=start, received_at__lt=end)
            .exclude(status=IncomingStatus.VOID))


def _issued(user: Any, period: Period) -> QuerySet[OutgoingDocument]:
    return (outgoing_visible_to(user)
            .filter(agency_id=user.agency_id, number__isnull=False,
                    document_date__gte=period.start, document_date__lte=period.end)
            .exclude(status=OutgoingStatus.VOID))


def _counted(qs: QuerySet[Any], key: str, *, top: int | None = None) -> list[Counted]:
    rows = qs.values(key).annotate(n=Count("id")).order_by("-n", key)
    if top:
        rows = rows[:top]
    return [Counted(label=row[key] or _("(không ghi)"), value=row["n"]) for row in rows]


def _by_month(qs: QuerySet[Any], field_name: str) -> dict[tuple[int, int], int]:
    rows = (qs.annotate(y=ExtractYear(field_name), m=ExtractMonth(field_name))
            .values("y", "m").annotate(n=Count("id")).order_by())
    return {(row["y"], row["m"]): row["n"] for row in rows}


def _months(period: Period) -> list[tuple[int, int]]:
    months, year, month = [], period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def statistics_for(user: Any, period: Period, *, today: dt.date) -> Statistics:
    """Eight aggregate queries whatever the number of documents (asserted in the tests)."""
    received, issued = _received(user, period), _issued(user, period)
    incoming_months = _by_month(received, "received_at")
    outgoing_months = _by_month(issued, "document_date")
    stats = Statistics(period=period)
    stats.months = [(f"{m:02d}/{y}", incoming_months.get((y, m), 0),
                     outgoing_months.get((y, m), 0)) for y, m in _months(period)]
    stats.incoming_types = _counted(received, "document_type__name")
    stats.outgoing_types = _counted(issued, "document_type__name")
    stats.senders = _counted(received, "sender_name", top=TOP)
    stats.incoming_units = _counted(received, "lead_unit__name")
    stats.outgoing_units = _counted(issued, "drafting_unit__name")
    stats.handling = tracking_by_unit(agency_id=user.agency_id, period=period, today=today)
    return stats


def statistics_tables(stats: Statistics) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The same figures as rows, for the page's tables and for the XLSX."""
    def pairs(rows: list[Counted]) -> list[list[Any]]:
        return [[row.label, row.value] for row in rows]

    return [
        (_("Theo tháng"), [_("Tháng"), _("Văn bản đến"), _("Văn bản đi")],
         [list(m) for m in stats.months]),
        (_("Văn bản đến theo loại"), [_("Loại văn bản"), _("Số văn bản")],
         pairs(stats.incoming_types)),
        (_("Văn bản đi theo loại"), [_("Loại văn bản"), _("Số văn bản")],
         pairs(stats.outgoing_types)),
        (_("Văn bản đến theo nơi gửi"), [_("Cơ quan gửi"), _("Số văn bản")],
         pairs(stats.senders)),
        (_("Văn bản đến theo đơn vị chủ trì"), [_("Đơn vị"), _("Số văn bản")],
         pairs(stats.incoming_units)),
        (_("Văn bản đi theo đơn vị soạn thảo"), [_("Đơn vị"), _("Số văn bản")],
         pairs(stats.outgoing_units)),
        (_("Giải quyết theo đơn vị"),
         [_("Đơn vị"), _("Được giao"), _("Xong đúng hạn"), _("Xong trễ hạn"), _("Đang làm"),
          _("Quá hạn")],
         [[r.label, r.assigned, r.on_time, r.late, r.open, r.overdue] for r in stats.handling]),
    ]
