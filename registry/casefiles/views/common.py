"""Helpers the case file pages share."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from registry.core.web import errors_to_form, next_url  # noqa: F401  (re-exported)

from .. import selectors
from ..models import CaseFile
from ..services.common import frozen_message

PAGE_SIZE = 30


def visible_or_404(request: HttpRequest, pk: int) -> CaseFile:
    case_file = selectors.casefile_get_for(request.user, pk)
    if case_file is None:
        raise Http404
    return case_file


def form_data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def frozen_refusal(request: HttpRequest, case_file: CaseFile) -> HttpResponse | None:
    """A handed-over file takes no change from any page: say so and go back to it."""
    if not case_file.is_frozen:
        return None
    messages.error(request, frozen_message())
    return redirect(case_file)


def run_service(request: HttpRequest, case_file: CaseFile, run: Callable[[], Any],
                done: str) -> HttpResponse:
    """For one-button actions: call the service, report success or its message, go back."""
    try:
        run()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Bạn không có quyền thực hiện việc này."))
    else:
        messages.success(request, done)
    return redirect(next_url(request, case_file.get_absolute_url()))


def require_manager_page(request: HttpRequest, case_file: CaseFile) -> None:
    if not selectors.can_manage(request.user, case_file):
        raise PermissionDenied
