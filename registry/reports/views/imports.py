"""Bulk import of past registers: upload, watch the worker check every row, read the errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from registry.incoming.forms._widgets import form_errors_apply

from ..forms import ImportForm
from ..imports import MAX_BYTES, import_request, imports_of, template_xlsx
from ..models import ImportJob, ImportKind

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECENT_JOBS = 10


def _require_clerk(request: HttpRequest) -> None:
    if not (request.user.is_clerk and request.user.agency_id):
        raise PermissionDenied


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    _require_clerk(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", _("Tệp quá lớn; tối đa 10 MB."))
        else:
            try:
                job = import_request(actor=request.user, kind=form.cleaned_data["kind"],
                                     register=form.cleaned_data["register"],
                                     filename=upload.name, content=upload.read())
            except ValidationError as error:
                form_errors_apply(form, error)
            else:
                messages.info(request, _("Đã nhận tệp; hệ thống đang kiểm tra từng dòng."))
                return redirect(job)
    return render(request, "reports/import.html", {
        "form": form, "jobs": imports_of(request.user)[:RECENT_JOBS],
        "kinds": ImportKind.choices})


@login_required
def import_template_view(request: HttpRequest, kind: str) -> HttpResponse:
    _require_clerk(request)
    if kind not in ImportKind.values:
        raise Http404
    response = HttpResponse(template_xlsx(kind), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-so-{kind}.xlsx"'
    return response


def _job_or_404(request: HttpRequest, pk: int) -> ImportJob:
    job = imports_of(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


@login_required
def import_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/import_detail.html", {"job": _job_or_404(request, pk)})


@login_required
def import_progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/_import_progress.html", {"job": _job_or_404(request, pk)})
