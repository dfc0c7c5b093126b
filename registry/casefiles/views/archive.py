"""Hand-over, the archive package download, the yearly archive due list, suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import selectors, services
from ..archive.package import package_for_download
from ..documents import document_for
from ..forms import HandOverForm
from ..models import CaseFileStatus, ItemKind
from ..suggestions import casefile_suggestions_for
from .common import errors_to_form, form_data, frozen_refusal, require_manager_page, visible_or_404


@login_required
def casefile_hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    case_file = visible_or_404(request, pk)
    require_manager_page(request, case_file)
    if refusal := frozen_refusal(request, case_file):
        return refusal
    form = HandOverForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.casefile_hand_over(actor=request.user, case_file=case_file,
                                        received_by=form.cleaned_data["received_by"])
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã nộp lưu hồ sơ. Hồ sơ không còn thay đổi được."))
            return redirect(case_file)
    return render(request, "casefiles/casefile_hand_over.html",
                  {"case_file": case_file, "form": form})


def _zip_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(bytes(data), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def casefile_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The archive package (see `package_for_download`)."""
    case_file = visible_or_404(request, pk)
    if case_file.status == CaseFileStatus.PLANNED:
        raise Http404
    return _zip_response(*package_for_download(request.user, case_file))


@login_required
def archive_due(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    files = list(selectors.casefiles_archive_due(request.user, year=year))
    return render(request, "casefiles/archive_due.html", {
        "files": files, "year": year, "today": timezone.localdate(),
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1)})


@login_required
def casefile_suggest(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """A partial for document pages: the files holding it and one-click suggestions."""
    if kind not in ItemKind.values:
        raise Http404
    document = document_for(request.user, kind, pk)
    if document is None:
        raise Http404
    # htmx loads the partial into the document page; without JavaScript the page's <noscript>
    # link opens it as a page of its own (the one-click forms post back the same way).
    template = "casefiles/_suggest.html" if request.htmx else "casefiles/suggest_page.html"
    return render(request, template, {
        "kind": kind, "document": document, "next": request.GET.get("next", ""),
        "containing": list(selectors.casefiles_containing(request.user, kind, pk)[:10]),
        "suggestions": casefile_suggestions_for(request.user, document)})

