"""The notice 30 days before a file is due at the archive: sent once, whatever the reruns."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from registry.casefiles.models import ArchiveNotice, CaseFile
from registry.casefiles.notices import archive_notices_sweep
from registry.casefiles.services import (
    casefile_close,
    casefile_item_add,
    casefile_open,
    casefile_reopen,
)
from registry.casefiles.tasks import archive_notices_sweep as archive_notices_task
from registry.notifications.models import Notification

from .helpers import make_incoming

TODAY = timezone.localdate()


def _closed(office, *, closed_on: dt.date) -> CaseFile:
    case_file = casefile_open(actor=office.staff, case_file=office.planned)
    document = make_incoming(office.agency, unit=office.unit, summary="Đề nghị", notation="9/X",
                             day=closed_on - dt.timedelta(days=3))
    casefile_item_add(actor=office.staff, case_file=case_file, document=document)
    return casefile_close(actor=office.staff, case_file=case_file, closed_on=closed_on)


def _notices():
    return Notification.objects.filter(kind="casefile.archive_due")


@pytest.mark.django_db
def test_notice_sent_exactly_once_when_the_sweep_runs_twice(office, demo_user):
    case_file = _closed(office, closed_on=TODAY.replace(year=TODAY.year - 1)
                        + dt.timedelta(days=20))  # due in 20 days
    first = archive_notices_sweep(today=TODAY)
    second = archive_notices_sweep(today=TODAY)
    assert (first.notices, second.notices) == (1, 0)
    head = demo_user("truongphongth")
    assert sorted(_notices().values_list("recipient_id", flat=True)) == sorted(
        [office.staff.pk, head.pk])
    assert ArchiveNotice.objects.get().due_on == case_file.archive_due_on
    assert "TH.01" in _notices().first().title


@pytest.mark.django_db
def test_no_notice_more_than_30_days_ahead(office):
    _closed(office, closed_on=TODAY - dt.timedelta(days=10))  # due in about a year
    assert archive_notices_sweep(today=TODAY).candidates == 0
    assert not _notices().exists()


@pytest.mark.django_db
def test_a_new_due_date_gets_its_own_notice(office):
    case_file = _closed(office, closed_on=TODAY.replace(year=TODAY.year - 1)
                        + dt.timedelta(days=5))
    archive_notices_task(today=TODAY.isoformat())
    casefile_reopen(actor=office.staff, case_file=case_file)
    casefile_close(actor=office.staff, case_file=case_file,
                   closed_on=TODAY.replace(year=TODAY.year - 1) + dt.timedelta(days=8))
    archive_notices_task(today=TODAY.isoformat())
    archive_notices_task(today=TODAY.isoformat())
    assert ArchiveNotice.objects.filter(case_file=case_file).count() == 2
    assert _notices().filter(recipient=office.staff).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_once(office):
    _closed(office, closed_on=TODAY.replace(year=TODAY.year - 1) + dt.timedelta(days=10))
    barrier = threading.Barrier(2)
    results = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(archive_notices_sweep(today=TODAY).notices)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert _notices().filter(recipient=office.staff).count() == 1
