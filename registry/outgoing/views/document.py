"""The document page and its files (served only after the selector said yes)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from registry.audit.selectors import events_for
from registry.audit.services import event_record
from registry.files.services import file_response

from .. import events, listeners
from ..forms import DispatchForm, ReasonForm, VersionForm
from ..models import (
    ApprovalStepStatus,
    DispatchStatus,
    DraftVersion,
    OutgoingDocument,
    OutgoingStatus,
)
from ..presenters import document_actions, incoming_states
from .common import document_or_404


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    if document.is_secret:
        event_record(actor=request.user, verb=events.OPENED_SECRET, target=document)
    versions = list(document.versions.select_related("uploaded_by", "stored_file")
                    .order_by("-number"))
    dispatches = list(document.dispatches.select_related("recipient", "sent_by"))
    states = incoming_states(dispatches) | listeners.dispatch_states(dispatches)
    for dispatch in dispatches:
        dispatch.incoming_state = states.get(dispatch.pk)
    pending = document.dispatches.filter(status=DispatchStatus.PENDING).select_related(
        "recipient")
    return render(request, "outgoing/document_detail.html", {
        "document": document,
        "versions": versions,
        "current_version": versions[0] if versions else None,
        "steps": document.steps.select_related("approver").order_by("order"),
        "decisions": document.decisions.select_related("actor", "step"),
        "recipients": document.recipients.all(),
        "tasks": document.tasks.select_related("unit", "user"),
        "dispatches": dispatches,
        "dispatch_form": DispatchForm(pending=pending) if pending else None,
        "amended_by": document.amended_by.select_related("document_type")
        .exclude(status=OutgoingStatus.VOID),
        "history": [(e, events.VERB_LABELS.get(e.verb, e.verb)) for e in events_for(document)],
        "actions": document_actions(request.user, document),
        "version_form": VersionForm(),
        "reason_form": ReasonForm(),
        "answers": document.answers.select_related("sender"),
        "StepStatus": ApprovalStepStatus,
    })


def _no_files_for_secret(document: OutgoingDocument) -> None:
    if document.is_secret:
        raise Http404


@login_required
def version_file(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document = document_or_404(request, pk)
    _no_files_for_secret(document)
    version = get_object_or_404(DraftVersion.objects.select_related("stored_file"),
                                document=document, number=number)
    return file_response(stored=version.stored_file, filename=version.filename,
                         inline=request.GET.get("tai") != "1")


@login_required
def signed_file(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    _no_files_for_secret(document)
    if document.signed_file is None:
        raise Http404
    return file_response(stored=document.signed_file, filename=document.signed_filename,
                         inline=request.GET.get("tai") != "1")
