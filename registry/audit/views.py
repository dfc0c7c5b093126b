"""The audit log viewer for administrators: filters in the URL, a fixed number of queries."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .forms import EventFilterForm
from .selectors import events_filtered, events_mark_secret

PAGE_SIZE = 50


@require_GET
@login_required
def event_list_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_administrator:
        raise PermissionDenied
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(events_filtered(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/event_list.html", {
        "form": form, "page": page, "events": events_mark_secret(list(page.object_list)),
        "query_string": query.urlencode()})
