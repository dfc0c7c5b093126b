"""The approval page: the current version inline, the trail, and the decision (phone-friendly)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import DecisionForm, VersionForm
from ..models import ApprovalStepStatus
from ..presenters import document_actions
from ..services import OutgoingForbidden, outgoing_approve, outgoing_return
from .common import document_or_404, errors_to_form, forbidden


@login_required
def approval(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision")
        comment = form.cleaned_data["comment"]
        try:
            if decision == "return":
                outgoing_return(actor=request.user, document=document, comment=comment)
                messages.success(request, _("Đã trả lại dự thảo cho người soạn thảo."))
            else:
                outgoing_approve(actor=request.user, document=document, comment=comment)
                messages.success(request, _("Đã duyệt dự thảo."))
        except OutgoingForbidden as exc:
            return forbidden(request, document, exc.message)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            return redirect("outgoing:awaiting_approval")
    versions = list(document.versions.select_related("uploaded_by", "stored_file")
                    .order_by("-number"))
    steps = list(document.steps.select_related("approver").order_by("order"))
    return render(request, "outgoing/document_approval.html", {
        "document": document, "form": form, "versions": versions,
        "current_version": versions[0] if versions else None, "steps": steps,
        "current_step": next((s for s in steps if s.status == ApprovalStepStatus.CURRENT), None),
        "decisions": document.decisions.select_related("actor", "step"),
        "actions": document_actions(request.user, document), "version_form": VersionForm(),
    })
