from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .forms import CorrespondentForm
from .models import Role
from .selectors import correspondent_search
from .services import correspondent_create


@require_GET
@login_required
def correspondent_autocomplete(request: HttpRequest) -> JsonResponse:
    results = [
        {"id": c.pk, "name": c.name, "short_name": c.short_name}
        for c in correspondent_search(request.GET.get("q", ""))
    ]
    return JsonResponse({"results": results})


@require_POST
@login_required
def correspondent_add(request: HttpRequest) -> JsonResponse:
    """A clerk adds a sender while typing a document (answers JSON for the form's script)."""
    if not (request.user.is_clerk or request.user.is_administrator
            or request.user.has_role(Role.STAFF)):
        return JsonResponse({"errors": {"name": [_("Không có quyền.")]}}, status=403)
    form = CorrespondentForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    try:
        correspondent = correspondent_create(actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return JsonResponse({"errors": exc.message_dict}, status=400)
    return JsonResponse({"id": correspondent.pk, "name": correspondent.name}, status=201)
