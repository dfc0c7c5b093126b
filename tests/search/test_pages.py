"""The search page, the API's shape, saved searches, highlighting and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.search.highlight import highlight
from registry.search.models import SavedSearch
from registry.search.query import query_parse

pytestmark = pytest.mark.django_db


def test_highlight_marks_words_and_escapes_the_rest():
    html = highlight("<b>Cải cách</b> hành chính & thủ tục", query_parse("cai cach thu"))
    assert html == ("&lt;b&gt;<mark>Cải</mark> <mark>cách</mark>&lt;/b&gt; hành chính &amp; "
                    "<mark>thủ</mark> tục")
    assert str(highlight("Kế hoạch", query_parse("ke"))) == "<mark>Kế</mark> hoạch"


def test_search_page_shows_marked_results(client, leader, register_doc):
    register_doc("Tăng cường <script>alert(1)</script> phòng cháy chữa cháy")
    client.force_login(leader)
    page = client.get("/tim-kiem/", {"q": "phong chay"}).content.decode()
    assert "<mark>phòng</mark> <mark>cháy</mark>" in page
    assert "<script>alert(1)</script>" not in page
    assert 'id="df-nav-search"' in page  # the one box in the navigation


def _count(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tim-kiem/", params)
    assert response.status_code == 200
    return len(queries)


def test_search_page_costs_the_same_queries_for_more_results(client, leader, register_doc):
    """A full page stops at the tier that filled it; a short page asks each lower tier once
    more (two queries a tier, incoming and outgoing): bounded, never growing with the data."""
    client.force_login(leader)
    for i in range(3):
        register_doc(f"Báo cáo tuần {i}")
    _count(client, {"q": "bao cao tuan"})  # warm caches (content types, session)
    short_page = _count(client, {"q": "bao cao tuan"})
    for i in range(25):
        register_doc(f"Báo cáo tuần thêm {i}")
    full_page = _count(client, {"q": "bao cao tuan"})
    for i in range(40):
        register_doc(f"Báo cáo tuần nữa {i}")
    assert _count(client, {"q": "bao cao tuan"}) == full_page
    assert short_page == full_page + 4  # the assignment and partial tiers, in and out


def test_api_costs_a_fixed_number_of_queries(client, leader, register_doc,
                                             django_assert_num_queries):
    for i in range(30):
        register_doc(f"Giấy mời họp {i}")
    client.force_login(leader)
    client.get("/api/v1/search/", {"q": "giay moi"})  # warm: the plan's sample is kept
    # session + user; the search's transaction (SAVEPOINT here, SET LOCAL, RELEASE); per
    # tier and kind one query: text (in, out) fills the page; the page's documents (in).
    with django_assert_num_queries(8):
        body = client.get("/api/v1/search/", {"q": "giay moi", "page_size": 10}).json()
    assert len(body["results"]) == 10
    assert body["next"] and "cursor=" in body["next"]
    second = client.get(body["next"]).json()
    assert not {r["id"] for r in body["results"]} & {r["id"] for r in second["results"]}


def test_api_rejects_bad_filters(client, leader):
    client.force_login(leader)
    response = client.get("/api/v1/search/", {"q": "a", "kind": "nope"})
    assert response.status_code == 400
    assert "kind" in response.json()


def test_saved_search_create_run_delete(client, leader, register_doc, demo_user):
    register_doc("Kế hoạch phòng chống thiên tai")
    client.force_login(leader)
    response = client.post("/tim-kiem/da-luu/them/", {
        "name": "Thiên tai", "query": "q=thien+tai&kind=incoming&sau=abc"})
    saved = SavedSearch.objects.get(user=leader)
    assert saved.query == "q=thien+tai&kind=incoming"  # the cursor is not kept
    assert response.url == f"/tim-kiem/?{saved.query}"
    assert "<mark>thiên</mark>" in client.get(response.url).content.decode()
    assert "Thiên tai" in client.get("/tim-kiem/da-luu/").content.decode()
    again = client.post("/tim-kiem/da-luu/them/", {"name": "Thiên tai", "query": "q=x"})
    assert SavedSearch.objects.filter(user=leader).count() == 1 and again.status_code == 302
    client.force_login(demo_user("chuyenvien"))
    assert client.post(f"/tim-kiem/da-luu/{saved.pk}/xoa/").status_code == 404
    client.force_login(leader)
    client.post(f"/tim-kiem/da-luu/{saved.pk}/xoa/")
    assert not SavedSearch.objects.exists()


def test_api_in_openapi_schema(client, leader):
    client.force_login(leader)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/search/" in schema
