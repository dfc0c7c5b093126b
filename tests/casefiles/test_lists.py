"""The yearly list: Excel export and import round trip, pages of the list managers."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from registry.casefiles.models import CaseFile, CaseFileStatus, FileList
from registry.casefiles.services import (
    PlannedFile,
    casefile_plan,
    filelist_create,
    filelist_import,
    heading_create,
)
from registry.casefiles.xlsx import COLUMNS, filelist_xlsx, filelist_xlsx_read

pytestmark = pytest.mark.django_db


def test_xlsx_round_trip_into_next_years_list(office):
    subject = heading_create(actor=office.clerk, file_list=office.file_list,
                             title="Cải cách hành chính", parent=office.heading)
    casefile_plan(actor=office.clerk, file_list=office.file_list, spec=PlannedFile(
        code="TH.02", title="Báo cáo cải cách hành chính", responsible_unit=office.unit,
        heading=subject, retention_years=10, notes="Định kỳ quý"))
    data = filelist_xlsx(office.file_list)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[2]] == list(COLUMNS)
    assert sheet["C4"].value == "TH.02" and sheet["E3"].value == "Vĩnh viễn"
    rows = filelist_xlsx_read(io.BytesIO(data), agency_id=office.agency.pk)
    target = filelist_create(actor=office.clerk, year=office.file_list.year + 1)
    assert filelist_import(actor=office.clerk, file_list=target, rows=rows) == 2
    copied = {f.code: f for f in CaseFile.objects.filter(file_list=target).select_related(
        "heading__parent")}
    assert copied["TH.01"].responsible_user == office.staff
    assert copied["TH.01"].retention_years is None
    assert copied["TH.02"].heading.title == "Cải cách hành chính"
    assert copied["TH.02"].heading.parent.title == office.heading.title
    assert (copied["TH.02"].retention_years, copied["TH.02"].notes) == (10, "Định kỳ quý")
    assert {f.status for f in copied.values()} == {CaseFileStatus.PLANNED}


def test_xlsx_import_names_the_bad_rows(office):
    data = filelist_xlsx(office.file_list)
    workbook = load_workbook(io.BytesIO(data))
    workbook.active.append(["", "", "TH.07", "Hồ sơ lạ", "mãi mãi", "KHONGCO", "", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(ValidationError) as refusal:
        filelist_xlsx_read(buffer, agency_id=office.agency.pk)
    assert "Dòng 4" in str(refusal.value.message_dict["upload"])


def test_import_is_all_or_nothing(office):
    rows = filelist_xlsx_read(io.BytesIO(filelist_xlsx(office.file_list)),
                              agency_id=office.agency.pk)
    with pytest.raises(ValidationError, match="Dòng 1"):  # TH.01 is already in this list
        filelist_import(actor=office.clerk, file_list=office.file_list, rows=rows)
    assert office.file_list.files.count() == 1


def test_clerk_makes_next_years_list_by_copy_from_the_page(client, office):
    client.force_login(office.clerk)
    year = office.file_list.year + 1
    response = client.post(reverse("casefiles:list_create", args=[year]),
                           {"copy_from": office.file_list.year, "title": ""})
    assert response.status_code == 302
    copy = FileList.objects.get(agency=office.agency, year=year)
    assert list(copy.files.values_list("code", flat=True)) == ["TH.01"]
    page = client.get(reverse("casefiles:list_year", args=[year])).content.decode()
    assert "Dự kiến (chưa mở)" in page and "TH.01" in page


def test_staff_cannot_change_the_list(client, office):
    client.force_login(office.staff)
    year = office.file_list.year
    assert client.get(reverse("casefiles:plan", args=[year])).status_code == 403
    assert client.get(reverse("casefiles:list_import", args=[year])).status_code == 403


def test_plan_page_adds_a_file_with_its_labels(client, office):
    client.force_login(office.clerk)
    url = reverse("casefiles:plan", args=[office.file_list.year])
    page = client.get(url).content.decode()
    for label in ("Số và ký hiệu hồ sơ", "Tiêu đề hồ sơ", "Thời hạn bảo quản (năm)",
                  "Đơn vị lập hồ sơ", "Người lập hồ sơ", "Đề mục"):
        assert f">{label}" in page
    response = client.post(url, {"code": "TH.01", "title": "Trùng", "rights": "open",
                                 "responsible_unit": office.unit.pk})
    assert "Danh mục đã có hồ sơ số, ký hiệu TH.01" in response.content.decode()
    client.post(url, {"code": "TH.03", "title": "Hồ sơ mới", "rights": "open",
                      "responsible_unit": office.unit.pk, "heading": office.heading.pk})
    assert office.file_list.files.filter(code="TH.03", heading=office.heading).exists()


def test_import_page_reads_an_uploaded_workbook(client, office):
    target = filelist_create(actor=office.clerk, year=office.file_list.year - 1)
    upload = io.BytesIO(filelist_xlsx(office.file_list))
    upload.name = "danh-muc.xlsx"
    client.force_login(office.clerk)
    response = client.post(reverse("casefiles:list_import", args=[target.year]),
                           {"upload": upload})
    assert response.status_code == 302
    assert list(target.files.values_list("code", flat=True)) == ["TH.01"]
