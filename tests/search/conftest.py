"""Fixtures of the search tests: documents registered and issued through the real services."""

import datetime as dt

import pytest
from django.utils import timezone

from registry.incoming.services import incoming_register
from registry.organisation.models import Correspondent, DocumentType, User
from tests.outgoing.conftest import chain, make_draft, pdf, signed_draft  # noqa: F401

from ..outgoing.helpers import issue


@pytest.fixture
def clerk(demo_user) -> User:
    return demo_user("vanthu")


@pytest.fixture
def leader(demo_user) -> User:
    return demo_user("lanhdao")


@pytest.fixture
def register_doc(clerk):
    counter = iter(range(1, 10_000))

    def make(summary: str, **overrides):
        values = {
            "actor": clerk, "sender": Correspondent.objects.get(name="Bộ Nội vụ"),
            "sender_notation": f"{next(counter)}/BNV-CCHC",
            "document_date": timezone.localdate() - dt.timedelta(days=1),
            "document_type": DocumentType.objects.get(name="Công văn"), "summary": summary,
            "signer": "Nguyễn Văn Hải",
        }
        if "received_at" in overrides:
            arrived = timezone.localdate(overrides["received_at"])
            values["document_date"] = arrived - dt.timedelta(days=1)
        return incoming_register(**(values | overrides))

    return make


@pytest.fixture
def issued(signed_draft):  # noqa: F811 (the imported fixture, requested by name)
    def make(**kwargs):
        return issue(signed_draft(**kwargs))

    return make
