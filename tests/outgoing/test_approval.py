import pytest
from django.core.exceptions import ValidationError

from registry.audit.models import Event
from registry.outgoing import events
from registry.outgoing.demo import pdf_stored
from registry.outgoing.models import (
    ApprovalDecision,
    ApprovalStepStatus,
    ApprovalStepTemplate,
    OutgoingStatus,
)
from registry.outgoing.selectors import outgoing_awaiting_approval
from registry.outgoing.services import (
    OutgoingForbidden,
    outgoing_approve,
    outgoing_return,
    outgoing_submit,
    outgoing_version_add,
)

from .conftest import user

pytestmark = pytest.mark.django_db


def _current(document):
    return document.steps.get(status=ApprovalStepStatus.CURRENT)


def test_outgoing_submit_builds_the_agency_chain_in_order(make_draft):
    document = make_draft()

    outgoing_submit(actor=user("chuyenvien"), document=document)

    steps = list(document.steps.order_by("order").values_list("approver__username", "status"))
    assert steps == [("truongphongth", "current"), ("chanhvanphong", "waiting"),
                     ("lanhdao", "waiting")]
    document.refresh_from_db()
    assert document.status == OutgoingStatus.IN_APPROVAL
    assert Event.objects.filter(verb=events.SUBMITTED, target_id=document.pk).exists()


def test_outgoing_approve_refuses_an_approver_whose_turn_it_is_not(make_draft):
    document = make_draft()
    outgoing_submit(actor=user("chuyenvien"), document=document)

    with pytest.raises(OutgoingForbidden) as refused:
        outgoing_approve(actor=user("lanhdao"), document=document)

    assert "Phạm Thị Hồng Giang" in refused.value.message
    assert _current(document).approver.username == "truongphongth"
    assert not ApprovalDecision.objects.filter(document=document, kind="approved").exists()


def test_the_chain_runs_step_by_step_to_signed(make_draft):
    document = make_draft()
    outgoing_submit(actor=user("chuyenvien"), document=document)

    for username in ("truongphongth", "chanhvanphong"):
        outgoing_approve(actor=user(username), document=document, comment="Được")
        document.refresh_from_db()
        assert document.status == OutgoingStatus.IN_APPROVAL
    outgoing_approve(actor=user("lanhdao"), document=document)

    document.refresh_from_db()
    assert document.status == OutgoingStatus.APPROVED
    assert document.signer_name == "Phó Chủ tịch Đinh Chung Phụng"
    assert list(Event.objects.filter(target_id=document.pk, verb=events.APPROVED).order_by("id")
                .values_list("actor__username", flat=True)) == [
        "truongphongth", "chanhvanphong", "lanhdao"]


def test_returned_draft_gets_a_new_version_and_resumes_at_the_returning_step(make_draft):
    document = make_draft()
    outgoing_submit(actor=user("chuyenvien"), document=document)
    outgoing_approve(actor=user("truongphongth"), document=document)
    outgoing_return(actor=user("chanhvanphong"), document=document,
                    comment="Sửa phần nơi nhận")
    document.refresh_from_db()
    assert document.status == OutgoingStatus.RETURNED
    with pytest.raises(ValidationError):
        outgoing_approve(actor=user("chanhvanphong"), document=document)

    version = outgoing_version_add(actor=user("chuyenvien"), document=document,
                                   stored_file=pdf_stored("v2"), filename="du-thao-v2.pdf")
    outgoing_submit(actor=user("chuyenvien"), document=document)

    assert version.number == 2
    assert _current(document).approver.username == "chanhvanphong"
    assert document.steps.get(order=1).status == ApprovalStepStatus.APPROVED
    decision = ApprovalDecision.objects.filter(document=document).order_by("id").last()
    assert (decision.kind, decision.version_number) == ("submitted", 2)
    returned = ApprovalDecision.objects.get(document=document, kind="returned")
    assert returned.comment == "Sửa phần nơi nhận" and returned.version_number == 1


def test_return_needs_a_comment(make_draft):
    document = make_draft()
    outgoing_submit(actor=user("chuyenvien"), document=document)
    with pytest.raises(ValidationError) as error:
        outgoing_return(actor=user("truongphongth"), document=document, comment=" ")
    assert "comment" in error.value.message_dict


def test_a_change_after_signing_goes_back_to_the_signer(signed_draft):
    document = signed_draft()

    outgoing_version_add(actor=user("chuyenvien"), document=document,
                         stored_file=pdf_stored("v2 sau ky"), filename="v2.pdf")

    document.refresh_from_db()
    assert document.status == OutgoingStatus.IN_APPROVAL
    assert _current(document).approver.username == "lanhdao"
    outgoing_approve(actor=user("lanhdao"), document=document)
    document.refresh_from_db()
    assert document.status == OutgoingStatus.APPROVED


def test_submit_needs_a_file_and_a_recipient(make_draft):
    document = make_draft(with_file=False)
    with pytest.raises(ValidationError) as error:
        outgoing_submit(actor=user("chuyenvien"), document=document)
    assert "file" in error.value.message_dict
    nowhere = make_draft(units=(), external=())
    with pytest.raises(ValidationError) as error:
        outgoing_submit(actor=user("chuyenvien"), document=nowhere)
    assert "recipients" in error.value.message_dict


def test_only_the_drafter_submits(make_draft):
    document = make_draft()
    with pytest.raises(OutgoingForbidden):
        outgoing_submit(actor=user("chuyenvien2"), document=document)


def test_head_of_unit_drafting_skips_their_own_step(make_draft):
    document = make_draft(drafter="truongphongth")
    outgoing_submit(actor=user("truongphongth"), document=document)
    assert document.steps.get(order=1).status == ApprovalStepStatus.SKIPPED
    assert _current(document).approver.username == "chanhvanphong"


def test_head_step_can_be_switched_off_per_agency(make_draft, chain):
    ApprovalStepTemplate.objects.filter(agency=chain, order=1).update(is_active=False)
    document = make_draft()
    outgoing_submit(actor=user("chuyenvien"), document=document)
    assert list(document.steps.values_list("approver__username", flat=True)) == [
        "chanhvanphong", "lanhdao"]


def test_waiting_for_my_approval_lists_urgent_first(make_draft):
    normal = make_draft(summary="Thường")
    urgent = make_draft(summary="Hỏa tốc", urgency="hoa_toc")
    for document in (normal, urgent):
        outgoing_submit(actor=user("chuyenvien"), document=document)

    waiting = list(outgoing_awaiting_approval(user("truongphongth")))

    assert [d.pk for d in waiting] == [urgent.pk, normal.pk]
    assert list(outgoing_awaiting_approval(user("chanhvanphong"))) == []
