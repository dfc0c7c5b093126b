"""Fixtures for the incoming tests: the demo office's people and a quick registration."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from registry.files.services import file_store
from registry.incoming.services import incoming_register
from registry.organisation.models import Correspondent, DocumentType

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 44>>stream\nBT /F1 18 Tf 30 100 Td (Cong van den) Tj ET\nendstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def pdf_bytes() -> bytes:
    return MINIMAL_PDF


@pytest.fixture
def stored_pdf(db, pdf_bytes):
    return file_store(upload=io.BytesIO(pdf_bytes), name="cong-van.pdf", size=len(pdf_bytes))


@pytest.fixture
def clerk(demo_user):
    return demo_user("vanthu")


@pytest.fixture
def leader(demo_user):
    return demo_user("lanhdao")


@pytest.fixture
def staff_th(demo_user):
    return demo_user("chuyenvien")


@pytest.fixture
def staff_kt(demo_user):
    return demo_user("chuyenvienkt")


@pytest.fixture
def sender(demo) -> Correspondent:
    return Correspondent.objects.get(name="Bộ Nội vụ")


@pytest.fixture
def cong_van(demo) -> DocumentType:
    return DocumentType.objects.get(name="Công văn")


@pytest.fixture
def register_doc(clerk, sender, cong_van):
    """Register a document through the service; keyword arguments override the defaults."""
    counter = iter(range(1, 10_000))

    def make(**overrides):
        values = {
            "actor": clerk, "sender": sender, "sender_notation": f"{next(counter)}/BNV-CCHC",
            "document_date": timezone.localdate() - dt.timedelta(days=1),
            "document_type": cong_van,
            "summary": "V/v đẩy mạnh công tác cải cách hành chính năm 2026",
            "signer": "Nguyễn Văn Hải",
        }
        return incoming_register(**(values | overrides))

    return make
