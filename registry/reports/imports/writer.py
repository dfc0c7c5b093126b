"""Writing checked rows, inside the caller's one transaction: all of them or none."""

import datetime as dt
from typing import Any

from django.utils import timezone

from registry.audit.services import event_record
from registry.core.text import fold, normalise_notation
from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.incoming.services._common import derived_refresh
from registry.organisation.models import Correspondent, Register, Unit
from registry.organisation.services import correspondent_create
from registry.outgoing.models import (
    Dispatch,
    DispatchStatus,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingStatus,
    RecipientKind,
)
from registry.outgoing.services.common import search_text_refresh

from .. import events
from ..models import ImportJob
from .rows import Planned

REGISTERED_HOUR = dt.time(8, 0)  # the files give a day; the register shows only the day


def _moment(day: dt.date | None) -> dt.datetime | None:
    return timezone.make_aware(dt.datetime.combine(day, REGISTERED_HOUR)) if day else None


class Directory:
    """Correspondents by folded name; a name not yet known is added (as a clerk may)."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.known = {fold(c.name): c for c in Correspondent.objects.only("pk", "name")}

    def get(self, name: str) -> Correspondent:
        key = fold(name)
        if key not in self.known:
            self.known[key] = correspondent_create(actor=self.actor, name=name)
        return self.known[key]


def _record(actor: Any, job: ImportJob, document: Any, row: Planned) -> None:
    event_record(actor=actor, verb=events.DOCUMENT_IMPORTED, target=document, payload={
        "import": job.pk, "file": job.filename, "line": row.line, "number": row.number})


def incoming_write(*, actor: Any, job: ImportJob, register: Register,
                   planned: list[Planned]) -> int:
    directory = Directory(actor)
    units = {fold(u.name): u for u in Unit.objects.filter(agency_id=register.agency_id)}
    documents = []
    for row in planned:
        v = row.values
        sender = directory.get(v["sender"])
        document = IncomingDocument(
            agency_id=register.agency_id, register=register, number=row.number,
            received_at=_moment(v["received_on"]), registered_at=_moment(v["received_on"]),
            registered_by=actor, sender=sender, sender_notation=v["notation"],
            document_date=v["document_date"], document_type=v["document_type"],
            summary=v["summary"], notes=v["notes"], status=IncomingStatus.DONE,
            handler_label=v["receiver"], to_unit=units.get(fold(v["receiver"])),
            submitted_at=_moment(v["handed_on"]))
        derived_refresh(document)
        documents.append(document)
    IncomingDocument.objects.bulk_create(documents, batch_size=500)
    for document, row in zip(documents, planned, strict=True):
        _record(actor, job, document, row)
    return len(documents)


def _recipients(document: OutgoingDocument, names: list[str], directory: Directory,
                sent_on: dt.date | None, actor: Any) -> None:
    for name in names:
        recipient = OutgoingRecipient.objects.create(
            document=document, kind=RecipientKind.EXTERNAL,
            correspondent=directory.get(name), name=name[:255])
        if sent_on:
            Dispatch.objects.create(document=document, recipient=recipient,
                                    status=DispatchStatus.SENT, due_date=sent_on,
                                    sent_on=sent_on, sent_at=_moment(sent_on), sent_by=actor)


def outgoing_write(*, actor: Any, job: ImportJob, register: Register,
                   planned: list[Planned]) -> int:
    directory = Directory(actor)
    unit = Unit.objects.get(pk=actor.unit_id)
    for row in planned:
        v = row.values
        sent = bool(v["sent_on"] and v["recipients"])
        document = OutgoingDocument.objects.create(
            agency_id=register.agency_id, drafting_unit=unit, drafter=actor,
            document_type=v["document_type"], summary=v["summary"], signer_name=v["signer"],
            status=OutgoingStatus.DISPATCHED if sent else OutgoingStatus.ISSUED,
            register=register, number=row.number, document_date=v["document_date"],
            notation=v["notation"], notation_normalised=normalise_notation(v["notation"]),
            issued_at=_moment(v["document_date"]), issued_by=actor, copies=v["copies"],
            file_copy_keeper=v["keeper"], notes=v["notes"][:300])
        _recipients(document, v["recipients"], directory, v["sent_on"], actor)
        search_text_refresh(document)
        _record(actor, job, document, row)
    return len(planned)
