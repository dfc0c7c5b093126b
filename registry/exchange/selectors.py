"""Reads with a rule: who sees which packets, statuses and recipients' states."""

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from registry.organisation.calendar import is_working_day
from registry.outgoing.selectors import outgoing_visible_to

from .models import PacketState, ReceivedChange, ReceivedPacket, RecipientState

INBOX_RELATED = ("incoming_document__document_type", "duplicate_of", "incoming_document__sender")


def packets_visible_to(user: Any) -> QuerySet[ReceivedPacket]:
    """Clerks: their agency's packets, and quarantined ones no agency could be read from.
    Administrators: every quarantined packet."""
    if not getattr(user, "is_authenticated", False):
        return ReceivedPacket.objects.none()
    condition = Q(pk__in=[])
    if user.is_clerk and user.agency_id:
        condition |= Q(agency_id=user.agency_id) | Q(agency__isnull=True,
                                                     state=PacketState.QUARANTINED)
    if user.is_administrator:
        condition |= Q(state=PacketState.QUARANTINED)
    return ReceivedPacket.objects.filter(condition)


def packets_inbox(user: Any, *, state: str = PacketState.RECEIVED) -> QuerySet[ReceivedPacket]:
    """The electronic inbox (or another state's list), urgent first, then newest."""
    return (packets_visible_to(user).filter(state=state).select_related(*INBOX_RELATED)
            .order_by("-incoming_document__urgency_rank", "-received_at", "-id"))


def packets_waiting_count(user: Any) -> QuerySet[ReceivedPacket]:
    """The navigation's counter (counted with the others in one statement)."""
    return packets_visible_to(user).filter(state=PacketState.RECEIVED)


def packet_get_for(user: Any, pk: int) -> ReceivedPacket | None:
    return packets_visible_to(user).select_related(*INBOX_RELATED, "agency").filter(
        pk=pk).first()


def packet_of_document(document_id: int) -> ReceivedPacket | None:
    """The packet an incoming document came in (the first; later ones are duplicates)."""
    return (ReceivedPacket.objects.filter(incoming_document_id=document_id,
                                          business_type__in=[0, 3])
            .exclude(state=PacketState.DUPLICATE).order_by("id").first())


def changes_of_document(document_id: int) -> QuerySet[ReceivedChange]:
    return ReceivedChange.objects.filter(document_id=document_id).select_related(
        "replacement", "applied_by").order_by("received_at", "id")


def replaced_by(document_id: int) -> QuerySet[ReceivedChange]:
    """Changes where this document is the replacement (it replaces an earlier one)."""
    return ReceivedChange.objects.filter(replacement_id=document_id).select_related("document")


def _cutoff(days: int) -> dt.date:
    """The latest sending day from which `days` working days have passed by today."""
    day, counted = timezone.localdate(), 0
    while counted < days:
        if is_working_day(day):
            counted += 1
        day -= dt.timedelta(days=1)
    return day


def recipients_not_accepted(user: Any, *, days: int) -> QuerySet[RecipientState]:
    """Our electronic recipients that have not accepted after `days` working days."""
    documents = outgoing_visible_to(user).values("pk")
    return (RecipientState.objects.filter(
        document_id__in=documents, stage__in=[RecipientState.Stage.SENT,
                                              RecipientState.Stage.ARRIVED],
        sent_at__date__lte=_cutoff(days))
        .select_related("document", "dispatch__recipient").order_by("sent_at", "id"))


def recipient_states_for(user: Any) -> QuerySet[RecipientState]:
    documents = outgoing_visible_to(user).values("pk")
    return RecipientState.objects.filter(document_id__in=documents).select_related(
        "document", "dispatch__recipient").order_by("-sent_at", "-id")
