"""Helpers the assignment pages share."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from .. import selectors
from ..models import Assignment

PAGE_SIZE = 30


def visible_or_404(request: HttpRequest, pk: int) -> Assignment:
    """The assignment if this person may see it; otherwise it does not exist for them."""
    assignment = selectors.assignment_detail(request.user, pk)
    if assignment is None:
        raise Http404
    return assignment


def errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError shown next to the field at fault (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def query_string(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def listing_context(**extra: Any) -> dict[str, Any]:
    today, soon = selectors.deadline_horizon()
    return {"today": today, "soon": soon, **extra}


def form_data(request: HttpRequest) -> Any:
    """The POST data to bind a form to (even when empty: an unticked box is an answer)."""
    return request.POST if request.method == "POST" else None


def form_files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None
