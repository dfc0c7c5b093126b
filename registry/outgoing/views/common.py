"""What every outgoing view shares: fetching through the selector, answering refusals."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

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


def errors_to_form(form: Any, exc: ValidationError) -> None:
    """Put a service's errors next to the fields they name (others at the top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)
