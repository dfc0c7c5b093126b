"""Register books: choose, print (A4 landscape), export to XLSX through a worker, download."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from registry.audit.services import event_record
from registry.files.services import file_response

from .. import events
from ..books import BOOKS, book_chunks, book_registers_for
from ..exports import export_downloaded, export_get_for, export_request, exports_of, period_label
from ..forms import BookForm
from ..models import JobStatus

PRINT_LIMIT = 5000
RECENT_EXPORTS = 10


def _require_keeper(request: HttpRequest) -> None:
    if not book_registers_for(request.user):
        raise PermissionDenied


@login_required
def index_view(request: HttpRequest) -> HttpResponse:
    _require_keeper(request)
    return render(request, "reports/index.html", {
        "form": BookForm(user=request.user),
        "exports": exports_of(request.user)[:RECENT_EXPORTS],
    })


@login_required
def book_print_view(request: HttpRequest) -> HttpResponse:
    """The book as a page to print: agency header, the decree's columns, page numbers."""
    _require_keeper(request)
    form = BookForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "reports/index.html", {
            "form": form, "exports": exports_of(request.user)[:RECENT_EXPORTS]})
    data = form.cleaned_data
    register, start, end = data["register"], data["date_from"], data["date_to"]
    rows = [row for chunk in book_chunks(request.user, data["book"], register, start, end,
                                         limit=PRINT_LIMIT + 1) for row in chunk]
    event_record(actor=request.user, verb=events.BOOK_PRINTED, target=register, payload={
        "book": data["book"], "date_from": start, "date_to": end, "rows": len(rows)})
    return render(request, "reports/book_print.html", {
        "book": BOOKS[data["book"]], "register": register, "agency": register.agency,
        "period": period_label(start, end), "rows": rows[:PRINT_LIMIT],
        "truncated": len(rows) > PRINT_LIMIT, "limit": PRINT_LIMIT, "form": form,
    })


@login_required
@require_POST
def export_create_view(request: HttpRequest) -> HttpResponse:
    form = BookForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "reports/index.html", {
            "form": form, "exports": exports_of(request.user)[:RECENT_EXPORTS]}, status=400)
    data = form.cleaned_data
    export = export_request(actor=request.user, book=data["book"],
                            register_id=data["register"].pk, date_from=data["date_from"],
                            date_to=data["date_to"])
    return redirect(export)


def _export_or_404(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    export = export_get_for(request.user, pk)
    if export is None:
        raise Http404
    return export


@login_required
def export_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/export_detail.html",
                  {"export": _export_or_404(request, pk)})


@login_required
def export_progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The htmx partial polled every second while the worker writes the file."""
    return render(request, "reports/_export_progress.html",
                  {"export": _export_or_404(request, pk)})


@login_required
def export_download_view(request: HttpRequest, pk: int) -> HttpResponse:
    export = _export_or_404(request, pk)
    if export.status != JobStatus.DONE or export.stored_file is None:
        raise Http404
    export_downloaded(actor=request.user, export=export)
    return file_response(stored=export.stored_file, filename=export.filename, inline=False)
