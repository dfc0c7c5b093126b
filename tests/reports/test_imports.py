"""Bulk import of a past register: row by row checks, all or nothing, numbering untouched."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from registry.audit.models import Event
from registry.incoming.models import IncomingDocument
from registry.organisation.models import Direction
from registry.organisation.numbering import register_for_year
from registry.outgoing.models import OutgoingDocument
from registry.reports import events
from registry.reports.imports import import_request, import_run, template_xlsx
from registry.reports.imports.columns import INCOMING_COLUMNS
from registry.reports.models import ImportJob, JobStatus

pytestmark = pytest.mark.django_db
LAST_YEAR = timezone.localdate().year - 1
HEADER = [c.header for c in INCOMING_COLUMNS]


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(number, received="15/03/{y}", **over):
    values = {"received": received.format(y=LAST_YEAR), "number": number,
              "sender": "Sở Tài chính", "notation": f"{number}/STC-NS",
              "date": f"10/03/{LAST_YEAR}", "type": "Công văn",
              "summary": f"Về việc quyết toán ngân sách đợt {number}", "receiver": "Phòng Kinh tế",
              "handed": "", "notes": ""} | over
    return list(values.values())


@pytest.fixture
def past(clerk):
    return register_for_year(agency=clerk.agency, direction=Direction.INCOMING, year=LAST_YEAR)


def run(clerk, register, content, name="so-cu.xlsx", kind="incoming",
        capture=None) -> ImportJob:
    job = import_request(actor=clerk, kind=kind, register=register, filename=name,
                         content=content)
    import_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_one_bad_row_imports_nothing_and_is_named(clerk, past):
    content = xlsx([row(1), row(2, received="31/02/{y}"), row(3, type="Loại lạ")])
    job = run(clerk, past, content)
    assert job.status == JobStatus.FAILED and job.imported_rows == 0
    messages = [e["message"] for e in job.errors]
    assert messages == [
        "Dòng 3: “Ngày đến” không phải ngày hợp lệ (dd/mm/yyyy).",
        "Dòng 4: không có loại văn bản “Loại lạ” trong danh mục.",
    ]
    assert not IncomingDocument.objects.filter(register=past).exists()


def test_fixed_file_imports_all_with_historical_numbers(clerk, past, register_doc):
    current = register_doc("Văn bản năm nay")  # the current register's number 01
    job = run(clerk, past, xlsx([row(7), row(8), row(12, handed=f"16/03/{LAST_YEAR}")]))
    assert job.status == JobStatus.DONE and job.imported_rows == 3, job.errors
    documents = IncomingDocument.objects.filter(register=past).order_by("number")
    assert [d.number for d in documents] == [7, 8, 12]
    assert documents[0].sender_name == "Sở Tài chính" and documents[0].to_unit.abbreviation == "KT"
    assert documents[2].submitted_at.date() == dt.date(LAST_YEAR, 3, 16)
    past.refresh_from_db()
    assert past.last_number == 12
    # The current year's numbering goes on as if nothing happened.
    assert register_doc("Văn bản tiếp theo").number == current.number + 1
    imported = Event.objects.filter(verb=events.DOCUMENT_IMPORTED,
                                    target_id__in=[d.pk for d in documents])
    assert imported.count() == 3 and imported.first().payload["import"] == job.pk
    # The imported documents are found by search like any other.
    from registry.search.params import SearchParams
    from registry.search.query import query_parse
    from registry.search.selectors import search_documents
    hits = search_documents(clerk, SearchParams(query=query_parse("quyet toan ngan sach")))
    assert len(hits.hits) == 3


def test_numbers_already_in_the_register_or_repeated_are_refused(clerk, past):
    assert run(clerk, past, xlsx([row(1), row(2)])).status == JobStatus.DONE
    job = run(clerk, past, xlsx([row(2), row(3), row(3)]))
    assert [e["message"] for e in job.errors] == [
        f"Dòng 2: số 02 đã có trong sổ {past.name}.", "Dòng 4: số 03 trùng với dòng 3."]
    assert IncomingDocument.objects.filter(register=past).count() == 2


def test_current_year_register_is_refused(clerk):
    current = register_for_year(agency=clerk.agency, direction=Direction.INCOMING,
                                year=timezone.localdate().year)
    with pytest.raises(Exception, match="năm trước"):
        import_request(actor=clerk, kind="incoming", register=current, filename="a.xlsx",
                       content=xlsx([row(1)]))


def test_csv_and_missing_columns(clerk, past):
    header = ";".join(HEADER)
    line = ";".join(str(v) for v in row(5))
    job = run(clerk, past, f"{header}\n{line}\n".encode(), name="so.csv")
    assert job.status == JobStatus.DONE and job.imported_rows == 1
    job = run(clerk, past, xlsx([row(6)], header=HEADER[:3]), name="thieu.xlsx")
    assert job.errors[0]["message"] == "Dòng 1: thiếu cột “Số, ký hiệu”. Hãy dùng tệp mẫu."


def test_outgoing_past_register(clerk):
    register = register_for_year(agency=clerk.agency, direction=Direction.OUTGOING,
                                 year=LAST_YEAR)
    workbook = load_workbook(io.BytesIO(template_xlsx("outgoing")))
    header = [c.value for c in workbook.active[1]]
    content = xlsx([["15/QĐ-UBND", f"20/05/{LAST_YEAR}", "Quyết định", "Phê duyệt đề án",
                     "Nguyễn Văn A", "Sở Nội vụ; UBND huyện Phù Cừ", "Văn phòng", 3,
                     f"21/05/{LAST_YEAR}", ""]], header=header)
    job = run(clerk, register, content, kind="outgoing")
    assert job.status == JobStatus.DONE, job.errors
    document = OutgoingDocument.objects.get(register=register)
    assert document.number == 15 and document.notation_normalised == "15/qd-ubnd"
    assert [r.name for r in document.recipients.all()] == ["Sở Nội vụ", "UBND huyện Phù Cừ"]
    assert document.first_sent_on == dt.date(LAST_YEAR, 5, 21)


def test_import_pages(client, clerk, past, django_capture_on_commit_callbacks):
    client.force_login(clerk)
    template = client.get("/bao-cao/nhap/mau/incoming/")
    assert [c.value for c in load_workbook(io.BytesIO(template.content)).active[1]] == HEADER
    upload = io.BytesIO(xlsx([row(1, received="bad")]))
    upload.name = "so.xlsx"
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post("/bao-cao/nhap/", {"kind": "incoming", "register": past.pk,
                                                   "file": upload})
    job = ImportJob.objects.get()
    assert response.url == f"/bao-cao/nhap/{job.pk}/"
    assert 'hx-trigger="every 1s"' in client.get(response.url).content.decode()
    import_run(job_id=job.pk)
    page = client.get(f"/bao-cao/nhap/{job.pk}/tien-do/").content.decode()
    assert "Dòng 2:" in page and "hx-trigger" not in page
