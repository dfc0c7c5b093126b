"""Documents for the case file tests, made as rows (the incoming and outgoing flows have their
own tests), and small readers of what the app produces."""

import datetime as dt
import io
import zipfile

from django.db import transaction
from django.utils import timezone

from registry.casefiles.models import CaseFile
from registry.core.text import fold, normalise_notation
from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.organisation.models import (
    Agency,
    Correspondent,
    Direction,
    DocumentType,
    Secrecy,
    Unit,
    User,
)
from registry.organisation.numbering import register_for_year, register_next_number
from registry.outgoing.models import OutgoingDocument, OutgoingStatus
from registry.outgoing.notation import notation_compose


def moment(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def make_incoming(agency: Agency, *, unit: Unit | None, summary: str, notation: str,
                  day: dt.date, pages: int = 2, hour: int = 9,
                  secrecy: str = Secrecy.NORMAL) -> IncomingDocument:
    with transaction.atomic():
        register = register_for_year(agency=agency, direction=Direction.INCOMING, year=day.year,
                                     is_secret=secrecy != Secrecy.NORMAL)
        number = register_next_number(register_id=register.pk)
        sender, _ = Correspondent.objects.get_or_create(name="Bộ Nội vụ")
        return IncomingDocument.objects.create(
            agency=agency, register=register, number=number, received_at=moment(day, hour),
            registered_at=moment(day, hour), sender=sender, sender_name=sender.name,
            sender_notation=notation, notation_normalised=normalise_notation(notation),
            document_date=day, document_type=DocumentType.objects.get(name="Công văn"),
            summary=summary, page_count=pages, status=IncomingStatus.DIRECTED, to_unit=unit,
            lead_unit=unit, secrecy=secrecy, search_folded=fold(f"{notation} {summary}"))


def make_outgoing(agency: Agency, *, drafter: User, summary: str, day: dt.date | None,
                  type_name: str = "Chỉ thị", pages: int = 3, hour: int = 15,
                  answers: tuple[IncomingDocument, ...] = ()) -> OutgoingDocument:
    """An issued document (or a draft when `day` is None)."""
    document_type = DocumentType.objects.get(name=type_name)
    fields = {"agency": agency, "drafting_unit": drafter.unit, "drafter": drafter,
              "document_type": document_type, "summary": summary, "page_count": pages,
              "search_folded": fold(summary)}
    with transaction.atomic():
        if day is None:
            document = OutgoingDocument.objects.create(status=OutgoingStatus.DRAFT, **fields)
        else:
            register = register_for_year(agency=agency, direction=Direction.OUTGOING,
                                         year=day.year)
            number = register_next_number(register_id=register.pk)
            notation = notation_compose(number=number,
                                        type_abbreviation=document_type.abbreviation,
                                        agency_abbreviation=agency.abbreviation)
            document = OutgoingDocument.objects.create(
                status=OutgoingStatus.ISSUED, register=register, number=number,
                notation=notation, notation_normalised=normalise_notation(notation),
                document_date=day, issued_at=moment(day, hour), **fields)
        document.answers.set(answers)
    return document


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name.rsplit("/", 1)[-1]: archive.read(name) for name in archive.namelist()}


def refreshed(case_file: CaseFile) -> CaseFile:
    return CaseFile.objects.get(pk=case_file.pk)

