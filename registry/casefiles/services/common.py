"""Rules every write to a case file shares: who may, frozen files, the time order of items."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from ..documents import sort_keys
from ..models import CaseFile, CaseFileItem, CaseFileStatus, ItemKind
from ..selectors import can_manage, can_manage_list


def frozen_message() -> str:
    return _("Hồ sơ đã nộp lưu trữ cơ quan nên không thể thay đổi.")


def require_not_frozen(case_file: CaseFile) -> None:
    if case_file.status == CaseFileStatus.HANDED_OVER:
        raise ValidationError(frozen_message(), code="frozen")


def require_manager(actor: Any, case_file: CaseFile) -> None:
    if not can_manage(actor, case_file):
        raise PermissionDenied(_("Chỉ người lập hồ sơ hoặc trưởng đơn vị được thay đổi hồ sơ này."))


def require_list_manager(actor: Any, agency_id: int) -> None:
    if not can_manage_list(actor, agency_id):
        raise PermissionDenied(_("Chỉ văn thư, lãnh đạo hoặc quản trị của cơ quan được sửa "
                                 "danh mục hồ sơ."))


def locked(case_file: CaseFile) -> CaseFile:
    """The row again, locked until commit: every change to a file's items serialises here."""
    return CaseFile.objects.select_for_update().get(pk=case_file.pk)


def retention_validate(retention_years: int | None) -> None:
    if retention_years is not None and not 1 <= retention_years <= 100:
        raise ValidationError({"retention_years": _(
            "Thời hạn bảo quản từ 1 đến 100 năm, hoặc để trống nếu vĩnh viễn.")})


def _document_of(item: CaseFileItem) -> Model:
    document = {ItemKind.INCOMING: item.incoming, ItemKind.OUTGOING: item.outgoing,
                ItemKind.RESULT: item.assignment}[ItemKind(item.kind)]
    assert document is not None
    return document


def items_renumber(case_file: CaseFile) -> list[CaseFileItem]:
    """Refresh each item's date from its document and number the items 1, 2, … in time order.

    Ties keep the order in which the items were added. Called with the file row locked.
    """
    items = list(case_file.items.select_related("incoming", "outgoing", "assignment"))
    for item in items:
        item.sort_date, item.sort_moment = sort_keys(_document_of(item))
    items.sort(key=lambda i: (i.sort_date, i.sort_moment, i.pk))
    for ordinal, item in enumerate(items, start=1):
        item.ordinal = ordinal
    CaseFileItem.objects.bulk_update(items, ["ordinal", "sort_date", "sort_moment"])
    return items
