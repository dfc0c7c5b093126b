"""Audit verbs of the incoming app, and how the history timeline names them."""

from django.utils.translation import gettext_lazy as _

RECEIVED = "incoming.received"
REGISTERED = "incoming.registered"
UPDATED = "incoming.updated"
SUBMITTED = "incoming.submitted"
RETURNED = "incoming.returned"
DIRECTED = "incoming.directed"
STARTED = "incoming.started"
DONE = "incoming.done"
REOPENED = "incoming.reopened"
FILED = "incoming.filed"
VOIDED = "incoming.voided"
ANSWERED = "incoming.answered"
ATTACHMENT_ADDED = "incoming.attachment_added"
SECRET_OPENED = "incoming.secret_opened"
ACCESS_GRANTED = "incoming.access_granted"

LABELS = {
    RECEIVED: _("Nhận văn bản (chờ vào sổ)"),
    REGISTERED: _("Vào sổ văn bản đến"),
    UPDATED: _("Sửa thông tin"),
    SUBMITTED: _("Trình lãnh đạo"),
    RETURNED: _("Trả lại văn thư"),
    DIRECTED: _("Cho ý kiến chỉ đạo"),
    STARTED: _("Bắt đầu xử lý"),
    DONE: _("Xử lý xong"),
    REOPENED: _("Mở lại để xử lý"),
    FILED: _("Lưu hồ sơ"),
    VOIDED: _("Hủy văn bản"),
    ANSWERED: _("Có văn bản trả lời"),
    ATTACHMENT_ADDED: _("Thêm tệp đính kèm"),
    SECRET_OPENED: _("Mở xem văn bản mật"),
    ACCESS_GRANTED: _("Cấp quyền xem văn bản mật"),
}


def labels_register(labels: dict[str, object]) -> None:
    """Another app names its own verbs recorded on incoming documents (e.g. exchange)."""
    LABELS.update(labels)  # type: ignore[arg-type]
