"""The outgoing document and what hangs on it while it is drafted: recipients, tasks, versions."""

import datetime as dt

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.organisation.models import Secrecy, Urgency


class OutgoingStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    IN_APPROVAL = "in_approval", _("Đang trình duyệt")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã ký, chờ ban hành")
    ISSUED = "issued", _("Đã ban hành")
    DISPATCHED = "dispatched", _("Đã gửi")
    RECALLED = "recalled", _("Đã thu hồi")
    REPLACED = "replaced", _("Đã bị thay thế")
    VOID = "void", _("Đã hủy")


ACTIVE_DRAFT_STATUSES = (OutgoingStatus.DRAFT, OutgoingStatus.RETURNED)
ISSUED_STATUSES = (OutgoingStatus.ISSUED, OutgoingStatus.DISPATCHED, OutgoingStatus.RECALLED,
                   OutgoingStatus.REPLACED)


class SigningAuthority(models.TextChoices):
    """Thẩm quyền ký: the words above the signer's title."""

    NONE = "", _("Ký trực tiếp")
    KT = "KT", _("KT. (ký thay)")
    TM = "TM", _("TM. (thay mặt tập thể)")
    TUQ = "TUQ", _("TUQ. (thừa ủy quyền)")
    TL = "TL", _("TL. (thừa lệnh)")
    Q = "Q", _("Q. (quyền)")


class Amendment(models.TextChoices):
    """What a document does to an earlier one it names (the register shows both)."""

    NONE = "", _("Không")
    REPLACE = "replace", _("Thay thế")
    CORRECT = "correct", _("Đính chính")
    RECALL = "recall", _("Thu hồi")


class OutgoingDocument(models.Model):
    agency = models.ForeignKey("organisation.Agency", verbose_name=_("cơ quan"),
                               on_delete=models.PROTECT, related_name="outgoing_documents")
    drafting_unit = models.ForeignKey("organisation.Unit", verbose_name=_("đơn vị soạn thảo"),
                                      on_delete=models.PROTECT, related_name="outgoing_drafted")
    drafter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người soạn thảo"),
                                on_delete=models.PROTECT, related_name="outgoing_drafted")
    document_type = models.ForeignKey("organisation.DocumentType", verbose_name=_("loại văn bản"),
                                      on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("trích yếu"))
    content_notes = models.TextField(_("ghi chú nội dung"), blank=True)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ký"),
                               null=True, blank=True, on_delete=models.PROTECT,
                               related_name="outgoing_to_sign")
    signing_authority = models.CharField(_("thẩm quyền ký"), max_length=4, blank=True,
                                         choices=SigningAuthority.choices)
    signer_name = models.CharField(_("người ký (ghi sổ)"), max_length=200, blank=True)
    urgency = models.CharField(_("độ khẩn"), max_length=12, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    urgency_rank = models.PositiveSmallIntegerField(default=0, editable=False)
    secrecy = models.CharField(_("độ mật"), max_length=12, choices=Secrecy.choices,
                               default=Secrecy.NORMAL)
    status = models.CharField(_("trạng thái"), max_length=12, choices=OutgoingStatus.choices,
                              default=OutgoingStatus.DRAFT)
    answers = models.ManyToManyField("incoming.IncomingDocument",
                                     verbose_name=_("trả lời văn bản đến"), blank=True,
                                     related_name="answered_by_outgoing")
    amends = models.ForeignKey("self", verbose_name=_("văn bản liên quan"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="amended_by")
    amendment = models.CharField(_("tác động"), max_length=8, blank=True,
                                 choices=Amendment.choices)
    # Registration (ban hành): set once, by outgoing_issue.
    register = models.ForeignKey("organisation.Register", verbose_name=_("sổ đăng ký"),
                                 null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="outgoing_documents")
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    document_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    notation = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    notation_normalised = models.CharField(max_length=80, blank=True, editable=False)
    with_unit_symbol = models.BooleanField(_("ký hiệu có đơn vị soạn thảo"), default=False)
    issued_at = models.DateTimeField(_("thời điểm ban hành"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("văn thư ban hành"),
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    signed_file = models.ForeignKey("files.StoredFile", verbose_name=_("bản ký số/bản chụp"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    signed_filename = models.CharField(_("tên tệp"), max_length=200, blank=True)
    page_count = models.PositiveSmallIntegerField(_("số trang"), default=0)
    copies = models.PositiveSmallIntegerField(_("số lượng bản"), default=0)
    file_copy_keeper = models.CharField(_("đơn vị, người nhận bản lưu"), max_length=200,
                                        blank=True)
    notes = models.CharField(_("ghi chú"), max_length=300, blank=True)
    closed_reason = models.TextField(_("lý do thu hồi/hủy"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("thời điểm trình"), null=True, blank=True)
    approved_at = models.DateTimeField(_("thời điểm ký duyệt"), null=True, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Folded text of everything a person searches by (issue 6 indexes it).
    search_folded = models.TextField(editable=False, blank=True, default="")
    # The folded text as `simple` lexemes (letters and digits only), kept by the database.
    search_vector = models.GeneratedField(
        expression=SearchVector(
            Func(F("search_folded"), Value("[^a-z0-9]+"), Value(" "), Value("g"),
                 function="regexp_replace", output_field=models.TextField()),
            config="simple"),
        output_field=SearchVectorField(), db_persist=True)

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="outgoing_register_number",
                                    condition=Q(number__isnull=False)),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(register__isnull=False, notation__gt=""),
                name="outgoing_number_has_register",
            ),
        ]
        indexes = [
            models.Index(fields=["register", "-number"], name="outgoing_register_idx"),
            models.Index(fields=["agency", "status", "-urgency_rank", "id"],
                         name="outgoing_agency_status_idx"),
            models.Index(fields=["drafter", "status"], name="outgoing_drafter_idx"),
            models.Index(fields=["notation_normalised"], name="outgoing_notation_idx"),
            # Search (issue 6): words, and newest first (issue date, else creation).
            GinIndex(fields=["search_vector"], name="outgoing_search_idx"),
            models.Index(Coalesce("issued_at", "created_at"), "id", name="outgoing_sorted_idx"),
        ]

    def __str__(self) -> str:
        return self.notation or f"{self.document_type} – {self.summary[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("outgoing:detail", args=[self.pk])

    @property
    def is_secret(self) -> bool:
        return self.secrecy != Secrecy.NORMAL

    @property
    def is_urgent(self) -> bool:
        return self.urgency != Urgency.NORMAL

    @property
    def is_issued(self) -> bool:
        return self.status in ISSUED_STATUSES

    @property
    def is_frozen(self) -> bool:
        return self.status in (OutgoingStatus.RECALLED, OutgoingStatus.REPLACED,
                               OutgoingStatus.VOID)

    @property
    def first_sent_on(self) -> "dt.date | None":
        """Ngày chuyển (register column), from prefetched dispatches."""
        dates = [d.sent_on for d in self.dispatches.all() if d.sent_on]
        return min(dates) if dates else None

    @property
    def label(self) -> str:
        """What other apps show for it: "15/QĐ-UBND: trích yếu" (or the type while a draft)."""
        head = self.notation or _("Dự thảo %(type)s") % {"type": self.document_type}
        return f"{head}: {self.summary[:200]}"


class RecipientKind(models.TextChoices):
    UNIT = "unit", _("Đơn vị trong cơ quan")
    AGENCY = "agency", _("Cơ quan trong hệ thống")
    EXTERNAL = "external", _("Cơ quan bên ngoài")


class OutgoingRecipient(models.Model):
    """Nơi nhận: one internal unit, one agency of this deployment, or one external body."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE,
                                 related_name="recipients")
    kind = models.CharField(_("loại nơi nhận"), max_length=8, choices=RecipientKind.choices)
    unit = models.ForeignKey("organisation.Unit", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("organisation.Agency", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    correspondent = models.ForeignKey("organisation.Correspondent", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("nơi nhận"), max_length=255)

    class Meta:
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="unit", unit__isnull=False, agency__isnull=True,
                             correspondent__isnull=True)
                           | Q(kind="agency", agency__isnull=False, unit__isnull=True,
                               correspondent__isnull=True)
                           | Q(kind="external", correspondent__isnull=False,
                               unit__isnull=True, agency__isnull=True)),
                name="outgoing_recipient_one_target",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "document"], name="outgoing_recipient_unit_idx"),
            models.Index(fields=["agency", "document"], name="outgoing_recipient_agency_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_internal(self) -> bool:
        return self.kind in (RecipientKind.UNIT, RecipientKind.AGENCY)


class OutgoingTask(models.Model):
    """A task the directive assigns; it becomes an assignment when the document is issued."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey("organisation.Unit", verbose_name=_("đơn vị thực hiện"),
                             on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"),
                             null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    content = models.TextField(_("nội dung công việc"))
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    deadline_days = models.PositiveSmallIntegerField(
        _("hạn (số ngày làm việc)"), null=True, blank=True,
        help_text=_("Tính từ ngày ban hành, khi không ghi hạn cụ thể."),
    )
    assignment_id = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("nhiệm vụ giao")
        verbose_name_plural = _("nhiệm vụ giao")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.content[:80]


class DraftVersion(models.Model):
    """One uploaded version of the draft; earlier versions stay viewable."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE,
                                 related_name="versions")
    number = models.PositiveSmallIntegerField(_("phiên bản"))
    stored_file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT,
                                    related_name="+")
    filename = models.CharField(_("tên tệp"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"),
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("phiên bản dự thảo")
        verbose_name_plural = _("phiên bản dự thảo")
        ordering = ["document_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="draft_version_unique"),
        ]

    def __str__(self) -> str:
        return f"v{self.number} {self.filename}"

    @property
    def is_pdf(self) -> bool:
        return self.stored_file.content_type == "application/pdf"


class OutgoingGrant(models.Model):
    """An explicit right to see a secret outgoing document (every grant is an audit event)."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE,
                                 related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="outgoing_grants")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyền xem văn bản mật")
        verbose_name_plural = _("quyền xem văn bản mật")
        constraints = [
            models.UniqueConstraint(fields=["user", "document"], name="outgoing_grant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.document_id}"
