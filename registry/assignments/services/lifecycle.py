"""A handler's part: start, report progress (with files), finish with a result."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.files.models import StoredFile
from registry.files.services import file_store
from registry.notifications.services import notifications_create

from .. import events
from ..models import Assignment, AssignmentStatus, ProgressAttachment, ProgressReport
from ..sources import COMPLETED, PROGRESS, STARTED, source_notify
from .common import locked, require_handler, require_open


def _start(*, actor: Any, assignment: Assignment) -> None:
    assignment.status = AssignmentStatus.IN_PROGRESS
    assignment.started_at = timezone.now()
    assignment.save(update_fields=["status", "started_at"])
    event_record(actor=actor, verb=events.ASSIGNMENT_STARTED, target=assignment)
    source_notify(assignment, STARTED)


def assignment_start(*, actor: Any, assignment: Assignment) -> Assignment:
    """Mark the work as being handled; starting twice changes nothing."""
    with transaction.atomic():
        assignment = locked(assignment)
        require_handler(actor, assignment)
        require_open(assignment)
        if assignment.status == AssignmentStatus.ASSIGNED:
            _start(actor=actor, assignment=assignment)
    return assignment


def _store_files(files: Sequence[Any]) -> list[tuple[StoredFile, str]]:
    # Slow I/O and content checks happen before the transaction takes its lock.
    return [(file_store(upload=f, name=f.name, size=getattr(f, "size", None)), f.name)
            for f in files]


def assignment_report_progress(
    *, actor: Any, assignment: Assignment, percent: int, note: str,
    files: Sequence[Any] = (),
) -> ProgressReport:
    """Record how far the work is; the first report also starts it."""
    if percent is None or not 0 <= int(percent) <= 100:
        raise ValidationError({"percent": _("Tiến độ phải từ 0 đến 100%.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("Nhập nội dung báo cáo.")})
    stored = _store_files(files)
    with transaction.atomic():
        assignment = locked(assignment)
        require_handler(actor, assignment)
        require_open(assignment)
        if assignment.status == AssignmentStatus.ASSIGNED:
            _start(actor=actor, assignment=assignment)
        report = ProgressReport.objects.create(assignment=assignment, author=actor,
                                               percent=int(percent), note=note.strip())
        ProgressAttachment.objects.bulk_create(
            [ProgressAttachment(report=report, file=f, name=name[:200]) for f, name in stored]
        )
        old = assignment.progress_percent
        assignment.progress_percent = int(percent)
        assignment.save(update_fields=["progress_percent"])
        event_record(actor=actor, verb=events.ASSIGNMENT_PROGRESS, target=assignment,
                     payload={"progress_percent": [old, int(percent)], "report": report.pk,
                              "files": len(stored)})
        source_notify(assignment, PROGRESS)
    return report


def _complete(*, actor: Any, assignment: Assignment, result_note: str,
              result_reference: str) -> None:
    now = timezone.now()
    assignment.status = AssignmentStatus.DONE
    assignment.completed_at = now
    assignment.completed_by = actor
    assignment.progress_percent = 100
    assignment.result_note = result_note
    assignment.result_reference = result_reference
    # Compared by calendar day in Vietnam time: work finished on the deadline day is on time.
    assignment.completed_on_time = (assignment.deadline is None
                                    or timezone.localdate(now) <= assignment.deadline)
    assignment.save(update_fields=["status", "completed_at", "completed_by", "progress_percent",
                                   "result_note", "result_reference", "completed_on_time"])
    event_record(actor=actor, verb=events.ASSIGNMENT_COMPLETED, target=assignment,
                 payload={"on_time": assignment.completed_on_time,
                          "result_reference": result_reference})
    source_notify(assignment, COMPLETED)
    if assignment.assigner_id != actor.pk:
        notifications_create(
            recipients=[assignment.assigner], kind="assignment.completed",
            title=_("Đã hoàn thành: %(content)s") % {"content": assignment.content[:120]},
            body=result_reference or result_note[:500],
            url=assignment.get_absolute_url(),
        )


def _complete_parent(*, actor: Any, child: Assignment) -> None:
    """A unit's work is done when the last person its head handed it to has finished."""
    if not child.delegated_within_unit or child.parent_id is None:
        return
    parent = locked(child.parent)
    if not parent.is_open or parent.children.filter(
            delegated_within_unit=True, status__in=[AssignmentStatus.ASSIGNED,
                                                    AssignmentStatus.IN_PROGRESS]).exists():
        return
    _complete(actor=actor, assignment=parent, result_note=child.result_note,
              result_reference=child.result_reference)
    _complete_parent(actor=actor, child=parent)


def assignment_complete(
    *, actor: Any, assignment: Assignment, result_note: str = "", result_reference: str = "",
) -> Assignment:
    """Finish with a result (a note, the reply's number and symbol, or both); records whether
    it was on time."""
    result_note, result_reference = (result_note or "").strip(), (result_reference or "").strip()
    if not result_note and not result_reference:
        raise ValidationError({"result_note": _("Nhập kết quả xử lý hoặc số, ký hiệu văn bản "
                                                "trả lời.")})
    with transaction.atomic():
        assignment = locked(assignment)
        require_handler(actor, assignment)
        require_open(assignment)
        _complete(actor=actor, assignment=assignment, result_note=result_note,
                  result_reference=result_reference[:120])
        _complete_parent(actor=actor, child=assignment)
    return assignment
