"""Suggesting the file when a document is issued or a task finished, one click to accept."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from registry.assignments.models import Assignment, AssignmentStatus
from registry.casefiles.demo import demo_casefiles_ensure
from registry.casefiles.models import CaseFile, CaseFileStatus, FileList
from registry.casefiles.services import casefile_item_add, casefile_open, casefile_open_ad_hoc
from registry.casefiles.suggestions import casefile_suggestions_for
from registry.incoming.models import IncomingDocument

from .helpers import make_incoming, make_outgoing

pytestmark = pytest.mark.django_db
DAY = timezone.localdate() - dt.timedelta(days=3)


def test_reply_is_suggested_into_the_file_of_the_document_it_answers(office):
    other = casefile_open_ad_hoc(actor=office.staff, title="Hồ sơ khác đang mở")
    target = casefile_open(actor=office.staff, case_file=office.planned)
    request = make_incoming(office.agency, unit=office.unit, summary="Đề nghị", notation="4/W",
                            day=DAY)
    casefile_item_add(actor=office.staff, case_file=target, document=request)
    reply = make_outgoing(office.agency, drafter=office.staff, summary="Trả lời", day=DAY,
                          answers=(request,))
    suggestions = casefile_suggestions_for(office.staff, reply)
    assert [s.case_file.pk for s in suggestions] == [target.pk, other.pk]
    assert suggestions[0].reason == "Có văn bản liên quan"


def test_finished_task_is_suggested_into_the_file_of_its_source(office, client):
    target = casefile_open(actor=office.staff, case_file=office.planned)
    request = make_incoming(office.agency, unit=office.unit, summary="Đề nghị", notation="5/W",
                            day=DAY)
    casefile_item_add(actor=office.staff, case_file=target, document=request)
    task = Assignment.objects.create(
        agency=office.agency, assigner=office.leader, assignee_user=office.staff,
        content="Báo cáo kết quả", status=AssignmentStatus.DONE, completed_at=timezone.now(),
        source_type=ContentType.objects.get_for_model(IncomingDocument), source_id=request.pk)
    client.force_login(office.staff)
    partial = client.get(reverse("casefiles:suggest", args=["result", task.pk])).content.decode()
    assert "Đưa vào hồ sơ" in partial and "TH.01" in partial
    client.post(reverse("casefiles:add", args=[target.pk]),
                {"kind": "result", "document": task.pk, "next": "/cong-viec/"})
    assert target.items.filter(assignment=task).exists()
    partial = client.get(reverse("casefiles:suggest", args=["result", task.pk])).content.decode()
    assert "Văn bản đang nằm trong" in partial


def test_suggestions_are_a_partial_for_htmx_and_a_page_without_javascript(office, client):
    casefile_open(actor=office.staff, case_file=office.planned)
    request = make_incoming(office.agency, unit=office.unit, summary="Đề nghị", notation="7/W",
                            day=DAY)
    client.force_login(office.staff)
    url = reverse("casefiles:suggest", args=["incoming", request.pk])
    document_page = client.get(request.get_absolute_url()).text
    assert f'<noscript><a href="{url}?next=' in document_page

    partial = client.get(url, headers={"HX-Request": "true"}).text
    page = client.get(url, {"next": request.get_absolute_url()}).text

    assert "<html" not in partial and "Đưa vào hồ sơ" in partial
    assert "<html" in page and "Đưa vào hồ sơ" in page
    assert f'href="{request.get_absolute_url()}">Quay lại văn bản' in page


def test_suggest_partial_is_404_for_a_document_the_user_may_not_read(office, client):
    elsewhere = make_incoming(office.agency, unit=office.other.unit, summary="KT",
                              notation="6/W", day=DAY)
    client.force_login(office.staff)
    assert client.get(reverse("casefiles:suggest",
                              args=["incoming", elsewhere.pk])).status_code == 404


def test_demo_without_documents_makes_both_lists(demo):
    demo_casefiles_ensure(agency=demo)
    demo_casefiles_ensure(agency=demo)  # idempotent
    years = sorted(FileList.objects.filter(agency=demo).values_list("year", flat=True))
    this_year = timezone.localdate().year
    assert years == [this_year - 1, this_year]
    assert CaseFile.objects.filter(file_list__year=this_year).count() == 6


def test_demo_with_documents_closes_last_years_files(demo, demo_user):
    staff = demo_user("chuyenvien")
    for i in range(4):
        make_incoming(demo, unit=staff.unit, summary=f"Văn bản mẫu {i}", notation=f"{i}/DEMO",
                      day=DAY - dt.timedelta(days=i))
    demo_casefiles_ensure(agency=demo)
    last = CaseFile.objects.filter(file_list__year=timezone.localdate().year - 1)
    assert last.filter(status=CaseFileStatus.HANDED_OVER).count() == 1
    assert last.filter(status=CaseFileStatus.CLOSED).exists()
    assert CaseFile.objects.filter(file_list__year=timezone.localdate().year,
                                   status=CaseFileStatus.OPEN).exists()
