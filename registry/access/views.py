"""The administrators' page of access-right changes, and the two-factor pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, twofactor
from .forms import TokenForm
from .services import access_change_confirm

PAGE_SIZE = 50


def _require_admin(request: HttpRequest) -> None:
    if not request.user.is_administrator:
        raise PermissionDenied


@login_required
def changes_view(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    show_all = request.GET.get("tat-ca") == "1"
    qs = selectors.access_changes_page(request.user, open_only=not show_all)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "access/change_list.html", {
        "page": page, "changes": page.object_list, "show_all": show_all,
        "query_string": "tat-ca=1" if show_all else "",
        "open_count": selectors.access_changes_open_count(request.user)})


@require_POST
@login_required
def confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    change = selectors.access_changes_for(request.user).filter(pk=pk).first()
    if change is None:
        raise Http404
    try:
        access_change_confirm(actor=request.user, change=change)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xác nhận thay đổi quyền truy cập."))
    return redirect("access:changes")


@login_required
def totp_setup_view(request: HttpRequest) -> HttpResponse:
    if not twofactor.totp_allowed(request.user):
        raise PermissionDenied
    confirmed = twofactor.totp_confirmed_device(request.user)
    if confirmed is not None:
        return render(request, "access/totp_status.html", {"form": TokenForm()})
    device = twofactor.totp_setup_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            twofactor.totp_confirm(request=request, device=device,
                                   token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error.message_dict["token"])
        else:
            messages.success(request, _("Đã bật xác thực hai bước."))
            return redirect("access:totp_setup")
    return render(request, "access/totp_setup.html", {
        "form": form, "qr_svg": twofactor.totp_qr_svg(device),
        "secret": twofactor.totp_secret_text(device)})


@require_POST
@login_required
def totp_remove_view(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            twofactor.totp_remove(request=request, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error.message_dict["token"])
        else:
            messages.success(request, _("Đã tắt xác thực hai bước."))
            return redirect("access:totp_setup")
    return render(request, "access/totp_status.html", {"form": form}, status=400)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/"
    return target


@login_required
def totp_verify_view(request: HttpRequest) -> HttpResponse:
    if not request.session.get(twofactor.PENDING_KEY):
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            twofactor.totp_verify(request=request, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error.message_dict["token"])
        else:
            return redirect(_next_url(request))
    return render(request, "access/totp_verify.html",
                  {"form": form, "next": _next_url(request)})

