"""The search page, the API's shape, saved searches, highlighting and query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.template import engines
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.safestring import mark_safe

from registry.search.highlight import highlight
from registry.search.models import SavedSearch
from registry.search.presenters import HitView
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
    more (one statement a tier, incoming and outgoing together): bounded, never growing with
    the data."""
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
    assert short_page == full_page + 2  # the assignment and partial tiers (both kinds each)


def test_api_costs_a_fixed_number_of_queries(client, leader, register_doc,
                                             django_assert_num_queries):
    for i in range(30):
        register_doc(f"Giấy mời họp {i}")
    client.force_login(leader)
    client.get("/api/v1/search/", {"q": "giay moi"})  # warm: the plan's sample is kept
    # session + user; the search's transaction (SAVEPOINT here, SET LOCAL, RELEASE); one
    # statement per tier (both kinds): text fills the page; the page's documents (in).
    with django_assert_num_queries(7):
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


# The results' loop as a template (before {% search_hit %} rendered it in Python).
RESULTS_AS_TEMPLATE = """{% load i18n %}<ol>
  {% for hit in hits %}
  <li class="card card-body mb-2 py-2{% if hit.is_urgent %} df-urgent{% endif %}" data-kind="{{ hit.kind }}" data-match="{{ hit.match }}">
    <div class="d-flex flex-wrap gap-2 align-items-baseline small text-body-secondary">
      <span class="badge text-bg-light border">{{ hit.kind_label }}</span>
      {% if hit.number %}<span>{% translate "Số đến" %} <strong>{{ hit.number }}</strong></span>{% endif %}
      {% if hit.notation %}<span class="df-number">{{ hit.notation_html }}</span>{% endif %}
      <span>{{ hit.date|date:"d/m/Y" }}</span>
      <span class="badge df-status-{{ hit.status }}">{{ hit.status_label }}</span>
      {% for stamp in hit.stamps %}<span class="df-stamp">{{ stamp }}</span>{% endfor %}
      {% if hit.match_label %}<span class="badge text-bg-info">{{ hit.match_label }}</span>{% endif %}
    </div>
    <a class="fw-semibold" href="{{ hit.url }}">{{ hit.document_type }}: {{ hit.summary_html }}</a>
    {% if hit.party %}<div class="small">{{ hit.party_label }}: {{ hit.party_html }}</div>{% endif %}
  </li>
  {% endfor %}
</ol>"""  # noqa: E501


def _hit(**values) -> HitView:
    fields = {"kind": "incoming", "kind_label": "Văn bản đến", "pk": 1, "url": "/van-ban-den/1/",
              "notation": "15/QĐ-UBND", "notation_html": mark_safe("<mark>15</mark>/QĐ-UBND"),
              "number": "07", "date": dt.date(2026, 3, 5), "document_type": "Công văn",
              "summary": "Kế hoạch", "summary_html": mark_safe("<mark>Kế</mark> hoạch"),
              "party_label": "Cơ quan gửi", "party": "Bộ Nội vụ",
              "party_html": mark_safe("Bộ Nội vụ"), "status": "registered",
              "status_label": "Đã vào sổ", "urgency": "normal", "is_urgent": False,
              "stamps": [], "match": "text", "match_label": ""}
    return HitView(**(fields | values))


def test_results_rendered_in_python_are_the_templates_markup():
    hits = [
        _hit(),
        _hit(kind="outgoing", kind_label="Văn bản đi", number="", notation="", party="",
             date=None, is_urgent=True, urgency="khan", stamps=["KHẨN", "MẬT"],
             match="notation", match_label="Đúng số, ký hiệu", status="dispatched"),
        _hit(document_type='Tờ trình <b>"A" & \'B\'</b>', kind_label="<i>", status_label="a&b",
             url='/x/?a=1&b="2"', match="partial", match_label="Khớp một phần",
             stamps=["<s>"], party_label="Người ký", party="Lê <Văn> An",
             party_html=mark_safe("Lê &lt;Văn&gt; <mark>An</mark>")),
    ]
    template = engines["django"].from_string(RESULTS_AS_TEMPLATE)
    for language in ("vi", "en"):
        with translation.override(language):
            old = template.render({"hits": hits})
            new = render_to_string("search/_results.html", {"hits": hits, "searched": True})
        loop = new[new.index("<ol "):new.index("</ol>") + len("</ol>")]
        assert "<ol" + loop[loop.index(">"):] == old, language
    assert "&lt;b&gt;&quot;A&quot; &amp; &#x27;B&#x27;&lt;/b&gt;" in old
