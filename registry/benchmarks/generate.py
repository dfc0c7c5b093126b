"""A province-sized data set, generated through COPY.

Defaults (scale 1,000,000): 1,000,000 incoming documents over 10 years in 10 incoming
registers, 300,000 outgoing documents in 10 outgoing registers, one lead assignment per
directed incoming document (1,000,000, of which 100,000 open with deadlines around today),
2,000 correspondents, 200 users in 30 units, and search's folded copy of each assignment's
content (as `assignment_texts_sync` writes it). Smaller scales shrink documents and
assignments proportionally and keep the organisation.
"""

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from registry.assignments.models import Assignment, AssignmentRole, AssignmentStatus
from registry.core.text import fold, normalise_notation
from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.organisation.models import (
    URGENCY_RANK,
    Agency,
    Correspondent,
    CorrespondentKind,
    Direction,
    DocumentType,
    Register,
    Role,
    Unit,
    Urgency,
    User,
)
from registry.outgoing.models import OutgoingDocument, OutgoingStatus
from registry.outgoing.notation import notation_compose
from registry.search.models import AssignmentText

from .copy import copy_rows, reset_sequence
from .text import person, summary

BENCH_PASSWORD = "bench-password-2026"


@dataclass(frozen=True)
class Scale:
    incoming: int
    outgoing: int
    open_assignments: int
    correspondents: int = 2000
    units: int = 30
    users: int = 200
    years: int = 10

    @classmethod
    def of(cls, documents: int) -> "Scale":
        return cls(incoming=documents, outgoing=documents * 3 // 10,
                   open_assignments=max(documents // 10, 1))


@dataclass
class Office:
    agency: Agency
    units: list[Unit]
    clerk: User
    leaders: list[User]
    staff: list[User]
    correspondents: list[tuple[int, str, str]]  # id, name, short
    types: list[DocumentType]
    incoming_registers: dict[int, Register]
    outgoing_registers: dict[int, Register]


def _urgency(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.005:
        return Urgency.FLASH
    if roll < 0.015:
        return Urgency.VERY_URGENT
    if roll < 0.065:
        return Urgency.URGENT
    return Urgency.NORMAL


@transaction.atomic
def office_create(scale: Scale, today: dt.date) -> Office:
    agency = Agency.objects.create(name="Ủy ban nhân dân tỉnh Đo Tải", short_name="UBND tỉnh",
                                   abbreviation="UBND", organ_id="000.00.00.H99")
    units = Unit.objects.bulk_create([
        Unit(agency=agency, name=f"Phòng chuyên môn {i + 1:02d}", abbreviation=f"P{i + 1:02d}",
             sort_order=i) for i in range(scale.units)])
    rng = random.Random(7)
    users: list[User] = []
    for i in range(scale.users):
        unit = units[i % len(units)]
        if i == 0:
            username, roles = "bench_vanthu", [Role.CLERK]
        elif i < 6:
            username, roles = ("bench_lanhdao" if i == 1 else f"bench_lanhdao{i}"), [Role.LEADER]
        elif i == 30:
            username, roles = "bench_chuyenvien", [Role.STAFF]
        else:
            username, roles = f"bench_user{i}", [Role.STAFF]
        users.append(User(username=username, full_name=person(rng), agency=agency, unit=unit,
                          roles=roles, email=f"{username}@bench.example"))
    users[0].set_password(BENCH_PASSWORD)  # one slow hash, shared by every bench user
    for user in users[1:]:
        user.password = users[0].password
    User.objects.bulk_create(users)
    staff = [u for u in users if Role.STAFF in u.roles]
    for unit in units:
        unit.head = next((u for u in staff if u.unit_id == unit.pk), None)
    Unit.objects.bulk_update(units, ["head"])
    kinds = [CorrespondentKind.CENTRAL, CorrespondentKind.DEPARTMENT, CorrespondentKind.COMMUNE,
             CorrespondentKind.DISTRICT]
    correspondents = Correspondent.objects.bulk_create([
        Correspondent(name=f"{['Bộ', 'Sở', 'UBND xã', 'UBND huyện'][i % 4]} Đo Tải số {i}",
                      short_name=f"DT{i}", kind=kinds[i % 4],
                      name_folded=fold(f"{['Bộ', 'Sở', 'UBND xã', 'UBND huyện'][i % 4]} "
                                       f"Đo Tải số {i} DT{i}"))
        for i in range(scale.correspondents)])
    years = list(range(today.year - scale.years + 1, today.year + 1))
    incoming_registers = {y: Register.objects.create(
        agency=agency, direction=Direction.INCOMING, year=y, name=f"Sổ văn bản đến {y}")
        for y in years}
    outgoing_registers = {y: Register.objects.create(
        agency=agency, direction=Direction.OUTGOING, year=y, name=f"Sổ văn bản đi {y}")
        for y in years}
    return Office(
        agency=agency, units=units, clerk=users[0], leaders=users[1:6], staff=staff,
        correspondents=[(c.pk, c.name, c.short_name) for c in correspondents],
        types=list(DocumentType.objects.filter(is_copy=False)),
        incoming_registers=incoming_registers, outgoing_registers=outgoing_registers)


def _dates_of_year(year: int, count: int, today: dt.date) -> list[dt.date]:
    start = dt.date(year, 1, 2)
    end = min(dt.date(year, 12, 30), today)
    span = max((end - start).days, 1)
    return [start + dt.timedelta(days=span * i // max(count, 1)) for i in range(count)]


def _next_id(model: Any) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{model._meta.db_table}"')
        return int(cursor.fetchone()[0]) + 1


def incoming_rows(office: Office, scale: Scale, today: dt.date,
                  first_id: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(11)
    per_year = scale.incoming // len(office.incoming_registers)
    extra = scale.incoming - per_year * len(office.incoming_registers)
    doc_id = first_id
    tz = timezone.get_current_timezone()
    for index, (year, register) in enumerate(sorted(office.incoming_registers.items())):
        count = per_year + (extra if index == len(office.incoming_registers) - 1 else 0)
        for number, day in enumerate(_dates_of_year(year, count, today), start=1):
            sender_id, sender_name, short = rng.choice(office.correspondents)
            doc_type = rng.choice(office.types)
            notation = f"{rng.randint(1, 3000)}/{doc_type.abbreviation or 'CV'}-{short}"
            text = summary(rng, year)
            signer = person(rng)
            urgency = _urgency(rng)
            unit = rng.choice(office.units)
            age = (today - day).days
            status = (IncomingStatus.FILED if age > 60 else IncomingStatus.DONE if age > 30
                      else rng.choice([IncomingStatus.IN_PROGRESS, IncomingStatus.DIRECTED,
                                       IncomingStatus.SUBMITTED, IncomingStatus.REGISTERED]))
            directed = status not in (IncomingStatus.SUBMITTED, IncomingStatus.REGISTERED)
            received = dt.datetime.combine(day, dt.time(8 + number % 9, number % 60), tz)
            yield {
                "id": doc_id, "agency_id": office.agency.pk, "register_id": register.pk,
                "number": number, "received_at": received, "registered_at": received,
                "registered_by_id": office.clerk.pk, "channel": "paper",
                "sender_id": sender_id, "sender_name": sender_name,
                "sender_notation": notation, "notation_normalised": normalise_notation(notation),
                "document_date": day - dt.timedelta(days=rng.randint(0, 5)),
                "document_type_id": doc_type.pk, "summary": text, "signer": signer,
                "urgency": urgency, "urgency_rank": URGENCY_RANK[urgency],
                "status": status,
                "submitted_to_id": office.leaders[0].pk if not directed else None,
                "directed_by_id": office.leaders[number % 5].pk if directed else None,
                "directed_at": received if directed else None,
                "lead_unit_id": unit.pk if directed else None,
                "handler_label": unit.name if directed else "",
                "handling_deadline": day + dt.timedelta(days=10),
                "search_folded": fold(f"{text} {sender_name} {notation} {signer}"),
            }
            doc_id += 1


def assignment_rows(office: Office, scale: Scale, today: dt.date,
                    first_incoming_id: int, first_id: int) -> Iterator[dict[str, Any]]:
    """One lead assignment per directed incoming document; the newest `open` stay open."""
    content_type = ContentType.objects.get_for_model(IncomingDocument)
    rows = IncomingDocument.objects.filter(
        id__gte=first_incoming_id, lead_unit__isnull=False
    ).order_by("-received_at").values_list("id", "lead_unit_id", "received_at", "urgency_rank",
                                           "summary")
    rng = random.Random(13)
    staff_by_unit: dict[int, list[User]] = {}
    for user in office.staff:
        staff_by_unit.setdefault(user.unit_id, []).append(user)
    assignment_id = first_id
    for index, row in enumerate(rows.iterator(chunk_size=20_000)):
        doc_id, unit_id, received, rank, text = row
        is_open = index < scale.open_assignments
        person_ = rng.choice(staff_by_unit.get(unit_id) or [None]) if rng.random() < 0.3 else None
        deadline = (today + dt.timedelta(days=rng.randint(-20, 25)) if is_open
                    else received.date() + dt.timedelta(days=10))
        done_at = None if is_open else received + dt.timedelta(days=rng.randint(1, 14))
        yield {
            "id": assignment_id, "agency_id": office.agency.pk,
            "assigner_id": office.leaders[index % 5].pk, "assignee_unit_id": unit_id,
            "assignee_user_id": person_.pk if person_ else None, "tracking_unit_id": unit_id,
            "role": AssignmentRole.LEAD, "source_type_id": content_type.pk, "source_id": doc_id,
            "source_label": f"Văn bản đến số {doc_id}", "source_url": f"/van-ban-den/{doc_id}/",
            "is_urgent": rank > 0, "content": text, "deadline": deadline,
            "status": (rng.choice([AssignmentStatus.ASSIGNED, AssignmentStatus.IN_PROGRESS])
                       if is_open else AssignmentStatus.DONE),
            "created_at": received, "completed_at": done_at,
            "completed_on_time": None if is_open else done_at.date() <= deadline,
        }
        assignment_id += 1


def assignment_text_rows(first_id: int) -> Iterator[dict[str, Any]]:
    """Search's folded copy of each assignment's content, as `assignment_texts_sync` makes it
    (the search's "in an assignment" tier and its exclusion read it)."""
    rows = (Assignment.objects.filter(id__gte=first_id, source_type__isnull=False,
                                      source_id__isnull=False)
            .order_by("id").values_list("id", "source_type_id", "source_id", "content"))
    for pk, type_id, source_id, content in rows.iterator(chunk_size=20_000):
        yield {"assignment_id": pk, "source_type_id": type_id, "source_id": source_id,
               "folded": fold(content)}


def outgoing_rows(office: Office, scale: Scale, today: dt.date,
                  first_id: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(17)
    per_year = scale.outgoing // len(office.outgoing_registers)
    doc_id = first_id
    tz = timezone.get_current_timezone()
    for year, register in sorted(office.outgoing_registers.items()):
        for number, day in enumerate(_dates_of_year(year, per_year, today), start=1):
            doc_type = rng.choice(office.types)
            unit = rng.choice(office.units)
            notation = notation_compose(
                number=number, type_abbreviation=doc_type.abbreviation,
                agency_abbreviation="UBND",
                unit_abbreviation=unit.abbreviation if not doc_type.abbreviation else "")
            text = summary(rng, year)
            signer = office.leaders[number % 5]
            urgency = _urgency(rng)
            issued = dt.datetime.combine(day, dt.time(15, number % 60), tz)
            yield {
                "id": doc_id, "agency_id": office.agency.pk, "drafting_unit_id": unit.pk,
                "drafter_id": rng.choice(office.staff).pk, "document_type_id": doc_type.pk,
                "summary": text, "signer_id": signer.pk, "signer_name": signer.full_name,
                "urgency": urgency, "urgency_rank": URGENCY_RANK[urgency],
                "status": OutgoingStatus.DISPATCHED, "register_id": register.pk,
                "number": number, "document_date": day, "notation": notation,
                "notation_normalised": normalise_notation(notation), "issued_at": issued,
                "issued_by_id": office.clerk.pk, "copies": 3, "submitted_at": issued,
                "approved_at": issued,
                "search_folded": fold(f"{text} {notation} {signer.full_name}"),
            }
            doc_id += 1


def dataset_generate(documents: int, *, today: dt.date | None = None,
                     log: Any = print) -> Office:
    today = today or timezone.localdate()
    scale = Scale.of(documents)
    office = office_create(scale, today)
    with transaction.atomic():
        first_incoming = _next_id(IncomingDocument)
        n = copy_rows(IncomingDocument, incoming_rows(office, scale, today, first_incoming))
        log(f"  incoming documents: {n}")
        n = copy_rows(OutgoingDocument, outgoing_rows(office, scale, today,
                                                      _next_id(OutgoingDocument)))
        log(f"  outgoing documents: {n}")
        first_assignment = _next_id(Assignment)
        n = copy_rows(Assignment, assignment_rows(office, scale, today, first_incoming,
                                                  first_assignment))
        log(f"  assignments: {n}")
        n = copy_rows(AssignmentText, assignment_text_rows(first_assignment))
        log(f"  assignment texts (search): {n}")
        for model in (IncomingDocument, OutgoingDocument, Assignment):
            reset_sequence(model)
        with connection.cursor() as cursor:
            for table, direction in (("incoming_incomingdocument", Direction.INCOMING),
                                     ("outgoing_outgoingdocument", Direction.OUTGOING)):
                cursor.execute(
                    f"UPDATE organisation_register r SET last_number = COALESCE("
                    f"(SELECT MAX(number) FROM {table} d WHERE d.register_id = r.id), 0) "
                    "WHERE r.agency_id = %s AND r.direction = %s",
                    [office.agency.pk, direction])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return office
