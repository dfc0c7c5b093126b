"""Audit verbs of the outgoing app."""

DRAFT_CREATED = "outgoing.draft_created"
DRAFT_UPDATED = "outgoing.draft_updated"
VERSION_UPLOADED = "outgoing.version_uploaded"
SUBMITTED = "outgoing.submitted"
APPROVED = "outgoing.approved"
RETURNED = "outgoing.returned"
SIGNED = "outgoing.signed"
REOPENED = "outgoing.reopened_for_signer"
ISSUED = "outgoing.issued"
DISPATCHED = "outgoing.dispatched"
RECALLED = "outgoing.recalled"
REPLACED = "outgoing.replaced"
CORRECTED = "outgoing.corrected"
VOIDED = "outgoing.voided"
ACCESS_GRANTED = "outgoing.access_granted"
OPENED_SECRET = "outgoing.secret_opened"

# What the history timeline says for each verb.
from django.utils.translation import gettext_lazy as _  # noqa: E402

VERB_LABELS = {
    DRAFT_CREATED: _("Tạo dự thảo"),
    DRAFT_UPDATED: _("Sửa dự thảo"),
    VERSION_UPLOADED: _("Tải lên phiên bản mới"),
    SUBMITTED: _("Trình duyệt"),
    APPROVED: _("Duyệt"),
    RETURNED: _("Trả lại"),
    SIGNED: _("Ký duyệt xong"),
    REOPENED: _("Sửa sau khi ký, trình lại người ký"),
    ISSUED: _("Ban hành"),
    DISPATCHED: _("Ghi nhận đã gửi"),
    RECALLED: _("Thu hồi"),
    REPLACED: _("Bị thay thế"),
    CORRECTED: _("Được đính chính"),
    VOIDED: _("Hủy"),
    ACCESS_GRANTED: _("Cấp quyền xem văn bản mật"),
    OPENED_SECRET: _("Mở xem văn bản mật"),
}


def labels_register(labels: dict[str, object]) -> None:
    """Another app names its own verbs recorded on outgoing documents (e.g. exchange)."""
    VERB_LABELS.update(labels)  # type: ignore[arg-type]
