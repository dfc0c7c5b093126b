import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from registry.audit.models import Event
from registry.notifications.models import Notification
from registry.outgoing import events
from registry.outgoing.models import Amendment, DispatchStatus, OutgoingStatus
from registry.outgoing.services import (
    outgoing_approve,
    outgoing_dispatch_mark_sent,
    outgoing_recall,
    outgoing_submit,
)

from .conftest import user
from .helpers import issue

pytestmark = pytest.mark.django_db


def _pending(document):
    return list(document.dispatches.filter(status=DispatchStatus.PENDING))


def test_marking_external_sends_completes_the_dispatch(signed_draft):
    document = issue(signed_draft())
    pending = _pending(document)

    outgoing_dispatch_mark_sent(actor=user("vanthu"), document=document,
                                dispatch_ids=[d.pk for d in pending], channel="electronic",
                                sent_on=timezone.localdate())

    document.refresh_from_db()
    assert document.status == OutgoingStatus.DISPATCHED
    sent = document.dispatches.get(pk=pending[0].pk)
    assert (sent.status, sent.channel, sent.is_late) == ("sent", "electronic", False)
    assert Event.objects.filter(verb=events.DISPATCHED, target_id=document.pk).exists()


def test_a_send_after_the_next_working_day_is_late(signed_draft):
    document = issue(signed_draft())
    dispatch = _pending(document)[0]
    later = dispatch.due_date + dt.timedelta(days=3)
    with time_machine.travel(dt.datetime.combine(later, dt.time(10)), tick=False):
        dispatch.refresh_from_db()
        assert dispatch.is_late
        outgoing_dispatch_mark_sent(actor=user("vanthu"), document=document,
                                    dispatch_ids=[dispatch.pk], channel="post", sent_on=later)
    dispatch.refresh_from_db()
    assert dispatch.is_late and dispatch.sent_on == later


def test_sent_date_cannot_be_in_the_future(signed_draft):
    document = issue(signed_draft())
    with pytest.raises(ValidationError):
        outgoing_dispatch_mark_sent(actor=user("vanthu"), document=document,
                                    dispatch_ids=[_pending(document)[0].pk], channel="post",
                                    sent_on=timezone.localdate() + dt.timedelta(days=1))


def test_recall_freezes_the_document_and_tells_internal_recipients(signed_draft):
    document = issue(signed_draft())

    outgoing_recall(actor=user("vanthu"), document=document, reason="Ban hành nhầm đối tượng")

    document.refresh_from_db()
    assert document.status == OutgoingStatus.RECALLED and document.is_frozen
    assert not _pending(document)
    assert Notification.objects.filter(recipient__username="truongphongkt",
                                       kind=events.RECALLED).exists()
    with pytest.raises(ValidationError):
        outgoing_dispatch_mark_sent(actor=user("vanthu"), document=document,
                                    dispatch_ids=[1], channel="post",
                                    sent_on=timezone.localdate())
    with pytest.raises(ValidationError):
        outgoing_recall(actor=user("vanthu"), document=document, reason="lần hai")


def _through_chain(document):
    outgoing_submit(actor=document.drafter, document=document)
    for username in ("truongphongth", "chanhvanphong", "lanhdao"):
        outgoing_approve(actor=user(username), document=document)
    document.refresh_from_db()
    return document


def test_a_replacement_supersedes_the_old_document_and_both_stay_in_the_register(
        signed_draft, make_draft):
    old = issue(signed_draft())
    new = _through_chain(make_draft(summary="Kế hoạch (thay thế)", amends=old,
                                    amendment=Amendment.REPLACE, tasks=[]))

    issue(new)

    old.refresh_from_db()
    assert old.status == OutgoingStatus.REPLACED and new.notation in old.closed_reason
    assert old.number is not None and new.number == old.number + 1
    assert list(old.amended_by.all()) == [new]


def test_a_correction_keeps_the_original_in_force(signed_draft, make_draft):
    old = issue(signed_draft())
    correction = _through_chain(make_draft(type_name="Công văn", summary="V/v đính chính",
                                           amends=old, amendment=Amendment.CORRECT, tasks=[]))
    issue(correction)
    old.refresh_from_db()
    assert old.status in (OutgoingStatus.ISSUED, OutgoingStatus.DISPATCHED)
    assert Event.objects.filter(verb=events.CORRECTED, target_id=old.pk).exists()


def test_only_issued_documents_can_be_amended(make_draft):
    draft = make_draft()
    with pytest.raises(ValidationError) as error:
        make_draft(amends=draft, amendment=Amendment.REPLACE)
    assert "amends" in error.value.message_dict


def test_the_register_prints_recipients_first_send_and_amendments_in_one_query_per_page(
        client, signed_draft, make_draft):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    old = issue(signed_draft())
    pending = _pending(old)
    outgoing_dispatch_mark_sent(actor=user("vanthu"), document=old,
                                dispatch_ids=[pending[0].pk], channel="post",
                                sent_on=timezone.localdate())
    new = _through_chain(make_draft(summary="Kế hoạch (thay thế)", amends=old,
                                    amendment=Amendment.REPLACE, tasks=[]))
    issue(new)
    old.refresh_from_db()
    client.force_login(user("vanthu"))
    client.get("/van-ban-di/")

    with CaptureQueriesContext(connection) as queries:
        text = client.get("/van-ban-di/").text

    names = [r.name for r in old.recipients.order_by("id")]
    assert names and "; ".join(names) in text
    assert f"Xem {new.notation} (thay thế)." in text
    assert f"Thay thế {old.notation}." in text
    assert timezone.localdate().strftime("%d/%m/%Y") in text
    register_reads = [q for q in queries if 'FROM "outgoing_outgoingdocument"' in q["sql"]
                      and '"register_id" =' in q["sql"]]
    assert len(register_reads) == 1
