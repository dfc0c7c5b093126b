import datetime as dt

import pytest

from registry.assignments.models import AssignmentStatus, ExtensionStatus

pytestmark = pytest.mark.django_db
D = dt.date


def test_api_mine_given_and_unit_scopes(client, give, people):
    mine = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))
    other = give("lanhdao", "chuyenvien2", deadline=D(2026, 12, 3))
    client.force_login(people["chuyenvien"])
    assert [a["id"] for a in client.get("/api/v1/assignments/").json()["results"]] == [mine.pk]
    client.force_login(people["lanhdao"])
    given = client.get("/api/v1/assignments/?scope=given").json()["results"]
    assert {a["id"] for a in given} == {mine.pk, other.pk}
    assert given[0]["assignee_user_name"] and given[0]["assigner_name"] == "Đinh Chung Phụng"
    unit = client.get(f"/api/v1/assignments/?scope=unit&unit={people['chuyenvien'].unit_id}")
    assert unit.json()["count"] == 2


def test_api_report_progress_and_complete(client, give, people):
    assignment = give("lanhdao", "chuyenvien", deadline=D(2099, 12, 3))
    client.force_login(people["chuyenvien"])
    base = f"/api/v1/assignments/{assignment.pk}/"

    bad = client.post(base + "progress/", {"percent": 120, "note": "x"},
                      content_type="application/json")
    assert bad.status_code == 400 and "percent" in bad.json()
    progress = client.post(base + "progress/", {"percent": 70, "note": "Gần xong"},
                           content_type="application/json")
    assert progress.status_code == 201 and progress.json()["progress_percent"] == 70
    done = client.post(base + "complete/", {"result_reference": "30/UBND-TH"},
                       content_type="application/json")
    assert done.json()["status"] == AssignmentStatus.DONE
    assert done.json()["completed_on_time"] is True


def test_api_extension_ask_then_grant_by_the_assigner(client, give, people):
    assignment = give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3))
    client.force_login(people["chuyenvien"])
    asked = client.post(f"/api/v1/assignments/{assignment.pk}/extension/",
                        {"requested_deadline": "2026-12-10", "reason": "Chờ số liệu"},
                        content_type="application/json")
    assert asked.status_code == 201
    extension_id = asked.json()["id"]
    assert client.post(f"/api/v1/assignment-extensions/{extension_id}/grant/", {},
                       content_type="application/json").status_code == 403

    client.force_login(people["lanhdao"])
    pending = client.get("/api/v1/assignment-extensions/?pending=1").json()["results"]
    assert [e["id"] for e in pending] == [extension_id]
    granted = client.post(f"/api/v1/assignment-extensions/{extension_id}/grant/", {},
                          content_type="application/json")
    assert granted.json()["status"] == ExtensionStatus.GRANTED
    assert client.get(f"/api/v1/assignments/{assignment.pk}/").json()["deadline"] == "2026-12-10"


def test_api_create_in_working_days_and_reassign(client, people):
    client.force_login(people["lanhdao"])
    created = client.post("/api/v1/assignments/", {
        "content": "Việc qua API", "assignee_unit": people["chuyenvien"].unit_id,
        "working_days": 1}, content_type="application/json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    client.force_login(people["truongphongth"])
    child = client.post(f"/api/v1/assignments/{pk}/reassign/",
                        {"assignee_user": people["chuyenvien"].pk},
                        content_type="application/json")
    assert child.status_code == 201 and child.json()["parent"] == pk
    client.force_login(people["chuyenvien"])
    assert client.post("/api/v1/assignments/", {"content": "x", "assignee_user":
                                                 people["chuyenvien2"].pk},
                       content_type="application/json").status_code == 403


def test_api_schema_documents_the_actions(client, people):
    client.force_login(people["lanhdao"])
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for path in ["/api/v1/assignments/", "/api/v1/assignments/{id}/progress/",
                 "/api/v1/assignments/{id}/complete/", "/api/v1/assignments/{id}/extension/",
                 "/api/v1/assignments/{id}/reassign/",
                 "/api/v1/assignment-extensions/{id}/grant/",
                 "/api/v1/assignment-extensions/{id}/refuse/",
                 "/api/v1/notifications/", "/api/v1/notifications/{id}/read/",
                 "/api/v1/notifications/read-all/"]:
        assert path in paths
