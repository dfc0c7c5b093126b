"""The search page (the navigation box lands here) and saved searches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registry.incoming.forms._widgets import form_errors_apply

from .forms import SavedSearchForm, SearchForm
from .models import SavedSearch
from .presenters import hit_views
from .selectors import SearchPage, search_documents
from .services import query_string_clean, saved_search_create, saved_search_delete

PAGE_SIZE = 20


def _results_context(request: HttpRequest, form: SearchForm) -> dict[str, object]:
    if not form.is_valid():
        return {"hits": [], "searched": False}
    params = form.params()
    page: SearchPage = search_documents(request.user, params, cursor=request.GET.get("sau"),
                                        size=PAGE_SIZE)
    # No total is counted (a common word matches tens of thousands of documents); the page
    # says which results it shows and, on the last page, how many there were in all.
    return {"hits": hit_views(page.hits, params.query), "next_cursor": page.next_cursor,
            "searched": not params.is_empty, "first_number": page.first_number,
            "last_number": page.last_number}


@login_required
def search_view(request: HttpRequest) -> HttpResponse:
    """Tìm kiếm: one box or the full form; results ranked, newest first, 20 a page."""
    form = SearchForm(request.GET or None, user=request.user)
    context = _results_context(request, form) if request.GET else {"hits": [], "searched": False}
    query = query_string_clean(request.GET.urlencode())
    return render(request, "search/search.html", {
        "form": form, **context, "query_string": query, "is_first_page": not request.GET.get("sau"),
        "saved": SavedSearch.objects.filter(user=request.user),
        "save_form": SavedSearchForm(initial={"query": query}),
    })


@login_required
@require_POST
def saved_search_create_view(request: HttpRequest) -> HttpResponse:
    form = SavedSearchForm(request.POST)
    if form.is_valid():
        try:
            saved = saved_search_create(actor=request.user, name=form.cleaned_data["name"],
                                        query=form.cleaned_data["query"])
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, _("Đã lưu tìm kiếm “%(name)s”.") % {"name": saved.name})
            return redirect(saved.get_absolute_url())
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    query = form.data.get("query", "")
    return redirect(f"{reverse('search:results')}?{query_string_clean(query)}")


@login_required
def saved_search_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "search/saved_list.html", {
        "saved": SavedSearch.objects.filter(user=request.user)})


@login_required
@require_POST
def saved_search_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved_search_delete(actor=request.user, saved=saved)
    messages.success(request, _("Đã xóa tìm kiếm “%(name)s”.") % {"name": saved.name})
    return redirect("search:saved")
