"""Writing drafts: the draft form (create and edit), new versions, submitting, abandoning."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registry.files.services import file_store, sanitise_filename
from registry.organisation.models import Correspondent

from ..forms import DraftForm, TaskFormSet, VersionForm
from ..models import OutgoingDocument
from ..services import (
    outgoing_draft_create,
    outgoing_draft_update,
    outgoing_draft_void,
    outgoing_submit,
    outgoing_version_add,
)
from .common import (
    document_or_404,
    errors_to_form,
    flash_errors,
    forbidden,
    reason_action,
    refusals_answered,
)


def stored_upload(upload: Any, field: str = "file") -> tuple[Any, str]:
    """Check and store an upload before the service's transaction; errors name the field."""
    if not upload:
        return None, ""
    name = sanitise_filename(upload.name)
    try:
        return file_store(upload=upload, name=name, size=upload.size), name
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


def _initial_for_new(request: HttpRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    if request.GET.get("sua-doi"):
        initial["amends"] = request.GET["sua-doi"]
        initial["amendment"] = request.GET.get("tac-dong", "")
    return initial


def _draft_page(request: HttpRequest, document: OutgoingDocument | None) -> HttpResponse:
    user = request.user
    if document is None:
        initial = _initial_for_new(request)
        task_initial: list[dict[str, Any]] = []
    else:
        initial = DraftForm.initial_from(document)
        task_initial = [{"unit": t.unit_id, "user": t.user_id, "content": t.content,
                         "deadline": t.deadline, "deadline_days": t.deadline_days}
                        for t in document.tasks.all()]
    form = DraftForm(request.POST or None, request.FILES or None, user=user, initial=initial)
    tasks = TaskFormSet(request.POST or None, prefix="tasks", initial=task_initial,
                        form_kwargs={"user": user})
    if request.method == "POST" and form.is_valid() and tasks.is_valid():
        specs = [spec for t in tasks if (spec := t.task_spec()) is not None]
        try:
            stored, name = stored_upload(form.cleaned_data.get("file"))
            kwargs = {"actor": user, "fields": form.draft_fields(specs), "stored_file": stored,
                      "filename": name, "version_note": form.cleaned_data["version_note"]}
            if document is None:
                document = outgoing_draft_create(**kwargs)
            else:
                document = outgoing_draft_update(document=document, **kwargs)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã lưu dự thảo."))
            return redirect(document)
    chosen = form["recipient_correspondents"].value() or []
    answers = form["answers"].value() or []
    return render(request, "outgoing/draft_form.html", {
        "form": form, "tasks": tasks, "document": document,
        "chosen_correspondents": Correspondent.objects.filter(pk__in=[c for c in chosen if
                                                                      str(c).isdigit()]),
        "chosen_answers": form.fields["answers"].queryset.filter(
            pk__in=[a for a in answers if str(a).isdigit()]),
    })


@login_required
def draft_create(request: HttpRequest) -> HttpResponse:
    return _draft_page(request, None)


@login_required
@refusals_answered
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    if document.drafter_id != request.user.pk:
        return forbidden(request, document, _("Chỉ người soạn thảo được sửa dự thảo."))
    return _draft_page(request, document)


@require_POST
@login_required
@refusals_answered
def version_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(document)
    try:
        stored, name = stored_upload(form.cleaned_data["file"])
        version = outgoing_version_add(actor=request.user, document=document, stored_file=stored,
                                       filename=name, note=form.cleaned_data["note"])
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Đã tải lên phiên bản %(n)s.") % {"n": version.number})
    return redirect(request.POST.get("next") or document.get_absolute_url())


@require_POST
@login_required
@refusals_answered
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    try:
        outgoing_submit(actor=request.user, document=document)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Đã trình dự thảo."))
    return redirect(document)


@require_POST
@login_required
@refusals_answered
def draft_void(request: HttpRequest, pk: int) -> HttpResponse:
    return reason_action(request, pk, outgoing_draft_void, lambda d: _("Đã hủy dự thảo."))
