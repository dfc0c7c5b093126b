from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registry.core.counting import Capped, count_label, counts_fetch

from .forms import NotificationSettingsForm
from .selectors import UNREAD_CAP, notifications_for, unread_of
from .services import notification_settings_update, notifications_mark_read


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
def notification_bell(request: HttpRequest) -> HttpResponse:
    (unread,) = counts_fetch([Capped(unread_of(request.user), UNREAD_CAP)])
    return render(request, "notifications/_bell.html", {
        "unread_notifications": unread, "unread_label": count_label(unread, UNREAD_CAP)})


@require_POST
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and follow its link (only the recipient's own)."""
    notification = notifications_for(request.user).filter(pk=pk).first()
    if notification is None:
        return redirect("notifications:list")
    notifications_mark_read(user=request.user, ids=[pk])
    return redirect(notification.url or "notifications:list")


@require_POST
@login_required
def notification_read_all(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=request.user)
    return redirect("notifications:list")


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    """Cài đặt thông báo: whether notifications also come by e-mail."""
    # Bound to the POST even when empty: an unticked box sends nothing, and means "off".
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"email_notifications": request.user.email_notifications})
    if request.method == "POST" and form.is_valid():
        notification_settings_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Đã lưu cài đặt thông báo."))
        return redirect("notifications:settings")
    return render(request, "notifications/notification_settings.html", {"form": form})
