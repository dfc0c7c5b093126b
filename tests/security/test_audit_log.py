"""The audit trail: append-only even to raw SQL, secret views and exports logged, and the
administrators' viewer with filters and a fixed number of queries."""

import pytest
from django.db import DatabaseError, connection, transaction

from registry.audit.models import Event
from registry.audit.services import event_record


@pytest.mark.django_db
def test_raw_sql_cannot_rewrite_or_delete_the_log(demo, demo_user):
    event = event_record(actor=demo_user("vanthu"), verb="test.kept", target=demo)
    table = Event._meta.db_table

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET verb = 'rewritten' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table}")
    assert Event.objects.get(pk=event.pk).verb == "test.kept"


def _opened(verb, document, user):
    return Event.objects.filter(verb=verb, target_id=document.pk, actor=user).count()


@pytest.mark.django_db
def test_every_view_of_a_secret_document_is_logged(client, world):
    from rest_framework.authtoken.models import Token

    leader = world.users["leader"]
    incoming, outgoing = world.secret.incoming, world.secret.outgoing
    client.force_login(leader)
    client.get(f"/van-ban-den/{incoming.pk}/")
    client.get(f"/van-ban-den/{incoming.pk}/phieu-den/")
    client.get(f"/van-ban-di/{outgoing.pk}/")
    token = Token.objects.create(user=leader)
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    client.logout()
    assert client.get(f"/api/v1/incoming/{incoming.pk}/", **headers).status_code == 200
    assert client.get(f"/api/v1/outgoing/{outgoing.pk}/", **headers).status_code == 200

    assert _opened("incoming.secret_opened", incoming, leader) == 3  # page, slip, API
    assert _opened("outgoing.secret_opened", outgoing, leader) == 2  # page, API


@pytest.mark.django_db
def test_a_view_of_a_normal_document_is_not_a_secret_opening(client, world):
    client.force_login(world.users["leader"])
    client.get(f"/van-ban-den/{world.normal.incoming.pk}/")
    assert not Event.objects.filter(verb__endswith="secret_opened").exists()


@pytest.mark.django_db
def test_exports_are_logged(client, world):
    from registry.casefiles.services import filelist_create

    staff = world.users["staff"]
    case_file = world.normal.extra["casefile"]
    client.force_login(staff)
    response = client.get(f"/ho-so/{case_file.pk}/xuat/")
    assert response.status_code == 200
    assert Event.objects.filter(verb="casefiles.exported", target_id=case_file.pk,
                                actor=staff).count() == 1

    clerk = world.users["clerk"]
    file_list = filelist_create(actor=clerk, year=case_file.year)
    client.force_login(clerk)
    response = client.get(f"/ho-so/danh-muc/{file_list.year}/excel/")
    assert response.status_code == 200
    assert Event.objects.filter(verb="casefiles.list_exported", target_id=file_list.pk,
                                actor=clerk).count() == 1


@pytest.fixture
def many_events(world):
    leader, clerk = world.users["leader"], world.users["clerk"]
    for i in range(60):
        event_record(actor=leader if i % 2 else clerk, verb=f"test.viewer_{i % 3}",
                     target=world.normal.incoming)
    return world


@pytest.mark.django_db
def test_administrators_read_the_log_with_filters(client, many_events):
    world = many_events
    client.force_login(world.users["admin"])

    page = client.get("/nhat-ky/", {"actor": "lanhdao", "verb": "test.viewer_1"})

    assert page.status_code == 200
    rows = page.text.count("<code>test.viewer_1</code>")
    assert rows == 10  # i odd and i % 3 == 1 among 0..59
    assert "<code>test.viewer_0</code>" not in page.text
    by_prefix = client.get("/nhat-ky/", {"verb": "test."})
    assert by_prefix.text.count("<code>test.viewer_") == 50  # one page of 60
    assert "page=2" in by_prefix.text


@pytest.mark.django_db
def test_the_log_viewer_filters_by_type_and_dates(client, many_events):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    client.force_login(many_events.users["admin"])
    incoming_type = ContentType.objects.get(app_label="incoming", model="incomingdocument")
    today = timezone.localdate()

    hit = client.get("/nhat-ky/", {"target_type": incoming_type.pk, "verb": "test.",
                                   "date_from": today.isoformat(), "date_to": today.isoformat()})
    future = client.get("/nhat-ky/", {"verb": "test.", "date_from": "2099-01-01"})
    wrong = client.get("/nhat-ky/", {"date_from": "2026-02-01", "date_to": "2026-01-01"})

    assert hit.text.count("<code>test.viewer_") == 50
    assert "<code>test.viewer_" not in future.text
    assert "Ngày kết thúc phải sau ngày bắt đầu." in wrong.text


@pytest.mark.django_db
def test_the_log_viewer_costs_a_fixed_number_of_queries(client, many_events,
                                                        django_assert_max_num_queries,
                                                        django_assert_num_queries):
    world = many_events
    client.force_login(world.users["admin"])
    client.get("/nhat-ky/")  # warm the session and the content types
    with django_assert_max_num_queries(30) as first:
        client.get("/nhat-ky/", {"verb": "test."})
    for i in range(40):  # more rows, of a secret document too: the page costs the same
        event_record(actor=world.users["staff"], verb="test.more", payload={"i": i},
                     target=world.secret.incoming if i % 2 else world.normal.incoming)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/nhat-ky/", {"verb": "test."})


@pytest.mark.django_db
def test_only_administrators_read_the_log(client, world):
    for role in ("clerk", "leader", "staff"):
        client.force_login(world.users[role])
        assert client.get("/nhat-ky/").status_code == 403
