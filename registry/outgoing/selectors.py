"""Reads with a rule: above all, which outgoing documents a person may see."""

from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from registry.assignments.selectors import source_assigned_to
from registry.core.text import fold
from registry.organisation.models import Direction, Register, Secrecy

from .models import (
    ISSUED_STATUSES,
    ApprovalStep,
    ApprovalStepStatus,
    Dispatch,
    DispatchStatus,
    OutgoingDocument,
    OutgoingGrant,
    OutgoingRecipient,
    OutgoingStatus,
)

# Columns the register never prints: the search columns are most of a row's bytes.
REGISTER_DEFERRED = ("search_folded", "search_vector", "content_notes", "closed_reason")
OWN_DRAFT_STATUSES = (OutgoingStatus.DRAFT, OutgoingStatus.RETURNED, OutgoingStatus.IN_APPROVAL,
                      OutgoingStatus.APPROVED)


def _recipient_of(user: Any) -> Exists:
    """Issued to the user's unit, or to the user's agency when the user keeps its inbox."""
    condition = Q(unit_id=user.unit_id) if user.unit_id else Q(pk__in=[])
    if user.agency_id and (user.is_clerk or user.is_leader):
        condition |= Q(agency_id=user.agency_id) | Q(correspondent__agency_id=user.agency_id)
    return Exists(OutgoingRecipient.objects.filter(condition, document=OuterRef("pk")))


def outgoing_visible_to(user: Any) -> QuerySet[OutgoingDocument]:
    """Documents the user may see: drafters, approvers in the chain, the agency's clerks and
    leaders, recipients of what was issued, assignees of its tasks; secret ones only by grant.

    Search has an SQL copy of these rules (registry/search/visibility.py), held equal by
    tests/search/test_visibility.py: change both."""
    if user is None or not user.is_authenticated:
        return OutgoingDocument.objects.none()
    granted = Exists(OutgoingGrant.objects.filter(document=OuterRef("pk"), user_id=user.pk))
    in_chain = Exists(ApprovalStep.objects.filter(document=OuterRef("pk"), approver_id=user.pk))
    open_condition = (
        Q(drafter_id=user.pk) | in_chain
        | (Q(status__in=ISSUED_STATUSES) & _recipient_of(user))
        | source_assigned_to(user, OutgoingDocument)
    )
    if user.agency_id and (user.is_clerk or user.is_leader):
        open_condition |= Q(agency_id=user.agency_id)
    return OutgoingDocument.objects.filter(
        (Q(secrecy=Secrecy.NORMAL) & open_condition) | granted | Q(drafter_id=user.pk)
    )


def _with_labels(qs: QuerySet[OutgoingDocument]) -> QuerySet[OutgoingDocument]:
    return qs.select_related("document_type", "drafting_unit", "drafter", "signer", "register")


def outgoing_drafts_of(user: Any) -> QuerySet[OutgoingDocument]:
    return _with_labels(
        OutgoingDocument.objects.filter(drafter_id=user.pk, status__in=OWN_DRAFT_STATUSES)
    ).order_by("-urgency_rank", "-updated_at")


def outgoing_awaiting_approval(user: Any) -> QuerySet[OutgoingDocument]:
    """Chờ tôi duyệt: the user holds the current step; urgent first, then oldest submission."""
    current = ApprovalStep.objects.filter(document=OuterRef("pk"), approver_id=user.pk,
                                          status=ApprovalStepStatus.CURRENT)
    return _with_labels(
        outgoing_visible_to(user).filter(Exists(current), status=OutgoingStatus.IN_APPROVAL)
    ).order_by("-urgency_rank", "submitted_at", "id")


def outgoing_awaiting_approval_count(user: Any) -> QuerySet[ApprovalStep]:
    """The navigation's counter (counted with the others in one statement)."""
    return ApprovalStep.objects.filter(approver_id=user.pk, status=ApprovalStepStatus.CURRENT,
                                       document__status=OutgoingStatus.IN_APPROVAL)


def outgoing_awaiting_issue(user: Any) -> QuerySet[OutgoingDocument]:
    """Chờ ban hành: signed documents of the clerk's agency."""
    if not (user.is_clerk and user.agency_id):
        return OutgoingDocument.objects.none()
    return _with_labels(
        outgoing_visible_to(user).filter(agency_id=user.agency_id,
                                         status=OutgoingStatus.APPROVED)
    ).order_by("-urgency_rank", "approved_at", "id")


def outgoing_awaiting_issue_count(user: Any) -> QuerySet[OutgoingDocument] | int:
    """The navigation's counter (counted with the others in one statement)."""
    if not (user.is_clerk and user.agency_id):
        return 0
    return outgoing_visible_to(user).filter(agency_id=user.agency_id,
                                            status=OutgoingStatus.APPROVED)


def outgoing_dispatch_pending(user: Any) -> QuerySet[Dispatch]:
    """External sends still to do, oldest due first (the clerk's "what is late" list)."""
    if not (user.is_clerk and user.agency_id):
        return Dispatch.objects.none()
    return (
        Dispatch.objects.filter(status=DispatchStatus.PENDING,
                                document__in=outgoing_visible_to(user)
                                .filter(agency_id=user.agency_id))
        .select_related("document__document_type", "recipient")
        .order_by("due_date", "id")
    )


def outgoing_registers_of(user: Any, *, year: int | None = None) -> QuerySet[Register]:
    qs = Register.objects.filter(agency_id=user.agency_id, direction=Direction.OUTGOING)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "is_secret", "series")


def outgoing_register_rows(
    user: Any, *, register_id: int, filters: dict[str, Any]
) -> QuerySet[OutgoingDocument]:
    """Rows of the outgoing register (Sổ đăng ký văn bản đi), newest number first.

    One statement: each row carries what the register prints from other tables as
    annotations (`recipient_names`, `first_sent`, `amended_by_notations` with
    `amended_by_kinds`), so it needs no prefetch and can be compiled once (core.compiled).
    """
    qs = outgoing_visible_to(user).filter(register_id=register_id, number__isnull=False)
    if filters.get("document_type"):
        qs = qs.filter(document_type_id=filters["document_type"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("date_from"):
        qs = qs.filter(document_date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(document_date__lte=filters["date_to"])
    if filters.get("q"):
        for word in fold(filters["q"]).split():
            qs = qs.filter(search_folded__contains=word)
    later = (OutgoingDocument.objects.filter(amends=OuterRef("pk"))
             .exclude(status=OutgoingStatus.VOID).exclude(notation="").order_by("id"))
    return (
        qs.select_related("document_type", "amends")
        .defer(*REGISTER_DEFERRED, *(f"amends__{name}" for name in REGISTER_DEFERRED))
        .annotate(
            recipient_names=ArraySubquery(OutgoingRecipient.objects.filter(
                document=OuterRef("pk")).order_by("id").values("name")),
            first_sent=Subquery(Dispatch.objects.filter(
                document=OuterRef("pk"), sent_on__isnull=False)
                .order_by("sent_on").values("sent_on")[:1]),
            amended_by_notations=ArraySubquery(later.values("notation")),
            amended_by_kinds=ArraySubquery(later.values("amendment")),
        )
        .order_by("-number")
    )


def outgoing_detail(user: Any, pk: int) -> OutgoingDocument | None:
    return _with_labels(outgoing_visible_to(user)).select_related(
        "agency", "amends", "issued_by", "signed_file"
    ).filter(pk=pk).first()


def outgoing_returned_count(user: Any) -> QuerySet[OutgoingDocument]:
    """The navigation's counter (counted with the others in one statement)."""
    return OutgoingDocument.objects.filter(drafter_id=user.pk, status=OutgoingStatus.RETURNED)
