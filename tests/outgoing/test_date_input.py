"""Issue 10: dates typed `27/11` (this year) or `27/11/2026` in every outgoing, assignment and
case file form, as in the incoming forms; the field is a text box the clerk types into."""

import datetime as dt
import io

import pytest
import time_machine
from django.utils import timezone

from registry.assignments import forms as assignment_forms
from registry.casefiles import forms as casefile_forms
from registry.outgoing import forms as outgoing_forms
from registry.outgoing.demo import pdf_bytes
from registry.outgoing.models import DispatchStatus, OutgoingStatus

from .conftest import user
from .helpers import issue

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 2, 2, 0, tzinfo=dt.UTC)  # Wednesday 09:00 in Vietnam

DATE_FIELDS = [
    (outgoing_forms.TaskForm, "deadline"),
    (outgoing_forms.IssueForm, "document_date"),
    (outgoing_forms.DispatchForm, "sent_on"),
    (outgoing_forms.RegisterFilterForm, "date_from"),
    (outgoing_forms.RegisterFilterForm, "date_to"),
    (assignment_forms.ExtensionRequestForm, "requested_deadline"),
    (assignment_forms.ExtensionDecisionForm, "deadline"),
    (assignment_forms.ReassignForm, "deadline"),
    (assignment_forms.AssignmentCreateForm, "deadline"),
    (assignment_forms.TrackingFilterForm, "start"),
    (assignment_forms.TrackingFilterForm, "end"),
    (casefile_forms.CloseForm, "closed_on"),
]


@pytest.fixture(autouse=True)
def wednesday():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize(("form", "name"), DATE_FIELDS,
                         ids=[f"{f.__name__}.{n}" for f, n in DATE_FIELDS])
@pytest.mark.parametrize(("typed", "expected"), [
    ("27/11", dt.date(2026, 11, 27)), ("27/11/2026", dt.date(2026, 11, 27)),
    ("5/1/2027", dt.date(2027, 1, 5)), ("2026-11-27", dt.date(2026, 11, 27))])
def test_every_date_field_takes_day_first_dates(form, name, typed, expected):
    field = form.base_fields[name]
    assert field.clean(typed) == expected
    html = field.widget.render(name, expected)
    assert 'type="text"' in html and 'placeholder="dd/mm/yyyy"' in html
    assert expected.strftime("%d/%m/%Y") in html


@pytest.mark.parametrize(("form", "name"), DATE_FIELDS[:3] + DATE_FIELDS[5:6])
def test_an_impossible_date_says_how_to_write_it(form, name):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        form.base_fields[name].clean("31/02")
    assert "dd/mm/yyyy" in error.value.messages[0]


def test_the_clerk_issues_and_dispatches_typing_day_and_month(client, signed_draft):
    document = signed_draft()
    client.force_login(user("vanthu"))
    page = client.get(f"/van-ban-di/{document.pk}/ban-hanh/")
    assert 'value="02/12/2026"' in page.text  # today, day first
    register = page.context["form"].fields["register"].queryset.first()
    upload = io.BytesIO(pdf_bytes("Ban ky"))
    upload.name = "ban-ky.pdf"
    response = client.post(f"/van-ban-di/{document.pk}/ban-hanh/", {
        "register": register.pk, "document_date": "02/12", "signed_file": upload,
        "page_count": 1, "copies": 2})
    document.refresh_from_db()
    assert response.status_code == 302 and document.status == OutgoingStatus.ISSUED
    assert document.document_date == dt.date(2026, 12, 2)

    pending = list(document.dispatches.filter(status=DispatchStatus.PENDING))
    client.post(f"/van-ban-di/{document.pk}/gui/", {
        "dispatches": [d.pk for d in pending], "channel": "post", "sent_on": "2/12"})
    sent = document.dispatches.get(pk=pending[0].pk)
    assert (sent.status, sent.sent_on) == (DispatchStatus.SENT, dt.date(2026, 12, 2))


def test_register_filter_takes_day_first_dates(client, signed_draft):
    issued = issue(signed_draft(type_name="Công văn", summary="Công văn lọc theo ngày", tasks=[]))
    client.force_login(user("vanthu"))
    assert issued.notation in client.get("/van-ban-di/", {"date_from": "02/12"}).text
    assert issued.notation not in client.get("/van-ban-di/", {"date_from": "3/12"}).text
    assert timezone.localdate() == dt.date(2026, 12, 2)
