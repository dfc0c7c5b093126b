import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.incoming.services import incoming_submit, incoming_void
from registry.organisation.models import Urgency

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_register_page_runs_a_fixed_number_of_queries(demo, client, clerk, leader, register_doc,
                                                      django_assert_num_queries, stored_pdf):
    client.force_login(clerk)
    for i in range(3):
        document = register_doc(attachments=[(stored_pdf, f"{i}.pdf")])
        incoming_submit(actor=clerk, document=document, leader=leader)
    client.get("/van-ban-den/")  # warm the per-process caches (content types)
    baseline = _queries(client, "/van-ban-den/")

    for i in range(40):
        register_doc(urgency=Urgency.URGENT if i % 5 == 0 else Urgency.NORMAL)
    with django_assert_num_queries(baseline):
        response = client.get("/van-ban-den/")
    assert response.text.count("df-urgent") >= 8
    with django_assert_num_queries(baseline):
        client.get("/van-ban-den/?status=submitted&urgency=normal&date_from=01/01/2020")


def test_register_pages_by_keyset_newest_first_and_shows_void(demo, client, clerk, register_doc):
    client.force_login(clerk)
    documents = [register_doc(summary=f"Văn bản thứ {i}") for i in range(1, 56)]
    incoming_void(actor=clerk, document=documents[54], reason="Nhầm")

    first = client.get("/van-ban-den/")
    rows = first.context["rows"]
    assert [r.number for r in rows][:3] == [55, 54, 53] and len(rows) == 50
    assert first.context["next_before"] == 6
    assert "df-void" in first.text and "Nhầm" in first.text
    second = client.get("/van-ban-den/?truoc=6")
    assert [r.number for r in second.context["rows"]] == [5, 4, 3, 2, 1]
    assert second.context["next_before"] is None


def test_register_filters_live_in_the_url(demo, client, clerk, register_doc, leader):
    client.force_login(clerk)
    urgent = register_doc(urgency=Urgency.FLASH, summary="Công điện hỏa tốc")
    register_doc(summary="Giấy mời họp")
    incoming_submit(actor=clerk, document=urgent, leader=leader)

    by_urgency = client.get("/van-ban-den/?urgency=hoa_toc").context["rows"]
    by_status = client.get("/van-ban-den/?status=submitted").context["rows"]
    by_text = client.get("/van-ban-den/?q=giay moi").context["rows"]
    bad_date = client.get("/van-ban-den/?date_from=31/02/2026")

    assert [r.pk for r in by_urgency] == [urgent.pk] == [r.pk for r in by_status]
    assert [r.summary for r in by_text] == ["Giấy mời họp"]
    assert bad_date.status_code == 200 and "date_from" in bad_date.context["filter"].errors
    assert bad_date.context["rows"] == []


def test_inboxes_put_urgent_documents_first(demo, client, clerk, leader, register_doc):
    normal = register_doc(summary="Bình thường")
    urgent = register_doc(summary="Khẩn lắm", urgency=Urgency.VERY_URGENT)
    for document in (normal, urgent):
        incoming_submit(actor=clerk, document=document, leader=leader)
    client.force_login(leader)

    rows = list(client.get("/van-ban-den/cho-y-kien/").context["page"].object_list)

    assert [r.pk for r in rows] == [urgent.pk, normal.pk]
    home = client.get("/").text
    assert "Văn bản chờ tôi cho ý kiến" in home and "Khẩn lắm" in home
    assert "THƯỢNG KHẨN" in home
