import pytest
from django.db import DatabaseError, transaction

from registry.audit.models import Event
from registry.audit.selectors import events_for
from registry.audit.services import event_record


@pytest.mark.django_db
def test_event_record_writes_the_history_of_an_object(demo, demo_user):
    clerk = demo_user("vanthu")
    event_record(actor=clerk, verb="test.touched", target=demo, payload={"a": [1, 2]})

    [event] = events_for(demo)
    assert (event.actor, event.verb, event.payload) == (clerk, "test.touched", {"a": [1, 2]})


@pytest.mark.django_db
def test_events_cannot_be_updated_or_deleted(demo, demo_user):
    event = event_record(actor=demo_user("vanthu"), verb="test.touched", target=demo)

    with pytest.raises(DatabaseError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(verb="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        Event.objects.filter(pk=event.pk).delete()
    assert Event.objects.get(pk=event.pk).verb == "test.touched"
