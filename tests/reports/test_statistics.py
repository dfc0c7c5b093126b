"""Statistics: the numbers, a fixed number of queries, the page's charts and the XLSX."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from registry.assignments.tracking import Period
from registry.organisation.models import DocumentType
from registry.reports.statistics import statistics_for

pytestmark = pytest.mark.django_db


def period() -> Period:
    today = timezone.localdate()
    return Period(start=today.replace(month=1, day=1), end=today)


def test_statistics_count_received_and_issued(leader, register_doc, issued,
                                              django_assert_num_queries):
    register_doc("Một")
    register_doc("Hai", document_type=DocumentType.objects.get(name="Báo cáo"))
    issued(summary="Kế hoạch năm")
    today = timezone.localdate()
    statistics_for(leader, period(), today=today)  # warm the content-type cache
    with django_assert_num_queries(8):
        stats = statistics_for(leader, period(), today=today)
    month = f"{today.month:02d}/{today.year}"
    # Issuing to an internal unit also delivered an incoming copy, still unregistered.
    assert {m[0]: (m[1], m[2]) for m in stats.months}[month] == (2, 1)
    assert {c.label: c.value for c in stats.incoming_types} == {"Công văn": 1, "Báo cáo": 1}
    assert {c.label: c.value for c in stats.outgoing_types} == {"Kế hoạch": 1}
    assert [(c.label, c.value) for c in stats.senders] == [("Bộ Nội vụ", 2)]
    assert sum(r.assigned for r in stats.handling) == 2  # the issued plan's two tasks


def test_statistics_page_and_xlsx(client, leader, register_doc, demo_user):
    register_doc("Một")
    client.force_login(leader)
    page = client.get("/bao-cao/thong-ke/").content.decode()
    assert page.count('class="df-chart"') == 7 and "Bộ Nội vụ" in page
    response = client.get("/bao-cao/thong-ke/xlsx/")
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Văn bản đến theo nơi gửi" in workbook.sheetnames
    sheet = workbook["Văn bản đến theo nơi gửi"]
    assert [c.value for c in sheet[4]] == ["Bộ Nội vụ", 1]
    client.force_login(demo_user("chuyenvien"))
    assert client.get("/bao-cao/thong-ke/").status_code == 403
