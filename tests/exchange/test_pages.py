"""The electronic inbox pages: fixed query counts, rights, the schema."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.exchange.edxml import Code
from registry.exchange.services import packet_receive

from .conftest import packet


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_inbox_and_queue_cost_the_same_for_one_or_many_packets(client, sender, signed_pdf,
                                                                outbox_calls, demo_user):
    client.force_login(demo_user("vanthu"))
    packet_receive(data=packet(signed_pdf))
    for url in ("/lien-thong/", "/van-ban-den/cho-van-thu/"):  # warm: session, caches
        client.get(url)
    one = {url: _count(client, url) for url in ("/lien-thong/", "/van-ban-den/cho-van-thu/")}
    for number in ("126", "127", "128"):
        packet_receive(data=packet(signed_pdf, code=Code(number, "CT-BNV")))

    many = {url: _count(client, url) for url in one}

    assert many == one
    assert "128/CT-BNV" in client.get("/lien-thong/").content.decode()


def test_staff_cannot_open_the_electronic_inbox_or_a_packet(client, sender, signed_pdf,
                                                            outbox_calls, demo_user):
    taken = packet_receive(data=packet(signed_pdf))
    client.force_login(demo_user("chuyenvien"))

    assert client.get("/lien-thong/").status_code == 403
    assert client.get(taken.get_absolute_url()).status_code == 404
    assert client.post(f"/lien-thong/{taken.pk}/tiep-nhan/").status_code == 404


def test_refuse_form_needs_a_reason_next_to_its_field(client, sender, signed_pdf, outbox_calls,
                                                      demo_user):
    taken = packet_receive(data=packet(signed_pdf))
    client.force_login(demo_user("vanthu"))

    response = client.post(f"/lien-thong/{taken.pk}/tu-choi/", {"reason": ""})

    assert response.status_code == 400
    assert 'id="id_reason_error"' in response.content.decode()
    taken.refresh_from_db()
    assert taken.state == "received"


def test_recipients_page_lists_late_recipients(client, demo, demo_user):
    client.force_login(demo_user("vanthu"))

    page = client.get("/lien-thong/noi-nhan/").content.decode()

    assert "Chưa tiếp nhận sau 2 ngày làm việc" in page


def test_schema_documents_the_exchange_endpoints(client, demo, demo_user):
    client.force_login(demo_user("vanthu"))

    schema = client.get("/api/schema/?format=json").json()

    assert {"/api/v1/exchange/inbox/", "/api/v1/exchange/inbox/{id}/accept/",
            "/api/v1/exchange/inbox/{id}/refuse/", "/api/v1/exchange/recipients/",
            "/api/v1/outgoing/{id}/edxml/"} <= set(schema["paths"])
