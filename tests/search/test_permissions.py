"""Search shows only what the person may see: the same selectors as every page."""

import pytest

from registry.incoming.models import IncomingAccessGrant
from registry.incoming.services import incoming_direct
from registry.incoming.services.flow import Handler
from registry.organisation.models import Unit
from registry.search.params import SearchParams
from registry.search.query import query_parse
from registry.search.selectors import search_documents
from registry.search.services import assignment_texts_sync

pytestmark = pytest.mark.django_db


def found(user, text):
    page = search_documents(user, SearchParams(query=query_parse(text)))
    return [hit.document for hit in page.hits]


@pytest.fixture
def units(demo):
    return {u.abbreviation: u for u in Unit.objects.filter(agency=demo)}


def test_staff_of_another_unit_never_finds_the_document(demo_user, register_doc, units, leader):
    document = register_doc("Quy hoạch vùng nguyên liệu", to_unit=units["TH"])
    incoming_direct(actor=leader, document=document, direction="Phòng TH chủ trì",
                    lead=Handler(unit=units["TH"], days=5))
    assignment_texts_sync()
    th, kt = demo_user("chuyenvien"), demo_user("chuyenvienkt")
    assert found(th, "quy hoach vung nguyen lieu") == [document]
    assert found(th, "phong th chu tri") in ([], [document])
    assert found(kt, "quy hoach vung nguyen lieu") == []
    assert found(kt, document.sender_notation) == []


def test_assignment_content_does_not_open_a_document(demo_user, register_doc, units, leader):
    document = register_doc("Văn bản của phòng Tổng hợp", to_unit=units["TH"])
    incoming_direct(actor=leader, document=document, direction="Xử lý",
                    lead=Handler(unit=units["TH"], days=5))
    assignment_texts_sync()
    assert found(demo_user("chuyenvienkt"), "van ban cua phong tong hop") == []
    assert found(demo_user("chuyenvien"), "van ban cua phong tong hop") == [document]


def test_secret_documents_need_a_grant(register_doc, leader, clerk):
    secret = register_doc("Phương án bảo vệ mục tiêu", secrecy="mat")
    assert found(leader, "phuong an bao ve muc tieu") == []
    IncomingAccessGrant.objects.create(document=secret, user=leader, granted_by=clerk)
    assert found(leader, "phuong an bao ve muc tieu") == [secret]


def test_api_answers_with_the_same_rules(client, demo_user, register_doc, units):
    document = register_doc("Đề án phát triển du lịch", to_unit=units["TH"])
    client.force_login(demo_user("chuyenvienkt"))
    body = client.get("/api/v1/search/", {"q": "de an phat trien du lich"}).json()
    assert body["results"] == []
    client.force_login(demo_user("chuyenvien"))
    body = client.get("/api/v1/search/", {"q": "de an phat trien du lich"}).json()
    assert [r["id"] for r in body["results"]] == [document.pk]
    assert "<mark>Đề</mark>" in body["results"][0]["summary_highlighted"]


def test_anonymous_gets_nothing(client):
    assert client.get("/api/v1/search/", {"q": "a"}).status_code in (401, 403)
    response = client.get("/tim-kiem/", {"q": "a"})
    assert response.status_code == 302
