"""Received packets (the electronic inbox and its quarantine) and what recall, update and
replace packets did to documents already received."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PacketState(models.TextChoices):
    RECEIVED = "received", _("Chờ tiếp nhận")
    ACCEPTED = "accepted", _("Đã tiếp nhận, vào sổ")
    REFUSED = "refused", _("Đã từ chối")
    DUPLICATE = "duplicate", _("Gói tin trùng")
    APPLIED = "applied", _("Đã ghi nhận thu hồi/cập nhật/thay thế")
    QUARANTINED = "quarantined", _("Cách ly")


# A DocumentId may create (or change) a document once: these states hold the key.
KEY_STATES = (PacketState.RECEIVED, PacketState.ACCEPTED, PacketState.APPLIED)


class SignatureBadge(models.TextChoices):
    VALID = "valid", _("Chữ ký số hợp lệ")
    INVALID = "invalid", _("Chữ ký số không hợp lệ")
    UNKNOWN_ROOT = "unknown_root", _("Chữ ký số không rõ nguồn gốc")
    NOT_SIGNED = "not_signed", _("Không có chữ ký số")


class ReceivedPacket(models.Model):
    """One edXML packet fetched from the transport or uploaded through the API.

    Quarantined packets keep only what could be read and the reason; the others carry the
    edXML DocumentId and the incoming document they created or changed.
    """

    agency = models.ForeignKey("organisation.Agency", verbose_name=_("cơ quan nhận"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("trạng thái"), max_length=12, choices=PacketState.choices)
    reason = models.TextField(_("lý do"), blank=True)
    transport_id = models.CharField(_("mã trên trục"), max_length=255, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0)
    received_at = models.DateTimeField(_("thời điểm nhận"), auto_now_add=True)
    edxml_document_id = models.CharField(_("mã văn bản (DocumentId)"), max_length=300,
                                         blank=True)
    business_type = models.PositiveSmallIntegerField(_("loại nghiệp vụ"), default=0)
    sender_organ_id = models.CharField(_("mã cơ quan gửi"), max_length=13, blank=True)
    sender_name = models.CharField(_("cơ quan gửi"), max_length=255, blank=True)
    notation = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    incoming_document = models.ForeignKey(
        "incoming.IncomingDocument", verbose_name=_("văn bản đến"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+")
    duplicate_of = models.ForeignKey(
        "incoming.IncomingDocument", verbose_name=_("có thể trùng với"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+")
    signature = models.CharField(_("chữ ký số"), max_length=12, blank=True,
                                 choices=SignatureBadge.choices)
    signature_detail = models.CharField(_("kết quả kiểm tra chữ ký"), max_length=300,
                                        blank=True)
    signature_signer = models.CharField(_("người ký số"), max_length=255, blank=True)
    signature_time = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người xử lý"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("thời điểm xử lý"), null=True, blank=True)

    class Meta:
        verbose_name = _("gói tin nhận")
        verbose_name_plural = _("gói tin nhận")
        ordering = ["-received_at", "-id"]
        constraints = [
            # Idempotency: a packet listed twice, or fetched again after a crash, changes
            # nothing the second time. Updates (type 2) may come many times for a document.
            models.UniqueConstraint(
                fields=["agency", "edxml_document_id", "business_type"],
                condition=Q(state__in=KEY_STATES) & ~Q(business_type=2),
                name="exchange_packet_key"),
        ]
        indexes = [
            models.Index(fields=["agency", "state", "-received_at"], name="exchange_packet_idx"),
            models.Index(fields=["sha256"], name="exchange_packet_sha_idx"),
            models.Index(fields=["incoming_document"], name="exchange_packet_doc_idx"),
            models.Index(fields=["edxml_document_id"], name="exchange_packet_docid_idx"),
        ]

    def __str__(self) -> str:
        return self.notation or self.filename or str(self.pk)

    def get_absolute_url(self) -> str:
        return reverse("exchange:packet", args=[self.pk])

    @property
    def is_quarantined(self) -> bool:
        return self.state == PacketState.QUARANTINED


class ChangeKind(models.TextChoices):
    RECALL = "recall", _("Thu hồi")
    UPDATE = "update", _("Cập nhật")
    REPLACE = "replace", _("Thay thế")


class ReceivedChange(models.Model):
    """What the sender did to a document we received: recalled, updated or replaced it.

    Recorded on arrival (and in the document's history); the clerk applies it (void the
    recalled or replaced document, correct the updated fields) and that is recorded too.
    """

    document = models.ForeignKey("incoming.IncomingDocument", verbose_name=_("văn bản đến"),
                                 on_delete=models.PROTECT, related_name="+")
    packet = models.OneToOneField(ReceivedPacket, on_delete=models.PROTECT,
                                  related_name="change")
    kind = models.CharField(_("loại"), max_length=8, choices=ChangeKind.choices)
    reason = models.TextField(_("lý do"), blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    replacement = models.ForeignKey(
        "incoming.IncomingDocument", verbose_name=_("văn bản thay thế"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("thời điểm nhận"), auto_now_add=True)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người áp dụng"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    applied_at = models.DateTimeField(_("thời điểm áp dụng"), null=True, blank=True)

    class Meta:
        verbose_name = _("thu hồi, cập nhật, thay thế nhận được")
        verbose_name_plural = _("thu hồi, cập nhật, thay thế nhận được")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["document", "-received_at"], name="exchange_change_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.document_id}"
