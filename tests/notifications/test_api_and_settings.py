import pytest

from registry.notifications.models import EmailStatus
from registry.notifications.services import notification_create

pytestmark = pytest.mark.django_db


def test_notifications_api_lists_mine_and_marks_read(client, demo_user):
    me, other = demo_user("chuyenvien"), demo_user("vanthu")
    first = notification_create(recipient=me, kind="test", title="Một")
    notification_create(recipient=me, kind="test", title="Hai")
    theirs = notification_create(recipient=other, kind="test", title="Của người khác")
    client.force_login(me)

    listed = client.get("/api/v1/notifications/").json()
    assert [n["title"] for n in listed["results"]] == ["Hai", "Một"]
    assert client.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
    read = client.post(f"/api/v1/notifications/{first.pk}/read/")
    assert read.json()["is_read"] is True
    assert [n["title"] for n in client.get("/api/v1/notifications/?unread=1").json()["results"]] \
        == ["Hai"]
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404


def test_settings_page_turns_email_off_but_keeps_in_app(client, demo_user):
    me = demo_user("chuyenvien")
    client.force_login(me)
    page = client.get("/thong-bao/cai-dat/")
    assert "Nhận thông báo qua thư điện tử" in page.text

    client.post("/thong-bao/cai-dat/", {})  # unchecked box

    me.refresh_from_db()
    assert me.email_notifications is False
    assert notification_create(recipient=me, kind="t", title="t").email_status == \
        EmailStatus.SKIPPED
