"""Documents a person may put into a file: what they may read, not yet in it, found by text."""

from typing import Any

from django.db.models import Q, QuerySet

from registry.core.text import fold
from registry.incoming.models import IncomingStatus
from registry.outgoing.models import OutgoingStatus

from .documents import visible_documents
from .models import CaseFile, ItemKind

LIMIT = 20


def _text_filter(kind: str, query: str) -> Q:
    condition = Q()
    for raw, word in zip(query.split(), fold(query).split(), strict=False):
        if kind == ItemKind.RESULT:
            condition &= Q(content__icontains=raw) | Q(result_reference__icontains=raw) | Q(
                result_note__icontains=raw)
        else:
            condition &= Q(search_folded__contains=word) | Q(summary__icontains=raw)
    return condition


def casefile_candidates(user: Any, case_file: CaseFile, *, kind: str,
                        query: str = "") -> QuerySet[Any]:
    """Up to twenty documents of `kind`, newest first (one query)."""
    qs = visible_documents(user, kind).filter(agency_id=case_file.agency_id)
    field = {"incoming": "incoming_id", "outgoing": "outgoing_id", "result": "assignment_id"}[kind]
    # Without the NULLs of the other kinds' rows: NOT IN over a NULL excludes everything.
    in_file = case_file.items.filter(**{f"{field}__isnull": False}).values(field)
    qs = qs.exclude(pk__in=in_file).filter(_text_filter(kind, query.strip()))
    if kind == ItemKind.INCOMING:
        return qs.exclude(status__in=[IncomingStatus.VOID, IncomingStatus.RECEIVED]).select_related(
            "document_type", "sender", "sender_agency").order_by("-received_at", "-id")[:LIMIT]
    if kind == ItemKind.OUTGOING:
        return qs.exclude(status=OutgoingStatus.VOID).select_related("document_type").order_by(
            "-created_at", "-id")[:LIMIT]
    return qs.select_related("completed_by").order_by("-completed_at", "-id")[:LIMIT]
