"""My files, the unit's files, one file's page, and what its maker does to it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registry.audit.selectors import events_for

from .. import events, selectors, services
from ..candidates import casefile_candidates
from ..documents import document_for, index_row
from ..forms import AddSearchForm, AdHocForm, CloseForm, PlaceForm
from ..models import CaseFile, CaseFileItem, CaseFileStatus
from .common import (
    PAGE_SIZE,
    errors_to_form,
    form_data,
    frozen_refusal,
    next_url,
    require_manager_page,
    run_service,
    visible_or_404,
)


def _listing(request: HttpRequest, qs: QuerySet[CaseFile], *, tab: str) -> HttpResponse:
    status = request.GET.get("trang-thai", "")
    if status in CaseFileStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casefiles/casefile_list.html", {
        "page": page, "tab": tab, "status": status, "statuses": CaseFileStatus.choices,
        "query_string": f"trang-thai={status}" if status else ""})


@login_required
def casefiles_mine(request: HttpRequest) -> HttpResponse:
    return _listing(request, selectors.casefiles_mine(request.user), tab="mine")


@login_required
def casefiles_unit(request: HttpRequest) -> HttpResponse:
    return _listing(request, selectors.casefiles_of_unit(request.user), tab="unit")


@login_required
def casefile_create(request: HttpRequest) -> HttpResponse:
    form = AdHocForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            case_file = services.casefile_open_ad_hoc(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã mở hồ sơ."))
            return redirect(case_file)
    return render(request, "casefiles/casefile_create.html", {"form": form})


@login_required
def casefile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case_file = visible_or_404(request, pk)
    entries = [{"row": index_row(item), "pk": item.pk}
               for item in selectors.casefile_items(request.user, case_file)]
    return render(request, "casefiles/casefile_detail.html", {
        "case_file": case_file, "entries": entries,
        "can_manage": selectors.can_manage(request.user, case_file),
        "doc_total": len(entries), "page_total": sum(e["row"].pages for e in entries),
        "open_work": list(selectors.casefile_open_work(case_file)[:10])
        if case_file.status == CaseFileStatus.OPEN else [],
        "handover": getattr(case_file, "handover", None) if case_file.is_frozen else None,
        "history": [(e, events.LABELS.get(e.verb, e.verb)) for e in events_for(case_file)],
    })


@require_POST
@login_required
def casefile_open(request: HttpRequest, pk: int) -> HttpResponse:
    case_file = visible_or_404(request, pk)
    return frozen_refusal(request, case_file) or run_service(
        request, case_file, lambda: services.casefile_open(actor=request.user,
                                                           case_file=case_file),
        _("Đã mở hồ sơ."))


@login_required
def casefile_add(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: find documents to add; POST: add one (kind + document id)."""
    case_file = visible_or_404(request, pk)
    require_manager_page(request, case_file)
    if refusal := frozen_refusal(request, case_file):
        return refusal
    if request.method == "POST":
        document_id = request.POST.get("document", "")
        document = document_for(request.user, request.POST.get("kind", ""),
                                int(document_id)) if document_id.isdigit() else None
        if document is None:
            messages.error(request, _("Không tìm thấy văn bản, hoặc bạn không có quyền xem."))
            return redirect(next_url(request, case_file.get_absolute_url()))
        return run_service(request, case_file, lambda: services.casefile_item_add(
            actor=request.user, case_file=case_file, document=document),
            _("Đã thêm văn bản vào hồ sơ."))
    form = AddSearchForm(request.GET or None)
    kind, query = "incoming", ""
    if form.is_valid():
        kind, query = form.cleaned_data["kind"], form.cleaned_data["q"]
    return render(request, "casefiles/casefile_add.html", {
        "case_file": case_file, "form": form, "kind": kind,
        "candidates": casefile_candidates(request.user, case_file, kind=kind, query=query)})


@require_POST
@login_required
def casefile_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    case_file = visible_or_404(request, pk)
    require_manager_page(request, case_file)
    item = CaseFileItem.objects.filter(pk=item_pk, case_file=case_file).select_related(
        "case_file").first()
    if refusal := frozen_refusal(request, case_file):
        return refusal
    if item is None:
        return redirect(case_file)
    return run_service(request, case_file, lambda: services.casefile_item_remove(
        actor=request.user, item=item), _("Đã rút văn bản khỏi hồ sơ."))


@login_required
def casefile_place(request: HttpRequest, pk: int) -> HttpResponse:
    case_file = visible_or_404(request, pk)
    if not (selectors.can_manage(request.user, case_file)
            or selectors.can_manage_list(request.user, case_file.agency_id)):
        raise PermissionDenied
    if refusal := frozen_refusal(request, case_file):
        return refusal
    year_text = request.GET.get("nam", "")
    year = int(year_text) if year_text.isdigit() else case_file.year
    file_list = selectors.filelist_for(case_file.agency_id, year)
    form = PlaceForm(form_data(request), file_list=file_list) if file_list else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.casefile_place(actor=request.user, case_file=case_file,
                                    file_list=file_list, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã đưa hồ sơ vào danh mục."))
            return redirect(case_file)
    return render(request, "casefiles/casefile_place.html", {
        "case_file": case_file, "form": form, "year": year,
        "years": selectors.filelist_years(case_file.agency_id)})


@login_required
def casefile_close(request: HttpRequest, pk: int) -> HttpResponse:
    case_file = visible_or_404(request, pk)
    require_manager_page(request, case_file)
    if refusal := frozen_refusal(request, case_file):
        return refusal
    form = CloseForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.casefile_close(actor=request.user, case_file=case_file, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã kết thúc hồ sơ."))
            return redirect(case_file)
    return render(request, "casefiles/casefile_close.html", {
        "case_file": case_file, "form": form,
        "open_work": list(selectors.casefile_open_work(case_file)[:20])})


@require_POST
@login_required
def casefile_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    case_file = visible_or_404(request, pk)
    return frozen_refusal(request, case_file) or run_service(
        request, case_file, lambda: services.casefile_reopen(actor=request.user,
                                                             case_file=case_file),
        _("Đã mở lại hồ sơ."))
