"""Search: diacritic-insensitive, exact number/symbol first, ranked tiers, newest first."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from registry.assignments.services import assignment_create
from registry.organisation.models import Direction, Unit
from registry.organisation.numbering import register_for_year
from registry.outgoing.demo import pdf_stored
from registry.outgoing.services import IssueFields, outgoing_issue
from registry.search import plans
from registry.search.params import SearchParams
from registry.search.query import query_parse
from registry.search.selectors import search_documents
from registry.search.services import assignment_texts_sync

pytestmark = pytest.mark.django_db


def run(user, text, **filters):
    page = search_documents(user, SearchParams(query=query_parse(text), **filters), size=20)
    return [hit.document for hit in page.hits]


def days_ago(n: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)


def test_search_ignores_diacritics_in_both_directions(leader, register_doc):
    reform = register_doc("Đẩy mạnh công tác cải cách hành chính năm 2026")
    register_doc("Báo cáo tình hình kinh tế - xã hội")
    signed = register_doc("Giấy mời họp", signer="Đinh Chung Phụng")
    assert run(leader, "cai cach hanh chinh") == [reform]
    assert run(leader, "CẢI CÁCH") == [reform]
    assert run(leader, "dinh chung phung") == [signed]


def test_search_matches_sender_notes_and_attachment_names(leader, register_doc, clerk):
    noted = register_doc("Công văn A", notes="Chuyển phòng Kinh tế nghiên cứu")
    from_ministry = register_doc("Công văn B")
    assert run(leader, "nghien cuu") == [noted]
    assert from_ministry in run(leader, "bo noi vu")


def test_exact_notation_comes_first_whatever_its_date(leader, register_doc):
    target = register_doc("Về việc triển khai", sender_notation="15/QĐ-UBND",
                          received_at=days_ago(300))
    newer = register_doc("Quyết định 15 của UBND về QĐ", sender_notation="16/QĐ-UBND",
                         received_at=days_ago(1))
    for text in ("15/QĐ-UBND", "15/qd-ubnd", " 15 / qd - ubnd"):
        found = run(leader, text)
        assert found[0] == target, text
    assert newer in run(leader, "15/qd-ubnd")  # all three words in its text: second tier


def test_a_notation_is_one_reference_not_three_words(leader, register_doc):
    """A number/symbol has no "every word but one" tier: "15/QĐ-UBND" does not list every
    QĐ of the UBND; the same three words typed as words still do."""
    target = register_doc("Về việc triển khai", sender_notation="15/QĐ-UBND",
                          received_at=days_ago(3))
    other = register_doc("Về việc tổng kết", sender_notation="20/QĐ-UBND",
                         received_at=days_ago(1))

    assert run(leader, "15/QĐ-UBND") == [target]
    assert query_parse("15/QĐ-UBND").all_but_one == ""
    assert other in run(leader, "15 qd ubnd")


def test_more_matching_words_rank_higher_then_newest(leader, register_doc):
    old_full = register_doc("Phòng chống thiên tai năm nay", received_at=days_ago(30))
    new_full = register_doc("Kế hoạch phòng chống thiên tai", received_at=days_ago(2))
    partial = register_doc("Phòng chống thiên văn học", received_at=days_ago(1))
    register_doc("Không liên quan", received_at=days_ago(1))
    assert run(leader, "phong chong thien tai") == [new_full, old_full, partial]


def test_two_letter_query_matches_by_prefix(leader, register_doc):
    plan = register_doc("Kế hoạch tổ chức hội nghị")
    register_doc("Báo cáo quý")
    assert run(leader, "ke") == [plan]
    assert run(leader, "hoi ng") == [plan]


def test_hit_in_assignment_content_returns_the_source_document(leader, register_doc, demo):
    document = register_doc("Công văn về một việc")
    other = register_doc("Công văn rà soát số liệu dân cư")
    assignment_create(assigner=leader, content="Rà soát số liệu dân cư các xã",
                      assignee_unit=Unit.objects.get(agency=demo, abbreviation="KT"),
                      source=document)
    assert assignment_texts_sync() >= 1
    found = run(leader, "ra soat so lieu dan cu")
    assert found == [other, document]  # own text before an assignment's content


def test_filters_combine_with_the_text(leader, register_doc, issued):
    urgent = register_doc("Chuyển đổi số cấp xã", urgency="khan")
    province = register_doc("Chuyển đổi số cấp tỉnh")
    outgoing = issued(summary="Kế hoạch chuyển đổi số năm 2026")
    found = run(leader, "chuyen doi so")
    # Issuing also put a copy into the internal recipient's inbox (an incoming document).
    copies = [d for d in found if d not in (urgent, province, outgoing)]
    assert {urgent, province, outgoing} <= set(found)
    assert [d.source_outgoing_id for d in copies] == [outgoing.pk]
    assert run(leader, "chuyen doi so", urgency="khan") == [urgent]
    assert run(leader, "chuyen doi so", kind="outgoing") == [outgoing]
    assert outgoing not in run(leader, "chuyen doi so", kind="incoming")
    year = timezone.localdate().year
    assert run(leader, "chuyen doi so", year=year - 1) == []
    assert run(leader, "", kind="outgoing") == [outgoing]  # filters alone


def test_outgoing_found_by_notation_and_notes(leader, issued):
    document = issued(summary="Kế hoạch tổng kết")
    for text in (document.notation, document.notation.lower()):
        first_two = run(leader, text)[:2]
        # The internal recipient's copy carries the same number/symbol as its sender's.
        assert document in first_two
        assert all(d.notation_normalised == document.notation_normalised for d in first_two)


def test_pages_follow_each_other_without_gaps_or_repeats(leader, register_doc):
    made = [register_doc(f"Báo cáo định kỳ số {i}", received_at=days_ago(i)) for i in range(7)]
    seen, cursor = [], None
    while True:
        page = search_documents(leader, SearchParams(query=query_parse("bao cao dinh ky")),
                                cursor=cursor, size=3)
        seen.extend(hit.document for hit in page.hits)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == made


def test_empty_query_finds_nothing(leader, register_doc):
    register_doc("Bất kỳ")
    assert run(leader, "   ") == []


def test_outgoing_notes_are_searchable(leader, signed_draft, clerk):
    draft = signed_draft(summary="Kế hoạch kiểm tra")
    register = register_for_year(agency=draft.agency, direction=Direction.OUTGOING,
                                 year=timezone.localdate().year)
    fields = IssueFields(register=register, document_date=timezone.localdate(),
                         signed_file=pdf_stored("Ban ky"), signed_filename="ban-ky.pdf",
                         notes="Gửi kèm phụ lục biểu mẫu")
    outgoing_issue(actor=clerk, document=draft, fields=fields)
    assert draft in run(leader, "phu luc bieu mau")


@pytest.mark.parametrize("strategy", [plans.WALK, plans.INDEX])
def test_both_plans_find_the_same_documents(leader, register_doc, monkeypatch, strategy):
    made = [register_doc(f"Kế hoạch tuyên truyền đợt {i}", received_at=days_ago(i))
            for i in range(5)]
    cache.clear()
    monkeypatch.setattr(plans, "choose", lambda *args, **kwargs: strategy)
    assert run(leader, "ke hoach tuyen truyen") == made
    assert run(leader, "tuyen truyen ke") == made  # a prefix last word, both ways
    cache.clear()
