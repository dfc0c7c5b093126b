import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.assignments.models import Assignment, AssignmentStatus, ExtensionStatus
from registry.assignments.services import assignment_complete, assignment_extension_request
from registry.organisation.models import Unit

pytestmark = pytest.mark.django_db
D = dt.date
NOW = dt.datetime(2026, 12, 2, 2, 0, tzinfo=dt.UTC)  # Wednesday 09:00 in Vietnam
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def wednesday():
    with time_machine.travel(NOW, tick=False):
        yield


def test_my_tasks_lists_overdue_then_due_soon_then_the_rest_urgent_first(client, give, people):
    rest = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 20), content="Còn xa")
    soon = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 7), content="Sắp đến hạn")
    soon_urgent = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 4), content="Khẩn sắp hạn",
                       is_urgent=True)
    late = give("lanhdao", "chuyenvien", deadline=D(2026, 11, 30), content="Quá hạn")
    no_deadline = give("lanhdao", "chuyenvien", content="Không hạn")
    give("lanhdao", "chuyenvien2", deadline=D(2026, 11, 30), content="Của người khác")
    client.force_login(people["chuyenvien"])

    response = client.get("/cong-viec/")

    rows = list(response.context["page"].object_list)
    assert [a.pk for a in rows] == [late.pk, soon_urgent.pk, soon.pk, rest.pk, no_deadline.pk]
    html = response.text
    assert html.index("df-task-overdue") < html.index("df-task-soon")
    assert "Của người khác" not in html
    assert f'hx-get="/cong-viec/{late.pk}/bao-cao/' in html  # one click, inline with htmx


def test_my_tasks_query_count_is_fixed(client, give, people):
    client.force_login(people["chuyenvien"])
    for i in range(3):
        give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3), content=f"Việc {i}")
    client.get("/cong-viec/")  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        client.get("/cong-viec/")
    for i in range(20):
        give("chanhvanphong", "chuyenvien", deadline=D(2026, 12, 9), content=f"Thêm {i}")
    with CaptureQueriesContext(connection) as many:
        client.get("/cong-viec/")

    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    # ours: the page's count and rows; the navigation counts everything in one statement
    navigation = [q["sql"] for q in many.captured_queries
                  if q["sql"].startswith("SELECT (SELECT COUNT(*)")]
    assert len(navigation) == 1 and '"assignments_assignment"' in navigation[0]
    assert sum('"assignments_assignment"' in q["sql"].split("WHERE")[0]
               for q in many.captured_queries if q["sql"] not in navigation) == 2


def test_nav_counts_my_open_tasks(client, give, people):
    for i in range(3):
        give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3), content=f"Việc {i}")
    client.force_login(people["chuyenvien"])
    nav = {item["label"]: item["count"] for item in client.get("/").context["nav_items"]}
    assert nav["Việc của tôi"] == 3


def test_progress_without_javascript_posts_and_redirects_back(client, give, people, settings,
                                                              tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))
    client.force_login(people["chuyenvien"])
    form = client.get(f"/cong-viec/{assignment.pk}/bao-cao/?next=/cong-viec/")
    assert f'for="a{assignment.pk}_percent"' in form.text and "Tiến độ (%)" in form.text

    response = client.post(f"/cong-viec/{assignment.pk}/bao-cao/", {
        "percent": 60, "note": "Đã xong phần số liệu", "next": "/cong-viec/",
        "files": [SimpleUploadedFile("so-lieu.pdf", PDF)],
    })

    assert response.status_code == 302 and response.url == "/cong-viec/"
    assignment.refresh_from_db()
    assert assignment.progress_percent == 60
    detail = client.get(f"/cong-viec/{assignment.pk}/")
    assert "Đã xong phần số liệu" in detail.text and "so-lieu.pdf" in detail.text
    attachment = assignment.reports.get().attachments.get()
    assert client.get(f"/cong-viec/tep/{attachment.pk}/").status_code == 200
    client.force_login(people["chuyenvienkt"])
    assert client.get(f"/cong-viec/tep/{attachment.pk}/").status_code == 404


def test_progress_form_loads_inline_for_htmx(client, give, people):
    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))
    client.force_login(people["chuyenvien"])
    response = client.get(f"/cong-viec/{assignment.pk}/hoan-thanh/", HTTP_HX_REQUEST="true")
    assert "<html" not in response.text and "Kết quả xử lý" in response.text


def test_complete_with_bad_input_keeps_what_was_typed(client, give, people):
    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))
    client.force_login(people["chuyenvien"])
    response = client.post(f"/cong-viec/{assignment.pk}/hoan-thanh/",
                           {"result_note": "", "result_reference": ""})
    assert response.status_code == 200
    assert "Nhập kết quả xử lý" in response.text
    ok = client.post(f"/cong-viec/{assignment.pk}/hoan-thanh/", {"result_note": "Đã trình"})
    assert ok.status_code == 302
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.DONE


def test_extension_is_asked_on_a_page_and_decided_by_the_assigner(client, give, people):
    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))
    client.force_login(people["chuyenvien"])
    client.post(f"/cong-viec/{assignment.pk}/gia-han/",
                {"requested_deadline": "2026-12-10", "reason": "Chờ số liệu"})
    extension = assignment.extensions.get()
    client.force_login(people["lanhdao"])
    given = client.get("/cong-viec/da-giao/")
    assert "Chờ số liệu" in given.text
    detail = client.get(f"/cong-viec/{assignment.pk}/")
    assert "Đề nghị gia hạn chờ bạn quyết định" in detail.text

    client.post(f"/cong-viec/gia-han/{extension.pk}/", {"decision": "grant", "deadline": "",
                                                        "note": "Đồng ý"})

    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.GRANTED
    assert Assignment.objects.get(pk=assignment.pk).deadline == D(2026, 12, 10)


def test_leader_gives_work_in_working_days_across_the_weekend(client, people):
    client.force_login(people["lanhdao"])
    response = client.post("/cong-viec/giao-viec/", {
        "content": "Chuẩn bị báo cáo", "assignee_user": people["chuyenvien"].pk,
        "role": "lead", "working_days": 3})
    assignment = Assignment.objects.get(content="Chuẩn bị báo cáo")
    assert response.status_code == 302
    assert assignment.deadline == D(2026, 12, 7)  # Thu, Fri, then Monday
    client.force_login(people["chuyenvien"])
    assert client.get("/cong-viec/giao-viec/").status_code == 403


def test_unit_head_hands_the_units_work_to_a_person(client, give, people):
    parent = give("lanhdao", unit=Unit.objects.get(abbreviation="TH"), deadline=D(2026, 12, 9))
    client.force_login(people["truongphongth"])
    assert "Giao cho cán bộ" in client.get(f"/cong-viec/{parent.pk}/").text
    client.post(f"/cong-viec/{parent.pk}/giao-lai/", {"assignee_user": people["chuyenvien"].pk})
    child = parent.children.get()
    assert child.assignee_user == people["chuyenvien"]
    client.force_login(people["chuyenvien"])
    assert client.get(f"/cong-viec/{parent.pk}/giao-lai/").status_code == 403


def test_home_shows_my_tasks_and_the_leaders_overdue_work(client, give, people):
    give("lanhdao", "chuyenvien", deadline=D(2026, 11, 30), content="Việc quá hạn trên trang chủ")
    client.force_login(people["chuyenvien"])
    assert "Việc quá hạn trên trang chủ" in client.get("/").text
    client.force_login(people["lanhdao"])
    home = client.get("/").text
    assert "Việc tôi giao: quá hạn, sắp đến hạn" in home and "Việc quá hạn trên trang chủ" in home


def test_detail_shows_history_reports_and_extensions(client, give, people):
    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))
    assignment_extension_request(actor=people["chuyenvien"], assignment=assignment,
                                 requested_deadline=D(2026, 12, 8), reason="Lý do gia hạn")
    assignment_complete(actor=people["chuyenvien"], assignment=assignment,
                        result_reference="7/UBND-TH")
    client.force_login(people["chuyenvien"])
    html = client.get(f"/cong-viec/{assignment.pk}/").text
    for text in ["Giao việc", "Đề nghị gia hạn", "Lý do gia hạn", "7/UBND-TH",
                 "Hoàn thành đúng hạn"]:
        assert text in html
