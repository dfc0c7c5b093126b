import pytest
from django.db.models import Max

from registry.assignments.services import assignments_for_source
from registry.incoming.demo import demo_incoming_ensure
from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.organisation.models import Direction, Register

pytestmark = pytest.mark.django_db


def test_demo_incoming_is_realistic_consistent_and_idempotent(demo):
    created = demo_incoming_ensure(agency=demo)

    documents = IncomingDocument.objects.filter(agency=demo)
    statuses = set(documents.values_list("status", flat=True))
    assert created >= 20 and documents.count() == created + 3
    assert IncomingStatus.RECEIVED in statuses
    for register in Register.objects.filter(agency=demo, direction=Direction.INCOMING):
        numbers = list(documents.filter(register=register).order_by("number")
                       .values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
        assert register.last_number == (numbers[-1] if numbers else 0)
    assert documents.filter(secrecy="mat").count() == 2
    directed = documents.filter(status=IncomingStatus.DIRECTED).first()
    if directed is not None:
        assert assignments_for_source(directed).exists()
    before = documents.aggregate(Max("id"))

    assert demo_incoming_ensure(agency=demo) == 0
    assert IncomingDocument.objects.aggregate(Max("id")) == before


def test_demo_directions_older_than_ten_days_are_in_progress(demo):
    demo_incoming_ensure(agency=demo)
    statuses = dict.fromkeys(IncomingStatus.values, 0)
    for status in IncomingDocument.objects.values_list("status", flat=True):
        statuses[status] += 1
    print("demo statuses", statuses)
    assert statuses[IncomingStatus.IN_PROGRESS] > 0 or statuses[IncomingStatus.DIRECTED] == 0
