"""Register books: the decree's columns in XLSX (through the worker's function) and in print."""

import io

import pytest
from openpyxl import load_workbook

from registry.audit.models import Event
from registry.files.services import file_root
from registry.organisation.models import Direction, Register
from registry.reports import events
from registry.reports.books import BOOKS, book_chunks
from registry.reports.exports import export_request, export_run
from registry.reports.models import BookKind, Export, JobStatus
from registry.reports.xlsx import HEADER_ROW

pytestmark = pytest.mark.django_db


def incoming_register(clerk) -> Register:
    return Register.objects.get(agency_id=clerk.agency_id, direction=Direction.INCOMING,
                                is_secret=False, year=__import__("datetime").date.today().year)


def _sheet(export: Export):
    path = file_root() / export.stored_file.relative_path
    return load_workbook(io.BytesIO(path.read_bytes())).worksheets[0]


def test_incoming_book_xlsx_has_the_decree_columns(clerk, register_doc,
                                                   django_capture_on_commit_callbacks):
    first = register_doc("Đẩy mạnh cải cách hành chính", notes="Bản chính")
    register_doc("Báo cáo kinh tế quý")
    register = first.register
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = export_request(actor=clerk, book=BookKind.INCOMING, register_id=register.pk,
                                date_from=None, date_to=None)
    assert len(callbacks) == 1  # the worker is asked after commit
    export_run(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == JobStatus.DONE and export.done_rows == 2 and export.percent == 100
    sheet = _sheet(export)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == register.agency.name
    assert rows[1][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
    assert list(rows[HEADER_ROW - 1]) == [
        "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng",
        "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận",
        "Ghi chú"]
    assert rows[HEADER_ROW][1] == "01" and rows[HEADER_ROW][2] == "Bộ Nội vụ"
    assert rows[HEADER_ROW][5] == "Công văn: Đẩy mạnh cải cách hành chính"
    assert rows[HEADER_ROW][9] == "Bản chính"
    verbs = set(Event.objects.filter(target_id=export.pk).values_list("verb", flat=True))
    assert {events.EXPORT_REQUESTED, events.EXPORT_FINISHED} <= verbs
    export_run(export_id=export.pk)  # a second delivery of the task does nothing
    assert Export.objects.get(pk=export.pk).stored_file_id == export.stored_file_id


def test_follow_up_and_outgoing_books_have_their_columns(clerk, register_doc, issued):
    document = register_doc("Rà soát hồ sơ", handling_days=5)
    follow = [row for chunk in book_chunks(clerk, BookKind.FOLLOW_UP, document.register,
                                           None, None) for row in chunk]
    assert len(BOOKS[BookKind.FOLLOW_UP].columns) == len(follow[0]) == 7
    assert follow[0][0] == "01" and "Bộ Nội vụ" in follow[0][1] and follow[0][3]
    outgoing = issued(summary="Kế hoạch tổng kết năm")
    rows = [row for chunk in book_chunks(clerk, BookKind.OUTGOING, outgoing.register,
                                         None, None) for row in chunk]
    assert [str(c) for c in BOOKS[BookKind.OUTGOING].columns][:4] == [
        "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
        "Người ký"]
    assert rows[0][0] == outgoing.notation and "Sở Tài chính" in rows[0][4]


def test_download_only_by_its_maker(client, clerk, leader, register_doc, demo_user,
                                    django_capture_on_commit_callbacks):
    document = register_doc("Công văn")
    with django_capture_on_commit_callbacks(execute=False):
        export = export_request(actor=clerk, book=BookKind.INCOMING,
                                register_id=document.register_id, date_from=None, date_to=None)
    export_run(export_id=export.pk)
    client.force_login(leader)
    assert client.get(f"/bao-cao/xuat/{export.pk}/tai/").status_code == 404
    client.force_login(clerk)
    response = client.get(f"/bao-cao/xuat/{export.pk}/tai/")
    assert response.status_code == 200
    assert Event.objects.filter(verb=events.EXPORT_DOWNLOADED, target_id=export.pk).exists()
    progress = client.get(f"/bao-cao/xuat/{export.pk}/tien-do/").content.decode()
    assert "hx-trigger" not in progress and "Tải tệp XLSX" in progress
    client.force_login(demo_user("chuyenvien"))
    assert client.get("/bao-cao/").status_code == 403


def test_export_page_polls_while_pending(client, clerk, register_doc,
                                         django_capture_on_commit_callbacks):
    document = register_doc("Công văn")
    client.force_login(clerk)
    assert "Xem sổ để in" in client.get("/bao-cao/").content.decode()
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post("/bao-cao/so/xuat/", {
            "book": "incoming", "register": document.register_id})
    export = Export.objects.get()
    assert response.url == f"/bao-cao/xuat/{export.pk}/"
    page = client.get(response.url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
