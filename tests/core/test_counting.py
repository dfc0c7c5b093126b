import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.core.counting import counts_fetch
from registry.organisation.models import Unit, User

pytestmark = pytest.mark.django_db


def test_counts_fetch_counts_each_queryset_in_one_statement(django_user_model):
    for name in ("a", "b", "c"):
        django_user_model.objects.create(username=f"count-{name}", full_name=name)
    users = User.objects.filter(username__startswith="count-")

    with CaptureQueriesContext(connection) as queries:
        counts = counts_fetch([users, users.filter(full_name="b"), 7, users.none(),
                               users.filter(pk__in=[]), Unit.objects.filter(pk=-1)])

    assert counts == [3, 1, 7, 0, 0, 0]
    assert len(queries) == 1


def test_counts_fetch_without_querysets_asks_nothing():
    with CaptureQueriesContext(connection) as queries:
        assert counts_fetch([2, 0]) == [2, 0]
    assert len(queries) == 0
