"""What every incoming view needs: the document the user may see, or 404."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from ..models import IncomingDocument
from ..selectors import incoming_get_for


def document_or_404(request: HttpRequest, pk: int) -> IncomingDocument:
    document = incoming_get_for(request.user, pk)
    if document is None:
        raise Http404
    return document


def require(condition: Any) -> None:
    if not condition:
        raise PermissionDenied


def query_without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()
