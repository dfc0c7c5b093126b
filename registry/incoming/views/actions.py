"""The flow's buttons: submit, return, direct, void, file, add files. Each calls one service."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import AttachForm, DirectForm, ReasonForm, SubmitForm, form_errors_apply
from ..services import (
    incoming_attach,
    incoming_direct,
    incoming_file,
    incoming_files_store,
    incoming_return,
    incoming_submit,
    incoming_void,
)
from ._helpers import document_or_404, require


def _flash_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_POST
@login_required
def submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    form = SubmitForm(request.POST, agency_id=document.agency_id)
    if not form.is_valid():
        _flash_errors(request, ValidationError(list(form.errors.values())))
        return redirect(document)
    try:
        incoming_submit(actor=request.user, document=document, **form.cleaned_data)
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(request, _("Đã trình %(leader)s.")
                         % {"leader": form.cleaned_data["leader"]})
    return redirect(document)


@require_POST
@login_required
def file_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    try:
        incoming_file(actor=request.user, document=document)
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(request, _("Đã lưu hồ sơ."))
    return redirect(document)


@require_POST
@login_required
def attach_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    form = AttachForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors.get("attachments", [])))
        stored = incoming_files_store(uploads=form.cleaned_data["attachments"])
        incoming_attach(actor=request.user, document=document, attachments=stored)
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(request, _("Đã thêm tệp đính kèm."))
    return redirect(document)


def _reason_page(request: HttpRequest, pk: int, *, service: Callable[..., Any], title: str,
                 button: str, done: str, allowed: Callable[[Any], bool]) -> HttpResponse:
    document = document_or_404(request, pk)
    require(allowed(request.user) and document.agency_id == request.user.agency_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, document=document, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form_errors_apply(form, exc)
        else:
            messages.success(request, done)
            return redirect(document)
    return render(request, "incoming/document_reason.html",
                  {"document": document, "form": form, "title": title, "button": button})


@login_required
def return_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _reason_page(request, pk, service=incoming_return,
                        title=_("Trả lại văn bản cho văn thư"), button=_("Trả lại"),
                        done=_("Đã trả lại văn bản cho văn thư."),
                        allowed=lambda user: user.is_leader)


@login_required
def void_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _reason_page(request, pk, service=incoming_void, title=_("Hủy văn bản đến"),
                        button=_("Hủy văn bản"),
                        done=_("Đã hủy văn bản; số đến vẫn giữ trong sổ."),
                        allowed=lambda user: user.is_clerk)


@login_required
def direct_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    require(request.user.is_leader and document.agency_id == request.user.agency_id)
    form = DirectForm(request.POST or None, agency_id=document.agency_id)
    if request.method == "POST" and form.is_valid():
        try:
            incoming_direct(actor=request.user, document=document, **form.handlers())
        except ValidationError as exc:
            form_errors_apply(form, exc)
        else:
            messages.success(request, _("Đã chỉ đạo và giao việc."))
            return redirect(document)
    attachments = document.attachments.select_related("stored_file")
    preview = next((a for a in attachments if a.is_pdf), None)  # read beside the form
    return render(request, "incoming/document_direct.html", {
        "document": document, "form": form, "preview": preview,
        "can_return": document.status == "submitted"})
