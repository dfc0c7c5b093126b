import datetime as dt

import pytest
from django.db import transaction

from registry.assignments.models import Assignment
from registry.assignments.services import assignment_create


@pytest.fixture
def people(demo_user):
    """The demo office's people an assignment test needs, by username."""
    names = ["lanhdao", "chanhvanphong", "truongphongth", "chuyenvien", "chuyenvien2",
             "truongphongkt", "chuyenvienkt", "vanthu"]
    return {name: demo_user(name) for name in names}


@pytest.fixture
def give(people):
    """give("lanhdao", "chuyenvien", deadline=...) -> Assignment, through the real service."""

    def make(assigner: str, assignee: str | None = None, *, unit=None,
             deadline: dt.date | None = None, content: str = "Báo cáo tình hình thực hiện",
             **kwargs) -> Assignment:
        with transaction.atomic():
            return assignment_create(
                assigner=people[assigner], content=content,
                assignee_user=people[assignee] if assignee else None, assignee_unit=unit,
                deadline=deadline, **kwargs)

    return make
