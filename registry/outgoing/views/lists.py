"""The lists: the outgoing register, my drafts, waiting for my approval, waiting for issue."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from registry.core.compiled import rows_for
from registry.core.text import fold
from registry.organisation.models import Direction
from registry.organisation.numbering import register_for_year

from ..forms import RegisterFilterForm
from ..models import OutgoingDocument
from ..selectors import (
    outgoing_awaiting_approval,
    outgoing_awaiting_issue,
    outgoing_dispatch_pending,
    outgoing_drafts_of,
    outgoing_register_rows,
    outgoing_registers_of,
)

PAGE_SIZE = 50


def _register_page(user: Any, register_id: int, filters: tuple[tuple[str, Any], ...],
                   before: int | None) -> QuerySet[OutgoingDocument]:
    qs = outgoing_register_rows(user, register_id=register_id, filters=dict(filters))
    if before is not None:
        qs = qs.filter(number__lt=before)
    return qs[:PAGE_SIZE + 1]


@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    """Sổ đăng ký văn bản đi: one register and year at a time; filters live in the URL."""
    user = request.user
    registers = outgoing_registers_of(user)
    year = timezone.localdate().year
    if user.agency_id and not any(r.year == year and not r.is_secret and not r.series
                                  for r in registers):
        register_for_year(agency=user.agency, direction=Direction.OUTGOING, year=year)
        registers = outgoing_registers_of(user)
    # Newest year first: the first normal register is this year's (the form keeps the list).
    default = next((r for r in registers if not r.is_secret and not r.series), None)
    form = RegisterFilterForm(request.GET or None, registers=registers,
                              initial={"register": default})
    filters = form.cleaned_data if form.is_valid() else {}
    register = filters.get("register") or default
    # Keyset pages by number ("truoc" = show the numbers before this one): no COUNT over a
    # register of tens of thousands of rows, and a page link stays valid while numbers are issued.
    before = request.GET.get("truoc", "")
    rows: list[Any] = []
    if register is not None:
        kept = tuple((name, getattr(value, "pk", value)) for name, value in sorted(filters.items())
                     if name != "register" and value not in (None, ""))
        rows = rows_for(_register_page, user, register.pk, kept,
                        int(before) if before.isdigit() else None)
    query = request.GET.copy()
    query.pop("truoc", None)
    return render(request, "outgoing/register_list.html", {
        "form": form, "register": register, "rows": rows[:PAGE_SIZE],
        "next_before": rows[PAGE_SIZE - 1].number if len(rows) > PAGE_SIZE else None,
        "is_first_page": not before, "query_string": query.urlencode(),
    })


@login_required
def my_drafts(request: HttpRequest) -> HttpResponse:
    page = Paginator(outgoing_drafts_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "outgoing/draft_list.html", {"page": page})


@login_required
def awaiting_approval(request: HttpRequest) -> HttpResponse:
    page = Paginator(outgoing_awaiting_approval(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "outgoing/approval_list.html", {"page": page})


@login_required
def awaiting_issue(request: HttpRequest) -> HttpResponse:
    page = Paginator(outgoing_awaiting_issue(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    dispatches = outgoing_dispatch_pending(request.user)[:100]
    return render(request, "outgoing/issue_list.html", {
        "page": page, "dispatches": dispatches, "today": timezone.localdate()})


@require_GET
@login_required
def incoming_autocomplete(request: HttpRequest) -> JsonResponse:
    """Incoming documents the user may see, for "this draft answers ..." (folded search)."""
    from registry.incoming.selectors import incoming_visible_to

    qs = incoming_visible_to(request.user).filter(number__isnull=False)
    for word in fold(request.GET.get("q", "")).split():
        qs = qs.filter(search_folded__contains=word)
    results = [
        {"id": d.pk, "name": f"{d.number:02d} – {d.sender_notation}: {d.summary[:120]}"}
        for d in qs.order_by("-received_at")[:15]
    ]
    return JsonResponse({"results": results})
