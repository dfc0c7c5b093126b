"""In-app notifications, which double as the outbox of e-mails to send."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    SKIPPED = "skipped", _("Không gửi")
    FAILED = "failed", _("Gửi lỗi")


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhận"),
                                  on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    kind = models.CharField(_("loại"), max_length=48)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("liên kết"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    email_status = models.CharField(max_length=8, choices=EmailStatus.choices,
                                    default=EmailStatus.SKIPPED)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True),
                         name="notification_unread_idx"),
            models.Index(fields=["email_status"],
                         condition=Q(email_status__in=["pending", "sending"]),
                         name="notification_outbox_idx"),
        ]

    def __str__(self) -> str:
        return self.title
