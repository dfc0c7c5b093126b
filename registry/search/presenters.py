"""How one hit reads on the page and in the API: the same fields, the words marked."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from registry.core.rows import url_for
from registry.incoming.models import IncomingDocument
from registry.organisation.models import Secrecy, Urgency
from registry.outgoing.models import OutgoingDocument

from .highlight import highlight
from .params import KIND_INCOMING, KIND_OUTGOING
from .query import ParsedQuery
from .selectors import Hit
from .tiers import TIER_ASSIGNMENT, TIER_NOTATION, TIER_PARTIAL


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


class _Labels:
    """The page's translated labels, looked up once (per row, gettext and
    `get_status_display()` cost more than the highlighting)."""

    def __init__(self) -> None:
        self.kind = {KIND_INCOMING: _("Văn bản đến"), KIND_OUTGOING: _("Văn bản đi")}
        self.party = {KIND_INCOMING: _("Cơ quan gửi"), KIND_OUTGOING: _("Người ký")}
        self.match = {TIER_NOTATION: _("Đúng số, ký hiệu"),
                      TIER_ASSIGNMENT: _("Khớp nội dung giao việc"),
                      TIER_PARTIAL: _("Khớp một phần")}
        self.status = {
            kind: {value: str(label)
                   for value, label in model._meta.get_field("status").flatchoices}
            for kind, model in ((KIND_INCOMING, IncomingDocument),
                                (KIND_OUTGOING, OutgoingDocument))}
        self.urgency = {value: str(label).upper() for value, label in Urgency.choices}
        self.secrecy = {value: str(label).upper() for value, label in Secrecy.choices}

    def stamps(self, document: Any) -> list[str]:
        stamps = []
        if document.urgency != Urgency.NORMAL:
            stamps.append(self.urgency.get(document.urgency, document.urgency.upper()))
        if document.secrecy != Secrecy.NORMAL:
            stamps.append(self.secrecy.get(document.secrecy, document.secrecy.upper()))
        return stamps


def detail_url(kind: str, pk: int) -> str:
    """`document.get_absolute_url()`, without a URL reversal per row."""
    return url_for("incoming:detail" if kind == KIND_INCOMING else "outgoing:detail", pk)


def _view(hit: Hit, query: ParsedQuery, labels: _Labels) -> HitView:
    document = hit.document
    if hit.kind == KIND_INCOMING:
        notation, number = document.sender_notation, document.number_display
        date = timezone.localdate(document.received_at)
        party = document.sender_name
    else:
        notation, number = document.notation, ""
        date = document.document_date or timezone.localdate(hit.sort_at)
        party = document.signer_name
    return HitView(
        kind=hit.kind, kind_label=labels.kind[hit.kind], pk=document.pk,
        url=detail_url(hit.kind, document.pk), notation=notation,
        notation_html=highlight(notation, query), number=number, date=date,
        document_type=document.document_type.name, summary=document.summary,
        summary_html=highlight(document.summary, query), party_label=labels.party[hit.kind],
        party=party, party_html=highlight(party, query), status=document.status,
        status_label=labels.status[hit.kind].get(document.status, document.status),
        urgency=document.urgency, is_urgent=document.urgency != Urgency.NORMAL,
        stamps=labels.stamps(document), match=MATCHES.get(hit.tier, "text"),
        match_label=labels.match.get(hit.tier, ""))


def hit_views(hits: list[Hit], query: ParsedQuery) -> list[HitView]:
    labels = _Labels()
    return [_view(hit, query, labels) for hit in hits]


def hit_view(hit: Hit, query: ParsedQuery) -> HitView:
    return _view(hit, query, _Labels())
