"""Making a file: open it, put documents in (by reference), close it, place it in the list."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from registry.assignments.models import AssignmentStatus
from registry.audit.services import event_record

from .. import events
from ..documents import document_for, kind_of, sort_keys
from ..models import (
    CaseFile,
    CaseFileItem,
    CaseFileStatus,
    FileHeading,
    FileList,
    Rights,
    archive_due_from,
)
from ..selectors import can_manage_list, casefile_open_work
from .common import items_renumber, locked, require_manager, require_not_frozen, retention_validate

S = CaseFileStatus


def casefile_open(*, actor: Any, case_file: CaseFile) -> CaseFile:
    """The responsible person starts a planned file."""
    require_manager(actor, case_file)
    with transaction.atomic():
        case_file = locked(case_file)
        require_not_frozen(case_file)
        if case_file.status != S.PLANNED:
            raise ValidationError(_("Hồ sơ đã được mở."))
        case_file.status = S.OPEN
        case_file.opened_at, case_file.opened_by = timezone.now(), actor
        if case_file.responsible_user_id is None:
            case_file.responsible_user = actor
        case_file.save(update_fields=["status", "opened_at", "opened_by", "responsible_user",
                                      "updated_at"])
        event_record(actor=actor, verb=events.OPENED, target=case_file, payload={})
    return case_file


def casefile_open_ad_hoc(*, actor: Any, title: str, retention_years: int | None = None,
                         rights: str = Rights.OPEN, notes: str = "") -> CaseFile:
    """A file for work the list did not foresee; it is placed in the list later."""
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Nhập tiêu đề hồ sơ.")})
    if actor.unit_id is None or actor.agency_id is None:
        raise PermissionDenied(_("Tài khoản chưa thuộc đơn vị nào nên không lập được hồ sơ."))
    retention_validate(retention_years)
    if rights not in Rights.values:
        raise ValidationError({"rights": _("Chế độ sử dụng không hợp lệ.")})
    now = timezone.now()
    with transaction.atomic():
        case_file = CaseFile.objects.create(
            agency_id=actor.agency_id, year=timezone.localdate(now).year, title=title,
            retention_years=retention_years, rights=rights, notes=(notes or "").strip(),
            responsible_unit_id=actor.unit_id, responsible_user=actor, status=S.OPEN,
            opened_at=now, opened_by=actor)
        event_record(actor=actor, verb=events.OPENED, target=case_file,
                     payload={"ad_hoc": True})
    return case_file


def casefile_place(*, actor: Any, case_file: CaseFile, file_list: FileList,
                   heading: FileHeading | None, code: str) -> CaseFile:
    """Put an ad hoc file into a list under a heading, with its code."""
    if not (can_manage_list(actor, file_list.agency_id)):
        require_manager(actor, case_file)
    code = (code or "").strip()
    with transaction.atomic():
        case_file = locked(case_file)
        require_not_frozen(case_file)
        errors: dict[str, str] = {}
        if file_list.agency_id != case_file.agency_id:
            errors["file_list"] = _("Danh mục không thuộc cơ quan của hồ sơ.")
        if heading is not None and heading.file_list_id != file_list.pk:
            errors["heading"] = _("Đề mục không thuộc danh mục này.")
        if not code:
            errors["code"] = _("Nhập số và ký hiệu hồ sơ.")
        elif file_list.files.filter(code=code).exclude(pk=case_file.pk).exists():
            errors["code"] = _("Danh mục đã có hồ sơ số, ký hiệu %(code)s.") % {"code": code}
        if errors:
            raise ValidationError(errors)
        last = file_list.files.aggregate(m=Max("sort_order"))["m"] or 0
        case_file.file_list, case_file.heading, case_file.code = file_list, heading, code
        case_file.year, case_file.sort_order = file_list.year, last + 1
        case_file.save(update_fields=["file_list", "heading", "code", "year", "sort_order",
                                      "updated_at"])
        event_record(actor=actor, verb=events.PLACED, target=case_file,
                     payload={"list": file_list.pk, "code": code})
    return case_file


def _require_open(case_file: CaseFile) -> None:
    require_not_frozen(case_file)
    if case_file.status == S.PLANNED:
        raise ValidationError(_("Hồ sơ chưa được mở."))
    if case_file.status == S.CLOSED:
        raise ValidationError(_("Hồ sơ đã kết thúc; mở lại hồ sơ để thay đổi văn bản."))


def casefile_item_add(*, actor: Any, case_file: CaseFile, document: Model) -> CaseFileItem:
    """Reference a document the actor may read; the same document may be in other files."""
    require_manager(actor, case_file)
    kind = kind_of(document)
    if kind == "result" and getattr(document, "status", "") != AssignmentStatus.DONE:
        raise ValidationError(_("Chỉ đưa vào hồ sơ kết quả của việc đã hoàn thành."))
    if document_for(actor, kind, document.pk) is None:
        raise PermissionDenied(_("Bạn không có quyền xem văn bản này."))
    if getattr(document, "agency_id", case_file.agency_id) != case_file.agency_id:
        raise ValidationError(_("Văn bản không thuộc cơ quan của hồ sơ."))
    field = {"incoming": "incoming", "outgoing": "outgoing", "result": "assignment"}[kind]
    with transaction.atomic():
        case_file = locked(case_file)
        _require_open(case_file)
        if case_file.items.filter(**{field: document}).exists():
            raise ValidationError(_("Văn bản đã có trong hồ sơ này."))
        sort_date, sort_moment = sort_keys(document)
        last = case_file.items.aggregate(m=Max("ordinal"))["m"] or 0
        item = CaseFileItem.objects.create(
            case_file=case_file, kind=kind, ordinal=last + 1, sort_date=sort_date,
            sort_moment=sort_moment, added_by=actor, **{field: document})
        items_renumber(case_file)
        item.refresh_from_db(fields=["ordinal"])
        event_record(actor=actor, verb=events.ITEM_ADDED, target=case_file,
                     payload={"kind": kind, "document": document.pk, "ordinal": item.ordinal})
    return item


def casefile_item_remove(*, actor: Any, item: CaseFileItem) -> None:
    case_file = item.case_file
    require_manager(actor, case_file)
    with transaction.atomic():
        case_file = locked(case_file)
        _require_open(case_file)
        payload = {"kind": item.kind, "document": item.document_id, "ordinal": item.ordinal}
        CaseFileItem.objects.filter(pk=item.pk).delete()
        items_renumber(case_file)
        event_record(actor=actor, verb=events.ITEM_REMOVED, target=case_file, payload=payload)


def open_work_message(count: int) -> str:
    return ngettext(
        "Còn %(count)s việc được giao chưa hoàn thành. Đánh dấu xác nhận để vẫn kết thúc hồ sơ.",
        "Còn %(count)s việc được giao chưa hoàn thành. Đánh dấu xác nhận để vẫn kết thúc hồ sơ.",
        count) % {"count": count}


def casefile_close(*, actor: Any, case_file: CaseFile, closed_on: dt.date | None = None,
                   confirm_open_work: bool = False) -> CaseFile:
    """End the file when its work ends; the archive is due a year later.

    Unfinished assignments of its documents stop the close unless the actor confirms.
    """
    require_manager(actor, case_file)
    today = timezone.localdate()
    closed_on = closed_on or today
    with transaction.atomic():
        case_file = locked(case_file)
        _require_open(case_file)
        if not case_file.items.exists():
            raise ValidationError(_("Hồ sơ chưa có văn bản nào."))
        if closed_on > today:
            raise ValidationError({"closed_on": _("Ngày kết thúc không thể ở tương lai.")})
        open_work = casefile_open_work(case_file).count()
        if open_work and not confirm_open_work:
            raise ValidationError({"confirm_open_work": open_work_message(open_work)})
        items_renumber(case_file)
        case_file.status, case_file.closed_on = S.CLOSED, closed_on
        case_file.archive_due_on = archive_due_from(closed_on)
        case_file.save(update_fields=["status", "closed_on", "archive_due_on", "updated_at"])
        event_record(actor=actor, verb=events.CLOSED, target=case_file,
                     payload={"closed_on": closed_on, "open_work": open_work})
    return case_file


def casefile_reopen(*, actor: Any, case_file: CaseFile) -> CaseFile:
    require_manager(actor, case_file)
    with transaction.atomic():
        case_file = locked(case_file)
        require_not_frozen(case_file)
        if case_file.status != S.CLOSED:
            raise ValidationError(_("Chỉ mở lại được hồ sơ đã kết thúc."))
        case_file.status, case_file.closed_on, case_file.archive_due_on = S.OPEN, None, None
        case_file.save(update_fields=["status", "closed_on", "archive_due_on", "updated_at"])
        event_record(actor=actor, verb=events.REOPENED, target=case_file, payload={})
    return case_file
