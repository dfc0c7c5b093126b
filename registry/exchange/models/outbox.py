"""The outbox (statuses and document packets we send) and what recipients report back."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundKind(models.TextChoices):
    STATUS = "status", _("Trạng thái")
    DOCUMENT = "document", _("Văn bản")


class OutboundState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")


class Outbound(models.Model):
    """One message to send. The row is written in the transaction of the event it reports;
    a task sends it after commit and a periodic sweep finds whatever that task missed.

    Exactly once: the unique keys below (with ON CONFLICT DO NOTHING on insert) make a second
    request for the same status or packet a no-op, and a conditional UPDATE claims the row.
    """

    kind = models.CharField(_("loại"), max_length=8, choices=OutboundKind.choices)
    agency = models.ForeignKey("organisation.Agency", verbose_name=_("cơ quan gửi"),
                               on_delete=models.PROTECT, related_name="+")
    to_organ_id = models.CharField(_("gửi đến (OrganId)"), max_length=13)
    status_code = models.CharField(_("mã trạng thái"), max_length=2, blank=True)
    business_type = models.PositiveSmallIntegerField(_("loại nghiệp vụ"), default=0)
    description = models.TextField(_("mô tả"), blank=True)
    incoming_document = models.ForeignKey(
        "incoming.IncomingDocument", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+")
    packet = models.ForeignKey("exchange.ReceivedPacket", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="outbound")
    dispatch = models.ForeignKey("outgoing.Dispatch", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    staff_name = models.CharField(_("cán bộ"), max_length=200, blank=True)
    state = models.CharField(_("tình trạng gửi"), max_length=8, choices=OutboundState.choices,
                             default=OutboundState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    transport_id = models.CharField(_("mã trên trục"), max_length=255, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)

    class Meta:
        verbose_name = _("thư đi liên thông")
        verbose_name_plural = _("hộp thư đi liên thông")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incoming_document", "to_organ_id", "status_code"],
                condition=Q(kind="status"), name="exchange_status_once"),
            models.UniqueConstraint(
                fields=["dispatch", "business_type"], condition=Q(kind="document"),
                name="exchange_packet_once"),
            models.CheckConstraint(
                condition=(Q(kind="status", incoming_document__isnull=False)
                           & ~Q(status_code=""))
                | Q(kind="document", dispatch__isnull=False),
                name="exchange_outbound_shape"),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="exchange_outbound_due_idx"),
        ]

    def __str__(self) -> str:
        what = self.status_code if self.kind == OutboundKind.STATUS else self.get_kind_display()
        return f"{what} → {self.to_organ_id}"


class RecipientState(models.Model):
    """What an external recipient of our document reported through the status loop."""

    class Stage(models.TextChoices):
        SENT = "sent", _("Đã gửi")
        ARRIVED = "arrived", _("Đã đến")
        REFUSED = "refused", _("Từ chối nhận")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        ASSIGNED = "assigned", _("Đã giao xử lý")
        HANDLING = "handling", _("Đang xử lý")
        DONE = "done", _("Đã xử lý xong")
        WITHDRAWN = "withdrawn", _("Đồng ý thu hồi")
        KEPT = "kept", _("Không đồng ý thu hồi")

    dispatch = models.OneToOneField("outgoing.Dispatch", on_delete=models.CASCADE,
                                    related_name="+")
    document = models.ForeignKey("outgoing.OutgoingDocument", on_delete=models.CASCADE,
                                 related_name="+")
    organ_id = models.CharField(_("mã nơi nhận"), max_length=13)
    edxml_document_id = models.CharField(_("mã văn bản (DocumentId)"), max_length=300)
    stage = models.CharField(_("tình trạng"), max_length=10, choices=Stage.choices,
                             default=Stage.SENT)
    rank = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(_("mô tả"), blank=True)
    sent_at = models.DateTimeField(_("thời điểm gửi"))
    reported_at = models.DateTimeField(_("thời điểm báo"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("thời điểm tiếp nhận"), null=True, blank=True)

    class Meta:
        verbose_name = _("tình trạng tại nơi nhận")
        verbose_name_plural = _("tình trạng tại nơi nhận")
        indexes = [
            models.Index(fields=["edxml_document_id", "organ_id"], name="exchange_recipient_idx"),
            models.Index(fields=["stage", "sent_at"], name="exchange_recipient_stage_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organ_id} {self.get_stage_display()}"


class ReceivedStatus(models.Model):
    """A status message received, as it came (the log behind RecipientState)."""

    state = models.ForeignKey(RecipientState, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="reports")
    response_document_id = models.CharField(_("văn bản được báo"), max_length=300)
    from_organ_id = models.CharField(_("cơ quan báo"), max_length=13)
    from_name = models.CharField(_("tên cơ quan báo"), max_length=255, blank=True)
    status_code = models.CharField(_("mã trạng thái"), max_length=2)
    description = models.TextField(_("mô tả"), blank=True)
    staff_name = models.CharField(_("cán bộ"), max_length=200, blank=True)
    reported_at = models.DateTimeField(_("thời điểm báo"))
    received_at = models.DateTimeField(_("thời điểm nhận"), auto_now_add=True)
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("trạng thái nhận được")
        verbose_name_plural = _("trạng thái nhận được")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["sha256"], name="exchange_status_received_once"),
        ]

    def __str__(self) -> str:
        return f"{self.status_code} {self.from_organ_id}"
