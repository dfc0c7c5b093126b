import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from registry.assignments.services import assignments_for_source
from registry.incoming.models import IncomingDocument
from registry.incoming.services import incoming_receive
from registry.organisation.calendar import add_working_days
from registry.organisation.models import Correspondent, Direction, DocumentType, Register
from registry.organisation.numbering import register_for_year
from registry.outgoing.demo import pdf_stored
from registry.outgoing.models import Dispatch, DispatchStatus, OutgoingStatus
from registry.outgoing.services import (
    IssueFields,
    OutgoingForbidden,
    outgoing_issue,
    outgoing_submit,
)

from .conftest import user


def _fields(agency, *, secret=False, series="", **extra):
    today = timezone.localdate()
    register = register_for_year(agency=agency, direction=Direction.OUTGOING, year=today.year,
                                 is_secret=secret, series=series)
    values = {"register": register, "document_date": today,
              "signed_file": None if secret else pdf_stored("Ban ky"),
              "signed_filename": "" if secret else "ban-ky.pdf", "copies": 5}
    return IssueFields(**{**values, **extra})


@pytest.mark.django_db
def test_outgoing_issue_numbers_registers_dispatches_and_assigns(signed_draft, chain):
    document = signed_draft()
    register = _fields(chain).register
    before = register.last_number

    outgoing_issue(actor=user("vanthu"), document=document, fields=_fields(chain))

    document.refresh_from_db()
    register.refresh_from_db()
    assert register.last_number == before + 1
    assert document.number == register.last_number
    assert document.notation == f"{document.number:02d}/KH-UBND"
    assert document.notation_normalised == f"{document.number:02d}/kh-ubnd"
    assert document.status == OutgoingStatus.ISSUED  # the external one is still to send
    assert "kh-ubnd" in document.search_folded and "so tai chinh" in document.search_folded
    dispatches = {d.recipient.name: d for d in Dispatch.objects.filter(document=document)}
    assert dispatches["Phòng Kinh tế"].status == DispatchStatus.DELIVERED
    assert dispatches["Sở Tài chính"].status == DispatchStatus.PENDING


@pytest.mark.django_db
def test_internal_dispatch_lands_in_the_recipient_inbox(signed_draft, chain):
    document = signed_draft()
    outgoing_issue(actor=user("vanthu"), document=document, fields=_fields(chain))
    document.refresh_from_db()

    incoming = IncomingDocument.objects.get(source_outgoing_id=document.pk)

    assert incoming.status == "received" and incoming.number is None
    assert incoming.to_unit.abbreviation == "KT"
    assert incoming.sender_notation == document.notation
    assert incoming.attachments.count() == 1
    dispatch = Dispatch.objects.get(document=document, recipient__unit__abbreviation="KT")
    assert dispatch.incoming_document_id == incoming.pk


@pytest.mark.django_db
def test_tasks_become_assignments_with_working_day_deadlines(signed_draft, chain):
    document = signed_draft()
    outgoing_issue(actor=user("vanthu"), document=document, fields=_fields(chain))
    document.refresh_from_db()

    rows = assignments_for_source(document).order_by("id")

    assert [(a.assignee_unit.abbreviation, getattr(a.assignee_user, "username", None))
            for a in rows] == [("KT", None), ("VX", "chuyenvienvx")]
    assert rows[0].deadline == add_working_days(timezone.localdate(), 5)
    assert rows[0].assigner.username == "lanhdao"
    assert rows[0].source_label.startswith(f"{document.number:02d}/KH-UBND")
    assert set(document.tasks.values_list("assignment_id", flat=True)) == {r.pk for r in rows}


@pytest.mark.django_db(transaction=True)
def test_issue_that_fails_after_numbering_leaves_nothing_behind(signed_draft, chain):
    document = signed_draft()
    fields = _fields(chain)
    before = Register.objects.get(pk=fields.register.pk).last_number

    with mock.patch("registry.outgoing.services.issue.assignment_create",
                    side_effect=RuntimeError("máy chủ công việc lỗi")), \
            pytest.raises(RuntimeError):
        outgoing_issue(actor=user("vanthu"), document=document, fields=fields)

    assert Register.objects.get(pk=fields.register.pk).last_number == before
    document.refresh_from_db()
    assert (document.status, document.number, document.notation) == ("approved", None, "")
    assert not Dispatch.objects.filter(document=document).exists()
    assert not assignments_for_source(document).exists()
    assert not IncomingDocument.objects.filter(source_outgoing_id=document.pk).exists()
    # and the next attempt takes the number the failed one would have had
    outgoing_issue(actor=user("vanthu"), document=document, fields=fields)
    document.refresh_from_db()
    assert document.number == before + 1


@pytest.mark.django_db
def test_issue_before_the_last_approval_is_refused(make_draft, chain):
    document = make_draft()
    outgoing_submit(actor=user("chuyenvien"), document=document)
    before = _fields(chain).register.last_number

    with pytest.raises(ValidationError):
        outgoing_issue(actor=user("vanthu"), document=document, fields=_fields(chain))

    assert Register.objects.get(pk=_fields(chain).register.pk).last_number == before


@pytest.mark.django_db
def test_only_a_clerk_issues(signed_draft, chain):
    with pytest.raises(OutgoingForbidden):
        outgoing_issue(actor=user("lanhdao"), document=signed_draft(), fields=_fields(chain))


@pytest.mark.django_db
def test_cong_van_notation_carries_the_drafting_unit(signed_draft, chain):
    document = signed_draft(type_name="Công văn", tasks=[])
    outgoing_issue(actor=user("vanthu"), document=document, fields=_fields(chain))
    document.refresh_from_db()
    assert document.notation == f"{document.number:02d}/UBND-TH"


@pytest.mark.django_db
def test_secret_document_goes_to_the_secret_register_without_files(signed_draft, chain):
    document = signed_draft(secrecy="mat", with_file=False, tasks=[])
    with pytest.raises(ValidationError) as error:
        outgoing_issue(actor=user("vanthu"), document=document, fields=_fields(chain))
    assert "register" in error.value.message_dict

    outgoing_issue(actor=user("vanthu"), document=document, fields=_fields(chain, secret=True))

    document.refresh_from_db()
    assert document.register.is_secret and document.signed_file is None
    incoming = IncomingDocument.objects.get(source_outgoing_id=document.pk)
    assert incoming.secrecy == "mat" and incoming.attachments.count() == 0


@pytest.mark.django_db
def test_issuing_a_reply_marks_the_incoming_document_answered(signed_draft, chain):
    asked = incoming_receive(agency=chain, sender_notation="120/STC-NS",
                             sender=Correspondent.objects.get(name="Sở Tài chính"),
                             document_date=timezone.localdate() - dt.timedelta(days=3),
                             document_type=DocumentType.objects.get(name="Công văn"),
                             summary="Đề nghị báo cáo thu ngân sách", urgency="normal",
                             secrecy="normal", channel="paper")
    document = signed_draft(answers=[asked], tasks=[])

    outgoing_issue(actor=user("vanthu"), document=document, fields=_fields(chain))

    asked.refresh_from_db()
    document.refresh_from_db()
    assert asked.reply_label == document.notation and asked.answered_at is not None


@pytest.mark.django_db
def test_issue_date_must_belong_to_the_register_year(signed_draft, chain):
    document = signed_draft()
    last_year = timezone.localdate().replace(year=timezone.localdate().year - 1)
    with pytest.raises(ValidationError) as error:
        outgoing_issue(actor=user("vanthu"), document=document,
                       fields=_fields(chain, document_date=last_year))
    assert "document_date" in error.value.message_dict
