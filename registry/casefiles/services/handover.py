"""Handing a closed file to the agency archive: the package is built, kept, and the file frozen."""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record

from .. import events
from ..archive.package import archive_package_build
from ..models import CaseFile, CaseFileHandover, CaseFileStatus
from .common import locked, require_manager, require_not_frozen


def _ready_check(case_file: CaseFile) -> None:
    require_not_frozen(case_file)
    if case_file.status != CaseFileStatus.CLOSED:
        raise ValidationError(_("Chỉ nộp lưu được hồ sơ đã kết thúc."))
    if case_file.file_list_id is None or not case_file.code:
        raise ValidationError(_("Đưa hồ sơ vào danh mục hồ sơ (có số, ký hiệu) trước khi "
                                "nộp lưu."))


def casefile_hand_over(*, actor: Any, case_file: CaseFile,
                       received_by: str = "") -> CaseFileHandover:
    """Freeze the file and keep its archive package (index PDF + XML) as it was handed over.

    The package must be complete, so the actor must be able to read every document in it.
    """
    require_manager(actor, case_file)
    now = timezone.now()
    with transaction.atomic():
        case_file = locked(case_file)
        _ready_check(case_file)
        package = archive_package_build(actor, case_file, created=now)
        if package.index.hidden_count:
            raise ValidationError(_(
                "Hồ sơ có %(count)s văn bản bạn không có quyền xem; người có quyền xem đủ "
                "văn bản mới lập được gói nộp lưu.") % {"count": package.index.hidden_count})
        handover = CaseFileHandover.objects.create(
            case_file=case_file, handed_over_by=actor, handed_over_at=now,
            received_by=(received_by or "").strip()[:150], doc_total=package.index.doc_total,
            page_total=package.index.page_total, package=package.zip,
            sha256=hashlib.sha256(package.zip).hexdigest())
        case_file.status, case_file.handed_over_at = CaseFileStatus.HANDED_OVER, now
        case_file.save(update_fields=["status", "handed_over_at", "updated_at"])
        event_record(actor=actor, verb=events.HANDED_OVER, target=case_file,
                     payload={"sha256": handover.sha256, "documents": handover.doc_total,
                              "pages": handover.page_total, "received_by": handover.received_by})
    return handover
