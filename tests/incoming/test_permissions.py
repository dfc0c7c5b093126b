import pytest
from django.test import Client
from rest_framework.test import APIClient

from registry.audit.selectors import events_for
from registry.incoming import events
from registry.incoming.services import (
    Handler,
    incoming_access_grant,
    incoming_attach,
    incoming_direct,
)
from registry.organisation.models import Secrecy, Unit

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def directed_to_th(demo, register_doc, leader, clerk, stored_pdf):
    document = register_doc(summary="Báo cáo tình hình kinh tế - xã hội tháng 10")
    incoming_attach(actor=clerk, document=document, attachments=[(stored_pdf, "bao-cao.pdf")])
    th = Unit.objects.get(agency=demo, abbreviation="TH")
    incoming_direct(actor=leader, document=document, direction="Phòng TH tham mưu",
                    lead=Handler(unit=th, days=5))
    return document


def test_staff_of_the_lead_unit_sees_page_file_and_api(directed_to_th, staff_th):
    attachment = directed_to_th.attachments.get()
    client = _client(staff_th)

    page = client.get(f"/van-ban-den/{directed_to_th.pk}/")
    file = client.get(f"/van-ban-den/{directed_to_th.pk}/tep/{attachment.pk}/?xem=1")
    api = _api(staff_th).get(f"/api/v1/incoming/{directed_to_th.pk}/")

    assert page.status_code == 200 and "Báo cáo tình hình kinh tế" in page.text
    assert file.status_code == 200 and file["Content-Type"] == "application/pdf"
    assert file["X-Frame-Options"] == "SAMEORIGIN"
    assert api.status_code == 200 and api.json()["sender_name"] == "Bộ Nội vụ"
    assert "Báo cáo tình hình" in _client(staff_th).get("/van-ban-den/cua-don-vi/").text


def test_staff_of_another_unit_gets_404_everywhere(directed_to_th, staff_kt):
    attachment = directed_to_th.attachments.get()
    client = _client(staff_kt)

    page = client.get(f"/van-ban-den/{directed_to_th.pk}/")
    file = client.get(f"/van-ban-den/{directed_to_th.pk}/tep/{attachment.pk}/")
    slip = client.get(f"/van-ban-den/{directed_to_th.pk}/phieu-den/")
    api = _api(staff_kt).get(f"/api/v1/incoming/{directed_to_th.pk}/")
    listing = _api(staff_kt).get("/api/v1/incoming/")
    void = _api(staff_kt).post(f"/api/v1/incoming/{directed_to_th.pk}/void/", {"reason": "x"})

    for response in (page, file, slip, api, void):
        assert response.status_code == 404
        assert b"kinh t" not in response.content
    assert listing.json()["count"] == 0
    assert "Báo cáo tình hình" not in client.get("/van-ban-den/cua-don-vi/").text


def test_staff_cannot_open_the_register(demo, staff_th):
    assert _client(staff_th).get("/van-ban-den/").status_code == 403


def test_secret_documents_need_a_grant_and_every_opening_is_logged(demo, register_doc, leader,
                                                                   clerk, demo_user):
    secret = register_doc(secrecy=Secrecy.SECRET, summary="Kế hoạch phòng thủ dân sự")
    chairman = demo_user("chutich")

    assert _client(chairman).get(f"/van-ban-den/{secret.pk}/").status_code == 404
    assert _api(chairman).get(f"/api/v1/incoming/{secret.pk}/").status_code == 404
    assert _client(clerk).get(f"/van-ban-den/{secret.pk}/").status_code == 200  # registered it

    incoming_access_grant(actor=leader, document=secret, user=chairman)
    assert _client(chairman).get(f"/van-ban-den/{secret.pk}/").status_code == 200
    opened = [e for e in events_for(secret) if e.verb == events.SECRET_OPENED]
    assert {e.actor for e in opened} == {clerk, chairman}
    assert events.ACCESS_GRANTED in [e.verb for e in events_for(secret)]


def test_another_agencys_clerk_sees_nothing(demo, register_doc):
    from tests.factories import UserFactory

    document = register_doc()
    outsider = UserFactory(roles=["clerk", "leader"])

    assert _client(outsider).get(f"/van-ban-den/{document.pk}/").status_code == 404
    assert _api(outsider).get("/api/v1/incoming/").json()["count"] == 0


def test_staff_cannot_act_on_a_document_they_see(directed_to_th, staff_th):
    response = _api(staff_th).post(f"/api/v1/incoming/{directed_to_th.pk}/void/",
                                   {"reason": "thử"})
    assert response.status_code == 403
    directed_to_th.refresh_from_db()
    assert directed_to_th.status == "directed"
