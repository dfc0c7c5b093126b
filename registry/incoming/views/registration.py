"""Registering a document (new, or one received unnumbered) and correcting it."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from registry.organisation.models import Correspondent

from ..forms import IncomingForm, form_errors_apply, registration_initial
from ..forms._widgets import DayFirstDateField
from ..models import IncomingDocument, IncomingStatus
from ..services import (
    incoming_probable_duplicates,
    incoming_register,
    incoming_register_received,
    incoming_update,
)
from ._helpers import document_or_404, require


def _initial_from_query(request: HttpRequest) -> dict[str, Any]:
    """"Lưu và nhập tiếp" comes back with the sender and the document date kept."""
    sender = Correspondent.objects.filter(pk=request.GET.get("sender") or 0).first() \
        if (request.GET.get("sender") or "").isdigit() else None
    try:
        day = DayFirstDateField(required=False).clean(request.GET.get("ngay", ""))
    except ValidationError:
        day = None
    return registration_initial(sender=sender, document_date=day)


def _duplicates(request: HttpRequest, form: IncomingForm,
                exclude_id: int | None = None) -> list[IncomingDocument]:
    data = form.cleaned_data
    sender = data.get("sender")
    return list(incoming_probable_duplicates(
        agency_id=request.user.agency_id, sender_id=getattr(sender, "pk", None),
        sender_notation=data["sender_notation"], document_date=data["document_date"],
        exclude_id=exclude_id)[:5])


@login_required
def create_view(request: HttpRequest) -> HttpResponse:
    require(request.user.is_clerk)
    form = IncomingForm(request.POST or None, request.FILES or None,
                        initial=_initial_from_query(request))
    duplicates: list[IncomingDocument] = []
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicates(request, form)
        if not duplicates or form.cleaned_data["confirm_duplicate"]:
            try:
                document = incoming_register(actor=request.user, **form.service_values())
            except ValidationError as exc:
                form_errors_apply(form, exc)
            else:
                messages.success(request, _("Đã vào sổ văn bản đến số %(number)s.")
                                 % {"number": document.number_display})
                if "save_next" in request.POST:
                    query = urlencode({"sender": document.sender_id or "",
                                       "ngay": document.document_date.strftime("%d/%m/%Y")})
                    return redirect(f"{reverse('incoming:create')}?{query}")
                return redirect(document)
    return render(request, "incoming/document_create.html",
                  {"form": form, "duplicates": duplicates, "mode": "register"})


def _document_initial(document: IncomingDocument) -> dict[str, Any]:
    initial = {name: getattr(document, name) for name in (
        "sender_notation", "document_date", "summary", "signer", "urgency", "secrecy",
        "received_at", "page_count", "copy_count", "reply_requested_by", "handling_deadline",
        "notes")}
    initial |= {"sender": document.sender_id, "sender_name": document.sender_name,
                "document_type": document.document_type_id}
    return initial


@login_required
def register_received_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    require(request.user.is_clerk and document.status == IncomingStatus.RECEIVED)
    form = IncomingForm(request.POST or None, mode="received",
                        initial=_document_initial(document))
    duplicates: list[IncomingDocument] = []
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        if values.get("sender") is None:
            values.pop("sender")
        try:
            document = incoming_register_received(actor=request.user, document=document,
                                                  **values)
        except ValidationError as exc:
            form_errors_apply(form, exc)
        else:
            messages.success(request, _("Đã vào sổ văn bản đến số %(number)s.")
                             % {"number": document.number_display})
            return redirect(document)
    return render(request, "incoming/document_create.html",
                  {"form": form, "duplicates": duplicates, "mode": "received",
                   "document": document})


@login_required
def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    require(request.user.is_clerk and document.agency_id == request.user.agency_id)
    form = IncomingForm(request.POST or None, mode="edit", initial=_document_initial(document))
    if request.method == "POST" and form.is_valid():
        try:
            incoming_update(actor=request.user, document=document, **form.service_values())
        except ValidationError as exc:
            form_errors_apply(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(document)
    return render(request, "incoming/document_create.html",
                  {"form": form, "mode": "edit", "document": document})
