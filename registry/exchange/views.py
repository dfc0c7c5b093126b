"""The electronic inbox: open a packet, accept it (register) or refuse it; recipients' states."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from registry.incoming.selectors import incoming_get_for

from .config import accept_days
from .forms import RefuseForm
from .models import PacketState, ReceivedChange
from .presenters import signature_badge
from .selectors import (
    packet_get_for,
    packets_inbox,
    recipient_states_for,
    recipients_not_accepted,
)
from .services import change_apply, packet_accept, packet_refuse

PAGE_SIZE = 30
TABS = (PacketState.RECEIVED, PacketState.QUARANTINED, PacketState.REFUSED,
        PacketState.ACCEPTED, PacketState.DUPLICATE, PacketState.APPLIED)


def _require(condition: object) -> None:
    if not condition:
        raise PermissionDenied


@require_GET
@login_required
def inbox_view(request: HttpRequest) -> HttpResponse:
    _require(request.user.is_clerk or request.user.is_administrator)
    state = request.GET.get("trang-thai", PacketState.RECEIVED)
    if state not in TABS:
        state = PacketState.RECEIVED
    page = Paginator(packets_inbox(request.user, state=state), PAGE_SIZE).get_page(
        request.GET.get("page"))
    for packet in page.object_list:
        packet.badge = signature_badge(packet)
    return render(request, "exchange/packet_list.html", {
        "page": page, "state": state, "query_string": f"trang-thai={state}",
        "tabs": [(tab, PacketState(tab).label) for tab in TABS]})


@require_GET
@login_required
def packet_view(request: HttpRequest, pk: int) -> HttpResponse:
    packet = packet_get_for(request.user, pk)
    if packet is None:
        raise Http404
    document = packet.incoming_document
    attachments = list(document.attachments.select_related("stored_file")) if document else []
    can_decide = (request.user.is_clerk and request.user.agency_id == packet.agency_id
                  and packet.state == PacketState.RECEIVED)
    return render(request, "exchange/packet_detail.html", {
        "packet": packet, "document": document, "attachments": attachments,
        "badge": signature_badge(packet), "can_decide": can_decide,
        "refuse_form": RefuseForm() if can_decide else None})


@require_POST
@login_required
def accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    packet = packet_get_for(request.user, pk)
    if packet is None:
        raise Http404
    try:
        document = packet_accept(actor=request.user, packet=packet)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(packet)
    messages.success(request, _("Đã tiếp nhận và vào sổ văn bản đến số %(number)s.")
                     % {"number": document.number_display})
    return redirect(document)


@require_POST
@login_required
def refuse_view(request: HttpRequest, pk: int) -> HttpResponse:
    packet = packet_get_for(request.user, pk)
    if packet is None:
        raise Http404
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            packet_refuse(actor=request.user, packet=packet, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã từ chối văn bản; cơ quan gửi được báo lý do."))
            return redirect("exchange:inbox")
    return render(request, "exchange/packet_detail.html", {
        "packet": packet, "document": packet.incoming_document, "attachments": [],
        "badge": signature_badge(packet), "can_decide": True, "refuse_form": form}, status=400)


@require_POST
@login_required
def change_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(ReceivedChange.objects.select_related("document"), pk=pk)
    document = incoming_get_for(request.user, change.document_id)
    if document is None:
        raise Http404
    try:
        change_apply(actor=request.user, change=change)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã áp dụng."))
    return redirect(document)


@require_GET
@login_required
def recipients_view(request: HttpRequest) -> HttpResponse:
    _require(request.user.is_clerk or request.user.is_leader or request.user.is_staff_member)
    days = accept_days()
    late = list(recipients_not_accepted(request.user, days=days)[:200])
    page = Paginator(recipient_states_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "exchange/recipient_list.html",
                  {"late": late, "days": days, "page": page, "query_string": ""})
