"""Register-book exports: asked for on a page, made by a worker, downloaded by their maker."""

import datetime as dt
import io
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.core.queue import enqueue
from registry.files.services import file_store

from . import events
from .books import BOOKS, book_chunks, book_count, book_register_get
from .models import Export, JobStatus
from .xlsx import book_xlsx

logger = logging.getLogger(__name__)
RUN_TASK = "registry.reports.tasks.export_run"
PROGRESS_EVERY = 1000


def period_label(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return _("Từ ngày %(a)s đến ngày %(b)s") % {"a": f"{start:%d/%m/%Y}",
                                                     "b": f"{end:%d/%m/%Y}"}
    if start:
        return _("Từ ngày %(a)s") % {"a": f"{start:%d/%m/%Y}"}
    if end:
        return _("Đến ngày %(b)s") % {"b": f"{end:%d/%m/%Y}"}
    return _("Cả năm")


def export_request(*, actor: Any, book: str, register_id: int, date_from: dt.date | None,
                   date_to: dt.date | None) -> Export:
    """Record the request and hand it to a worker after commit (the sweep catches a lost one)."""
    register = book_register_get(actor, book, register_id)
    if register is None:
        raise PermissionDenied(_("Bạn không được xuất sổ này."))
    if date_from and date_to and date_from > date_to:
        raise ValidationError({"date_to": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    with transaction.atomic():
        export = Export.objects.create(created_by=actor, book=book, register=register,
                                       date_from=date_from, date_to=date_to)
        event_record(actor=actor, verb=events.EXPORT_REQUESTED, target=export, payload={
            "book": book, "register": register.pk, "date_from": date_from, "date_to": date_to})
        transaction.on_commit(lambda: enqueue(RUN_TASK, export.pk))
    return export


def _claim(export_id: int) -> Export | None:
    """Take a pending export for this worker; a second worker gets nothing (row count)."""
    claimed = Export.objects.filter(pk=export_id, status=JobStatus.PENDING).update(
        status=JobStatus.RUNNING)
    if not claimed:
        return None
    return Export.objects.select_related("created_by", "register__agency").get(pk=export_id)


def export_run(*, export_id: int) -> None:
    export = _claim(export_id)
    if export is None:
        return
    try:
        _produce(export)
    except Exception as error:  # the row says what went wrong; the page shows it
        logger.exception("export %s failed", export_id)
        Export.objects.filter(pk=export_id).update(
            status=JobStatus.FAILED, error=str(error)[:1000], finished_at=timezone.now())


def _produce(export: Export) -> None:
    user, register, book = export.created_by, export.register, BOOKS[export.book]
    start, end = export.date_from, export.date_to
    total = book_count(user, export.book, register, start, end)
    Export.objects.filter(pk=export.pk).update(total_rows=total)

    def progress(done: int) -> None:
        Export.objects.filter(pk=export.pk).update(done_rows=done)

    content = book_xlsx(book=book, agency=register.agency.name, register=register.name,
                        period=period_label(start, end),
                        chunks=book_chunks(user, export.book, register, start, end,
                                           chunk=PROGRESS_EVERY),
                        progress=progress)
    filename = f"{export.book}-{register.year}-{register.pk}-{export.pk}.xlsx"
    stored = file_store(upload=io.BytesIO(content), name=filename, size=len(content))
    with transaction.atomic():
        Export.objects.filter(pk=export.pk).update(
            status=JobStatus.DONE, stored_file=stored, filename=filename, done_rows=total,
            finished_at=timezone.now())
        event_record(actor=user, verb=events.EXPORT_FINISHED, target=export,
                     payload={"rows": total, "sha256": stored.sha256})


def exports_sweep(*, older_than: dt.timedelta = dt.timedelta(minutes=1)) -> int:
    """Run exports whose queue message was lost (Redis away when they were asked for)."""
    waiting = list(Export.objects.filter(status=JobStatus.PENDING,
                                         created_at__lt=timezone.now() - older_than)
                   .values_list("pk", flat=True)[:20])
    for export_id in waiting:
        export_run(export_id=export_id)
    return len(waiting)


def exports_of(user: Any) -> QuerySet[Export]:
    return Export.objects.filter(created_by=user).select_related("register")


def export_get_for(user: Any, pk: int) -> Export | None:
    """Only its maker may see an export, and only while still allowed to see the register."""
    export = exports_of(user).select_related("stored_file").filter(pk=pk).first()
    if export is None or book_register_get(user, export.book, export.register_id) is None:
        return None
    return export


def export_downloaded(*, actor: Any, export: Export) -> None:
    event_record(actor=actor, verb=events.EXPORT_DOWNLOADED, target=export,
                 payload={"filename": export.filename})
