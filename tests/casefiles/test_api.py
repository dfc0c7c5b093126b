import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from registry.casefiles.models import CaseFileStatus

from .helpers import make_incoming, make_outgoing, refreshed, unzip

pytestmark = pytest.mark.django_db
DAY = timezone.localdate() - dt.timedelta(days=5)
BASE = "/api/v1/files/"


@pytest.fixture
def api(office):
    client = APIClient()
    client.force_authenticate(office.staff)
    return client


def test_list_and_retrieve_with_hidden_documents(api, office):
    api.post(f"{BASE}{office.planned.pk}/open/")
    draft = make_outgoing(office.agency, drafter=office.colleague, day=None,
                          summary="Dự thảo của đồng nghiệp")
    incoming = make_incoming(office.agency, unit=office.unit, summary="Hướng dẫn",
                             notation="5/BNV", day=DAY)
    api.post(f"{BASE}{office.planned.pk}/add-item/", {"kind": "incoming",
                                                       "document": incoming.pk}, format="json")
    listed = api.get(BASE, {"scope": "mine"}).json()
    assert [f["code"] for f in listed["results"]] == ["TH.01"]
    assert listed["results"][0]["item_count"] == 1
    for scope in ("unit", "all", "unknown"):
        counts = [f["item_count"] for f in api.get(BASE, {"scope": scope}).json()["results"]]
        assert counts and all(isinstance(count, int) for count in counts), scope
    # The colleague adds their draft; chuyenvien then sees it as present, not what it is.
    colleague = APIClient()
    colleague.force_authenticate(office.colleague)
    office.planned.responsible_user = None
    office.planned.save(update_fields=["responsible_user"])
    response = colleague.post(f"{BASE}{office.planned.pk}/add-item/",
                              {"kind": "outgoing", "document": draft.pk}, format="json")
    assert response.status_code == 200, response.content
    items = api.get(f"{BASE}{office.planned.pk}/").json()["items"]
    assert [(i["ordinal"], i["hidden"]) for i in items] == [(1, False), (2, True)]
    assert items[1]["summary"] == "" and items[0]["notation"] == "5/BNV"


def test_create_add_close_hand_over_export(api, office):
    created = api.post(BASE, {"title": "Hồ sơ phối hợp liên ngành", "retention_years": 10},
                       format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    incoming = make_incoming(office.agency, unit=office.unit, summary="Đề nghị phối hợp",
                             notation="77/SNV-TCBC", day=DAY)
    assert api.post(f"{BASE}{pk}/add-item/", {"kind": "incoming", "document": incoming.pk},
                    format="json").status_code == 200
    closed = api.post(f"{BASE}{pk}/close/", {}, format="json")
    assert closed.json()["status"] == CaseFileStatus.CLOSED
    refused = api.post(f"{BASE}{pk}/hand-over/", {}, format="json")
    assert refused.status_code == 400 and "danh mục" in str(refused.json())
    export = api.get(f"{BASE}{pk}/export/")
    assert export["Content-Type"] == "application/zip"
    assert set(unzip(export.content)) == {"muc-luc.pdf", "ho-so.xml"}


def test_frozen_file_rejects_changes_through_the_api(api, office):
    api.post(f"{BASE}{office.planned.pk}/open/")
    first = make_incoming(office.agency, unit=office.unit, summary="Một", notation="1/V", day=DAY)
    api.post(f"{BASE}{office.planned.pk}/add-item/", {"kind": "incoming", "document": first.pk},
             format="json")
    api.post(f"{BASE}{office.planned.pk}/close/", {}, format="json")
    handed = api.post(f"{BASE}{office.planned.pk}/hand-over/", {"received_by": "Lưu trữ"},
                      format="json")
    assert handed.json()["status"] == CaseFileStatus.HANDED_OVER
    late = make_incoming(office.agency, unit=office.unit, summary="Hai", notation="2/V", day=DAY)
    response = api.post(f"{BASE}{office.planned.pk}/add-item/",
                        {"kind": "incoming", "document": late.pk}, format="json")
    assert response.status_code == 400
    assert "đã nộp lưu trữ cơ quan nên không thể thay đổi" in response.json()[
        "non_field_errors"][0]
    for action in ("close", "hand-over"):
        assert api.post(f"{BASE}{office.planned.pk}/{action}/", {},
                        format="json").status_code == 400
    assert refreshed(office.planned).items.count() == 1


def test_other_units_files_are_not_found(office):
    client = APIClient()
    client.force_authenticate(office.other)
    assert client.get(f"{BASE}{office.planned.pk}/").status_code == 404
    assert client.post(f"{BASE}{office.planned.pk}/open/").status_code == 404


def test_schema_documents_the_files_api(client, office):
    client.force_login(office.staff)
    schema = client.get("/api/schema/").content.decode()
    for path in ("/api/v1/files/", "/api/v1/files/{id}/add-item/", "/api/v1/files/{id}/close/",
                 "/api/v1/files/{id}/hand-over/", "/api/v1/files/{id}/export/"):
        assert path in schema
