"""The archive package: the XML valid against the shipped XSD and in time order, the PDF
holding every document in the same order, hidden documents without content."""

import datetime as dt
import hashlib
import io
from xml.etree import ElementTree as ET

import pytest
import xmlschema
from django.utils import timezone
from pypdf import PdfReader

from registry.casefiles.archive.package import archive_package_build, package_for_download
from registry.casefiles.archive.xml import NAMESPACE, SCHEMA_PATH
from registry.casefiles.models import CaseFileHandover
from registry.casefiles.services import (
    casefile_close,
    casefile_hand_over,
    casefile_item_add,
    casefile_open,
)

from .helpers import make_incoming, make_outgoing, refreshed, unzip

pytestmark = pytest.mark.django_db
NS = {"cf": NAMESPACE}
TODAY = timezone.localdate()
D1, D2 = TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=12)


@pytest.fixture
def schema():
    return xmlschema.XMLSchema(str(SCHEMA_PATH))


@pytest.fixture
def filled(office):
    """TH.01 with, added in reverse, the incoming request and the directive answering it."""
    case_file = casefile_open(actor=office.staff, case_file=office.planned)
    request = make_incoming(office.agency, unit=office.unit, notation="125/BNV-CCHC", day=D1,
                            summary="Đề nghị báo cáo kết quả cải cách hành chính quý I",
                            pages=4)
    directive = make_outgoing(office.agency, drafter=office.staff, day=D2, pages=6,
                              summary="Chỉ thị đẩy mạnh cải cách hành chính trên địa bàn tỉnh",
                              answers=(request,))
    casefile_item_add(actor=office.staff, case_file=case_file, document=directive)
    casefile_item_add(actor=office.staff, case_file=case_file, document=request)
    return case_file, request, directive


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_xml_is_valid_and_in_time_order(office, filled, schema):
    case_file, request, directive = filled
    package = archive_package_build(office.staff, case_file)
    schema.validate(package.xml)
    root = ET.fromstring(package.xml)
    file_node = root.find("cf:File", NS)
    assert file_node.findtext("cf:FileCode", namespaces=NS) == f"000.00.00.H31.{TODAY.year}.TH.01"
    assert file_node.findtext("cf:Maintenance", namespaces=NS) == "Vĩnh viễn"
    assert file_node.findtext("cf:Creator", namespaces=NS) == str(office.staff)
    assert file_node.findtext("cf:DocTotal", namespaces=NS) == "2"
    assert file_node.findtext("cf:PageTotal", namespaces=NS) == "10"
    assert file_node.findtext("cf:StartDate", namespaces=NS) == D1.isoformat()
    assert file_node.findtext("cf:EndDate", namespaces=NS) == D2.isoformat()
    documents = root.findall("cf:Documents/cf:Document", NS)
    assert [d.findtext("cf:DocOrdinal", namespaces=NS) for d in documents] == ["1", "2"]
    first, second = documents
    assert first.findtext("cf:CodeNumber", namespaces=NS) == "125"
    assert first.findtext("cf:CodeNotation", namespaces=NS) == "BNV-CCHC"
    assert first.findtext("cf:IssuedDate", namespaces=NS) == D1.isoformat()
    assert first.findtext("cf:OrganName", namespaces=NS) == "Bộ Nội vụ"
    assert first.findtext("cf:Subject", namespaces=NS) == request.summary
    assert first.findtext("cf:PageAmount", namespaces=NS) == "4"
    number, symbol = directive.notation.split("/")
    assert second.findtext("cf:CodeNumber", namespaces=NS) == number
    assert second.findtext("cf:CodeNotation", namespaces=NS) == symbol
    assert second.findtext("cf:TypeName", namespaces=NS) == "Chỉ thị"
    assert second.findtext("cf:OrganName", namespaces=NS) == office.agency.name


def test_schema_rejects_a_file_without_title(office, filled, schema):
    case_file, _request, _directive = filled
    package = archive_package_build(office.staff, case_file)
    root = ET.fromstring(package.xml)
    file_node = root.find("cf:File", NS)
    file_node.remove(file_node.find("cf:Title", NS))
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        schema.validate(ET.tostring(root))


def test_pdf_lists_both_documents_in_time_order(office, filled):
    case_file, _request, directive = filled
    package = archive_package_build(office.staff, case_file)
    assert package.pdf.startswith(b"%PDF")
    text = _pdf_text(package.pdf)
    assert "MỤC LỤC VĂN BẢN" in text
    assert "125/BNV-CCHC" in text and directive.notation in text
    assert text.index("125/BNV-CCHC") < text.index(directive.notation)
    assert "cải cách hành chính quý I" in text.replace("\n", " ")


def test_package_zip_holds_pdf_and_xml(office, filled):
    case_file, _request, _directive = filled
    files = unzip(archive_package_build(office.staff, case_file).zip)
    assert set(files) == {"muc-luc.pdf", "ho-so.xml"}
    assert files["muc-luc.pdf"].startswith(b"%PDF")


def test_hidden_documents_carry_no_content(office, filled, schema):
    case_file, _request, _directive = filled
    package = archive_package_build(office.colleague, case_file)  # TH colleague: sees the unit's
    schema.validate(package.xml)                                  # incoming, not others' drafts
    root = ET.fromstring(package.xml)
    second = root.findall("cf:Documents/cf:Document", NS)[1]
    assert second.findtext("cf:Hidden", namespaces=NS) == "true"
    assert second.find("cf:Subject", NS) is None
    assert "Chỉ thị đẩy mạnh".encode() not in package.xml
    assert "Chỉ thị đẩy mạnh" not in _pdf_text(package.pdf)
    assert "Văn bản không có quyền xem" in _pdf_text(package.pdf)


def test_handed_over_package_is_served_as_kept(office, filled):
    case_file, _request, _directive = filled
    casefile_close(actor=office.staff, case_file=case_file)
    casefile_hand_over(actor=office.staff, case_file=case_file)
    handover = CaseFileHandover.objects.get(case_file=case_file)
    data, filename = package_for_download(office.staff, refreshed(case_file))
    assert hashlib.sha256(data).hexdigest() == handover.sha256
    assert filename == f"ho-so-{TODAY.year}-th-01.zip"
