"""Audit verbs of the assignments app."""

from django.utils.translation import gettext_lazy as _

ASSIGNMENT_CREATED = "assignment.created"
ASSIGNMENT_STARTED = "assignment.started"
ASSIGNMENT_PROGRESS = "assignment.progress"
ASSIGNMENT_COMPLETED = "assignment.completed"
ASSIGNMENT_REASSIGNED = "assignment.reassigned"
ASSIGNMENT_DELEGATED = "assignment.delegated"
EXTENSION_REQUESTED = "assignment.extension_requested"
EXTENSION_GRANTED = "assignment.extension_granted"
EXTENSION_REFUSED = "assignment.extension_refused"

# How the history on the assignment page names each verb.
LABELS = {
    ASSIGNMENT_CREATED: _("Giao việc"),
    ASSIGNMENT_STARTED: _("Bắt đầu xử lý"),
    ASSIGNMENT_PROGRESS: _("Báo cáo tiến độ"),
    ASSIGNMENT_COMPLETED: _("Hoàn thành"),
    ASSIGNMENT_REASSIGNED: _("Chuyển người xử lý"),
    ASSIGNMENT_DELEGATED: _("Giao cho cá nhân trong đơn vị"),
    EXTENSION_REQUESTED: _("Đề nghị gia hạn"),
    EXTENSION_GRANTED: _("Đồng ý gia hạn"),
    EXTENSION_REFUSED: _("Không đồng ý gia hạn"),
}
