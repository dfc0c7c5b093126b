"""chuyenvien opens a file from the yearly list, files the request and the directive that
answered it, closes the file; the archive package holds both, in time order, in the PDF and
in the XML, and the XML is valid against the schema the project ships."""

import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema
from django.utils import timezone
from pypdf import PdfReader

from registry.casefiles.archive.xml import NAMESPACE, SCHEMA_PATH
from registry.casefiles.models import CaseFileStatus

from .helpers import make_incoming, make_outgoing, refreshed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NS = {"cf": NAMESPACE}


def _add(page, kind_label: str, query: str, artifacts_dir: Path, shot: str) -> None:
    page.get_by_role("link", name="Thêm văn bản").click()
    main = page.locator("main")
    main.get_by_label("Loại văn bản").select_option(label=kind_label)
    main.get_by_label("Tìm văn bản để thêm").fill(query)
    main.get_by_role("button", name="Tìm", exact=True).click()
    page.screenshot(path=artifacts_dir / shot, full_page=True)
    main.get_by_role("row").filter(has_text=query).get_by_role("button", name="Thêm").click()
    page.get_by_text("Đã thêm văn bản vào hồ sơ.").wait_for()


def _package(page, tmp_path: Path) -> dict[str, bytes]:
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải gói hồ sơ (PDF + XML)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        return {name.rsplit("/", 1)[-1]: archive.read(name) for name in archive.namelist()}


def test_staff_files_request_and_directive_then_exports(office, login, page, artifacts_dir,
                                                        tmp_path):
    today = timezone.localdate()
    request = make_incoming(office.agency, unit=office.unit, notation="125/BNV-CCHC",
                            day=today - dt.timedelta(days=20), pages=4,
                            summary="Đề nghị báo cáo kết quả cải cách hành chính")
    directive = make_outgoing(office.agency, drafter=office.staff,
                              day=today - dt.timedelta(days=6), pages=5, answers=(request,),
                              summary="Chỉ thị đẩy mạnh cải cách hành chính năm nay")

    login("chuyenvien")
    page.get_by_role("link", name="Danh mục hồ sơ").first.click()
    page.screenshot(path=artifacts_dir / "casefiles-1-list.png", full_page=True)
    page.get_by_role("button", name="Mở hồ sơ TH.01").click()
    page.get_by_text("Đã mở hồ sơ.").wait_for()
    page.screenshot(path=artifacts_dir / "casefiles-2-opened.png", full_page=True)

    # The directive first, then the request: the file orders them by date all the same.
    _add(page, "Văn bản đi", "đẩy mạnh", artifacts_dir, "casefiles-3-find-directive.png")
    _add(page, "Văn bản đến", "kết quả cải cách", artifacts_dir, "casefiles-4-find-request.png")
    rows = page.locator("table.df-casefile-items tbody tr")
    assert rows.count() == 2
    assert "125/BNV-CCHC" in rows.nth(0).inner_text()
    assert directive.notation in rows.nth(1).inner_text()
    page.screenshot(path=artifacts_dir / "casefiles-5-filed.png", full_page=True)

    page.get_by_role("link", name="Kết thúc hồ sơ").click()
    page.get_by_label("Ngày kết thúc").fill(today.isoformat())
    page.get_by_role("button", name="Kết thúc hồ sơ").click()
    page.get_by_text("Đã kết thúc hồ sơ.").wait_for()
    page.screenshot(path=artifacts_dir / "casefiles-6-closed.png", full_page=True)
    assert refreshed(office.planned).status == CaseFileStatus.CLOSED

    files = _package(page, tmp_path)
    (artifacts_dir / "casefiles-7-muc-luc.pdf").write_bytes(files["muc-luc.pdf"])
    (artifacts_dir / "casefiles-7-ho-so.xml").write_bytes(files["ho-so.xml"])
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(files["muc-luc.pdf"])).pages)
    assert text.index("125/BNV-CCHC") < text.index(directive.notation)
    xmlschema.XMLSchema(str(SCHEMA_PATH)).validate(files["ho-so.xml"])
    documents = ET.fromstring(files["ho-so.xml"]).findall("cf:Documents/cf:Document", NS)
    assert [(d.findtext("cf:DocOrdinal", namespaces=NS), d.findtext("cf:Subject", namespaces=NS))
            for d in documents] == [("1", request.summary), ("2", directive.summary)]
    assert documents[0].findtext("cf:IssuedDate", namespaces=NS) < documents[1].findtext(
        "cf:IssuedDate", namespaces=NS)
