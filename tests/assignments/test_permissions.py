import datetime as dt

import pytest

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def assignment(give):
    return give("lanhdao", "chuyenvien", deadline=D(2026, 12, 3), content="Việc riêng")


@pytest.mark.parametrize("path", ["/cong-viec/{pk}/", "/cong-viec/{pk}/bao-cao/",
                                  "/cong-viec/{pk}/hoan-thanh/", "/cong-viec/{pk}/gia-han/",
                                  "/cong-viec/{pk}/giao-lai/"])
def test_someone_elses_assignment_is_404_on_every_page(client, people, assignment, path):
    client.force_login(people["chuyenvienkt"])
    assert client.get(path.format(pk=assignment.pk)).status_code == 404
    assert client.post(path.format(pk=assignment.pk), {}).status_code == 404


def test_someone_elses_assignment_is_404_in_the_api(client, people, assignment):
    client.force_login(people["chuyenvienkt"])
    base = f"/api/v1/assignments/{assignment.pk}/"
    assert client.get(base).status_code == 404
    for act in ["progress", "complete", "extension", "reassign", "start"]:
        assert client.post(f"{base}{act}/", {}, content_type="application/json"
                           ).status_code == 404
    assert assignment.pk not in [a["id"] for a in
                                 client.get("/api/v1/assignments/?scope=all").json()["results"]]


def test_a_leader_sees_it_but_may_not_report_on_it(client, people, assignment):
    client.force_login(people["chanhvanphong"])
    assert client.get(f"/cong-viec/{assignment.pk}/").status_code == 200
    assert client.get(f"/cong-viec/{assignment.pk}/bao-cao/").status_code == 403
    response = client.post(f"/api/v1/assignments/{assignment.pk}/complete/",
                           {"result_note": "x"}, content_type="application/json")
    assert response.status_code == 403


def test_tracking_is_for_leaders_only(client, people):
    client.force_login(people["chuyenvien"])
    assert client.get("/cong-viec/theo-doi/").status_code == 403
    assert client.get("/cong-viec/theo-doi/danh-sach/").status_code == 403
