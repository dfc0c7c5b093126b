"""A yearly list with a planned file for `chuyenvien`, in the demo office."""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from registry.casefiles.services import PlannedFile, casefile_plan, filelist_create, heading_create


@pytest.fixture
def office(demo_user):
    """The demo office's people and its TH unit, and this year's list with one planned file."""
    clerk = demo_user("vanthu")
    staff = demo_user("chuyenvien")
    file_list = filelist_create(actor=clerk, year=timezone.localdate().year)
    heading = heading_create(actor=clerk, file_list=file_list, title="", unit=staff.unit)
    planned = casefile_plan(actor=clerk, file_list=file_list, spec=PlannedFile(
        code="TH.01", title="Hồ sơ cải cách hành chính", responsible_unit=staff.unit,
        heading=heading, retention_years=None, responsible_user=staff))
    return SimpleNamespace(agency=clerk.agency, clerk=clerk, staff=staff, unit=staff.unit,
                           leader=demo_user("lanhdao"), other=demo_user("chuyenvienkt"),
                           colleague=demo_user("chuyenvien2"), file_list=file_list,
                           heading=heading, planned=planned)

