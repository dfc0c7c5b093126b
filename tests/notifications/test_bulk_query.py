"""Notifications written by the database from a query (the reminder sweep's path)."""

from unittest import mock

import pytest

from registry.notifications import services
from registry.notifications.models import EmailStatus, Notification
from registry.notifications.services import DraftsQuery, notifications_create_bulk

SOURCE = """
SELECT u.id, 'test.bulk', %(prefix)s || u.username || repeat('x', %(pad)s), '', '/x/' || u.id
FROM organisation_user u WHERE u.username = ANY(%(names)s)
UNION ALL SELECT -1, 'test.bulk', 'nobody', '', ''
"""


@pytest.mark.django_db
def test_a_query_becomes_notifications_with_the_email_rule_and_the_title_cut(
        demo_user, django_capture_on_commit_callbacks):
    off, on, gone = demo_user("chuyenvien"), demo_user("lanhdao"), demo_user("vanthu")
    off.email_notifications = False
    off.save()
    gone.is_active = False
    gone.save()
    query = DraftsQuery(sql=SOURCE, params={"prefix": "Việc của ", "pad": 400,
                                            "names": ["chuyenvien", "lanhdao", "vanthu"]})

    with mock.patch("registry.notifications.services.enqueue") as enqueue, \
            django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = notifications_create_bulk(drafts=query)
        enqueue.assert_not_called()  # e-mail only after commit

    rows = {n.recipient.username: n for n in Notification.objects.filter(kind="test.bulk")}
    assert len(created) == 3 and set(rows) == {"chuyenvien", "lanhdao", "vanthu"}  # -1: nobody
    assert {u: n.email_status for u, n in rows.items()} == {
        "chuyenvien": EmailStatus.SKIPPED, "lanhdao": EmailStatus.PENDING,
        "vanthu": EmailStatus.SKIPPED}
    assert all(len(n.title) == 300 and n.title.startswith("Việc của ") for n in rows.values())
    assert rows["lanhdao"].url == f"/x/{on.pk}" and rows["lanhdao"].read_at is None
    assert created.pending_ids == [rows["lanhdao"].pk]

    with mock.patch("registry.notifications.services.enqueue") as enqueue:
        for callback in callbacks:
            callback()
    enqueue.assert_called_once_with("registry.notifications.tasks.notifications_deliver",
                                    [rows["lanhdao"].pk])


@pytest.mark.django_db
def test_a_big_batch_is_queued_in_chunks(demo_user, django_capture_on_commit_callbacks):
    with mock.patch("registry.notifications.services.enqueue") as enqueue:
        services._enqueue_delivery(list(range(1, 1201)), services.BULK_DELIVERY_CHUNK)
    assert [len(call.args[1]) for call in enqueue.call_args_list] == [500, 500, 200]


@pytest.mark.django_db
def test_an_empty_query_writes_and_queues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = notifications_create_bulk(drafts=DraftsQuery(
            sql="SELECT 1::bigint, '', '', '', '' WHERE false"))
    assert len(created) == 0 and created.pending_ids == [] and not callbacks
