import pytest

from registry.assignments.demo import TASKS, demo_assignments_ensure
from registry.assignments.models import Assignment, AssignmentStatus, ExtensionRequest

pytestmark = pytest.mark.django_db


def test_demo_assignments_cover_every_state_and_are_idempotent(demo):
    demo_assignments_ensure(agency=demo)
    count = Assignment.objects.count()
    demo_assignments_ensure(agency=demo)

    assert Assignment.objects.count() == count == len(TASKS) + 1  # + the handed-on child
    open_work = Assignment.objects.filter(status__in=["assigned", "in_progress"])
    assert any(a.is_overdue for a in open_work)
    assert Assignment.objects.filter(status=AssignmentStatus.DONE, completed_on_time=True).exists()
    assert Assignment.objects.filter(status=AssignmentStatus.DONE, completed_on_time=False).exists()
    assert Assignment.objects.filter(status=AssignmentStatus.ASSIGNED).exists()
    assert ExtensionRequest.objects.filter(status="pending").exists()
    assert Assignment.objects.filter(reports__isnull=False).exists()
