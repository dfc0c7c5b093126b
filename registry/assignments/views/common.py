"""Helpers the assignment pages share."""

from typing import Any

from django.http import Http404, HttpRequest

from registry.core.web import errors_to_form, next_url  # noqa: F401  (re-exported)

from .. import selectors
from ..models import Assignment

PAGE_SIZE = 30


def visible_or_404(request: HttpRequest, pk: int) -> Assignment:
    """The assignment if this person may see it; otherwise it does not exist for them."""
    assignment = selectors.assignment_detail(request.user, pk)
    if assignment is None:
        raise Http404
    return assignment


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
