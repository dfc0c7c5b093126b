import pytest


@pytest.mark.django_db
def test_token_login_and_me(client, demo):
    response = client.post("/api/v1/auth/token/", {"username": "vanthu", "password": "demo"})
    assert response.status_code == 200
    token = response.json()["token"]

    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")

    assert me.status_code == 200
    assert me.json()["username"] == "vanthu" and me.json()["roles"] == ["clerk"]


@pytest.mark.django_db
def test_api_refuses_anonymous_requests(client):
    assert client.get("/api/v1/me/").status_code == 401


@pytest.mark.django_db
def test_openapi_schema_and_docs_are_served(client, demo_user):
    client.force_login(demo_user("vanthu"))
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert "/api/v1/auth/token/" in schema.json()["paths"]
    assert client.get("/api/schema/docs/").status_code == 200


@pytest.mark.django_db
def test_correspondent_search_folds_diacritics_and_lists_are_paginated(client, demo_user):
    client.force_login(demo_user("vanthu"))
    response = client.get("/api/v1/correspondents/", {"q": "bo noi vu", "page_size": 5})
    body = response.json()
    assert set(body) >= {"count", "next", "previous", "results"}
    assert body["results"][0]["name"] == "Bộ Nội vụ"


@pytest.mark.django_db
def test_correspondent_autocomplete_and_inline_add(client, demo_user):
    client.force_login(demo_user("vanthu"))
    found = client.get("/danh-muc/co-quan-gui-nhan/tim/", {"q": "so tai"}).json()
    assert found["results"][0]["name"] == "Sở Tài chính"

    added = client.post("/danh-muc/co-quan-gui-nhan/them/", {"name": "UBND xã Mới Lập",
                                                             "kind": "commune"})
    assert added.status_code == 201
    again = client.post("/danh-muc/co-quan-gui-nhan/them/", {"name": "  ubnd xã mới lập "})
    assert again.json()["id"] == added.json()["id"]
    empty = client.post("/danh-muc/co-quan-gui-nhan/them/", {"name": ""})
    assert empty.status_code == 400
