from unittest import mock

import pytest
from django.core import mail

from registry.notifications import tasks
from registry.notifications.models import EmailStatus, Notification
from registry.notifications.services import notification_create


@pytest.mark.django_db
def test_notification_create_queues_email_only_after_commit(demo_user,
                                                            django_capture_on_commit_callbacks):
    user = demo_user("chuyenvien")
    with mock.patch("registry.notifications.services.enqueue") as enqueue, \
            django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notification_create(recipient=user, kind="test", title="Việc mới")
        enqueue.assert_not_called()

    assert notification.email_status == EmailStatus.PENDING
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_an_email_is_sent_once_however_often_delivery_runs(demo_user):
    user = demo_user("chuyenvien")
    notification = notification_create(recipient=user, kind="test", title="Việc mới",
                                       url="/viec/1/")

    tasks.notifications_deliver([notification.pk])
    tasks.notifications_deliver([notification.pk])
    tasks.notifications_deliver_pending()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert Notification.objects.get(pk=notification.pk).email_status == EmailStatus.SENT


@pytest.mark.django_db
def test_broker_down_leaves_the_email_for_the_periodic_sweep(demo_user, settings,
                                                             django_capture_on_commit_callbacks):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    user = demo_user("chuyenvien")
    with mock.patch("registry.core.queue.app.send_task", side_effect=ConnectionError), \
            django_capture_on_commit_callbacks(execute=True):
        notification = notification_create(recipient=user, kind="test", title="Việc mới")

    assert Notification.objects.get(pk=notification.pk).email_status == EmailStatus.PENDING
    assert tasks.notifications_deliver_pending() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_users_who_turned_email_off_get_only_the_in_app_notification(demo_user):
    user = demo_user("chuyenvien")
    user.email_notifications = False
    user.save()

    notification = notification_create(recipient=user, kind="test", title="Việc mới")

    assert notification.email_status == EmailStatus.SKIPPED
    assert tasks.notifications_deliver_pending() == 0


@pytest.mark.django_db
def test_bell_and_list_show_only_my_notifications(client, demo_user, django_assert_num_queries):
    me, other = demo_user("chuyenvien"), demo_user("vanthu")
    for i in range(5):
        notification_create(recipient=me, kind="test", title=f"Của tôi {i}")
    notification_create(recipient=other, kind="test", title="Của người khác")
    client.force_login(me)

    response = client.get("/thong-bao/")

    assert response.status_code == 200
    assert "Của tôi 4" in response.text and "Của người khác" not in response.text


@pytest.mark.django_db
def test_bell_counts_up_to_99_then_says_99_plus(client, demo_user):
    me = demo_user("chuyenvien")
    Notification.objects.bulk_create(
        [Notification(recipient=me, kind="test", title=f"Việc {i}") for i in range(98)])
    client.force_login(me)
    assert '>98</span>' in client.get("/thong-bao/chuong/").text

    Notification.objects.bulk_create(
        [Notification(recipient=me, kind="test", title=f"Thêm {i}") for i in range(30)])

    bell = client.get("/thong-bao/chuong/").text
    page = client.get("/").text
    assert '>99+</span>' in bell and 'aria-label="Thông báo: 99+ chưa đọc"' in bell
    assert '>99+</span>' in page
