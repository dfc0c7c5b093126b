"""Demo incoming register: a few hundred documents over the current year, every status.

Idempotent: does nothing once the agency's register of the year holds documents. Numbers
are taken from the register's counter (locked) so they stay consistent with last_number.
"""

import datetime as dt
import random

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from registry.assignments.models import AssignmentRole
from registry.assignments.services import assignment_create, assignment_start
from registry.audit.services import event_record
from registry.organisation.calendar import add_working_days, is_working_day
from registry.organisation.models import (
    Agency,
    Correspondent,
    Direction,
    DocumentType,
    Register,
    Secrecy,
    Unit,
    Urgency,
    User,
)
from registry.organisation.numbering import register_for_year

from . import events
from .demo_text import RETURN_REASONS, SECRET_SUMMARIES, SIGNERS, SUMMARIES
from .models import Channel, IncomingAccessGrant, IncomingDocument, IncomingStatus
from .services._common import derived_refresh

PER_WORKING_DAY = 1.6
HANDLER_UNITS = ["TH", "TH", "TH", "KT", "KT", "VX", "NC", "KSTT"]


def _arrivals(rng: random.Random, start: dt.date, now: dt.datetime) -> list[dt.datetime]:
    tz = timezone.get_current_timezone()
    times: list[dt.datetime] = []
    day = start
    while day <= now.date():
        if is_working_day(day):
            for _i in range(int(PER_WORKING_DAY + rng.random())):
                moment = dt.datetime.combine(day, dt.time(7 + rng.randint(0, 9),
                                                          rng.randint(0, 59)), tz)
                if moment < now:
                    times.append(moment)
        day += dt.timedelta(days=1)
    return sorted(times)


def _status_for(rng: random.Random, age_days: int) -> str:
    roll = rng.random()
    if age_days > 45:
        return (IncomingStatus.FILED if roll < 0.6 else IncomingStatus.DONE if roll < 0.95
                else IncomingStatus.VOID)
    if age_days > 10:
        return (IncomingStatus.DONE if roll < 0.4 else IncomingStatus.DIRECTED if roll < 0.9
                else IncomingStatus.FILED)
    if age_days > 2:
        return IncomingStatus.DIRECTED if roll < 0.6 else IncomingStatus.SUBMITTED
    return (IncomingStatus.SUBMITTED if roll < 0.5 else IncomingStatus.REGISTERED)


def _urgency(rng: random.Random) -> str:
    roll = rng.random()
    return (Urgency.FLASH if roll < 0.01 else Urgency.VERY_URGENT if roll < 0.04
            else Urgency.URGENT if roll < 0.12 else Urgency.NORMAL)


class _Builder:
    def __init__(self, agency: Agency, rng: random.Random) -> None:
        self.agency, self.rng = agency, rng
        self.clerk = User.objects.get(username="vanthu")
        self.leaders = [User.objects.get(username=n) for n in ("lanhdao", "chutich")]
        self.units = {u.abbreviation: u for u in Unit.objects.filter(agency=agency)}
        self.senders = list(Correspondent.objects.filter(is_active=True).order_by("name"))
        self.types = {t.abbreviation: t for t in DocumentType.objects.all()}
        self.types[""] = DocumentType.objects.get(name="Công văn")
        self.serial: dict[int, int] = {}

    def document(self, when: dt.datetime, summary: tuple[str, str], secrecy: str,
                 status: str) -> IncomingDocument:
        rng = self.rng
        abbr, text = summary
        sender = rng.choice(self.senders)
        self.serial[sender.pk] = self.serial.get(sender.pk, rng.randint(5, 80)) + rng.randint(1, 9)
        short = sender.short_name or "UBND"
        notation = f"{self.serial[sender.pk]}/{abbr}-{short}" if abbr else \
            f"{self.serial[sender.pk]}/{short}-VP"
        doc_date = when.date() - dt.timedelta(days=rng.randint(0, 4))
        document = IncomingDocument(
            agency=self.agency, received_at=when, sender=sender, sender_notation=notation,
            document_date=doc_date, document_type=self.types.get(abbr, self.types[""]),
            summary=text.format(m=when.month, q=(when.month - 1) // 3 + 1, y=when.year),
            signer=rng.choice(SIGNERS), urgency=_urgency(rng), secrecy=secrecy,
            channel=rng.choice([Channel.PAPER, Channel.ELECTRONIC, Channel.ELECTRONIC,
                                Channel.EMAIL]),
            page_count=rng.randint(1, 12), copy_count=1, status=status,
        )
        derived_refresh(document)
        return document

    def fill_flow(self, document: IncomingDocument) -> None:
        when = document.received_at
        document.registered_at = when + dt.timedelta(minutes=self.rng.randint(5, 90))
        document.registered_by = self.clerk
        if document.status == IncomingStatus.REGISTERED:
            return
        leader = self.rng.choice(self.leaders)
        document.submitted_to = leader
        document.submitted_at = document.registered_at + dt.timedelta(minutes=30)
        if document.status in (IncomingStatus.SUBMITTED, IncomingStatus.RETURNED):
            return
        if document.status == IncomingStatus.VOID:
            document.void_reason = "Trùng với văn bản đã nhận qua trục liên thông."
            document.voided_at = document.submitted_at
            document.voided_by = self.clerk
            return
        unit = self.units[self.rng.choice(HANDLER_UNITS)]
        document.directed_by = leader
        document.directed_at = document.submitted_at + dt.timedelta(hours=3)
        document.direction = f"Giao {unit.name} chủ trì, tham mưu xử lý theo quy định."
        document.lead_unit, document.handler_label = unit, unit.name
        document.handling_deadline = add_working_days(document.directed_at.date(),
                                                      self.rng.choice([5, 7, 10, 15]))
        if document.status in (IncomingStatus.DONE, IncomingStatus.FILED):
            document.done_at = min(timezone.now(), document.directed_at + dt.timedelta(days=6))
        if document.status == IncomingStatus.FILED:
            document.filed_at = document.done_at


def _take_numbers(register: Register, count: int) -> int:
    """Reserve `count` numbers at once; returns the first. Caller holds the transaction."""
    locked = Register.objects.select_for_update().get(pk=register.pk)
    Register.objects.filter(pk=register.pk).update(last_number=F("last_number") + count)
    return locked.last_number + 1


def _history(document: IncomingDocument) -> None:
    event_record(actor=document.registered_by, verb=events.REGISTERED, target=document,
                 payload={"register": document.register_id, "number": document.number,
                          "demo": True})
    steps = [(document.submitted_to_id, events.SUBMITTED, document.registered_by),
             (document.return_reason, events.RETURNED, document.submitted_to),
             (document.directed_at, events.DIRECTED, document.directed_by),
             (document.voided_at, events.VOIDED, document.voided_by),
             (document.filed_at, events.FILED, document.registered_by)]
    for present, verb, actor in steps:
        if present:
            event_record(actor=actor, verb=verb, target=document,
                         payload={"reason": document.void_reason or document.return_reason}
                         if verb in (events.VOIDED, events.RETURNED)
                         else {"direction": document.direction} if verb == events.DIRECTED
                         else {})


def _assign(document: IncomingDocument, today: dt.date) -> None:
    lead_unit = document.lead_unit
    lead = assignment_create(
        assigner=document.directed_by, content=document.direction, assignee_unit=lead_unit,
        role=AssignmentRole.LEAD, deadline=document.handling_deadline, source=document,
        source_label=str(document)[:300], source_url=document.get_absolute_url(),
        is_urgent=document.is_urgent)
    if lead_unit is not None and lead_unit.abbreviation == "TH":
        co = Unit.objects.filter(agency_id=document.agency_id, abbreviation="KT").first()
        if co is not None:
            assignment_create(
                assigner=document.directed_by, content=document.direction, assignee_unit=co,
                role=AssignmentRole.CO_HANDLE, deadline=document.handling_deadline,
                source=document, source_label=str(document)[:300],
                source_url=document.get_absolute_url(), is_urgent=document.is_urgent)
    handler = User.objects.filter(unit=lead_unit, is_active=True).order_by("pk").first()
    if handler is not None and (today - document.received_at.date()).days > 10:
        # Older directions are being worked on: the listener moves the document on.
        assignment_start(actor=handler, assignment=lead)


@transaction.atomic
def demo_incoming_ensure(*, agency: Agency, today: dt.date | None = None) -> int:
    """Create the demo incoming documents once; returns how many were created."""
    now = timezone.now()
    today = today or timezone.localdate()
    main = register_for_year(agency=agency, direction=Direction.INCOMING, year=today.year)
    secret = register_for_year(agency=agency, direction=Direction.INCOMING, year=today.year,
                               is_secret=True)
    if IncomingDocument.objects.filter(agency=agency, register__in=[main, secret]).exists():
        return 0
    rng = random.Random(today.year)
    builder = _Builder(agency, rng)
    arrivals = _arrivals(rng, dt.date(today.year, 1, 1), now)
    documents = []
    for when in arrivals:
        status = _status_for(rng, (today - when.date()).days)
        document = builder.document(when, rng.choice(SUMMARIES), Secrecy.NORMAL, status)
        builder.fill_flow(document)
        documents.append(document)
    for index in (2, 5):  # two returned to the clerk among the most recent
        if len(documents) > index and documents[-index].status == IncomingStatus.SUBMITTED:
            documents[-index].status = IncomingStatus.RETURNED
            documents[-index].return_reason = RETURN_REASONS[index % 2]
    secrets = [builder.document(arrivals[i], SECRET_SUMMARIES[k], Secrecy.SECRET,
                                IncomingStatus.REGISTERED)
               for k, i in enumerate((len(arrivals) // 3, len(arrivals) // 2)) if arrivals]
    for register, batch in ((main, documents), (secret, secrets)):
        first = _take_numbers(register, len(batch))
        for offset, document in enumerate(batch):
            document.register, document.number = register, first + offset
            if document.registered_by_id is None:
                builder.fill_flow(document)
    created = IncomingDocument.objects.bulk_create(documents + secrets)
    for document in created:
        _history(document)
        if document.status == IncomingStatus.DIRECTED:
            _assign(document, today)
    for document in secrets:
        IncomingAccessGrant.objects.get_or_create(document=document, user=builder.leaders[0],
                                                  defaults={"granted_by": builder.clerk})
    _received(builder, now)
    return len(created)


def _received(builder: _Builder, now: dt.datetime) -> None:
    """Three documents that came electronically and wait, unnumbered, for the clerk."""
    for minutes in (20, 45, 90):
        document = builder.document(now - dt.timedelta(minutes=minutes),
                                    builder.rng.choice(SUMMARIES), Secrecy.NORMAL,
                                    IncomingStatus.RECEIVED)
        document.channel = Channel.ELECTRONIC
        document.save()
        event_record(actor=None, verb=events.RECEIVED, target=document,
                     payload={"channel": document.channel, "demo": True})


