"""Audit verbs of the reports app."""

from django.utils.translation import gettext_lazy as _

EXPORT_REQUESTED = "reports.export_requested"
EXPORT_FINISHED = "reports.export_finished"
EXPORT_DOWNLOADED = "reports.export_downloaded"
BOOK_PRINTED = "reports.book_printed"
STATISTICS_EXPORTED = "reports.statistics_exported"
IMPORT_REQUESTED = "reports.import_requested"
IMPORT_FINISHED = "reports.import_finished"
DOCUMENT_IMPORTED = "reports.document_imported"

LABELS = {
    EXPORT_REQUESTED: _("Yêu cầu xuất sổ ra XLSX"),
    EXPORT_FINISHED: _("Xuất sổ xong"),
    EXPORT_DOWNLOADED: _("Tải tệp xuất sổ"),
    BOOK_PRINTED: _("Mở trang in sổ"),
    STATISTICS_EXPORTED: _("Xuất thống kê ra XLSX"),
    IMPORT_REQUESTED: _("Tải lên sổ cũ để nhập"),
    IMPORT_FINISHED: _("Nhập sổ cũ xong"),
    DOCUMENT_IMPORTED: _("Nhập từ sổ cũ"),
}
