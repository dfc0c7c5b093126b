import pytest
from django.db.models import Max

from registry.organisation.models import Direction, Register
from registry.outgoing.demo import demo_outgoing_ensure
from registry.outgoing.models import ApprovalStepStatus, OutgoingDocument, OutgoingStatus

pytestmark = pytest.mark.django_db


def test_demo_outgoing_is_idempotent_and_numbers_match_the_register(demo):
    demo_outgoing_ensure(agency=demo)
    count = OutgoingDocument.objects.count()
    demo_outgoing_ensure(agency=demo)

    assert OutgoingDocument.objects.count() == count
    register = Register.objects.get(agency=demo, direction=Direction.OUTGOING, is_secret=False,
                                    series="", year=OutgoingDocument.objects.filter(
                                        number__isnull=False).first().register.year)
    issued = OutgoingDocument.objects.filter(register=register)
    assert issued.count() >= 250
    assert issued.aggregate(n=Max("number"))["n"] == register.last_number == issued.count()
    dates = list(issued.order_by("number").values_list("document_date", flat=True))
    assert dates == sorted(dates)


def _waiting_with(document):
    step = document.steps.filter(status=ApprovalStepStatus.CURRENT).first()
    return step.approver.username if step else None


def test_demo_has_drafts_waiting_at_each_step(demo):
    demo_outgoing_ensure(agency=demo)
    states = {(d.status, _waiting_with(d))
              for d in OutgoingDocument.objects.filter(number__isnull=True)}
    assert states == {(OutgoingStatus.RETURNED, None),
                      (OutgoingStatus.IN_APPROVAL, "chanhvanphong"),
                      (OutgoingStatus.IN_APPROVAL, "lanhdao"), (OutgoingStatus.APPROVED, None)}
