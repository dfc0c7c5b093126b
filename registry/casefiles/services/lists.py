"""The yearly file list (danh mục hồ sơ): make it, copy last year's, add headings and files."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from registry.audit.services import event_record

from .. import events
from ..models import CaseFile, CaseFileStatus, FileHeading, FileList, Rights
from .common import require_list_manager, retention_validate


def _default_title(year: int) -> str:
    return _("Danh mục hồ sơ năm %(year)s") % {"year": year}


def _year_validate(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Năm không hợp lệ.")})


def filelist_create(*, actor: Any, year: int, title: str = "") -> FileList:
    require_list_manager(actor, actor.agency_id)
    _year_validate(year)
    with transaction.atomic():
        if FileList.objects.filter(agency_id=actor.agency_id, year=year).exists():
            raise ValidationError({"year": _("Năm %(year)s đã có danh mục hồ sơ.") % {
                "year": year}})
        file_list = FileList.objects.create(agency_id=actor.agency_id, year=year,
                                            title=title.strip() or _default_title(year),
                                            created_by=actor)
        event_record(actor=actor, verb=events.LIST_CREATED, target=file_list,
                     payload={"year": year})
    return file_list


def _copy_headings(source: FileList, target: FileList) -> dict[int, FileHeading]:
    mapping: dict[int, FileHeading] = {}
    # Parents first: level-1 headings have no parent.
    for heading in source.headings.order_by("parent_id", "sort_order", "id"):
        if heading.parent_id is not None and heading.parent_id not in mapping:
            continue
        mapping[heading.pk] = FileHeading.objects.create(
            file_list=target, title=heading.title, unit_id=heading.unit_id,
            sort_order=heading.sort_order,
            parent=mapping.get(heading.parent_id) if heading.parent_id else None)
    return mapping


def filelist_copy(*, actor: Any, source: FileList, year: int) -> FileList:
    """Start `year`'s list from `source`: the same headings and files, every file planned."""
    require_list_manager(actor, source.agency_id)
    with transaction.atomic():
        target = filelist_create(actor=actor, year=year)
        mapping = _copy_headings(source, target)
        files = source.files.exclude(code="").select_related("responsible_user")
        CaseFile.objects.bulk_create([
            CaseFile(agency_id=source.agency_id, year=year, file_list=target,
                     heading=mapping.get(f.heading_id) if f.heading_id else None,
                     code=f.code, title=f.title, retention_years=f.retention_years,
                     rights=f.rights, responsible_unit_id=f.responsible_unit_id,
                     responsible_user=f.responsible_user if f.responsible_user
                     and f.responsible_user.is_active else None,
                     notes=f.notes, sort_order=f.sort_order, status=CaseFileStatus.PLANNED)
            for f in files.order_by("sort_order", "code", "id")
        ])
        event_record(actor=actor, verb=events.LIST_COPIED, target=target,
                     payload={"source": source.pk, "files": files.count()})
    return target


def heading_create(*, actor: Any, file_list: FileList, title: str, unit: Any = None,
                   parent: FileHeading | None = None) -> FileHeading:
    require_list_manager(actor, file_list.agency_id)
    title = " ".join((title or "").split())
    if not title and unit is not None:
        title = unit.name
    if not title:
        raise ValidationError({"title": _("Nhập tên đề mục.")})
    if unit is not None and unit.agency_id != file_list.agency_id:
        raise ValidationError({"unit": _("Đơn vị không thuộc cơ quan.")})
    if parent is not None and (parent.file_list_id != file_list.pk or parent.parent_id):
        raise ValidationError({"parent": _("Đề mục cấp trên phải là đề mục cấp 1 của danh mục.")})
    with transaction.atomic():
        if FileHeading.objects.filter(file_list=file_list, parent=parent, title=title).exists():
            raise ValidationError({"title": _("Đề mục này đã có.")})
        last = file_list.headings.aggregate(m=Max("sort_order"))["m"] or 0
        heading = FileHeading.objects.create(file_list=file_list, title=title, unit=unit,
                                             parent=parent, sort_order=last + 1)
        event_record(actor=actor, verb=events.HEADING_CREATED, target=file_list,
                     payload={"heading": heading.pk, "title": title})
    return heading


@dataclass(frozen=True)
class PlannedFile:
    code: str
    title: str
    responsible_unit: Any
    heading: FileHeading | None = None
    retention_years: int | None = None
    responsible_user: Any = None
    rights: str = Rights.OPEN
    notes: str = ""


def _plan_validate(file_list: FileList, spec: PlannedFile) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not spec.code.strip():
        errors["code"] = _("Nhập số và ký hiệu hồ sơ.")
    elif file_list.files.filter(code=spec.code.strip()).exists():
        errors["code"] = _("Danh mục đã có hồ sơ số, ký hiệu %(code)s.") % {"code": spec.code}
    if not spec.title.strip():
        errors["title"] = _("Nhập tiêu đề hồ sơ.")
    if spec.responsible_unit is None or spec.responsible_unit.agency_id != file_list.agency_id:
        errors["responsible_unit"] = _("Chọn đơn vị lập hồ sơ thuộc cơ quan.")
    user = spec.responsible_user
    if user is not None and user.agency_id != file_list.agency_id:
        errors["responsible_user"] = _("Người lập hồ sơ phải thuộc cơ quan.")
    if spec.heading is not None and spec.heading.file_list_id != file_list.pk:
        errors["heading"] = _("Đề mục không thuộc danh mục này.")
    if spec.rights not in Rights.values:
        errors["rights"] = _("Chế độ sử dụng không hợp lệ.")
    return errors


def casefile_plan(*, actor: Any, file_list: FileList, spec: PlannedFile) -> CaseFile:
    """Add a planned file to the list (it is opened later by its responsible person)."""
    require_list_manager(actor, file_list.agency_id)
    retention_validate(spec.retention_years)
    with transaction.atomic():
        errors = _plan_validate(file_list, spec)
        if errors:
            raise ValidationError(errors)
        last = file_list.files.aggregate(m=Max("sort_order"))["m"] or 0
        case_file = CaseFile.objects.create(
            agency_id=file_list.agency_id, year=file_list.year, file_list=file_list,
            heading=spec.heading, code=spec.code.strip(), title=" ".join(spec.title.split()),
            retention_years=spec.retention_years, rights=spec.rights,
            responsible_unit=spec.responsible_unit, responsible_user=spec.responsible_user,
            notes=spec.notes.strip(), sort_order=last + 1, status=CaseFileStatus.PLANNED)
        event_record(actor=actor, verb=events.PLANNED, target=case_file,
                     payload={"list": file_list.pk, "code": case_file.code})
    return case_file


def filelist_import(*, actor: Any, file_list: FileList,
                    rows: Sequence[tuple[str, str, PlannedFile]]) -> int:
    """Import (level-1 heading, level-2 heading, file) rows, all or nothing; returns the count.

    Headings are found by title or made; a code already in the list is an error on its row.
    """
    require_list_manager(actor, file_list.agency_id)
    created = 0
    with transaction.atomic():
        for line, (top, sub, spec) in enumerate(rows, start=1):
            heading = _heading_ensure(actor, file_list, top, sub)
            try:
                casefile_plan(actor=actor, file_list=file_list,
                              spec=PlannedFile(**{**spec.__dict__, "heading": heading}))
            except ValidationError as exc:
                messages = "; ".join(exc.messages)
                raise ValidationError({"upload": _("Dòng %(line)s: %(error)s") % {
                    "line": line, "error": messages}}) from exc
            created += 1
        event_record(actor=actor, verb=events.LIST_IMPORTED, target=file_list,
                     payload={"files": created})
    return created


def _heading_ensure(actor: Any, file_list: FileList, top: str, sub: str) -> FileHeading | None:
    if not top:
        return None
    parent = (FileHeading.objects.filter(file_list=file_list, parent=None, title=top).first()
              or heading_create(actor=actor, file_list=file_list, title=top,
                                unit=file_list_unit(file_list, top)))
    if not sub:
        return parent
    return (FileHeading.objects.filter(file_list=file_list, parent=parent, title=sub).first()
            or heading_create(actor=actor, file_list=file_list, title=sub, parent=parent))


def file_list_unit(file_list: FileList, title: str) -> Any:
    from registry.organisation.models import Unit

    return Unit.objects.filter(agency_id=file_list.agency_id, name=title).first()
