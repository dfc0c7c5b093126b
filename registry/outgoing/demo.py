"""Demo data of the outgoing flow: the demo agency's approval chain, drafts waiting at each
step, and a year of issued directives. Idempotent (`manage.py seed_demo` may run again)."""

import datetime as dt
import io
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from registry.core.text import fold, normalise_notation
from registry.files.models import StoredFile
from registry.files.services import file_store
from registry.organisation.calendar import is_working_day, next_working_day
from registry.organisation.models import (
    URGENCY_RANK,
    Agency,
    Correspondent,
    Direction,
    DocumentType,
    Unit,
    Urgency,
    User,
)
from registry.organisation.numbering import register_for_year, register_next_number

from .demo_text import DRAFTS, TOPICS, VERBS
from .models import (
    ApprovalStep,
    ApprovalStepStatus,
    ApprovalStepTemplate,
    ApproverRule,
    Dispatch,
    DispatchChannel,
    DispatchStatus,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingStatus,
    RecipientKind,
    SigningAuthority,
)
from .notation import notation_compose
from .services import (
    DraftFields,
    TaskSpec,
    outgoing_approve,
    outgoing_draft_create,
    outgoing_return,
    outgoing_submit,
)

ISSUED_PER_YEAR = 320
# Công văn dominate an office's output; then decisions, reports, notices, plans, invitations.
TYPE_WEIGHTS = [("Công văn", 50), ("Quyết định", 18), ("Báo cáo", 8), ("Thông báo", 7),
                ("Kế hoạch", 6), ("Giấy mời", 5), ("Tờ trình", 3), ("Chỉ thị", 2),
                ("Công điện", 1)]


def pdf_bytes(title: str) -> bytes:
    """A small valid one-page PDF (ASCII text: the base fonts have no Vietnamese glyphs)."""
    text = fold(title).upper().replace("(", "[").replace(")", "]")[:90]
    stream = f"BT /F1 14 Tf 60 780 Td ({text}) Tj 0 -24 Td (DU THAO - DOCFLOW DEMO) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
              .encode())
    return out.getvalue()


def pdf_stored(title: str) -> StoredFile:
    data = pdf_bytes(title)
    return file_store(upload=io.BytesIO(data), name="du-thao.pdf", size=len(data))


def approval_chain_ensure(*, agency: Agency) -> None:
    """Head of the drafting unit → Chánh Văn phòng → the signing leader."""
    chief = User.objects.filter(username="chanhvanphong", agency=agency).first()
    steps = [(1, "Trưởng đơn vị soạn thảo kiểm tra nội dung", ApproverRule.UNIT_HEAD, None)]
    if chief is not None:
        steps.append((2, "Chánh Văn phòng kiểm tra thể thức", ApproverRule.NAMED_USER, chief))
    steps.append((3, "Lãnh đạo UBND tỉnh ký duyệt", ApproverRule.SIGNER, None))
    for order, name, rule, user in steps:
        ApprovalStepTemplate.objects.get_or_create(
            agency=agency, order=order, defaults={"name": name, "rule": rule, "user": user})


def _user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def _drafts_ensure(agency: Agency) -> None:
    """One draft at each step: returned, with chanhvanphong, with lanhdao, signed."""
    units = {u.abbreviation: u for u in Unit.objects.filter(agency=agency)}
    for spec in DRAFTS:
        if OutgoingDocument.objects.filter(agency=agency, summary=spec["summary"]).exists():
            continue
        drafter = _user(spec["drafter"])
        fields = DraftFields(
            document_type=DocumentType.objects.get(name=spec["type"]), summary=spec["summary"],
            signer=_user("lanhdao"), signing_authority=SigningAuthority.KT,
            urgency=spec.get("urgency", Urgency.NORMAL), drafting_unit=drafter.unit,
            recipient_units=[units[a] for a in spec.get("units", [])],
            recipient_correspondents=list(Correspondent.objects.filter(
                name__in=spec.get("external", []))),
            tasks=[TaskSpec(unit=units[a], content=c, deadline_days=d)
                   for a, c, d in spec.get("tasks", [])],
        )
        document = outgoing_draft_create(actor=drafter, fields=fields,
                                         stored_file=pdf_stored(spec["summary"]),
                                         filename="du-thao-v1.pdf")
        outgoing_submit(actor=drafter, document=document)
        for username in spec["approve"]:
            outgoing_approve(actor=_user(username), document=document, comment="Đồng ý.")
        if spec.get("return_by"):
            outgoing_return(actor=_user(spec["return_by"]), document=document,
                            comment=spec["return_comment"])


def _working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _issued_row(agency: Agency, rng: random.Random, day: dt.date, people: dict[str, Any],
                types: dict[str, DocumentType]) -> OutgoingDocument:
    type_name = rng.choices([t for t, _w in TYPE_WEIGHTS], [w for _t, w in TYPE_WEIGHTS])[0]
    drafter = rng.choice(people["drafters"])
    chairman = type_name in ("Quyết định", "Chỉ thị") and rng.random() < 0.3
    signer = people["chutich"] if chairman else people["lanhdao"]
    summary = f"{rng.choice(VERBS)} {rng.choice(TOPICS)}"
    if type_name == "Công văn":
        summary = f"V/v {summary[0].lower()}{summary[1:]}"
    urgency = rng.choices([Urgency.NORMAL, Urgency.URGENT, Urgency.VERY_URGENT],
                          [88, 10, 2])[0]
    issued_at = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + rng.randint(0, 7))))
    return OutgoingDocument(
        agency=agency, drafting_unit=drafter.unit, drafter=drafter,
        document_type=types[type_name], summary=summary, signer=signer,
        signing_authority=SigningAuthority.TM if chairman else SigningAuthority.KT,
        signer_name=signer.display_title, urgency=urgency, urgency_rank=URGENCY_RANK[urgency],
        status=OutgoingStatus.DISPATCHED, document_date=day, issued_at=issued_at,
        issued_by=people["vanthu"], with_unit_symbol=type_name == "Công văn",
        page_count=rng.randint(1, 6), copies=rng.randint(2, 12),
        file_copy_keeper=drafter.unit.name, submitted_at=issued_at, approved_at=issued_at,
    )


@transaction.atomic
def _issued_year_ensure(agency: Agency, today: dt.date) -> None:
    register = register_for_year(agency=agency, direction=Direction.OUTGOING, year=today.year)
    if OutgoingDocument.objects.filter(register=register).count() >= ISSUED_PER_YEAR // 2:
        return
    rng = random.Random(f"docflow-outgoing-{agency.pk}-{today.year}")
    people = {"drafters": list(User.objects.filter(
        agency=agency, username__in=["chuyenvien", "chuyenvien2", "chuyenvienkt", "chuyenvienvx",
                                     "chuyenviennc", "truongphongth"]).select_related("unit")),
              "lanhdao": _user("lanhdao"), "chutich": _user("chutich"),
              "vanthu": _user("vanthu")}
    types = {t.name: t for t in DocumentType.objects.filter(name__in=[n for n, _ in TYPE_WEIGHTS])}
    externals = list(Correspondent.objects.filter(is_active=True).order_by("name"))
    days = _working_days(dt.date(today.year, 1, 2), today - dt.timedelta(days=1))
    dates = sorted(rng.choice(days) for _ in range(ISSUED_PER_YEAR)) if days else []
    documents = []
    for day in dates:
        document = _issued_row(agency, rng, day, people, types)
        document.register, document.number = register, register_next_number(
            register_id=register.pk)
        document.notation = notation_compose(
            number=document.number, type_abbreviation=document.document_type.abbreviation,
            agency_abbreviation=agency.abbreviation,
            unit_abbreviation=document.drafting_unit.abbreviation
            if document.with_unit_symbol else "")
        document.notation_normalised = normalise_notation(document.notation)
        documents.append(document)
    OutgoingDocument.objects.bulk_create(documents)
    _recipients_and_dispatches(documents, externals, rng)


def _recipients_and_dispatches(documents: list[OutgoingDocument], externals: list[Any],
                               rng: random.Random) -> None:
    recipients, steps = [], []
    for document in documents:
        for correspondent in rng.sample(externals, k=min(len(externals), rng.randint(1, 3))):
            recipients.append(OutgoingRecipient(document=document, kind=RecipientKind.EXTERNAL,
                                                correspondent=correspondent,
                                                name=correspondent.name))
        steps.append(ApprovalStep(document=document, order=3, name="Lãnh đạo UBND tỉnh ký duyệt",
                                  rule=ApproverRule.SIGNER, approver=document.signer,
                                  status=ApprovalStepStatus.APPROVED,
                                  decided_at=document.issued_at))
    OutgoingRecipient.objects.bulk_create(recipients)
    ApprovalStep.objects.bulk_create(steps)
    dispatches, names = [], {}
    for recipient in recipients:
        document = recipient.document
        names.setdefault(document.pk, []).append(recipient.name)
        due = next_working_day(document.document_date)
        sent_on = document.document_date if rng.random() < 0.8 else due
        if rng.random() < 0.04:
            sent_on = next_working_day(due)  # a few late sends, for the compliance figures
        dispatches.append(Dispatch(
            document=document, recipient=recipient, due_date=due, sent_on=sent_on,
            channel=rng.choice([DispatchChannel.ELECTRONIC, DispatchChannel.ELECTRONIC,
                                DispatchChannel.EMAIL, DispatchChannel.POST]),
            status=DispatchStatus.SENT, sent_by=document.issued_by,
            sent_at=timezone.make_aware(dt.datetime.combine(sent_on, dt.time(15)))))
    Dispatch.objects.bulk_create(dispatches)
    for document in {r.document.pk: r.document for r in recipients}.values():
        document.search_folded = fold(" ".join([
            document.notation, document.document_type.name, document.summary,
            document.signer_name, document.drafting_unit.name, *names.get(document.pk, [])]))
    OutgoingDocument.objects.bulk_update(documents, ["search_folded"], batch_size=500)


def demo_outgoing_ensure(*, agency: Agency, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    approval_chain_ensure(agency=agency)
    _issued_year_ensure(agency, today)
    _drafts_ensure(agency)
