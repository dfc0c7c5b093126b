"""Audit verbs of electronic exchange, and how the history timeline names them."""

from django.utils.translation import gettext_lazy as _

PACKET_RECEIVED = "exchange.packet_received"
PACKET_QUARANTINED = "exchange.packet_quarantined"
PACKET_REFUSED = "exchange.packet_refused"
CHANGE_RECEIVED = "exchange.change_received"
CHANGE_APPLIED = "exchange.change_applied"
STATUS_SENT = "exchange.status_sent"
PACKET_SENT = "exchange.packet_sent"
STATUS_RECEIVED = "exchange.status_received"
CODES_IMPORTED = "exchange.codes_imported"
TRUST_ROOT_INSTALLED = "exchange.trust_root_installed"

LABELS = {
    PACKET_RECEIVED: _("Nhận văn bản điện tử qua trục liên thông"),
    PACKET_QUARANTINED: _("Cách ly gói tin"),
    PACKET_REFUSED: _("Từ chối nhận văn bản điện tử"),
    CHANGE_RECEIVED: _("Cơ quan gửi thu hồi/cập nhật/thay thế văn bản"),
    CHANGE_APPLIED: _("Áp dụng thu hồi/cập nhật/thay thế"),
    STATUS_SENT: _("Đã báo trạng thái cho cơ quan gửi"),
    PACKET_SENT: _("Đã gửi qua trục liên thông"),
    STATUS_RECEIVED: _("Nơi nhận báo trạng thái"),
    CODES_IMPORTED: _("Nhập danh mục mã định danh"),
    TRUST_ROOT_INSTALLED: _("Cài đặt chứng thư gốc"),
}
