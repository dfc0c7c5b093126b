"""How one hit reads on the page and in the API: the same fields, the words marked."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from registry.organisation.models import Secrecy, Urgency

from .highlight import highlight
from .params import KIND_INCOMING
from .query import ParsedQuery
from .selectors import TIER_ASSIGNMENT, TIER_NOTATION, TIER_PARTIAL, Hit


@dataclass(frozen=True)
class HitView:
    kind: str
    kind_label: str
    pk: int
    url: str
    notation: str
    notation_html: SafeString
    number: str
    date: dt.date | None
    document_type: str
    summary: str
    summary_html: SafeString
    party_label: str
    party: str
    party_html: SafeString
    status: str
    status_label: str
    urgency: str
    is_urgent: bool
    stamps: list[str]
    match: str
    match_label: str


MATCHES = {TIER_NOTATION: "notation", TIER_ASSIGNMENT: "assignment", TIER_PARTIAL: "partial"}


def _match_label(tier: int) -> str:
    return {TIER_NOTATION: _("Đúng số, ký hiệu"), TIER_ASSIGNMENT: _("Khớp nội dung giao việc"),
            TIER_PARTIAL: _("Khớp một phần")}.get(tier, "")


def _stamps(document: Any) -> list[str]:
    labels = []
    if document.urgency != Urgency.NORMAL:
        labels.append(str(Urgency(document.urgency).label).upper())
    if document.secrecy != Secrecy.NORMAL:
        labels.append(str(Secrecy(document.secrecy).label).upper())
    return labels


def hit_view(hit: Hit, query: ParsedQuery) -> HitView:
    document = hit.document
    incoming = hit.kind == KIND_INCOMING
    if incoming:
        notation, number = document.sender_notation, document.number_display
        date = timezone.localdate(document.received_at)
        party_label, party = _("Cơ quan gửi"), document.sender_name
    else:
        notation, number = document.notation, ""
        date = document.document_date or timezone.localdate(hit.sort_at)
        party_label, party = _("Người ký"), document.signer_name
    return HitView(
        kind=hit.kind, kind_label=_("Văn bản đến") if incoming else _("Văn bản đi"),
        pk=document.pk, url=document.get_absolute_url(), notation=notation,
        notation_html=highlight(notation, query), number=number, date=date,
        document_type=document.document_type.name, summary=document.summary,
        summary_html=highlight(document.summary, query), party_label=party_label,
        party=party, party_html=highlight(party, query), status=document.status,
        status_label=str(document.get_status_display()), urgency=document.urgency,
        is_urgent=document.urgency != Urgency.NORMAL, stamps=_stamps(document),
        match=MATCHES.get(hit.tier, "text"), match_label=_match_label(hit.tier))
