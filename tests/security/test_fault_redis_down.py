"""Redis down: registering, directing, approving and issuing still work; the notifications and
e-mails they cause wait in the outbox (rows written in the same transaction) and leave when
Redis is back. The fault is real: the Celery app points at a closed port, nothing is mocked."""

import datetime as dt
import io
import time

import pytest
from django.core import mail
from django.utils import timezone
from kombu import pools as kombu_pools

from docflow.celery import app
from registry.core.queue import enqueue, queue_reset
from registry.files.services import file_store
from registry.incoming.models import IncomingStatus
from registry.incoming.services import Handler, incoming_direct, incoming_register, incoming_submit
from registry.notifications import tasks
from registry.notifications.models import EmailStatus, Notification
from registry.organisation.models import Correspondent, Direction, DocumentType, Unit, User
from registry.organisation.numbering import register_for_year
from registry.outgoing.demo import approval_chain_ensure
from registry.outgoing.models import OutgoingStatus
from registry.outgoing.services import (
    DraftFields,
    IssueFields,
    outgoing_approve,
    outgoing_draft_create,
    outgoing_issue,
    outgoing_submit,
)

from .conftest import PDF

CLOSED = "redis://127.0.0.1:1/0"


def _point_broker_at(url: str) -> None:
    """Repoint the Celery app and drop its pooled connections (as a Redis restart would)."""
    app.conf.broker_url = url
    kombu_pools.reset()  # kombu keeps producer pools per URL, process-wide
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_down(settings):
    settings.QUEUE_RETRY_AFTER = 30  # production's breaker: one timeout, then the outbox
    saved = app.conf.broker_url
    _point_broker_at(CLOSED)
    try:
        yield saved
    finally:
        _point_broker_at(saved)
        queue_reset()


def _user(name: str) -> User:
    return User.objects.select_related("unit").get(username=name)


def _pdf(name: str):
    return file_store(upload=io.BytesIO(PDF), name=name, size=len(PDF))


@pytest.mark.django_db(transaction=True)
def test_the_office_keeps_working_while_redis_is_down(demo, redis_down, caplog):
    approval_chain_ensure(agency=demo)
    clerk, leader, staff = _user("vanthu"), _user("lanhdao"), _user("chuyenvien")
    started = time.monotonic()

    document = incoming_register(
        actor=clerk, sender=Correspondent.objects.get(name="Bộ Tài chính"),
        sender_notation="77/BTC-NSNN", document_date=timezone.localdate() - dt.timedelta(days=1),
        document_type=DocumentType.objects.get(name="Công văn"),
        summary="V/v quyết toán ngân sách năm 2025")
    incoming_submit(actor=clerk, document=document, leader=leader)
    directed = incoming_direct(actor=leader, document=document, direction="Phòng TH xử lý",
                               lead=Handler(unit=staff.unit, user=staff, days=5))
    draft = outgoing_draft_create(actor=staff, stored_file=_pdf("du-thao.pdf"),
                                  filename="du-thao.pdf", fields=DraftFields(
        document_type=DocumentType.objects.get(name="Kế hoạch"), summary="Kế hoạch quyết toán",
        signer=leader, drafting_unit=staff.unit,
        recipient_units=[Unit.objects.get(agency=demo, abbreviation="KT")]))
    outgoing_submit(actor=staff, document=draft)
    for name in ("truongphongth", "chanhvanphong", "lanhdao"):
        outgoing_approve(actor=_user(name), document=draft)
    today = timezone.localdate()
    issued = outgoing_issue(actor=clerk, document=draft, fields=IssueFields(
        register=register_for_year(agency=demo, direction=Direction.OUTGOING, year=today.year),
        document_date=today, signed_file=_pdf("ban-ky.pdf"), signed_filename="ban-ky.pdf"))

    assert time.monotonic() - started < 15  # one connect timeout, then the breaker: no hang
    assert directed.status == IncomingStatus.DIRECTED and directed.number == 1
    assert issued.status in (OutgoingStatus.ISSUED, OutgoingStatus.DISPATCHED) and issued.number
    assert "could not queue" in caplog.text  # the broker really was unreachable
    pending = Notification.objects.filter(email_status=EmailStatus.PENDING)
    kinds = set(pending.values_list("kind", flat=True))
    assert {"incoming.submitted", "assignment.created"} <= kinds or len(kinds) >= 3, kinds
    waiting = pending.count()
    assert waiting >= 5 and len(mail.outbox) == 0

    # Redis returns: the queue answers again and the periodic sweep delivers what waited.
    _point_broker_at(redis_down)
    queue_reset()
    assert enqueue("registry.notifications.tasks.notifications_deliver_pending")
    assert tasks.notifications_deliver_pending() == waiting
    assert len(mail.outbox) == waiting
    assert not Notification.objects.filter(email_status=EmailStatus.PENDING).exists()
    assert tasks.notifications_deliver_pending() == 0  # and none twice

