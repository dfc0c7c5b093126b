import pytest
from rest_framework.test import APIClient

from registry.assignments.services import assignments_for_source
from registry.incoming.models import IncomingDocument
from registry.organisation.models import Unit

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def payload(sender, cong_van):
    return {"sender": sender.pk, "sender_notation": "102/KH-BNV", "document_date": "2026-01-05",
            "document_type": cong_van.pk, "summary": "Kế hoạch cải cách hành chính",
            "urgency": "khan", "handling_days": 5}


def test_api_full_flow(demo, clerk, leader, payload, staff_th):
    created = _api(clerk).post("/api/v1/incoming/", payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["number"] == 1 and body["sender_name"] == "Bộ Nội vụ"
    assert body["document_type_name"] == "Công văn" and body["handling_deadline"]
    pk = body["id"]

    patched = _api(clerk).patch(f"/api/v1/incoming/{pk}/", {"signer": "Trần Văn A"},
                                format="json")
    assert patched.status_code == 200 and patched.json()["signer"] == "Trần Văn A"
    submitted = _api(clerk).post(f"/api/v1/incoming/{pk}/submit/", {"leader": leader.pk},
                                 format="json")
    assert submitted.json()["status"] == "submitted"
    th = Unit.objects.get(agency=demo, abbreviation="TH")
    directed = _api(leader).post(f"/api/v1/incoming/{pk}/direct/", {
        "direction": "Giao TH", "lead": {"unit": th.pk, "days": 3},
        "co_handlers": [{"user": staff_th.pk, "deadline": "2099-01-01"}]}, format="json")
    assert directed.status_code == 200, directed.json()
    assert directed.json()["status"] == "directed" and directed.json()["lead_unit_name"] == th.name
    assert assignments_for_source(IncomingDocument.objects.get(pk=pk)).count() == 2
    assert _api(staff_th).get("/api/v1/incoming/").json()["count"] == 1
    voided = _api(clerk).post(f"/api/v1/incoming/{pk}/void/", {"reason": "Nhầm"}, format="json")
    assert voided.json()["status"] == "void" and voided.json()["number"] == 1


def test_api_list_filters_and_return(demo, clerk, leader, payload):
    api = _api(clerk)
    first = api.post("/api/v1/incoming/", payload, format="json").json()
    api.post("/api/v1/incoming/", dict(payload, urgency="normal", sender_notation="2/BNV"),
             format="json")
    assert api.get("/api/v1/incoming/", {"urgency": "khan"}).json()["count"] == 1
    api.post(f"/api/v1/incoming/{first['id']}/submit/", {"leader": leader.pk}, format="json")
    returned = _api(leader).post(f"/api/v1/incoming/{first['id']}/return/",
                                 {"reason": "Trình nhầm"}, format="json")
    assert returned.json()["status"] == "returned"
    assert _api(leader).post(f"/api/v1/incoming/{first['id']}/return/", {},
                             format="json").status_code == 400


def test_api_staff_cannot_register(demo, staff_th, payload):
    assert _api(staff_th).post("/api/v1/incoming/", payload, format="json").status_code == 403


def test_api_is_documented(demo, client, clerk):
    client.force_login(clerk)
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert {"/api/v1/incoming/", "/api/v1/incoming/{id}/", "/api/v1/incoming/{id}/direct/",
            "/api/v1/incoming/{id}/void/", "/api/v1/incoming/{id}/submit/"} <= set(paths)
    assert "urgency" in str(paths["/api/v1/incoming/"]["get"]["parameters"])
