"""Pages: permissions of the documents inside, frozen files, fixed query counts."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registry.assignments.models import Assignment
from registry.casefiles import selectors
from registry.casefiles.models import CaseFileStatus
from registry.casefiles.services import (
    PlannedFile,
    casefile_close,
    casefile_hand_over,
    casefile_item_add,
    casefile_open,
    casefile_open_ad_hoc,
    casefile_plan,
)
from registry.incoming.models import IncomingDocument

from .helpers import make_incoming, make_outgoing, refreshed

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = TODAY - dt.timedelta(days=7)


@pytest.fixture
def opened(office):
    return casefile_open(actor=office.staff, case_file=office.planned)


def test_file_page_shows_an_unreadable_document_as_present_but_hidden(client, office, opened):
    secret_draft = make_outgoing(office.agency, drafter=office.staff, day=None,
                                 summary="Dự thảo tờ trình về nhân sự")
    visible = make_incoming(office.agency, unit=office.unit, summary="Hướng dẫn chung",
                            notation="3/BNV", day=DAY)
    for document in (visible, secret_draft):
        casefile_item_add(actor=office.staff, case_file=opened, document=document)
    client.force_login(office.colleague)  # same unit: sees the file, not the other's draft
    page = client.get(opened.get_absolute_url()).content.decode()
    assert "Hướng dẫn chung" in page
    assert "Văn bản không có quyền xem" in page
    assert "nhân sự" not in page
    assert f"/van-ban-di/{secret_draft.pk}/" not in page


def test_file_of_another_unit_is_not_found(client, office, opened):
    client.force_login(office.other)
    assert client.get(opened.get_absolute_url()).status_code == 404


def test_add_page_adds_a_document(client, office, opened):
    # A document of another kind already in the file must not hide the candidates.
    casefile_item_add(actor=office.staff, case_file=opened, document=make_outgoing(
        office.agency, drafter=office.staff, summary="Chỉ thị", day=DAY))
    document = make_incoming(office.agency, unit=office.unit, summary="Đề nghị rà soát",
                             notation="8/BNV", day=DAY)
    client.force_login(office.staff)
    url = reverse("casefiles:add", args=[opened.pk])
    page = client.get(url, {"kind": "incoming", "q": "rà soát"}).content.decode()
    assert "8/BNV" in page
    response = client.post(url, {"kind": "incoming", "document": document.pk})
    assert response.status_code == 302
    assert opened.items.filter(incoming=document).exists()


def test_add_refuses_a_document_the_user_may_not_read(client, office, opened):
    elsewhere = make_incoming(office.agency, unit=office.other.unit, summary="Của phòng KT",
                              notation="9/STC", day=DAY)
    client.force_login(office.staff)
    client.post(reverse("casefiles:add", args=[opened.pk]),
                {"kind": "incoming", "document": elsewhere.pk})
    assert not opened.items.exists()


def test_close_page_asks_to_confirm_unfinished_work(client, office, opened):
    document = make_incoming(office.agency, unit=office.unit, summary="Đề nghị", notation="1/Z",
                             day=DAY)
    casefile_item_add(actor=office.staff, case_file=opened, document=document)
    Assignment.objects.create(agency=office.agency, assigner=office.leader,
                              assignee_user=office.staff, content="Soạn văn bản trả lời",
                              source_type=ContentType.objects.get_for_model(IncomingDocument),
                              source_id=document.pk)
    client.force_login(office.staff)
    url = reverse("casefiles:close", args=[opened.pk])
    page = client.post(url, {"closed_on": TODAY.isoformat()}).content.decode()
    assert "Soạn văn bản trả lời" in page and "chưa hoàn thành" in page
    assert refreshed(opened).status == CaseFileStatus.OPEN
    client.post(url, {"closed_on": TODAY.isoformat(), "confirm_open_work": "on"})
    assert refreshed(opened).status == CaseFileStatus.CLOSED


def _hand_over(office, case_file):
    document = make_incoming(office.agency, unit=office.unit, summary="Đề nghị", notation="2/Z",
                             day=DAY)
    casefile_item_add(actor=office.staff, case_file=case_file, document=document)
    casefile_close(actor=office.staff, case_file=case_file)
    casefile_hand_over(actor=office.staff, case_file=case_file)
    return refreshed(case_file)


def test_frozen_file_rejects_changes_from_the_pages(client, office, opened):
    case_file = _hand_over(office, opened)
    late = make_incoming(office.agency, unit=office.unit, summary="Muộn", notation="3/Z", day=DAY)
    client.force_login(office.staff)
    response = client.post(reverse("casefiles:add", args=[case_file.pk]),
                           {"kind": "incoming", "document": late.pk}, follow=True)
    assert "đã nộp lưu trữ cơ quan nên không thể thay đổi" in response.content.decode()
    assert case_file.items.count() == 1
    item = case_file.items.get()
    for name, args in (("remove", [case_file.pk, item.pk]), ("close", [case_file.pk]),
                       ("reopen", [case_file.pk]), ("hand_over", [case_file.pk])):
        response = client.post(reverse(f"casefiles:{name}", args=args), {"confirm": "on"})
        assert response.status_code == 302, name
    assert refreshed(case_file).status == CaseFileStatus.HANDED_OVER
    assert case_file.items.count() == 1
    page = client.get(case_file.get_absolute_url()).content.decode()
    assert reverse("casefiles:add", args=[case_file.pk]) not in page
    assert "hồ sơ không thể thay đổi" in page


def test_list_page_opens_a_planned_file(client, office):
    client.force_login(office.staff)
    page = client.get(reverse("casefiles:list")).content.decode()
    assert "TH.01" in page and "Mở hồ sơ" in page
    client.post(reverse("casefiles:open", args=[office.planned.pk]))
    assert refreshed(office.planned).status == CaseFileStatus.OPEN


def _more_files(office, count, start=0):
    for i in range(start, start + count):
        planned = casefile_plan(actor=office.clerk, file_list=office.file_list, spec=PlannedFile(
            code=f"TH.{10 + i}", title=f"Hồ sơ {i}", responsible_unit=office.unit,
            heading=office.heading, responsible_user=office.staff))
        case_file = casefile_open(actor=office.staff, case_file=planned)
        casefile_item_add(actor=office.staff, case_file=case_file, document=make_incoming(
            office.agency, unit=office.unit, summary=f"Văn bản {i}", notation=f"{i}/Q", day=DAY))


def _page_queries(client, url):
    client.get(url)  # warm the caches (content types, session) before counting
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["casefiles:mine", "casefiles:unit", "casefiles:list",
                                      "casefiles:archive_due"])
def test_lists_cost_a_fixed_number_of_queries(client, office, url_name):
    client.force_login(office.staff)
    _more_files(office, 1)
    few = _page_queries(client, reverse(url_name))
    _more_files(office, 5, start=1)
    assert _page_queries(client, reverse(url_name)) == few


def test_file_page_costs_a_fixed_number_of_queries(client, office, opened):
    client.force_login(office.colleague)
    casefile_item_add(actor=office.staff, case_file=opened, document=make_incoming(
        office.agency, unit=office.unit, summary="Một", notation="1/R", day=DAY))
    few = _page_queries(client, opened.get_absolute_url())
    for i in range(2, 7):
        casefile_item_add(actor=office.staff, case_file=opened, document=make_incoming(
            office.agency, unit=office.unit, summary="Nữa", notation=f"{i}/R", day=DAY))
        casefile_item_add(actor=office.staff, case_file=opened, document=make_outgoing(
            office.agency, drafter=office.staff, summary="Trả lời", day=DAY))
    assert _page_queries(client, opened.get_absolute_url()) == few


def test_selectors_are_single_queries(office, opened, django_assert_num_queries):
    casefile_item_add(actor=office.staff, case_file=opened, document=make_incoming(
        office.agency, unit=office.unit, summary="Một", notation="1/S", day=DAY))
    casefile_open_ad_hoc(actor=office.staff, title="Hồ sơ khác")
    # Content types are cached for the life of a process; warm the cache as a server would.
    from django.contrib.contenttypes.models import ContentType

    from registry.assignments.models import Assignment
    from registry.incoming.models import IncomingDocument
    from registry.outgoing.models import OutgoingDocument

    ContentType.objects.get_for_models(IncomingDocument, OutgoingDocument, Assignment)
    # So is the list of units a person heads (read once per request, kept on the user).
    from registry.assignments.selectors import assignments_visible_to

    assignments_visible_to(office.colleague)
    assignments_visible_to(office.staff)
    with django_assert_num_queries(1):
        rows = list(selectors.casefile_items(office.colleague, opened))
    assert rows[0].can_in
    with django_assert_num_queries(1):
        assert len(list(selectors.casefiles_mine(office.staff))) == 2
    with django_assert_num_queries(1):
        assert len(list(selectors.filelist_files(office.staff, office.file_list))) == 1


def test_export_downloads_a_zip(client, office, opened):
    casefile_item_add(actor=office.staff, case_file=opened, document=make_incoming(
        office.agency, unit=office.unit, summary="Một", notation="1/T", day=DAY))
    client.force_login(office.staff)
    response = client.get(reverse("casefiles:export", args=[opened.pk]))
    assert response["Content-Type"] == "application/zip"
    assert response.content[:2] == b"PK"


def test_hand_over_page_freezes_the_file(client, office, opened):
    casefile_item_add(actor=office.staff, case_file=opened, document=make_incoming(
        office.agency, unit=office.unit, summary="Một", notation="1/U", day=DAY))
    casefile_close(actor=office.staff, case_file=opened)
    client.force_login(office.staff)
    url = reverse("casefiles:hand_over", args=[opened.pk])
    assert "confirm" in client.post(url, {}).context["form"].errors
    client.post(url, {"confirm": "on", "received_by": "Nguyễn Văn Lưu"})
    assert refreshed(opened).status == CaseFileStatus.HANDED_OVER


def test_ad_hoc_file_is_opened_then_placed_in_the_list(client, office):
    client.force_login(office.staff)
    page = client.get(reverse("casefiles:create")).content.decode()
    assert ">Tiêu đề hồ sơ" in page and ">Thời hạn bảo quản (năm)" in page
    client.post(reverse("casefiles:create"), {"title": "Hồ sơ đoàn kiểm tra liên ngành",
                                              "rights": "open", "retention_years": "5"})
    case_file = selectors.casefiles_mine(office.staff).get(title__startswith="Hồ sơ đoàn")
    assert case_file.status == CaseFileStatus.OPEN and case_file.file_list is None
    url = reverse("casefiles:place", args=[case_file.pk])
    assert ">Số và ký hiệu hồ sơ" in client.get(url).content.decode()
    client.post(url, {"code": "TH.08", "heading": office.heading.pk})
    case_file = refreshed(case_file)
    assert (case_file.file_list, case_file.code) == (office.file_list, "TH.08")


def test_home_shows_the_files_i_make(client, office, opened):
    client.force_login(office.staff)
    page = client.get(reverse("home")).content.decode()
    assert "Hồ sơ tôi đang lập" in page and "TH.01" in page


def test_archive_due_list_shows_closed_files_of_the_year(client, office, opened):
    casefile_item_add(actor=office.staff, case_file=opened, document=make_incoming(
        office.agency, unit=office.unit, summary="Một", notation="1/Y", day=DAY))
    closed = casefile_close(actor=office.staff, case_file=opened)
    client.force_login(office.clerk)
    page = client.get(reverse("casefiles:archive_due"),
                      {"nam": closed.archive_due_on.year}).content.decode()
    assert "TH.01" in page and closed.archive_due_on.strftime("%d/%m/%Y") in page
    page = client.get(reverse("casefiles:archive_due"), {"nam": TODAY.year - 3}).content.decode()
    assert "TH.01" not in page


def test_document_pages_offer_the_file_suggestions(client, office, demo_user):
    incoming = make_incoming(office.agency, unit=office.unit, summary="Gợi ý hồ sơ",
                             notation="9/GY", day=DAY)
    outgoing = make_outgoing(office.agency, drafter=office.staff, summary="Chỉ thị gợi ý",
                             day=DAY)
    client.force_login(demo_user("vanthu"))

    incoming_page = client.get(reverse("incoming:detail", args=[incoming.pk]))
    outgoing_page = client.get(reverse("outgoing:detail", args=[outgoing.pk]))

    assert reverse("casefiles:suggest", args=["incoming", incoming.pk]) in incoming_page.text
    assert reverse("casefiles:suggest", args=["outgoing", outgoing.pk]) in outgoing_page.text
    partial = client.get(reverse("casefiles:suggest", args=["incoming", incoming.pk]))
    assert partial.status_code == 200
