"""Audit verbs of the case files app, and how the history names them."""

from django.utils.translation import gettext_lazy as _

LIST_CREATED = "casefiles.list_created"
LIST_COPIED = "casefiles.list_copied"
LIST_IMPORTED = "casefiles.list_imported"
HEADING_CREATED = "casefiles.heading_created"
PLANNED = "casefiles.planned"
OPENED = "casefiles.opened"
PLACED = "casefiles.placed"
ITEM_ADDED = "casefiles.item_added"
ITEM_REMOVED = "casefiles.item_removed"
CLOSED = "casefiles.closed"
REOPENED = "casefiles.reopened"
HANDED_OVER = "casefiles.handed_over"
EXPORTED = "casefiles.exported"
LIST_EXPORTED = "casefiles.list_exported"

LABELS = {
    LIST_CREATED: _("Lập danh mục hồ sơ"),
    LIST_COPIED: _("Lập danh mục từ danh mục năm trước"),
    LIST_IMPORTED: _("Nhập danh mục từ tệp Excel"),
    HEADING_CREATED: _("Thêm đề mục"),
    PLANNED: _("Thêm hồ sơ vào danh mục"),
    OPENED: _("Mở hồ sơ"),
    PLACED: _("Đưa hồ sơ vào danh mục"),
    ITEM_ADDED: _("Thêm văn bản vào hồ sơ"),
    ITEM_REMOVED: _("Rút văn bản khỏi hồ sơ"),
    CLOSED: _("Kết thúc hồ sơ"),
    REOPENED: _("Mở lại hồ sơ"),
    HANDED_OVER: _("Nộp lưu hồ sơ"),
    EXPORTED: _("Xuất gói hồ sơ"),
    LIST_EXPORTED: _("Xuất danh mục hồ sơ ra Excel"),
}
