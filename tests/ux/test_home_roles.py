"""Issue 10: the home page answers "what needs me now?" for each role, in fixed queries."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry.assignments.models import Assignment, AssignmentRole
from registry.assignments.services import assignment_create, assignment_reassign
from registry.incoming.selectors import ClerkDeadlines
from registry.incoming.services import incoming_receive, incoming_register, incoming_submit
from registry.organisation.models import (
    CalendarDay,
    CalendarDayKind,
    Correspondent,
    DocumentType,
    Unit,
    Urgency,
    User,
)

pytestmark = pytest.mark.django_db
VN = dt.timezone(dt.timedelta(hours=7))
D = dt.date


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN)


def on(day: dt.date, hour: int = 9):
    return time_machine.travel(at(day, hour), tick=False)


@pytest.fixture
def people(demo):
    return {u.username: u for u in User.objects.select_related("unit")}


@pytest.fixture
def paper(demo, people):
    """paper(day, notation, urgency=..., registered=True): a document received on `day`."""
    sender = Correspondent.objects.get(name="Bộ Nội vụ")
    cong_van = DocumentType.objects.get(name="Công văn")

    def make(day: dt.date, notation: str, *, urgency: str = Urgency.NORMAL,
             registered: bool = True, hour: int = 10):
        values = {"sender": sender, "sender_notation": notation, "document_type": cong_van,
                  "document_date": day - dt.timedelta(days=3), "urgency": urgency,
                  "summary": f"V/v văn bản {notation}"}
        with on(day, hour):
            if registered:
                return incoming_register(actor=people["vanthu"], received_at=timezone.now(),
                                         **values)
            return incoming_receive(agency=people["vanthu"].agency, secrecy="normal",
                                    channel="electronic", **values)

    return make


def clerk_rows(html: str) -> dict[str, str]:
    """{notation: "late" | "today" | "later"} of the clerk section, in the page's order."""
    rows = {}
    for item in re.findall(r'<li class="list-group-item([^"]*)" id="df-clerk-\d+">(.*?)</li>',
                           html, re.S):
        classes, body = item
        notation = re.search(r"· ([^<]+?)</a>", body).group(1).strip()
        rows[notation] = ("late" if "df-clerk-late" in classes
                          else "today" if "df-clerk-today" in classes else "later")
    return rows


def test_clerk_sees_late_first_then_due_today_by_the_next_working_day_rule(client, people,
                                                                           paper):
    # Wednesday 02/12/2026: Tuesday is the previous working day.
    paper(D(2026, 11, 30), "1/BNV-THU-HAI", registered=False)  # Monday: late
    paper(D(2026, 12, 1), "2/BNV-THU-BA")  # Tuesday, registered not submitted: due today
    paper(D(2026, 12, 1), "3/BNV-KHAN", urgency=Urgency.URGENT)  # urgent, Tuesday: late
    paper(D(2026, 12, 2), "4/BNV-HOM-NAY", registered=False)  # today: due Thursday
    submitted = paper(D(2026, 11, 30), "5/BNV-DA-TRINH")
    with on(D(2026, 12, 2)):
        incoming_submit(actor=people["vanthu"], document=submitted, leader=people["lanhdao"])
        client.force_login(people["vanthu"])
        html = client.get("/").text

    assert list(clerk_rows(html).items()) == [
        ("3/BNV-KHAN", "late"), ("1/BNV-THU-HAI", "late"), ("2/BNV-THU-BA", "today"),
        ("4/BNV-HOM-NAY", "later")]
    assert "2 văn bản trễ hạn" in html and "1 văn bản hạn hôm nay" in html
    assert "Hạn 03/12/2026" in html  # received today: due the next working day
    assert "Xem tất cả (4)" in html  # the same rows as the "Chờ văn thư xử lý" counter


def test_the_rule_counts_working_days_across_a_weekend_and_a_day_off(client, people, paper):
    CalendarDay.objects.create(date=D(2026, 12, 7), kind=CalendarDayKind.DAY_OFF,
                               name="Nghỉ bù")
    paper(D(2026, 12, 3), "1/BNV-THU-NAM")  # Thursday: due Friday, late on Tuesday
    paper(D(2026, 12, 4), "2/BNV-THU-SAU")  # Friday: due the next working day, Tuesday 8/12
    paper(D(2026, 12, 5), "3/BNV-THU-BAY", registered=False)  # Saturday: due Tuesday too
    with on(D(2026, 12, 8)):
        client.force_login(people["vanthu"])
        rows = clerk_rows(client.get("/").text)
    assert rows == {"1/BNV-THU-NAM": "late", "2/BNV-THU-SAU": "today",
                    "3/BNV-THU-BAY": "today"}

    with on(D(2026, 12, 7)):  # the day off itself: nothing is due today, Friday's is not late
        deadlines = ClerkDeadlines.on(D(2026, 12, 7))
    assert deadlines.next_day == D(2026, 12, 8)
    assert deadlines.state(at(D(2026, 12, 4)), urgent=False) == "later"
    assert deadlines.state(at(D(2026, 12, 3)), urgent=False) == "late"
    assert deadlines.state(at(D(2026, 12, 7)), urgent=True) == "today"


def test_clerk_home_runs_a_fixed_number_of_queries(client, people, paper,
                                                   django_assert_num_queries):
    paper(D(2026, 11, 30), "1/BNV-A", registered=False)
    with on(D(2026, 12, 2)):
        client.force_login(people["vanthu"])
        client.get("/")  # warm the per-process caches
        with CaptureQueriesContext(connection) as baseline:
            client.get("/")
    for i in range(12):
        paper(D(2026, 11, 23 + i % 8), f"{i + 10}/BNV-B",
              urgency=Urgency.URGENT if i % 3 == 0 else Urgency.NORMAL, registered=i % 2 == 0)
    with on(D(2026, 12, 2)), django_assert_num_queries(len(baseline)):
        html = client.get("/").text
    assert len(clerk_rows(html)) == 5


# --- leaders: the overdue work of the units under them -------------------------------------

def give(assigner: User, *, unit: Unit | None = None, person: User | None = None,
         deadline: dt.date, content: str, role: str = AssignmentRole.LEAD) -> Assignment:
    with transaction.atomic():
        return assignment_create(assigner=assigner, content=content, assignee_unit=unit,
                                 assignee_user=person, deadline=deadline, role=role)


@pytest.fixture
def team(demo):
    """A team under Phòng Tổng hợp (TH), whose head truongphongth is also a leader."""
    th = Unit.objects.get(abbreviation="TH")
    return Unit.objects.create(agency=th.agency, parent=th, name="Tổ công tác số hóa",
                               abbreviation="TH-SH")


def test_a_leader_sees_the_overdue_work_of_the_units_below_him_only(client, people, team):
    units = {u.abbreviation: u for u in Unit.objects.all()}
    boss = people["lanhdao"]
    with on(D(2026, 11, 20)):
        give(boss, unit=team, deadline=D(2026, 11, 30), content="Số hóa hồ sơ của tổ")
        give(boss, unit=units["TH"], deadline=D(2026, 12, 1), content="Báo cáo tổng hợp tuần")
        give(boss, person=people["chuyenvien"], deadline=D(2026, 11, 27),
             content="Dự thảo giấy mời của chuyên viên")
        give(boss, unit=units["KT"], deadline=D(2026, 11, 25), content="Số liệu kinh tế quý")
        give(boss, unit=units["TH"], deadline=D(2026, 12, 20), content="Chưa đến hạn")
        give(boss, unit=units["TH"], deadline=D(2026, 11, 25), content="Chỉ để biết",
             role=AssignmentRole.TO_KNOW)

    with on(D(2026, 12, 2)):
        client.force_login(people["truongphongth"])
        html = client.get("/").text
        section = html[html.index('id="df-home-units-overdue"'):]
        section = section[:section.index("</section>")]
        for seen in ["Số hóa hồ sơ của tổ", "Báo cáo tổng hợp tuần",
                     "Dự thảo giấy mời của chuyên viên"]:
            assert seen in section
        for unseen in ["Số liệu kinh tế quý", "Chưa đến hạn", "Chỉ để biết"]:
            assert unseen not in section
        # Longest overdue first; per unit a count linking to the tracking list.
        assert section.index("Dự thảo giấy mời") < section.index("Số hóa hồ sơ") \
            < section.index("Báo cáo tổng hợp")
        assert re.search(r"Phòng Tổng hợp <span[^>]*>2<", section)
        assert re.search(r"Tổ công tác số hóa <span[^>]*>1<", section)
        pattern = rf'href="(/cong-viec/theo-doi/danh-sach/[^"]*unit={units["TH"].pk}[^"]*)"'
        link = re.search(pattern, section).group(1).replace("&amp;", "&")
        listing = client.get(link).text
        assert "Báo cáo tổng hợp tuần" in listing and "Dự thảo giấy mời" in listing
        assert "Số liệu kinh tế quý" not in listing and "Chưa đến hạn" not in listing

        client.force_login(boss)  # the agency's leadership (a top unit) sees every unit
        section = client.get("/").text.split('id="df-home-units-overdue"')[1]
        assert "Số liệu kinh tế quý" in section and "Phòng Kinh tế" in section


def test_leader_home_runs_a_fixed_number_of_queries(client, people, team,
                                                    django_assert_num_queries):
    units = list(Unit.objects.exclude(pk=team.pk))
    with on(D(2026, 11, 20)):
        give(people["lanhdao"], unit=units[0], deadline=D(2026, 11, 25), content="Việc 0")
    with on(D(2026, 12, 2)):
        client.force_login(people["lanhdao"])
        client.get("/")
        with CaptureQueriesContext(connection) as baseline:
            client.get("/")
    with on(D(2026, 11, 20)):
        for i in range(25):
            give(people["lanhdao"], unit=units[i % len(units)], deadline=D(2026, 11, 21 + i % 9),
                 content=f"Việc quá hạn {i}")
    with on(D(2026, 12, 2)), django_assert_num_queries(len(baseline)):
        html = client.get("/").text
    assert html.count("df-overdue-unit") == len(units)


def test_a_unit_count_is_capped_on_the_home_page(client, people, monkeypatch):
    from registry.assignments import selectors

    monkeypatch.setattr(selectors, "OVERDUE_CAP", 3)
    kt = Unit.objects.get(abbreviation="KT")
    with on(D(2026, 11, 20)):
        for i in range(4):
            give(people["lanhdao"], unit=kt, deadline=D(2026, 11, 25), content=f"Việc {i}")
    with on(D(2026, 12, 2)):
        client.force_login(people["lanhdao"])
        html = client.get("/").text
    assert re.search(r"Phòng Kinh tế <span[^>]*>99\+<", html)


def test_leaders_see_urgent_documents_and_drafts_first(client, people, paper):
    normal = paper(D(2026, 12, 1), "1/BNV-THUONG", hour=8)
    urgent = paper(D(2026, 12, 1), "2/BNV-HOA-TOC", urgency=Urgency.FLASH, hour=7)
    with on(D(2026, 12, 2)):
        for document in (normal, urgent):
            incoming_submit(actor=people["vanthu"], document=document, leader=people["lanhdao"])
        client.force_login(people["lanhdao"])
        html = client.get("/").text
    waiting = html.split("Văn bản chờ tôi cho ý kiến")[1]
    assert waiting.index("2/BNV-HOA-TOC") < waiting.index("1/BNV-THUONG")


# --- staff: my tasks, and the navigation's count of them -----------------------------------

def test_my_tasks_and_their_count_leave_out_work_the_head_handed_on(client, people):
    th = Unit.objects.get(abbreviation="TH")
    with on(D(2026, 11, 20)):
        handed = give(people["lanhdao"], unit=th, deadline=D(2026, 11, 30),
                      content="Việc của phòng giao lại")
        give(people["lanhdao"], unit=th, deadline=D(2026, 12, 3), content="Việc phòng sắp hạn")
        with transaction.atomic():
            assignment_reassign(actor=people["truongphongth"], assignment=handed,
                                assignee_user=people["chuyenvien"])
    with on(D(2026, 12, 2)):
        client.force_login(people["truongphongth"])
        response = client.get("/")
        mine = next(e for e in response.context["nav_items"] if e["url"] == "/cong-viec/")
        section = response.text.split('id="df-home-assignmentsmine"')[1].split("</section>")[0]
        assert "Việc phòng sắp hạn" in section and "Việc của phòng giao lại" not in section
        assert mine["count"] == 1

        client.force_login(people["chuyenvien"])
        section = client.get("/").text.split('id="df-home-assignmentsmine"')[1]
        assert "Việc của phòng giao lại" in section.split("</section>")[0]
        assert "df-task-overdue" in section.split("</section>")[0]
