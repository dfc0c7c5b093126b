import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.assignments.services import assignment_complete, assignment_reassign
from registry.assignments.tracking import Period, tracking_by_person, tracking_by_unit
from registry.organisation.models import Unit

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 12, 2)


def finish(assignment, user, *, on: dt.date) -> None:
    with time_machine.travel(dt.datetime(on.year, on.month, on.day, 3, tzinfo=dt.UTC)):
        assignment_complete(actor=user, assignment=assignment, result_note="Xong")


@pytest.fixture
def office(give, people):
    """TH: 1 on time, 1 late, 1 open, 1 overdue (+ a unit task handed to a person);
    KT: 1 overdue. Given on 01/12/2026."""
    th = Unit.objects.get(abbreviation="TH")
    with time_machine.travel(dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC)):
        on_time = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 4))
        late = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 1))
        give("lanhdao", "chuyenvien2", deadline=D(2026, 12, 9))
        give("chanhvanphong", "chuyenvien2", deadline=D(2026, 12, 1))
        unit_work = give("lanhdao", unit=th, deadline=D(2026, 12, 10))
        assignment_reassign(actor=people["truongphongth"], assignment=unit_work,
                            assignee_user=people["chuyenvien"])
        give("lanhdao", "chuyenvienkt", deadline=D(2026, 11, 30))
        give("lanhdao", "chuyenvien", deadline=D(2026, 11, 30), role="info")  # not counted
    finish(on_time, people["chuyenvien"], on=D(2026, 12, 2))
    finish(late, people["chuyenvien"], on=D(2026, 12, 2))
    return th


def test_tracking_per_unit_counts_each_piece_of_work_once(office, people):
    rows = {r.label: r for r in tracking_by_unit(
        agency_id=people["lanhdao"].agency_id, period=Period(D(2026, 12, 1), TODAY), today=TODAY)}

    th = rows["Phòng Tổng hợp"]
    assert (th.assigned, th.on_time, th.late, th.open, th.overdue) == (5, 1, 1, 3, 1)
    assert th.on_time_rate == 50
    kt = rows["Phòng Kinh tế"]
    assert (kt.assigned, kt.open, kt.overdue, kt.on_time_rate) == (1, 1, 1, None)


def test_tracking_per_person_and_the_period_filter(office, people):
    agency_id = people["lanhdao"].agency_id
    rows = {r.label: r for r in tracking_by_person(
        agency_id=agency_id, period=Period(D(2026, 12, 1), TODAY), today=TODAY,
        unit_id=office.pk)}
    lam = rows["Trần Đức Lam"]
    assert (lam.assigned, lam.on_time, lam.late, lam.open) == (3, 1, 1, 1)
    assert set(rows) == {"Trần Đức Lam", "Lê Thị Minh Nguyệt"}
    assert tracking_by_unit(agency_id=agency_id, period=Period(D(2026, 11, 1), D(2026, 11, 30)),
                            today=TODAY) == []


def test_tracking_page_uses_a_fixed_number_of_queries_and_drills_down(client, office, people,
                                                                      give):
    query = "?start=2026-12-01&end=2026-12-31"
    with time_machine.travel(dt.datetime(2026, 12, 2, 3, tzinfo=dt.UTC)):
        client.force_login(people["lanhdao"])
        client.get("/cong-viec/theo-doi/" + query)
        with CaptureQueriesContext(connection) as few:
            page = client.get("/cong-viec/theo-doi/" + query)
        for i in range(15):
            give("lanhdao", "chuyenvienkt", deadline=D(2026, 12, 20), content=f"Thêm {i}")
        with CaptureQueriesContext(connection) as many:
            client.get("/cong-viec/theo-doi/" + query)
        # read now: the next request clears the connection's query log
        aggregates = sum("assignments_trackingtally" in q["sql"] for q in many.captured_queries)
        counted_live = [q["sql"] for q in many.captured_queries
                        if "GROUP BY" in q["sql"] and "assignments_trackingtally" not in q["sql"]]
        drill = client.get(f"/cong-viec/theo-doi/danh-sach/{query}&unit={office.pk}&state=late")

    assert len(few) == len(many)
    # both tables from one statement over the tallies; nothing per row, no count of the work
    assert aggregates == 1 and counted_live == []
    assert 'id="df-rate">50%' in page.text
    rows = list(drill.context["page"].object_list)
    assert len(rows) == 1 and rows[0].completed_on_time is False
