"""Registration keeps the register's counter row locked as briefly as it can: everything that
does not need the number comes first; after the number only the document row (prepared
beforehand) and its audit event are written, then the transaction commits."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry.audit.selectors import events_for
from registry.incoming import events
from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.organisation import numbering
from registry.organisation.models import Direction, Register
from registry.organisation.numbering import RegisterKey

pytestmark = pytest.mark.django_db

COUNTER = "UPDATE organisation_register"


def _statements(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries]


def _main_register(demo) -> Register:
    return Register.objects.get(agency=demo, direction=Direction.INCOMING, series="",
                                year=timezone.localdate().year, is_secret=False)


def test_after_the_number_only_the_document_and_its_event_are_written(demo, register_doc):
    register_doc()  # the register's id is known from now on
    with CaptureQueriesContext(connection) as captured:
        document = register_doc()

    sql = _statements(captured)
    taken = next(i for i, s in enumerate(sql) if s.startswith(COUNTER))
    after = [s.split("(")[0].strip() for s in sql[taken + 1:]]
    assert after[:2] == ['INSERT INTO "incoming_incomingdocument"', 'INSERT INTO "audit_event"']
    assert all(s.startswith(("RELEASE SAVEPOINT", "COMMIT")) for s in after[2:]), after
    assert not any(s.startswith("SELECT") for s in sql)  # nothing read: the register is known
    assert document.number == 2


def test_files_are_linked_before_the_number_is_taken(demo, register_doc, stored_pdf, clerk):
    with CaptureQueriesContext(connection) as captured:
        document = register_doc(attachments=[(stored_pdf, "cong-van.pdf")])

    sql = _statements(captured)
    taken = next(i for i, s in enumerate(sql) if s.startswith(COUNTER))
    assert any("incoming_incomingattachment" in s for s in sql[:taken])
    assert not any("incoming_incomingattachment" in s for s in sql[taken:])
    assert [a.filename for a in document.attachments.all()] == ["cong-van.pdf"]
    assert [e.verb for e in events_for(document)] == [events.ATTACHMENT_ADDED, events.REGISTERED]
    registered = events_for(document).get(verb=events.REGISTERED)
    assert registered.payload == {"register": document.register_id, "number": document.number}
    assert registered.actor == clerk


def test_the_returned_document_is_the_row_written(demo, register_doc, clerk):
    document = register_doc(signer="Lê Văn Ký", notes="Ghi chú", page_count=3)
    stored = IncomingDocument.objects.get(pk=document.pk)

    for field in IncomingDocument._meta.concrete_fields:
        if field.generated:
            continue
        assert getattr(document, field.attname) == getattr(stored, field.attname), field.name
    assert stored.status == IncomingStatus.REGISTERED and stored.registered_by == clerk
    assert stored.register == _main_register(demo) and stored.number == 1
    assert not document._state.adding


@pytest.mark.parametrize("stale", ["vanished", "another register"])
def test_a_remembered_register_id_that_is_wrong_is_looked_up_again(demo, register_doc, stale):
    register = _main_register(demo)
    other = Register.objects.get(agency=demo, direction=Direction.INCOMING, series="",
                                 year=register.year, is_secret=True)
    key = RegisterKey(demo.pk, Direction.INCOMING, register.year, False, "")
    # as if the register had been deleted and made anew, or the database restored or reset
    numbering._REGISTER_IDS[key] = register.pk + 10_000 if stale == "vanished" else other.pk

    document = register_doc()

    assert document.register_id == register.pk and document.number == 1
    assert numbering._REGISTER_IDS[key] == register.pk
    register.refresh_from_db()
    other.refresh_from_db()
    assert register.last_number == 1 and other.last_number == 0


def test_the_register_of_a_new_year_is_created_on_first_use(demo, register_doc):
    received = timezone.now().replace(year=timezone.localdate().year - 3)
    document = register_doc(received_at=received,
                            document_date=timezone.localtime(received).date())

    assert document.register.year == timezone.localtime(received).year
    assert document.number == 1 and document.register.last_number == 1
