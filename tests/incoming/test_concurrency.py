import threading

import pytest
from django.db import connections
from rest_framework.test import APIClient

from registry.incoming.models import IncomingDocument
from registry.organisation.demo import demo_organisation_ensure
from registry.organisation.models import Correspondent, DocumentType, User

WORKERS = 32


@pytest.mark.django_db(transaction=True)
def test_32_concurrent_api_registrations_get_consecutive_unique_numbers():
    demo_organisation_ensure()
    clerk = User.objects.get(username="vanthu")
    sender = Correspondent.objects.get(name="Sở Tài chính")
    kind = DocumentType.objects.get(name="Báo cáo")
    barrier = threading.Barrier(WORKERS)
    numbers: list[int] = []
    errors: list[object] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            client = APIClient()
            client.force_authenticate(clerk)
            barrier.wait(timeout=30)
            response = client.post("/api/v1/incoming/", {
                "sender": sender.pk, "sender_notation": f"{index}/BC-STC",
                "document_date": "2026-01-02", "document_type": kind.pk,
                "summary": f"Báo cáo số {index}"}, format="json")
            with lock:
                if response.status_code == 201:
                    numbers.append(response.json()["number"])
                else:
                    errors.append(response.content)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert sorted(numbers) == list(range(1, WORKERS + 1))
    stored = sorted(IncomingDocument.objects.values_list("number", flat=True))
    assert stored == list(range(1, WORKERS + 1))
