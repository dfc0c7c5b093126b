"""Pieces every outgoing service shares: the refusal, the row lock, folded search text, grants."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max

from registry.access.models import ChangeKind
from registry.access.services import access_change_record
from registry.audit.services import event_record
from registry.core.text import fold, normalise_notation

from .. import events
from ..models import OutgoingDocument, OutgoingGrant


class OutgoingForbidden(PermissionDenied):
    """The actor may see the document but may not do this to it; the message says why."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


def document_locked(document: OutgoingDocument) -> OutgoingDocument:
    """Re-read the document under a row lock: two decisions on one draft go one after the other."""
    locked = OutgoingDocument.objects.select_for_update(of=("self",)).select_related(
        "document_type", "agency", "drafting_unit"
    ).get(pk=document.pk)
    return locked


def search_text_refresh(document: OutgoingDocument) -> None:
    """Fold what people search by into `search_folded`; keep `notation_normalised` in step."""
    names = list(document.recipients.values_list("name", flat=True))
    files = list(document.versions.values_list("filename", flat=True))
    parts = [document.notation, document.document_type.name, document.summary,
             document.signer_name or (str(document.signer) if document.signer_id else ""),
             document.drafting_unit.name, *names, *files, document.signed_filename,
             document.notes]
    document.search_folded = fold(" ".join(p for p in parts if p))
    document.notation_normalised = normalise_notation(document.notation)
    document.save(update_fields=["search_folded", "notation_normalised"])


def access_grant(*, actor: Any, document: OutgoingDocument, users: list[Any]) -> None:
    """Give people the right to see a secret document; each new grant is recorded."""
    if not document.is_secret:
        return
    have = set(OutgoingGrant.objects.filter(document=document).values_list("user_id", flat=True))
    for user in users:
        if user is None or user.pk in have:
            continue
        have.add(user.pk)
        OutgoingGrant.objects.create(document=document, user=user,
                                     granted_by=actor if actor.is_authenticated else None)
        event_record(actor=actor, verb=events.ACCESS_GRANTED, target=document,
                     payload={"user": user.pk, "username": user.username})
        access_change_record(actor=actor, user=user, target=document,
                             change=ChangeKind.GRANTED)


def next_version_number(document: OutgoingDocument) -> int:
    return (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
