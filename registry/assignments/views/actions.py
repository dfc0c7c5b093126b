"""One page (or inline htmx form) per thing a person does to an assignment: report progress,
finish, ask for more time, decide on it, hand the work on. Each calls one service."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registry.files.services import file_response

from .. import selectors, services
from ..forms import (
    CompleteForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    ProgressForm,
    ReassignForm,
)
from ..models import Assignment, ExtensionRequest, ProgressAttachment
from ..services.common import is_handler, is_unit_head, unit_of
from .common import errors_to_form, form_data, form_files, next_url, visible_or_404

Allowed = Callable[[Any, Assignment], bool]


def _action(request: HttpRequest, assignment: Assignment, *, form: forms.Form, allowed: Allowed,
            run: Callable[[dict[str, Any]], Any], title: str, submit: str,
            done: str) -> HttpResponse:
    if not allowed(request.user, assignment):
        raise PermissionDenied
    if not assignment.is_open:
        messages.info(request, _("Công việc đã kết thúc."))
        return redirect(assignment)
    # Ids unique per assignment: My tasks may show several inline forms at once.
    form.auto_id = f"a{assignment.pk}_%s"
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, done)
            return redirect(next_url(request, assignment.get_absolute_url()))
    partial = request.htmx and request.method == "GET"
    return render(request, "assignments/_action_form.html" if partial
                  else "assignments/assignment_action.html",
                  {"assignment": assignment, "form": form, "title": title, "submit": submit,
                   "action": request.path, "next": next_url(request, "")})


@login_required
def assignment_progress(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_or_404(request, pk)
    form = ProgressForm(form_data(request), form_files(request),
                        initial={"percent": assignment.progress_percent})
    return _action(
        request, assignment, form=form, allowed=is_handler,
        run=lambda data: services.assignment_report_progress(
            actor=request.user, assignment=assignment, **data),
        title=_("Báo cáo tiến độ"), submit=_("Gửi báo cáo"), done=_("Đã ghi báo cáo tiến độ."))


@login_required
def assignment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_or_404(request, pk)
    return _action(
        request, assignment, form=CompleteForm(form_data(request)), allowed=is_handler,
        run=lambda data: services.assignment_complete(
            actor=request.user, assignment=assignment, **data),
        title=_("Hoàn thành công việc"), submit=_("Xác nhận hoàn thành"),
        done=_("Đã ghi nhận hoàn thành."))


@login_required
def assignment_extension(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_or_404(request, pk)
    return _action(
        request, assignment, form=ExtensionRequestForm(form_data(request)), allowed=is_handler,
        run=lambda data: services.assignment_extension_request(
            actor=request.user, assignment=assignment, **data),
        title=_("Đề nghị gia hạn"), submit=_("Gửi đề nghị"),
        done=_("Đã gửi đề nghị gia hạn tới người giao việc."))


@login_required
def assignment_reassign(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_or_404(request, pk)
    form = ReassignForm(form_data(request), unit=unit_of(assignment))
    return _action(
        request, assignment, form=form, allowed=is_unit_head,
        run=lambda data: services.assignment_reassign(
            actor=request.user, assignment=assignment, **data),
        title=_("Giao cho cán bộ trong đơn vị"), submit=_("Giao việc"),
        done=_("Đã giao việc."))


@login_required
def assignment_extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    extension = (ExtensionRequest.objects.select_related("assignment", "requested_by")
                 .filter(pk=pk, assignment__in=selectors.assignments_visible_to(request.user))
                 .first())
    if extension is None:
        raise Http404

    def run(data: dict[str, Any]) -> ExtensionRequest:
        if data["decision"] == "grant":
            return services.assignment_extension_grant(
                actor=request.user, extension=extension, deadline=data["deadline"],
                note=data["note"])
        return services.assignment_extension_refuse(actor=request.user, extension=extension,
                                                    note=data["note"])

    return _action(
        request, extension.assignment, form=ExtensionDecisionForm(form_data(request)),
        allowed=lambda user, a: a.assigner_id == user.pk, run=run,
        title=_("Quyết định gia hạn"), submit=_("Ghi quyết định"), done=_("Đã ghi quyết định."))


@require_POST
@login_required
def assignment_start(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_or_404(request, pk)
    services.assignment_start(actor=request.user, assignment=assignment)
    messages.success(request, _("Đã chuyển sang đang xử lý."))
    return redirect(next_url(request, assignment.get_absolute_url()))


@login_required
def progress_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A file of a progress report, only for those who may see the assignment."""
    attachment = (ProgressAttachment.objects.select_related("file")
                  .filter(pk=pk, report__assignment__in=selectors.assignments_visible_to(
                      request.user)).first())
    if attachment is None:
        raise Http404
    return file_response(stored=attachment.file, filename=attachment.name,
                         inline=attachment.file.content_type == "application/pdf")
