"""Incoming correspondence (văn bản đến): the arrival register and its follow-up."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Func, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.organisation.models import Secrecy, Urgency

SUMMARY_MAX_LENGTH = 2000


class IncomingStatus(models.TextChoices):
    RECEIVED = "received", _("Chờ vào sổ")
    REGISTERED = "registered", _("Đã vào sổ")
    SUBMITTED = "submitted", _("Chờ cho ý kiến")
    RETURNED = "returned", _("Bị trả lại")
    DIRECTED = "directed", _("Đã chỉ đạo")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    DONE = "done", _("Đã xử lý xong")
    FILED = "filed", _("Đã lưu hồ sơ")
    VOID = "void", _("Đã hủy")


class Channel(models.TextChoices):
    PAPER = "paper", _("Bản giấy")
    EMAIL = "email", _("Thư điện tử")
    ELECTRONIC = "electronic", _("Trục liên thông điện tử")
    INTERNAL = "internal", _("Nội bộ hệ thống")


class IncomingDocument(models.Model):
    """One received document. It has an arrival number once the clerk registers it.

    `sender_name`, `handler_label` and `search_folded` are kept by the services: the
    register prints the sender as named on arrival even after the directory entry changes.
    """

    agency = models.ForeignKey("organisation.Agency", verbose_name=_("cơ quan nhận"),
                               on_delete=models.PROTECT, related_name="+")
    register = models.ForeignKey("organisation.Register", verbose_name=_("sổ đăng ký"),
                                 null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    number = models.PositiveIntegerField(_("số đến"), null=True, blank=True)
    received_at = models.DateTimeField(_("ngày giờ đến"), default=timezone.now)
    registered_at = models.DateTimeField(_("ngày vào sổ"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người vào sổ"),
                                      null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    channel = models.CharField(_("hình thức nhận"), max_length=12, choices=Channel.choices,
                               default=Channel.PAPER)
    sender = models.ForeignKey("organisation.Correspondent", verbose_name=_("cơ quan gửi"),
                               null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sender_agency = models.ForeignKey("organisation.Agency",
                                      verbose_name=_("cơ quan gửi (trong hệ thống)"),
                                      null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    sender_name = models.CharField(_("tên cơ quan gửi"), max_length=255, blank=True)
    sender_notation = models.CharField(_("số, ký hiệu"), max_length=100)
    notation_normalised = models.CharField(max_length=100, editable=False, default="")
    document_date = models.DateField(_("ngày văn bản"))
    document_type = models.ForeignKey("organisation.DocumentType",
                                      verbose_name=_("loại văn bản"), on_delete=models.PROTECT,
                                      related_name="+")
    summary = models.TextField(_("trích yếu"))
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    urgency = models.CharField(_("độ khẩn"), max_length=12, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    urgency_rank = models.PositiveSmallIntegerField(default=0, editable=False)
    secrecy = models.CharField(_("độ mật"), max_length=12, choices=Secrecy.choices,
                               default=Secrecy.NORMAL)
    page_count = models.PositiveSmallIntegerField(_("số trang"), default=0)
    copy_count = models.PositiveSmallIntegerField(_("số bản"), default=1)
    reply_requested_by = models.DateField(_("hạn trả lời (theo yêu cầu)"), null=True, blank=True)
    handling_deadline = models.DateField(_("hạn xử lý"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=IncomingStatus.choices,
                              default=IncomingStatus.REGISTERED)
    to_unit = models.ForeignKey("organisation.Unit", verbose_name=_("đơn vị nhận"),
                                null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    source_outgoing_id = models.BigIntegerField(_("văn bản đi gốc"), null=True, blank=True)
    submitted_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("trình lãnh đạo"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(_("ngày trình"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    direction = models.TextField(_("ý kiến chỉ đạo"), blank=True)
    directed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chỉ đạo"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    directed_at = models.DateTimeField(_("ngày chỉ đạo"), null=True, blank=True)
    lead_unit = models.ForeignKey("organisation.Unit", verbose_name=_("đơn vị chủ trì"),
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    lead_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chủ trì"),
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    handler_label = models.CharField(_("đơn vị, người nhận"), max_length=300, blank=True)
    reply_label = models.CharField(_("số, ký hiệu văn bản trả lời"), max_length=300, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(_("ngày xử lý xong"), null=True, blank=True)
    filed_at = models.DateTimeField(_("ngày lưu hồ sơ"), null=True, blank=True)
    void_reason = models.TextField(_("lý do hủy"), blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người hủy"),
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    search_folded = models.TextField(editable=False, default="")
    # Issue 6: the folded text as `simple` lexemes (letters and digits only), kept by the
    # database itself so every writer (services, imports, bulk benchmark loads) indexes alike.
    search_vector = models.GeneratedField(
        expression=SearchVector(
            Func(F("search_folded"), Value("[^a-z0-9]+"), Value(" "), Value("g"),
                 function="regexp_replace", output_field=models.TextField()),
            config="simple"),
        output_field=SearchVectorField(), db_persist=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("văn bản đến")
        verbose_name_plural = _("văn bản đến")
        ordering = ["-received_at", "-id"]
        constraints = [
            # Also the index of the register page: (register, number) read backwards.
            models.UniqueConstraint(fields=["register", "number"],
                                    condition=Q(number__isnull=False),
                                    name="incoming_register_number_unique"),
            # A received document may be voided (refused) before it gets a number.
            models.CheckConstraint(
                condition=Q(status__in=[IncomingStatus.RECEIVED, IncomingStatus.VOID])
                | (Q(number__isnull=False) & Q(register__isnull=False)),
                name="incoming_registered_has_number"),
            models.CheckConstraint(
                condition=Q(sender__isnull=False) | Q(sender_agency__isnull=False),
                name="incoming_has_sender"),
        ]
        indexes = [
            models.Index(fields=["submitted_to", "status"], name="incoming_submitted_idx"),
            # The inboxes list urgent first, newest first: these read a leader's waiting
            # documents and the clerk's queue in that order, so a page (or the home page's
            # five rows) stops after its rows instead of sorting the whole inbox.
            models.Index(F("submitted_to"), F("urgency_rank").desc(), F("received_at").desc(),
                         F("id").desc(), condition=Q(status="submitted"),
                         name="incoming_waiting_order_idx"),
            # A unit's open documents (its inbox and the navigation counter on every staff
            # page): the visibility columns of the open documents, read without the table.
            models.Index(fields=["agency"], name="incoming_open_cover_idx",
                         include=["id", "to_unit", "secrecy", "registered_by", "status",
                                  "urgency_rank", "received_at"],
                         condition=Q(status__in=["directed", "in_progress"])),
            models.Index(F("agency"), F("urgency_rank").desc(), F("received_at").desc(),
                         F("id").desc(), condition=Q(status__in=["received", "registered",
                                                                 "returned"]),
                         name="incoming_clerk_order_idx"),
            models.Index(fields=["agency", "status"], name="incoming_agency_status_idx"),
            models.Index(fields=["to_unit", "status"], name="incoming_to_unit_idx"),
            models.Index(fields=["sender", "notation_normalised", "document_date"],
                         name="incoming_duplicate_idx"),
            models.Index(fields=["sender_agency", "notation_normalised", "document_date"],
                         condition=Q(sender_agency__isnull=False),
                         name="incoming_duplicate_agency_idx"),
            models.Index(fields=["lead_unit", "status"], name="incoming_lead_unit_idx"),
            models.Index(fields=["source_outgoing_id"],
                         condition=Q(source_outgoing_id__isnull=False),
                         name="incoming_source_outgoing_idx"),
            # Search (issue 6): words, exact number/symbol, newest first.
            GinIndex(fields=["search_vector"], name="incoming_search_idx"),
            models.Index(fields=["notation_normalised"], name="incoming_notation_idx"),
            models.Index(fields=["received_at", "id"], name="incoming_received_idx"),
        ]

    def __str__(self) -> str:
        if self.number:
            return _("Văn bản đến số %(number)s: %(notation)s") % {
                "number": self.number_display, "notation": self.sender_notation}
        return _("Văn bản đến chưa vào sổ: %(notation)s") % {"notation": self.sender_notation}

    def get_absolute_url(self) -> str:
        return reverse("incoming:detail", args=[self.pk])

    @property
    def number_display(self) -> str:
        return f"{self.number:02d}" if self.number else ""

    @property
    def is_secret(self) -> bool:
        return self.secrecy != Secrecy.NORMAL

    @property
    def is_urgent(self) -> bool:
        return self.urgency != Urgency.NORMAL

    @property
    def is_void(self) -> bool:
        return self.status == IncomingStatus.VOID

    @property
    def stamps(self) -> list[str]:
        """Red stamps shown beside the document: urgency, then secrecy."""
        labels = []
        if self.is_urgent:
            labels.append(str(Urgency(self.urgency).label).upper())
        if self.is_secret:
            labels.append(str(Secrecy(self.secrecy).label).upper())
        return labels


class IncomingAttachment(models.Model):
    document = models.ForeignKey(IncomingDocument, verbose_name=_("văn bản"),
                                 on_delete=models.PROTECT, related_name="attachments")
    stored_file = models.ForeignKey("files.StoredFile", verbose_name=_("tệp"),
                                    on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("tên tệp"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), default=timezone.now)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["document_id", "id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_pdf(self) -> bool:
        return self.stored_file.content_type == "application/pdf"


class IncomingAccessGrant(models.Model):
    """An explicit right to read one secret document (issue 8 adds confirmation and expiry)."""

    document = models.ForeignKey(IncomingDocument, verbose_name=_("văn bản"),
                                 on_delete=models.PROTECT, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người được xem"),
                             on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người cấp quyền"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    granted_at = models.DateTimeField(_("thời điểm cấp"), default=timezone.now)

    class Meta:
        verbose_name = _("quyền xem văn bản mật")
        verbose_name_plural = _("quyền xem văn bản mật")
        constraints = [
            models.UniqueConstraint(fields=["document", "user"], name="incoming_grant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.document_id}"
