"""My tasks, the work I gave, one assignment's page, and giving new work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from registry.audit.selectors import events_for

from .. import events, selectors, services
from ..forms import AssignmentCreateForm, ExtensionDecisionForm
from ..models import ExtensionStatus, ProgressAttachment
from ..services.common import is_handler, is_unit_head
from .common import (
    PAGE_SIZE,
    errors_to_form,
    form_data,
    listing_context,
    query_string,
    visible_or_404,
)


@login_required
def assignments_mine(request: HttpRequest) -> HttpResponse:
    """Việc của tôi: overdue first (red), due within three working days (amber), the rest."""
    context = listing_context()
    done_tab = request.GET.get("tab") == "done"
    rows = (selectors.my_finished(request.user) if done_tab
            else selectors.my_tasks(request.user, today=context["today"], soon=context["soon"]))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "assignments/assignment_mine.html",
                  {**context, "page": page, "done_tab": done_tab,
                   "query_string": query_string(request)})


@login_required
def assignments_given(request: HttpRequest) -> HttpResponse:
    """Việc tôi đã giao, with the extension requests waiting for my decision on top."""
    context = listing_context()
    rows = selectors.given_by(request.user, today=context["today"], soon=context["soon"])
    state = request.GET.get("state", "")
    if state in {"0", "1", "2", "3"}:
        rows = rows.filter(bucket=int(state))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "assignments/assignment_given.html",
                  {**context, "page": page, "state": state, "query_string": query_string(request),
                   "extensions": list(selectors.extensions_to_decide(request.user)),
                   "can_give": request.user.is_leader})


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_or_404(request, pk)
    context = listing_context()
    reports = assignment.reports.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=ProgressAttachment.objects.order_by("id")))
    extensions = list(assignment.extensions.select_related("requested_by", "decided_by"))
    pending = next((e for e in extensions if e.status == ExtensionStatus.PENDING), None)
    is_assigner = assignment.assigner_id == request.user.pk
    return render(request, "assignments/assignment_detail.html", {
        **context, "assignment": assignment, "reports": reports, "extensions": extensions,
        "state": selectors.deadline_state(assignment, today=context["today"],
                                          soon=context["soon"]),
        "children": assignment.children.select_related("assignee_user", "assignee_unit"),
        "history": [(e, events.LABELS.get(e.verb, e.verb)) for e in events_for(assignment)],
        "can_handle": assignment.is_open and is_handler(request.user, assignment),
        "can_reassign": assignment.is_open and is_unit_head(request.user, assignment),
        "pending": pending,
        "decision_form": ExtensionDecisionForm() if pending and is_assigner else None,
    })


@login_required
def assignment_create(request: HttpRequest) -> HttpResponse:
    """A leader gives ad-hoc work (no source document) to a unit or a person."""
    if not request.user.is_leader:
        raise PermissionDenied
    form = AssignmentCreateForm(form_data(request), agency_id=request.user.agency_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                assignment = services.assignment_create(
                    assigner=request.user, content=data["content"],
                    assignee_unit=data["assignee_unit"], assignee_user=data["assignee_user"],
                    role=data["role"], deadline=services.assignment_deadline(
                        deadline=data["deadline"], working_days=data["working_days"]))
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã giao việc."))
            return redirect(assignment)
    return render(request, "assignments/assignment_create.html", {"form": form})
