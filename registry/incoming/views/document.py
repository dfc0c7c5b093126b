"""The document page, its files (served only here, after the visibility check), the slip."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from registry.assignments.services import assignments_for_source
from registry.audit.models import Event
from registry.audit.selectors import events_for
from registry.files.services import file_response

from .. import events, listeners
from ..forms import AttachForm, SubmitForm
from ..models import IncomingDocument
from ..services import incoming_secret_opened
from ..services.flow import DIRECTABLE, FILEABLE, SUBMITTABLE
from ._helpers import document_or_404


def _changes(event: Event) -> list[tuple[str, Any, Any]]:
    """An edit's payload {field: [old, new]} with the fields' Vietnamese names."""
    if event.verb != events.UPDATED:
        return []
    names = {f.name: f.verbose_name for f in IncomingDocument._meta.fields}
    return [(str(names.get(name, name)), old, new) for name, (old, new) in event.payload.items()]


def _actions(user, document) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    own = document.agency_id == user.agency_id
    clerk, leader = own and user.is_clerk, own and user.is_leader
    lead = document.lead_user_id == user.pk or (
        document.lead_unit_id is not None and document.lead_unit_id == user.unit_id)
    return {
        "register": clerk and document.status == "received",
        "edit": clerk and document.status not in ("received", "void"),
        "submit": clerk and document.status in SUBMITTABLE,
        "direct": leader and document.status in DIRECTABLE,
        "return": leader and document.status == "submitted",
        "void": clerk and document.status != "void",
        "file": (clerk or leader or (own and lead)) and document.status in FILEABLE,
        "attach": clerk and not document.is_secret and document.status != "void",
    }


@require_GET
@login_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    incoming_secret_opened(actor=request.user, document=document)
    attachments = list(document.attachments.select_related("stored_file"))
    preview = next((a for a in attachments if str(a.pk) == request.GET.get("xem")), None) or \
        next((a for a in attachments if a.is_pdf), None)
    history = [(event, events.LABELS.get(event.verb, event.verb), _changes(event))
               for event in events_for(document)]
    assignments = assignments_for_source(document).select_related(
        "assignee_unit", "assignee_user").order_by("role", "id")
    actions = _actions(request.user, document)
    return render(request, "incoming/document_detail.html", {
        "document": document, "attachments": attachments, "preview": preview,
        "history": history, "assignments": assignments, "actions": actions,
        "submit_form": SubmitForm(agency_id=document.agency_id) if actions["submit"] else None,
        "attach_form": AttachForm() if actions["attach"] else None,
        "panels": listeners.incoming_panels(document, request.user),
    })


@require_GET
@login_required
def attachment_view(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    attachment = document.attachments.select_related("stored_file").filter(
        pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    inline = request.GET.get("xem") == "1" and attachment.is_pdf
    return file_response(stored=attachment.stored_file, filename=attachment.filename,
                         inline=inline)


@require_GET
@login_required
def slip_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Phiếu đến: what the "ĐẾN" stamp says, printable on a slip clipped to the paper."""
    document = document_or_404(request, pk)
    if document.number is None:
        raise Http404
    incoming_secret_opened(actor=request.user, document=document)
    assignments = assignments_for_source(document).select_related(
        "assignee_unit", "assignee_user").order_by("role", "id")
    return render(request, "incoming/document_slip.html",
                  {"document": document, "assignments": assignments})
