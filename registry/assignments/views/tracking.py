"""Theo dõi, đôn đốc: leaders' figures per unit and per person, and the lists behind them."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import selectors
from ..forms import TrackingFilterForm
from ..tracking import (
    STATES,
    Period,
    tracking_drilldown,
    tracking_tables,
    tracking_total,
)
from .common import PAGE_SIZE, listing_context, query_string


def _filters(request: HttpRequest) -> tuple[TrackingFilterForm, Period, int | None]:
    if not request.user.is_leader:
        raise PermissionDenied
    context = listing_context()
    default = Period.default(context["today"])
    data = request.GET if "start" in request.GET else None
    form = TrackingFilterForm(data, agency_id=request.user.agency_id,
                              initial={"start": default.start, "end": default.end})
    if data is not None and form.is_valid():
        unit = form.cleaned_data["unit"]
        return form, Period(form.cleaned_data["start"], form.cleaned_data["end"]), \
            unit.pk if unit else None
    return form, default, None


@login_required
def tracking(request: HttpRequest) -> HttpResponse:
    form, period, unit_id = _filters(request)
    today = listing_context()["today"]
    agency_id = request.user.agency_id
    units, people = tracking_tables(agency_id=agency_id, period=period, today=today,
                                    unit_id=unit_id)
    base_query = f"start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}"
    return render(request, "assignments/tracking.html", {
        "form": form, "period": period, "unit_id": unit_id, "units": units, "people": people,
        "total": tracking_total(units, _("Toàn cơ quan")), "states": STATES,
        "base_query": base_query,
        # People are counted within the unit chosen: their lists are too.
        "people_query": f"{base_query}&unit={unit_id}" if unit_id else base_query,
    })


@login_required
def tracking_list(request: HttpRequest) -> HttpResponse:
    form, period, unit_id = _filters(request)
    context = listing_context()
    person = request.GET.get("person", "")
    state = request.GET.get("state", "assigned")
    qs = tracking_drilldown(
        selectors.with_deadline_state(selectors.assignments_visible_to(request.user),
                                      today=context["today"], soon=context["soon"]),
        period=period, today=context["today"], state=state, unit_id=unit_id,
        user_id=int(person) if person.isdigit() else None,
    ).select_related("assigner", "assignee_user", "assignee_unit").order_by("bucket", "deadline",
                                                                              "id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    extra: dict[str, Any] = {"form": form, "period": period, "page": page, "state": state,
                             "query_string": query_string(request)}
    return render(request, "assignments/tracking_list.html", {**context, **extra})
