"""The yearly file list: its page with progress, making it, headings, planned files, Excel."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record

from .. import events, selectors, services
from ..forms import FileListCreateForm, HeadingForm, ImportForm, PlanForm
from ..models import FileList
from ..xlsx import filelist_xlsx, filelist_xlsx_read
from .common import errors_to_form, form_data

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _list_or_404(request: HttpRequest, year: int) -> FileList:
    file_list = selectors.filelist_for(request.user.agency_id, year)
    if file_list is None:
        raise Http404
    return file_list


def _require_list_manager(request: HttpRequest) -> None:
    if not selectors.can_manage_list(request.user, request.user.agency_id):
        raise PermissionDenied


@login_required
def filelist_current(request: HttpRequest) -> HttpResponse:
    return filelist_year(request, timezone.localdate().year)


@login_required
def filelist_year(request: HttpRequest, year: int) -> HttpResponse:
    user = request.user
    file_list = selectors.filelist_for(user.agency_id, year)
    context: dict[str, Any] = {
        "year": year, "file_list": file_list, "years": selectors.filelist_years(user.agency_id),
        "can_manage_list": selectors.can_manage_list(user, user.agency_id),
        "unplaced": list(selectors.casefiles_unplaced(user)[:20])}
    if file_list is not None:
        files = list(selectors.filelist_files(user, file_list))
        can_manage = selectors.manage_checker(user)
        for case_file in files:
            case_file.can_manage = can_manage(case_file)
        headings = selectors.filelist_headings(file_list)
        context.update(progress=selectors.filelist_progress(file_list),
                       sections=_sections(headings, files),
                       visible_ids=set(selectors.casefiles_visible_to(user).filter(
                           file_list=file_list).values_list("pk", flat=True)))
    return render(request, "casefiles/filelist_detail.html", context)


def _sections(headings: list[Any], files: list[Any]) -> list[dict[str, Any]]:
    """Headings in list order (each level-1 heading followed by its subjects), with files."""
    by_heading: dict[int | None, list[Any]] = {}
    for f in files:
        by_heading.setdefault(f.heading_id, []).append(f)
    sections = [{"heading": None, "level": 1, "files": by_heading.get(None, [])}]
    for top in (h for h in headings if h.parent_id is None):
        sections.append({"heading": top, "level": 1, "files": by_heading.get(top.pk, [])})
        sections += [{"heading": h, "level": 2, "files": by_heading.get(h.pk, [])}
                     for h in headings if h.parent_id == top.pk]
    return [s for s in sections if s["heading"] is not None or s["files"]]


def _form_page(request: HttpRequest, *, form: forms.Form, run: Callable[[dict[str, Any]], Any],
               done: str, success_url: str, title: str, year: int) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, done)
            return redirect(success_url)
    return render(request, "casefiles/filelist_form.html",
                  {"form": form, "title": title, "year": year})


@login_required
def filelist_create(request: HttpRequest, year: int) -> HttpResponse:
    _require_list_manager(request)
    years = [y for y in selectors.filelist_years(request.user.agency_id) if y != year]
    form = FileListCreateForm(form_data(request), years=years,
                              initial={"copy_from": year - 1 if year - 1 in years else None})

    def run(data: dict[str, Any]) -> FileList:
        if data["copy_from"]:
            source = _list_or_404(request, data["copy_from"])
            return services.filelist_copy(actor=request.user, source=source, year=year)
        return services.filelist_create(actor=request.user, year=year, title=data["title"])

    return _form_page(request, form=form, run=run, done=_("Đã lập danh mục hồ sơ."),
                      success_url=reverse("casefiles:list_year", args=[year]), year=year,
                      title=_("Lập danh mục hồ sơ năm %(year)s") % {"year": year})


@login_required
def heading_create(request: HttpRequest, year: int) -> HttpResponse:
    _require_list_manager(request)
    file_list = _list_or_404(request, year)
    return _form_page(
        request, form=HeadingForm(form_data(request), file_list=file_list),
        run=lambda data: services.heading_create(actor=request.user, file_list=file_list, **data),
        done=_("Đã thêm đề mục."), success_url=file_list.get_absolute_url(), year=year,
        title=_("Thêm đề mục"))


@login_required
def casefile_plan(request: HttpRequest, year: int) -> HttpResponse:
    _require_list_manager(request)
    file_list = _list_or_404(request, year)
    return _form_page(
        request, form=PlanForm(form_data(request), file_list=file_list),
        run=lambda data: services.casefile_plan(actor=request.user, file_list=file_list,
                                                spec=services.PlannedFile(**data)),
        done=_("Đã thêm hồ sơ vào danh mục."), success_url=file_list.get_absolute_url(),
        year=year, title=_("Thêm hồ sơ vào danh mục năm %(year)s") % {"year": year})


@login_required
def filelist_export(request: HttpRequest, year: int) -> HttpResponse:
    file_list = _list_or_404(request, year)
    event_record(actor=request.user, verb=events.LIST_EXPORTED, target=file_list)
    response = HttpResponse(filelist_xlsx(file_list), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="danh-muc-ho-so-{year}.xlsx"'
    return response


@login_required
def filelist_import(request: HttpRequest, year: int) -> HttpResponse:
    _require_list_manager(request)
    file_list = _list_or_404(request, year)
    form = ImportForm(request.POST or None, request.FILES or None)

    def run(data: dict[str, Any]) -> int:
        rows = filelist_xlsx_read(data["upload"], agency_id=file_list.agency_id)
        return services.filelist_import(actor=request.user, file_list=file_list, rows=rows)

    return _form_page(request, form=form, run=run, done=_("Đã nhập danh mục từ tệp Excel."),
                      success_url=file_list.get_absolute_url(), year=year,
                      title=_("Nhập danh mục năm %(year)s từ Excel") % {"year": year})
