"""What every outgoing view shares: fetching through the selector, answering refusals."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from registry.core.web import errors_to_form  # noqa: F401  (re-exported)

from ..models import OutgoingDocument
from ..selectors import outgoing_detail
from ..services import OutgoingForbidden


def document_or_404(request: HttpRequest, pk: int) -> OutgoingDocument:
    document = outgoing_detail(request.user, pk)
    if document is None:
        raise Http404
    return document


def forbidden(request: HttpRequest, document: OutgoingDocument, message: str) -> HttpResponse:
    return render(request, "outgoing/document_forbidden.html",
                  {"document": document, "message": message}, status=403)


def refusals_answered(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A service's OutgoingForbidden becomes a 403 page that says why."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except OutgoingForbidden as exc:
            document = outgoing_detail(request.user, kwargs.get("pk", 0))
            return forbidden(request, document, exc.message)

    return wrapper


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def reason_action(request: HttpRequest, pk: int, service: Callable[..., Any],
                  success: Callable[[OutgoingDocument], str]) -> HttpResponse:
    """A POST that gives a reason to one service (void, recall, ...); back to the document."""
    document = document_or_404(request, pk)
    try:
        service(actor=request.user, document=document, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, success(document))
    return redirect(document)
