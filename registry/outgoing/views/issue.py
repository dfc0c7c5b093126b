"""The clerk's pages: issue (ban hành), record sends, recall, void; start an amending draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import DispatchForm, IssueForm, register_choices_for
from ..models import DispatchStatus
from ..services import (
    outgoing_dispatch_mark_sent,
    outgoing_issue,
    outgoing_recall,
    outgoing_void,
)
from .common import (
    document_or_404,
    errors_to_form,
    flash_errors,
    forbidden,
    reason_action,
    refusals_answered,
)
from .drafts import stored_upload


@login_required
@refusals_answered
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    if not (request.user.is_clerk and request.user.agency_id == document.agency_id):
        return forbidden(request, document, _("Chỉ văn thư của cơ quan được ban hành văn bản."))
    form = IssueForm(request.POST or None, request.FILES or None, document=document,
                     registers=register_choices_for(document))
    if request.method == "POST" and form.is_valid():
        try:
            stored, name = stored_upload(form.cleaned_data.get("signed_file"), "signed_file")
            document = outgoing_issue(actor=request.user, document=document,
                                      fields=form.issue_fields(stored, name))
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã ban hành văn bản số %(n)s.") % {
                "n": document.notation})
            return redirect(document)
    return render(request, "outgoing/document_issue.html", {"document": document, "form": form})


@require_POST
@login_required
@refusals_answered
def dispatch(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    pending = document.dispatches.filter(status=DispatchStatus.PENDING).select_related(
        "recipient")
    form = DispatchForm(request.POST, pending=pending)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(document)
    try:
        outgoing_dispatch_mark_sent(
            actor=request.user, document=document,
            dispatch_ids=[d.pk for d in form.cleaned_data["dispatches"]],
            channel=form.cleaned_data["channel"], sent_on=form.cleaned_data["sent_on"])
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Đã ghi nhận gửi văn bản."))
    return redirect(document)


@require_POST
@login_required
@refusals_answered
def recall(request: HttpRequest, pk: int) -> HttpResponse:
    return reason_action(request, pk, outgoing_recall,
                         lambda d: _("Đã thu hồi văn bản %(n)s.") % {"n": d.notation})


@require_POST
@login_required
@refusals_answered
def void(request: HttpRequest, pk: int) -> HttpResponse:
    return reason_action(request, pk, outgoing_void,
                         lambda d: _("Đã hủy văn bản; số vẫn giữ trong sổ."))
