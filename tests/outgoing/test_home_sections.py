"""Issue 10: the clerk's home page shows signed documents to release and sends still to do,
late ones (past the same or next working day) marked red."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.outgoing.models import DispatchStatus

from .conftest import user
from .helpers import issue

pytestmark = pytest.mark.django_db
VN = dt.timezone(dt.timedelta(hours=7))


def on(day: dt.date, hour: int = 9):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN),
                               tick=False)


def dispatch_section(html: str) -> str:
    return html.split('id="df-home-outgoing-dispatch"')[1].split("</section>")[0]


def test_pending_sends_show_on_the_clerks_home_late_ones_red(client, signed_draft):
    with on(dt.date(2026, 11, 30)):  # Monday: issued, to send by Tuesday
        late = issue(signed_draft(summary="Kế hoạch gửi chậm"))
    with on(dt.date(2026, 12, 2)):  # Wednesday
        fresh = issue(signed_draft(summary="Kế hoạch mới ban hành"))
        client.force_login(user("vanthu"))
        html = client.get("/").text
    section = dispatch_section(html)
    assert late.notation in section and fresh.notation in section
    assert section.index(late.notation) < section.index(fresh.notation)  # oldest due first
    rows = re.findall(r'<li class="list-group-item([^"]*)">(.*?)</li>', section, re.S)
    states = {("late" if "df-dispatch-late" in cls else "ok"): body for cls, body in rows}
    assert late.notation in states["late"] and "Chậm gửi" in states["late"]
    assert fresh.notation in states["ok"] and "Hạn gửi 03/12/2026" in states["ok"]

    client.force_login(user("chuyenvien"))  # not a clerk: no such section
    assert 'id="df-home-outgoing-dispatch"' not in client.get("/").text


def test_the_section_disappears_once_everything_is_sent(client, signed_draft):
    document = issue(signed_draft())
    document.dispatches.update(status=DispatchStatus.SENT)
    client.force_login(user("vanthu"))
    assert 'id="df-home-outgoing-dispatch"' not in client.get("/").text


def test_a_signed_document_not_released_by_the_next_working_day_is_late(client, signed_draft):
    with on(dt.date(2026, 11, 30)):
        old = signed_draft(summary="Quyết định ký từ thứ Hai")
    with on(dt.date(2026, 12, 1)):
        new = signed_draft(summary="Quyết định ký hôm qua")
    with on(dt.date(2026, 12, 2)):
        client.force_login(user("vanthu"))
        html = client.get("/").text
    section = html.split("Văn bản đã ký chờ ban hành")[1].split("</section>")[0]
    rows = {summary: cls for cls, summary in re.findall(
        r'<li class="list-group-item([^"]*)">.*?title="([^"]*)"', section, re.S)}
    assert "df-task-overdue" in rows[old.summary]
    assert "df-task-soon" in rows[new.summary]


def test_clerk_home_queries_do_not_grow_with_pending_sends(client, signed_draft,
                                                           django_assert_num_queries):
    issue(signed_draft())
    client.force_login(user("vanthu"))
    client.get("/")
    with CaptureQueriesContext(connection) as baseline:
        client.get("/")
    for _ in range(5):  # one external recipient each
        issue(signed_draft())
    signed_draft()
    with django_assert_num_queries(len(baseline)):
        html = client.get("/").text
    assert dispatch_section(html).count("<li") == 5


def test_drafts_to_approve_urgent_first_and_returned_drafts_back_to_their_author(client,
                                                                               make_draft):
    from registry.outgoing.services import outgoing_return, outgoing_submit

    normal = make_draft(summary="Kế hoạch thường trình trước")
    urgent = make_draft(summary="Công điện hỏa tốc trình sau", urgency="hoa_toc")
    returned = make_draft(summary="Báo cáo cần sửa lại số liệu")
    for document in (normal, urgent, returned):
        outgoing_submit(actor=document.drafter, document=document)
    outgoing_return(actor=user("truongphongth"), document=returned, comment="Sửa số liệu")

    client.force_login(user("truongphongth"))
    html = client.get("/").text
    waiting = html.split("Dự thảo chờ tôi duyệt")[1].split("</section>")[0]
    assert waiting.index(urgent.summary) < waiting.index(normal.summary)
    assert returned.summary not in waiting

    client.force_login(user("chuyenvien"))
    response = client.get("/")
    section = response.text.split("Dự thảo bị trả lại cần sửa")[1].split("</section>")[0]
    assert returned.summary in section and normal.summary not in section
    drafts = next(e for e in response.context["nav_items"]
                  if e["url"] == "/van-ban-di/du-thao-cua-toi/")
    assert drafts["count"] == 1
