"""Fixtures of the exchange integration tests: the demo office with an OrganId, a sender in
the directory with its code, a folder transport, packets signed by a throw-away CA."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone

from registry.exchange.edxml import (
    Attachment,
    Code,
    DocumentMessage,
    DocumentType,
    Organization,
    OtherInfo,
    PromulgationInfo,
    SignerInfo,
    write_document,
)
from registry.exchange.services import trust_roots_install
from registry.exchange.transport import FolderTransport
from registry.organisation.models import Correspondent

from .pki import make_pdf, make_pki, sign_pdf

OUR_CODE = "000.00.00.H31"  # the demo agency (UBND tỉnh Hưng Yên)
SENDER_CODE = "000.00.00.G09"
SENDER_NAME = "Bộ Nội vụ"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Phụ lục kèm theo</w:document>")
    return buffer.getvalue()


DOCX_BYTES = _docx()


@pytest.fixture(scope="session")
def pki():
    return make_pki()


@pytest.fixture(scope="session")
def signed_pdf(pki) -> bytes:
    return sign_pdf(make_pdf(), pki)


@pytest.fixture
def sender(demo) -> Correspondent:
    Correspondent.objects.filter(name=SENDER_NAME).update(organ_id=SENDER_CODE)
    return Correspondent.objects.get(name=SENDER_NAME)


@pytest.fixture
def trusted(demo, pki):
    return trust_roots_install(actor=None, data=pki.root_pem, name="Docflow test root")


@pytest.fixture
def outbox_calls(monkeypatch) -> list[tuple]:
    """Tasks queued after commit, recorded instead of sent to Redis."""
    calls: list[tuple] = []
    monkeypatch.setattr("registry.exchange.services.outbox.enqueue",
                        lambda name, *args: calls.append((name, *args)) or True)
    return calls


@pytest.fixture
def folder(settings, tmp_path) -> FolderTransport:
    settings.EXCHANGE = {"EXCHANGE_TRANSPORT": "folder", "EXCHANGE_FOLDER": str(tmp_path)}
    return FolderTransport(inbox=tmp_path / "inbox", outbox=tmp_path / "outbox",
                           processed=tmp_path / "processed")


def message(pdf: bytes, **changes) -> DocumentMessage:
    """A directive from Bộ Nội vụ to the demo agency, with the signed PDF and an appendix."""
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    values = {
        "sender": Organization(SENDER_CODE, SENDER_NAME, email="vanthu@moha.gov.vn"),
        "recipients": (Organization(OUR_CODE, "Ủy ban nhân dân tỉnh Hưng Yên"),),
        "code": Code("125", "CT-BNV"),
        "subject": "Về việc tăng cường kỷ luật, kỷ cương hành chính năm 2026",
        "promulgation": PromulgationInfo("Hà Nội", yesterday),
        "document_type": DocumentType("3", "Chỉ thị"),
        "signer": SignerInfo("KT. BỘ TRƯỞNG", "Thứ trưởng", "Nguyễn Văn An"),
        "due_date": yesterday + dt.timedelta(days=20),
        "other_info": OtherInfo(priority=1, promulgation_amount=60, page_amount=4),
        "attachments": (
            Attachment("vb", "125-CT-BNV.pdf", "application/pdf", pdf),
            Attachment("pl", "Phụ lục.docx", "application/vnd.openxmlformats-officedocument."
                       "wordprocessingml.document", DOCX_BYTES),
        ),
    }
    values.update(changes)
    return DocumentMessage(**values)


def packet(pdf: bytes, **changes) -> bytes:
    return write_document(message(pdf, **changes))
