"""Bulk import of past registers: upload → a worker checks every row → all rows or none.

Rule on numbering: only registers of past years take imports. The current year's register
is being numbered live; historical rows slipped into it would either clash with numbers
being given or leave the clerk's next number meaningless. Past registers keep their
historical numbers as written; a number already in the register refuses the file, and the
register's counter is raised to the highest imported number so it can never be given again.
"""

import datetime as dt
import io
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from registry.audit.services import event_record
from registry.core.queue import enqueue
from registry.incoming.models import IncomingDocument
from registry.organisation.models import Direction, Register
from registry.outgoing.models import OutgoingDocument

from .. import events
from ..models import ImportJob, ImportKind, JobStatus
from .columns import COLUMNS, header_map
from .reader import rows_read
from .rows import rows_check
from .writer import incoming_write, outgoing_write

logger = logging.getLogger(__name__)
RUN_TASK = "registry.reports.tasks.import_run"
MAX_BYTES = 10 * 1024 * 1024
DIRECTION = {ImportKind.INCOMING: Direction.INCOMING, ImportKind.OUTGOING: Direction.OUTGOING}
MODEL = {ImportKind.INCOMING: IncomingDocument, ImportKind.OUTGOING: OutgoingDocument}


def import_registers_for(user: Any) -> QuerySet[Register]:
    """Past-year registers of the clerk's agency (secret ones excluded: metadata by hand)."""
    if not (user.is_clerk and user.agency_id):
        return Register.objects.none()
    return Register.objects.filter(agency_id=user.agency_id, is_secret=False,
                                   year__lt=timezone.localdate().year).order_by(
        "-year", "direction", "series")


def _register_check(actor: Any, kind: str, register: Register) -> None:
    if not import_registers_for(actor).filter(pk=register.pk).exists():
        if register.year >= timezone.localdate().year:
            raise ValidationError({"register": _(
                "Chỉ nhập vào sổ của các năm trước: sổ năm nay đang cấp số, nhập thêm sẽ làm "
                "xáo trộn số thứ tự.")})
        raise PermissionDenied(_("Chỉ văn thư của cơ quan được nhập sổ này."))
    if register.direction != DIRECTION[kind]:
        raise ValidationError({"register": _("Sổ này không phải sổ %(kind)s.") % {
            "kind": ImportKind(kind).label.lower()}})


def import_request(*, actor: Any, kind: str, register: Register, filename: str,
                   content: bytes) -> ImportJob:
    if kind not in ImportKind.values:
        raise ValidationError({"kind": _("Loại văn bản không hợp lệ.")})
    _register_check(actor, kind, register)
    if not content:
        raise ValidationError({"file": _("Tệp rỗng.")})
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": _("Tệp quá lớn; tối đa 10 MB.")})
    if kind == ImportKind.OUTGOING and not actor.unit_id:
        raise ValidationError(_("Tài khoản của bạn chưa thuộc đơn vị nào."))
    with transaction.atomic():
        job = ImportJob.objects.create(created_by=actor, kind=kind, register=register,
                                       filename=filename[:200], content=content)
        event_record(actor=actor, verb=events.IMPORT_REQUESTED, target=job, payload={
            "kind": kind, "register": register.pk, "filename": job.filename,
            "size": len(content)})
        transaction.on_commit(lambda: enqueue(RUN_TASK, job.pk))
    return job


def _claim(job_id: int) -> ImportJob | None:
    claimed = ImportJob.objects.filter(pk=job_id, status=JobStatus.PENDING).update(
        status=JobStatus.RUNNING)
    if not claimed:
        return None
    return ImportJob.objects.select_related("created_by", "register").get(pk=job_id)


def _finish(job: ImportJob, *, errors: list[dict[str, Any]], imported: int) -> None:
    status = JobStatus.FAILED if errors else JobStatus.DONE
    with transaction.atomic():
        ImportJob.objects.filter(pk=job.pk).update(
            status=status, errors=errors[:1000], imported_rows=imported,
            finished_at=timezone.now(), done_rows=F("total_rows"))
        event_record(actor=job.created_by, verb=events.IMPORT_FINISHED, target=job, payload={
            "imported": imported, "errors": len(errors)})


def _used_numbers(kind: str, register: Register) -> set[int]:
    return set(MODEL[kind].objects.filter(register=register, number__isnull=False)
               .values_list("number", flat=True))


def import_run(*, job_id: int) -> None:
    """Check every row, then write them all in one transaction, or nothing at all."""
    job = _claim(job_id)
    if job is None:
        return
    try:
        errors, imported = _import(job)
    except ValidationError as error:
        errors, imported = [{"line": 0, "message": m} for m in error.messages], 0
    except Exception as error:
        logger.exception("import %s failed", job_id)
        errors, imported = [{"line": 0, "message": _("Lỗi hệ thống: %(e)s") % {"e": error}}], 0
    _finish(job, errors=errors, imported=imported)


def _import(job: ImportJob) -> tuple[list[dict[str, Any]], int]:
    actor, register = job.created_by, job.register
    _register_check(actor, job.kind, register)
    header, rows = rows_read(bytes(job.content), job.filename)
    positions, missing = header_map(job.kind, header)
    if missing:
        return [{"line": 1, "message": m} for m in missing], 0
    ImportJob.objects.filter(pk=job.pk).update(total_rows=len(rows))

    def progress(done: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(done_rows=done)

    checked = rows_check(job.kind, register, rows, positions,
                         _used_numbers(job.kind, register), progress=progress)
    if checked.errors or not checked.planned:
        return checked.errors or [{"line": 0, "message": _("Tệp không có dòng dữ liệu.")}], 0
    with transaction.atomic():
        # The register row is locked: no other import or registration into it meanwhile.
        locked = Register.objects.select_for_update().get(pk=register.pk)
        if _used_numbers(job.kind, locked) & {row.number for row in checked.planned}:
            raise ValidationError(_("Sổ vừa có thêm văn bản trùng số; hãy chạy lại."))
        write = incoming_write if job.kind == ImportKind.INCOMING else outgoing_write
        imported = write(actor=actor, job=job, register=locked, planned=checked.planned)
        highest = max(row.number for row in checked.planned)
        Register.objects.filter(pk=locked.pk).update(
            last_number=Greatest(F("last_number"), highest))
    return [], imported


def imports_sweep(*, older_than: dt.timedelta = dt.timedelta(minutes=1)) -> int:
    waiting = list(ImportJob.objects.filter(status=JobStatus.PENDING,
                                            created_at__lt=timezone.now() - older_than)
                   .values_list("pk", flat=True)[:5])
    for job_id in waiting:
        import_run(job_id=job_id)
    return len(waiting)


def imports_of(user: Any) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(created_by=user).select_related("register").defer("content")


def template_xlsx(kind: str) -> bytes:
    """The empty file to fill in: one header row with the import's columns."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(ImportKind(kind).label)
    sheet.append([c.header for c in COLUMNS[kind]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index in range(len(COLUMNS[kind])):
        sheet.column_dimensions[chr(ord("A") + index)].width = 22
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
