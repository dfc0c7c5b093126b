"""The register page and the three inboxes (leader, staff, clerk)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.core.compiled import rows_for
from registry.organisation.models import Register

from .. import listeners
from ..filters import IncomingFilter
from ..models import IncomingDocument
from ..selectors import (
    incoming_clerk_queue,
    incoming_for_unit,
    incoming_register_rows,
    incoming_registers_for,
    incoming_waiting_for_direction,
)
from ._helpers import query_without, require

PAGE_SIZE = 50
INBOX_PAGE_SIZE = 30


def _register_chosen(request: HttpRequest, registers: list[Register]) -> Register:
    wanted = request.GET.get("so", "")
    chosen = next((r for r in registers if str(r.pk) == wanted), None)
    year = timezone.localdate().year
    current = next((r for r in registers if r.year == year and not r.is_secret), None)
    return chosen or current or registers[0]


def _register_page(user: Any, register_id: int,
                   before: int | None) -> QuerySet[IncomingDocument]:
    return incoming_register_rows(user, register_id, before=before)[:PAGE_SIZE + 1]


@login_required
def register_view(request: HttpRequest) -> HttpResponse:
    """Sổ đăng ký văn bản đến: one register and year, newest first, keyset pages."""
    registers = list(incoming_registers_for(request.user))
    require(registers)
    register = _register_chosen(request, registers)
    before = request.GET.get("truoc", "")
    before_number = int(before) if before.isdigit() else None
    filtered = IncomingFilter(request.GET, queryset=IncomingDocument.objects.none(),
                              request=request)
    rows: list[Any] = []
    if filtered.is_valid():
        data = filtered.form.cleaned_data
        if any(data.get(name) not in (None, "") for name in filtered.filters):
            rows_qs = incoming_register_rows(request.user, register, before=before_number)
            rows = list(filtered.filter_queryset(rows_qs)[:PAGE_SIZE + 1])
        else:  # the register as it stands, page after page: its statement is compiled once
            rows = rows_for(_register_page, request.user, register.pk, before_number)
    return render(request, "incoming/document_list.html", {
        "registers": registers, "register": register, "filter": filtered,
        "rows": rows[:PAGE_SIZE],
        "next_before": rows[PAGE_SIZE - 1].number if len(rows) > PAGE_SIZE else None,
        "query_string": query_without(request, "truoc"), "is_first_page": not before,
    })


def _inbox(request: HttpRequest, rows: QuerySet[Any], **context: Any) -> HttpResponse:
    """An inbox page in two queries: the ordered ids of the whole inbox (read from the inbox
    indexes alone, which also gives the count), then the page's documents by id."""
    ids = list(rows.values_list("pk", flat=True))
    page = Paginator(ids, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    wanted = list(page.object_list)
    by_id = {document.pk: document for document in rows.filter(pk__in=wanted).order_by()}
    page.object_list = [by_id[pk] for pk in wanted if pk in by_id]
    listeners.incoming_badges_attach(page.object_list)
    return render(request, "incoming/inbox.html", {"page": page, **context})


@login_required
def waiting_view(request: HttpRequest) -> HttpResponse:
    require(request.user.is_leader)
    return _inbox(request, incoming_waiting_for_direction(request.user),
                  title=_("Văn bản chờ cho ý kiến"),
                  empty=_("Không có văn bản nào chờ bạn cho ý kiến."), action="direct")


@login_required
def unit_view(request: HttpRequest) -> HttpResponse:
    require(request.user.is_staff_member)
    open_only = request.GET.get("tat-ca") != "1"
    return _inbox(request, incoming_for_unit(request.user, open_only=open_only),
                  title=_("Văn bản đến của đơn vị"), open_only=open_only, show_toggle=True,
                  query_string="" if open_only else "tat-ca=1",
                  empty=_("Đơn vị chưa có văn bản đến nào đang xử lý."))


@login_required
def clerk_queue_view(request: HttpRequest) -> HttpResponse:
    require(request.user.is_clerk)
    return _inbox(request, incoming_clerk_queue(request.user),
                  title=_("Văn bản đến chờ văn thư xử lý"),
                  empty=_("Không có văn bản nào chờ vào sổ, chờ trình hay bị trả lại."))
