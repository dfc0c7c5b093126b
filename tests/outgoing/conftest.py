"""Fixtures of the outgoing tests: the demo chain, a PDF, and drafts at any step."""

import pytest

from registry.organisation.models import Correspondent, DocumentType, Unit, User
from registry.outgoing.demo import approval_chain_ensure, pdf_stored
from registry.outgoing.services import (
    DraftFields,
    TaskSpec,
    outgoing_approve,
    outgoing_draft_create,
    outgoing_submit,
)


@pytest.fixture
def chain(demo):
    """truongphong (head of the drafting unit) → chanhvanphong → the signer (lanhdao)."""
    approval_chain_ensure(agency=demo)
    return demo


@pytest.fixture
def pdf(db):
    return pdf_stored("Ke hoach thu nghiem")


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


@pytest.fixture
def make_draft(chain, pdf):
    def make(*, drafter="chuyenvien", type_name="Kế hoạch", units=("KT",),
             external=("Sở Tài chính",), tasks=None, with_file=True, **extra):
        author = user(drafter)
        unit_rows = {u.abbreviation: u for u in Unit.objects.filter(agency=chain)}
        if tasks is None:
            tasks = [TaskSpec(unit=unit_rows["KT"], content="Rà soát số liệu kinh tế",
                              deadline_days=5),
                     TaskSpec(unit=unit_rows["VX"], user=user("chuyenvienvx"),
                              content="Chuẩn bị khánh tiết hội nghị")]
        fields = DraftFields(
            document_type=DocumentType.objects.get(name=type_name),
            summary=extra.pop("summary", "Kế hoạch tổ chức hội nghị tổng kết năm 2026"),
            signer=user("lanhdao"), drafting_unit=author.unit,
            recipient_units=[unit_rows[a] for a in units],
            recipient_correspondents=list(Correspondent.objects.filter(name__in=external)),
            tasks=tasks, **extra,
        )
        return outgoing_draft_create(actor=author, fields=fields,
                                     stored_file=pdf if with_file else None,
                                     filename="du-thao.pdf" if with_file else "")

    return make


@pytest.fixture
def signed_draft(make_draft):
    """A draft that went through the whole demo chain and waits for the clerk."""

    def make(**kwargs):
        document = make_draft(**kwargs)
        outgoing_submit(actor=document.drafter, document=document)
        for username in ("truongphongth", "chanhvanphong", "lanhdao"):
            outgoing_approve(actor=user(username), document=document)
        document.refresh_from_db()
        return document

    return make
