"""Dispatch (phát hành): one record per recipient of an issued document."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DispatchChannel(models.TextChoices):
    INTERNAL = "internal", _("Trong hệ thống")
    ELECTRONIC = "electronic", _("Trục liên thông")
    EMAIL = "email", _("Thư điện tử")
    POST = "post", _("Bưu chính")
    HAND = "hand", _("Chuyển tay")


class DispatchStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    DELIVERED = "delivered", _("Đã chuyển vào hệ thống nơi nhận")
    CANCELLED = "cancelled", _("Đã hủy")


class Dispatch(models.Model):
    document = models.ForeignKey("outgoing.OutgoingDocument", on_delete=models.CASCADE,
                                 related_name="dispatches")
    recipient = models.OneToOneField("outgoing.OutgoingRecipient", on_delete=models.PROTECT,
                                     related_name="dispatch")
    channel = models.CharField(_("hình thức gửi"), max_length=12, choices=DispatchChannel.choices,
                               blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=DispatchStatus.choices,
                              default=DispatchStatus.PENDING)
    due_date = models.DateField(_("hạn gửi"))
    sent_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    # The pre-filled incoming document created in the recipient's inbox (internal only).
    incoming_document_id = models.BigIntegerField(null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lượt gửi")
        verbose_name_plural = _("phát hành văn bản")
        ordering = ["document_id", "id"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="dispatch_pending_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.get_status_display()}"

    @property
    def is_late(self) -> bool:
        """Released later than the same or next working day the decree allows."""
        if self.status == DispatchStatus.PENDING:
            return timezone.localdate() > self.due_date
        return self.sent_on is not None and self.sent_on > self.due_date
