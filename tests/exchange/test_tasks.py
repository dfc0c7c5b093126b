"""The Celery tasks, called in-process: poll with retries on retryable transport errors,
a lock so polls never overlap, the outbox sweep; and the exchange_poll command."""

from __future__ import annotations

import threading

import pytest
from celery.exceptions import Retry
from django.core.management import CommandError, call_command
from django.db import connection

from registry.exchange import tasks
from registry.exchange.models import Outbound, OutboundState
from registry.exchange.transport import TransportError
from registry.incoming.models import IncomingDocument

from .conftest import packet


def test_poll_task_takes_packets_in_and_sweep_sends_statuses(folder, sender, signed_pdf,
                                                             outbox_calls):
    (folder.inbox / "a.xml").write_bytes(packet(signed_pdf))

    assert "received: 1" in tasks.exchange_poll_task.apply().get()
    assert tasks.outbound_sweep.apply().get() == 1
    assert IncomingDocument.objects.count() == 1
    assert Outbound.objects.get().state == OutboundState.SENT
    assert len(list(folder.outbox.iterdir())) == 1


def test_poll_task_retries_a_retryable_transport_error(folder, monkeypatch, demo):
    def down(self):
        raise TransportError("hub down", retryable=True)

    retried: list[dict] = []

    def retry(**kwargs):
        retried.append(kwargs)
        raise Retry("again")

    monkeypatch.setattr(type(folder), "list_received", down)
    monkeypatch.setattr(tasks.exchange_poll_task, "retry", retry)

    with pytest.raises(Retry):
        tasks.exchange_poll_task.apply(throw=True).get()
    assert isinstance(retried[0]["exc"], tasks.TransientTransportError)
    assert retried[0]["countdown"] >= 0  # back-off with jitter


def test_poll_task_gives_up_on_a_refusal(folder, monkeypatch, demo):
    def refused(self):
        raise TransportError("401", retryable=False)

    monkeypatch.setattr(type(folder), "list_received", refused)

    assert tasks.exchange_poll_task.apply().get() == "refused: 401"


def test_poll_task_does_not_overlap(folder, demo):
    holding, release = threading.Event(), threading.Event()

    def other_worker() -> None:
        try:
            with tasks.poll_lock() as held:
                assert held
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    holding.wait(10)
    try:
        assert tasks.exchange_poll_task.apply().get() == "another poll is running"
    finally:
        release.set()
        thread.join()
    assert tasks.exchange_poll_task.apply().get().endswith("để lại 0")


def test_poll_task_without_configuration_does_nothing(settings, demo):
    settings.EXCHANGE = {}

    assert tasks.exchange_poll_task.apply().get() == "exchange off"
    assert tasks.outbound_sweep.apply().get() == 0


def test_exchange_poll_command(folder, sender, signed_pdf, outbox_calls, capsys, settings):
    (folder.inbox / "a.xml").write_bytes(packet(signed_pdf))

    call_command("exchange_poll")

    out = capsys.readouterr().out
    assert "received: 1" in out and "Đã gửi: 1" in out
    settings.EXCHANGE = {}
    with pytest.raises(CommandError):
        call_command("exchange_poll")
