"""Statistics: charts drawn as SVG, the numbers in tables, the same tables as XLSX."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.assignments.tracking import Period
from registry.audit.services import event_record

from .. import events
from ..charts import bar_chart, column_chart
from ..forms import PeriodForm
from ..statistics import Statistics, statistics_allowed, statistics_for, statistics_tables
from ..xlsx import tables_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _statistics(request: HttpRequest) -> tuple[PeriodForm, Statistics]:
    if not statistics_allowed(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    start, end = form.period_bounds()
    stats = statistics_for(request.user, Period(start=start, end=end),
                           today=timezone.localdate())
    return form, stats


def _charts(stats: Statistics) -> list[Any]:
    def counted(rows: Any) -> list[tuple[str, list[int]]]:
        return [(row.label, [row.value]) for row in rows]

    return [
        column_chart(title=_("Văn bản đến và đi theo tháng"),
                     labels=[m[0][:2] for m in stats.months],
                     series=[(_("Văn bản đến"), [m[1] for m in stats.months]),
                             (_("Văn bản đi"), [m[2] for m in stats.months])]),
        bar_chart(title=_("Văn bản đến theo loại"), rows=counted(stats.incoming_types),
                  names=[_("Văn bản đến")]),
        bar_chart(title=_("Văn bản đi theo loại"), rows=counted(stats.outgoing_types),
                  names=[_("Văn bản đi")]),
        bar_chart(title=_("Văn bản đến theo nơi gửi"), rows=counted(stats.senders),
                  names=[_("Văn bản đến")]),
        bar_chart(title=_("Văn bản đến theo đơn vị chủ trì"),
                  rows=counted(stats.incoming_units), names=[_("Văn bản đến")]),
        bar_chart(title=_("Văn bản đi theo đơn vị soạn thảo"),
                  rows=counted(stats.outgoing_units), names=[_("Văn bản đi")]),
        bar_chart(title=_("Giải quyết công việc theo đơn vị"),
                  rows=[(r.label, [r.on_time, r.late, r.open - r.overdue, r.overdue])
                        for r in stats.handling],
                  names=[_("Xong đúng hạn"), _("Xong trễ hạn"), _("Đang làm, còn hạn"),
                         _("Quá hạn")]),
    ]


@login_required
def statistics_view(request: HttpRequest) -> HttpResponse:
    form, stats = _statistics(request)
    return render(request, "reports/statistics.html", {
        "form": form, "stats": stats, "charts": _charts(stats),
        "tables": statistics_tables(stats), "query_string": request.GET.urlencode(),
    })


@login_required
def statistics_xlsx_view(request: HttpRequest) -> HttpResponse:
    _form, stats = _statistics(request)
    period: Period = stats.period
    heading = _("Thống kê văn bản từ %(a)s đến %(b)s") % {
        "a": f"{period.start:%d/%m/%Y}", "b": f"{period.end:%d/%m/%Y}"}
    content = tables_xlsx(statistics_tables(stats), heading=heading)
    event_record(actor=request.user, verb=events.STATISTICS_EXPORTED,
                 target=request.user.agency, payload={
                     "date_from": period.start, "date_to": period.end})
    response = HttpResponse(content, content_type=XLSX_TYPE)
    name = f"thong-ke-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


