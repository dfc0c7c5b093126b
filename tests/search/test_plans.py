"""Issue 7: how a tier is read (walk or word index), the sample that chooses, and what the page
says about the number of results. Whatever the plan, the same documents, permission-scoped."""

import datetime as dt

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry.assignments.services import assignment_create
from registry.core.forms import FastInput, FastSelect
from registry.incoming.models import IncomingDocument
from registry.incoming.selectors import incoming_visible_to
from registry.incoming.services import incoming_direct
from registry.incoming.services.flow import Handler
from registry.organisation.models import Unit
from registry.outgoing.models import OutgoingDocument
from registry.search import plans, tiers
from registry.search.forms import SavedSearchForm, SearchForm
from registry.search.params import SearchParams
from registry.search.presenters import detail_url
from registry.search.query import ALL, query_parse
from registry.search.selectors import Cursor, search_documents
from registry.search.services import assignment_texts_sync
from registry.search.sql import FALSE, TRUE
from registry.search.visibility import incoming_visible_sql

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_plans():
    cache.clear()  # plans and samples are kept ten minutes per process
    yield
    cache.clear()


@pytest.fixture
def units(demo):
    return {u.abbreviation: u for u in Unit.objects.filter(agency=demo)}


def days_ago(n: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)


def every_page(user, text, *, size=3):
    """All results of a search, page after page (the cursor of each page)."""
    seen, cursor = [], None
    while True:
        page = search_documents(user, SearchParams(query=query_parse(text)), cursor=cursor,
                                size=size)
        seen.extend((hit.tier, hit.document) for hit in page.hits)
        cursor = page.next_cursor
        if cursor is None:
            return seen


@pytest.fixture
def office(leader, register_doc, units, demo_user):
    """Documents of two units, matching by text, by assignment content, by all words but one."""
    th, kt = units["TH"], units["KT"]
    documents = {}
    for i in range(4):
        for unit in (th, kt):
            doc = register_doc(f"Kế hoạch phòng cháy chữa cháy quý {i} {unit.abbreviation}",
                               to_unit=unit, received_at=days_ago(10 + i))
            incoming_direct(actor=leader, document=doc, direction="Xử lý",
                            lead=Handler(unit=unit, days=5))
            documents[(unit.abbreviation, i)] = doc
    partial = register_doc("Kế hoạch phòng cháy mùa khô", to_unit=th, received_at=days_ago(3))
    incoming_direct(actor=leader, document=partial, direction="Xử lý",
                    lead=Handler(unit=th, days=5))
    by_assignment = register_doc("Công văn về một việc khác", to_unit=th,
                                 received_at=days_ago(2))
    incoming_direct(actor=leader, document=by_assignment, direction="Xử lý",
                    lead=Handler(unit=th, days=5))
    assignment_create(assigner=leader, content="Rà soát kế hoạch phòng cháy chữa cháy",
                      assignee_unit=th, source=by_assignment)
    assignment_texts_sync()
    return {"th": demo_user("chuyenvien"), "kt": demo_user("chuyenvienkt"),
            "partial": partial, "by_assignment": by_assignment, **documents}


QUERIES = ["ke hoach phong chay chua chay", "phong chay chua ch", "ke", "quy 2"]


# A capped walk of 1 row falls short at once (the index reads the rest), of 4 rows on the
# second page or so, of 500 rows never.
STRATEGIES = (plans.WALK, plans.INDEX, plans.capped(1), plans.capped(4), plans.capped(500))


@pytest.mark.parametrize("text", QUERIES)
def test_walk_and_index_give_the_same_pages(office, leader, monkeypatch, text):
    results = {}
    for strategy in STRATEGIES:
        for costly_prefix in (False, True):
            cache.clear()
            monkeypatch.setattr(plans, "choose", lambda *args, s=strategy, **kwargs: s)
            monkeypatch.setattr(plans, "_prefix_is_costly",
                                lambda *args, c=costly_prefix: c)
            for who, user in (("leader", leader), ("th", office["th"]), ("kt", office["kt"])):
                results.setdefault(who, []).append(every_page(user, text))
    for who, runs in results.items():
        assert all(run == runs[0] for run in runs), who
    assert results["leader"][0], "the data set matches the query"


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_every_tier_found_whatever_the_plan(office, leader, monkeypatch, strategy):
    monkeypatch.setattr(plans, "choose", lambda *args, **kwargs: strategy)
    found = every_page(leader, "ke hoach phong chay chua chay")
    tiers = {document.pk: tier for tier, document in found}
    assert tiers[office["partial"].pk] == 0  # every word but one
    assert tiers[office["by_assignment"].pk] == 1  # in the assignment's content
    assert tiers[office[("TH", 0)].pk] == 2 and tiers[office[("KT", 3)].pk] == 2
    assert len(found) == len(tiers) == 10  # each once


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_staff_never_sees_a_result_they_cannot_open(office, client, monkeypatch, strategy):
    monkeypatch.setattr(plans, "choose", lambda *args, **kwargs: strategy)
    for user, mine, theirs in ((office["th"], "TH", "KT"), (office["kt"], "KT", "TH")):
        visible = set(incoming_visible_to(user).values_list("pk", flat=True))
        found = [document for _tier, document in every_page(user, "phong chay chua chay")]
        assert found and {document.pk for document in found} <= visible
        assert office[(mine, 1)] in found and office[(theirs, 1)] not in found
        client.force_login(user)
        page = client.get("/tim-kiem/", {"q": "phong chay chua chay"})
        urls = [line.split('href="')[1].split('"')[0] for line in
                page.content.decode().splitlines() if 'class="fw-semibold" href="' in line]
        assert urls and all(client.get(url).status_code == 200 for url in urls)
        assert detail_url("incoming", office[(theirs, 1)].pk) not in urls


def test_the_page_says_which_results_it_shows_without_counting(client, leader, register_doc):
    for i in range(25):
        register_doc(f"Báo cáo tuần số {i}", received_at=days_ago(i))
    client.force_login(leader)
    first = client.get("/tim-kiem/", {"q": "bao cao tuan"})
    assert "Kết quả 1–20; còn kết quả tiếp theo." in first.content.decode()
    cursor = first.context["next_cursor"]
    assert Cursor.decode(cursor).shown == 20
    last = client.get("/tim-kiem/", {"q": "bao cao tuan", "sau": cursor}).content.decode()
    assert "Kết quả 21–25 trên tổng số 25." in last
    register_doc("Biên bản nghiệm thu phần mềm")
    single = client.get("/tim-kiem/", {"q": "bien ban nghiem thu"}).content.decode()
    assert "Tìm thấy 1 văn bản." in single


def test_a_cursor_of_issue_6_still_pages(leader, register_doc):
    made = [register_doc(f"Thông báo lịch họp {i}", received_at=days_ago(i)) for i in range(5)]
    params = SearchParams(query=query_parse("thong bao lich hop"))
    first = search_documents(leader, params, size=2)
    old = ".".join(first.next_cursor.split(".")[:4])  # tier.kind.micros.id, no position
    second = search_documents(leader, params, cursor=old, size=2)
    assert [hit.document for hit in second.hits] == made[2:4]
    assert second.first_number is None and second.shown_before is None


def test_a_first_search_samples_each_table_once_per_tier_and_the_last_two_together(
        office, leader):
    """Samples are taken the first time a search is seen: one statement for the text tier
    (both kinds), one for the assignments' and the partial tier together; then none."""
    def samples() -> int:
        with CaptureQueriesContext(connection) as queries:
            every_page(leader, "ke hoach phong chay chua chay", size=50)
        return sum("ARRAY[count(*)" in query["sql"] for query in queries.captured_queries)

    assert samples() == 2
    assert samples() == 0


def test_choose_walks_dense_text_and_reads_the_index_for_rare_text():
    def sample(matches, visible, indexed, in_range=2000):
        return plans.Sample(drawn=2000, in_range=in_range, matches=matches, visible=visible,
                            indexed=indexed)

    million = 1_000_000
    # A leader, a common phrase: the first page is a few hundred rows down the date index.
    assert plans.choose(sample(180, 180, 180), limit=21, total=million) == plans.WALK
    # A staff member (1 document in 30): still far cheaper than 90,000 index hits.
    assert plans.choose(sample(180, 6, 180), limit=21, total=million) == plans.WALK
    # A rare phrase the staff member almost never sees: the walk would read the whole table.
    assert plans.choose(sample(4, 0, 12), limit=21, total=million) == plans.INDEX
    # One visible row seen by chance is not a density to walk on.
    assert plans.choose(sample(7, 1, 17), limit=21, total=million) == plans.INDEX
    # A leader's rare phrase: 4 rows promise a walk of ~10,000 rows, too few to bet the
    # table on; walk at most half the index's cost (5,700 matches), then read the index.
    chosen = plans.choose(sample(4, 4, 11), limit=21, total=million)
    assert chosen == plans.capped(16_500) and plans.walk_cap(chosen) == 16_500
    assert plans.walk_cap(plans.WALK) is None and plans.walk_cap(plans.INDEX) is None
    # A small table or a short date range: walking reads it all at worst.
    assert plans.choose(sample(0, 0, 0), limit=21, total=3000) == plans.WALK
    assert plans.choose(sample(0, 0, 0, in_range=4), limit=21, total=million) == plans.WALK


def test_sample_counts_rows_matches_visibility_and_index_hits(office, leader):
    kt = office["kt"]
    words = query_parse("phong chay chua chay").all_words
    part = {"table": IncomingDocument._meta.db_table, "in_range": TRUE,
            "condition": plans.ts_match("d.search_vector", words),
            "indexed": plans.ts_match("d.search_vector", "phong & chay")}
    counted = plans.sample_take({
        "kt": plans.SamplePart(**part, visible=incoming_visible_sql(kt)),
        "leader": plans.SamplePart(**part, visible=incoming_visible_sql(leader)),
        "out": plans.SamplePart(table=OutgoingDocument._meta.db_table, in_range=FALSE,
                                condition=TRUE, visible=TRUE, indexed=FALSE)})
    assert counted["kt"].drawn == counted["kt"].in_range == IncomingDocument.objects.count()
    in_text = IncomingDocument.objects.filter(
        search_vector=SearchQuery(words, search_type="raw", config="simple"))
    assert counted["kt"].matches == in_text.count() == 8
    assert counted["kt"].visible == in_text.filter(pk__in=incoming_visible_to(kt)).count() == 4
    assert counted["leader"].visible == 8
    # The index hands over the looser query's rows (the partial one too).
    assert counted["kt"].indexed == 9
    assert counted["out"] == plans.Sample(drawn=OutgoingDocument.objects.count(), in_range=0,
                                          matches=0, visible=0, indexed=0)


def test_a_common_prefix_is_left_to_the_row_check(monkeypatch):
    query = query_parse("phong chay quy 3")
    table = IncomingDocument._meta.db_table
    monkeypatch.setattr(plans, "_lexeme_frequencies",
                        lambda *args: {"3": 0.2, "30": 0.05, "phong": 0.09, "quy": 0.12})
    assert plans.index_tsquery(query, ALL, table, "search_vector") == "phong & chay & quy"
    # A prefix no frequent word starts with is cheap to expand: kept in the index query.
    rare = query_parse("phong chay nguyetx")
    assert plans.index_tsquery(rare, ALL, table, "search_vector") == "phong & chay & nguyetx:*"
    monkeypatch.setattr(plans, "_lexeme_frequencies", lambda *args: {})
    assert plans.index_tsquery(query, ALL, table, "search_vector") == "phong & chay & quy & 3:*"


def test_fast_select_renders_what_django_renders(leader):
    form = SearchForm({"q": "x", "status": "done", "kind": "incoming"}, user=leader)
    form.is_valid()
    for name in ("kind", "register", "document_type", "status", "urgency"):
        bound = form[name]
        assert isinstance(bound.field.widget, FastSelect)
        attrs = bound.build_widget_attrs({"id": bound.auto_id})
        django_html = super(FastSelect, bound.field.widget).render(
            bound.html_name, bound.value(), attrs=attrs)
        mine = str(bound)
        assert [line.strip() for line in mine.splitlines() if line.strip()] == \
            [line.strip() for line in django_html.splitlines() if line.strip()], name
    assert 'value="done" selected' in str(form["status"])


def test_fast_inputs_render_what_django_renders(leader):
    form = SearchForm({"q": 'cải "cách" <b>&', "year": "2025", "date_from": "3/2/2025",
                       "sender_name": "Bộ", "sender": ""}, user=leader)
    form.is_valid()
    saved = SavedSearchForm(initial={"query": "q=a&b=<c>"})
    for bound in [*(form[name] for name in ("q", "year", "date_from", "date_to", "sender_name",
                                            "sender")), saved["name"], saved["query"]]:
        widget = bound.field.widget
        assert isinstance(widget, FastInput), bound.name
        fast, fast_class = str(bound), type(widget)
        widget.__class__ = next(c for c in fast_class.__mro__ if not issubclass(c, FastInput))
        try:
            django_html = str(bound)  # Django's own widget: input.html and attrs.html
        finally:
            widget.__class__ = fast_class
        assert fast == django_html, bound.name
    assert 'value="3/2/2025"' in str(form["date_from"])  # as typed, like Django
    initial = SearchForm(initial={"date_from": dt.date(2025, 2, 3)}, user=leader)
    assert 'value="03/02/2025"' in str(initial["date_from"])
    assert 'value="cải &quot;cách&quot; &lt;b&gt;&amp;"' in str(form["q"])


def test_detail_url_is_the_documents_own(register_doc):
    document = register_doc("Giấy mời")
    assert detail_url("incoming", document.pk) == document.get_absolute_url()


def _plan_nodes(statement: str, params) -> set[str]:
    """The node types and indexes of a statement's plan (no sequential scans: the test
    table is tiny)."""
    def walk(node):
        yield node["Node Type"]
        if "Index Name" in node:
            yield node["Index Name"]
        for child in node.get("Plans", []):
            yield from walk(child)

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + statement, list(params))
        plan = cursor.fetchone()[0][0]["Plan"]
    return set(walk(plan))


def test_the_index_form_sorts_what_the_word_index_hands_over(leader, register_doc):
    """Written as one ORDER BY … LIMIT, the index's form was planned as a walk of the date
    index whenever the planner expected many matches: a word ANALYZE never saw (a typo) was
    estimated at 5,000 and walked to the end of the table (700 ms at 1,000,000 documents).
    Its matches are now a subquery planned on its own, then sorted."""
    for i in range(30):
        register_doc(f"Kế hoạch {i}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE incoming_incomingdocument")
    found = tiers.reading(tiers.TIER_TEXT, tiers.INCOMING,
                          SearchParams(query=query_parse("zzzzqqq")))

    def nodes(strategy: str) -> set[str]:
        statement = tiers.tier_statement(
            [tiers.Part(tiers.INCOMING, found, strategy, incoming_visible_sql(leader), TRUE)],
            21)
        return _plan_nodes(statement.text, statement.params)

    index, walk = nodes(plans.INDEX), nodes(plans.WALK)
    assert {"incoming_search_idx", "Sort"} <= index and "incoming_received_idx" not in index
    assert "incoming_received_idx" in walk and "Sort" not in walk
