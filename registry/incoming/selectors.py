"""Reads of incoming documents that need a rule; every page and API call starts here."""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from registry.assignments.selectors import source_assigned_to
from registry.organisation.models import Direction, Register, Secrecy

from .models import IncomingAccessGrant, IncomingAttachment, IncomingDocument, IncomingStatus

OPEN_FOR_UNITS = (IncomingStatus.DIRECTED, IncomingStatus.IN_PROGRESS)
CLERK_QUEUE = (IncomingStatus.RECEIVED, IncomingStatus.REGISTERED, IncomingStatus.RETURNED)
LIST_RELATED = ("sender", "sender_agency", "document_type", "lead_unit", "lead_user",
                "submitted_to", "to_unit")


def _nothing() -> Q:
    return Q(pk__in=[])


def incoming_visible_to(user: Any) -> QuerySet[IncomingDocument]:
    """What the user may read.

    Clerks and leaders: their agency's non-secret documents. Staff: documents with an
    assignment touching them or their unit, or addressed to their unit. Secret
    documents: only an explicit grant, the clerk who registered it, and (to number it)
    the agency's clerks while it waits unregistered.
    """
    if not getattr(user, "is_authenticated", False) or not user.agency_id:
        return IncomingDocument.objects.none()
    normal = Q(secrecy=Secrecy.NORMAL)
    condition = _nothing()
    if user.is_clerk or user.is_leader:
        condition |= normal & Q(agency_id=user.agency_id)
    if user.is_staff_member:
        mine = source_assigned_to(user, IncomingDocument)
        if user.unit_id:
            mine = mine | (Q(to_unit_id=user.unit_id) & ~Q(status=IncomingStatus.RECEIVED))
        condition |= normal & Q(mine)
    granted = Exists(IncomingAccessGrant.objects.filter(document_id=OuterRef("pk"), user=user))
    secret_ok = Q(granted) | Q(registered_by_id=user.pk)
    if user.is_clerk:
        secret_ok |= Q(agency_id=user.agency_id, status=IncomingStatus.RECEIVED)
    condition |= ~normal & secret_ok
    return IncomingDocument.objects.filter(condition)


def incoming_with_files(qs: QuerySet[IncomingDocument]) -> QuerySet[IncomingDocument]:
    return qs.annotate(has_files=Exists(
        IncomingAttachment.objects.filter(document_id=OuterRef("pk"))))


def incoming_get_for(user: Any, pk: int) -> IncomingDocument | None:
    return (incoming_visible_to(user).select_related(
        *LIST_RELATED, "register", "registered_by", "directed_by", "voided_by", "agency")
        .filter(pk=pk).first())


def incoming_registers_for(user: Any) -> QuerySet[Register]:
    """The agency's incoming registers the user may open (secret ones for clerks)."""
    if not (user.is_clerk or user.is_leader) or not user.agency_id:
        return Register.objects.none()
    qs = Register.objects.filter(agency_id=user.agency_id, direction=Direction.INCOMING,
                                 series="")
    if not user.is_clerk:
        qs = qs.filter(is_secret=False)
    return qs.order_by("-year", "is_secret")


def incoming_register_rows(user: Any, register: Register, *,
                           before: int | None) -> QuerySet[IncomingDocument]:
    """A register's rows the user may see, newest number first, from keyset `before` down.

    The page slices `size + 1` rows so it knows whether another page follows without
    counting; the order rides the (register, number) unique index backwards.
    """
    qs = incoming_visible_to(user).filter(register=register, number__isnull=False)
    if before is not None:
        qs = qs.filter(number__lt=before)
    return incoming_with_files(qs.select_related(*LIST_RELATED)).order_by("-number")


def _urgent_first(qs: QuerySet[IncomingDocument]) -> QuerySet[IncomingDocument]:
    return incoming_with_files(qs.select_related(*LIST_RELATED)).order_by(
        "-urgency_rank", "-received_at", "-id")


def incoming_waiting_for_direction(user: Any) -> QuerySet[IncomingDocument]:
    """Leaders: documents submitted to me and not yet directed."""
    if not user.is_leader:
        return IncomingDocument.objects.none()
    return _urgent_first(incoming_visible_to(user).filter(
        submitted_to=user, status=IncomingStatus.SUBMITTED))


def incoming_for_unit(user: Any, *, open_only: bool = False) -> QuerySet[IncomingDocument]:
    """Staff: documents assigned to me or my unit, or addressed to my unit."""
    if not user.is_staff_member:
        return IncomingDocument.objects.none()
    mine = source_assigned_to(user, IncomingDocument)
    if user.unit_id:
        mine = mine | Q(to_unit_id=user.unit_id)
    qs = incoming_visible_to(user).filter(mine).exclude(
        status__in=[IncomingStatus.VOID, IncomingStatus.RECEIVED])
    if open_only:
        qs = qs.filter(status__in=OPEN_FOR_UNITS)
    return _urgent_first(qs)


def incoming_clerk_queue(user: Any) -> QuerySet[IncomingDocument]:
    """Clerks: received but unregistered, registered but not submitted, returned."""
    if not user.is_clerk:
        return IncomingDocument.objects.none()
    return _urgent_first(incoming_visible_to(user).filter(
        agency_id=user.agency_id, status__in=CLERK_QUEUE))


def incoming_count_waiting(user: Any) -> int:
    return incoming_visible_to(user).filter(submitted_to=user,
                                            status=IncomingStatus.SUBMITTED).count()


def incoming_count_unit_open(user: Any) -> int:
    return incoming_for_unit(user, open_only=True).count()


def incoming_count_clerk_queue(user: Any) -> int:
    return incoming_visible_to(user).filter(agency_id=user.agency_id,
                                            status__in=CLERK_QUEUE).count()
