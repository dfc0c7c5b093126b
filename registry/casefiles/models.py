"""Case files (hồ sơ công vụ): the agency's yearly list of files, the files, what is in them.

A file holds references to documents, never copies: one incoming document, outgoing document
or assignment result may sit in several files. Ordinals follow the documents' dates.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FileList(models.Model):
    """Danh mục hồ sơ: the files an agency plans to make in one year."""

    agency = models.ForeignKey("organisation.Agency", verbose_name=_("cơ quan"),
                               on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên danh mục"), max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người lập"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("ngày lập"), default=timezone.now)

    class Meta:
        verbose_name = _("danh mục hồ sơ")
        verbose_name_plural = _("danh mục hồ sơ")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="casefiles_list_year_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("casefiles:list_year", args=[self.year])


class FileHeading(models.Model):
    """Đề mục: a unit (level 1) or a subject inside it (level 2)."""

    file_list = models.ForeignKey(FileList, verbose_name=_("danh mục"), on_delete=models.CASCADE,
                                  related_name="headings")
    parent = models.ForeignKey("self", verbose_name=_("đề mục cấp trên"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")
    unit = models.ForeignKey("organisation.Unit", verbose_name=_("đơn vị"), null=True,
                             blank=True, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên đề mục"), max_length=255)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("đề mục")
        verbose_name_plural = _("đề mục")
        ordering = ["file_list_id", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["file_list", "parent", "title"],
                                    nulls_distinct=False, name="casefiles_heading_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class CaseFileStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    OPEN = "open", _("Đang lập")
    CLOSED = "closed", _("Đã kết thúc")
    HANDED_OVER = "handed_over", _("Đã nộp lưu")


class Rights(models.TextChoices):
    """Chế độ sử dụng (Rights)."""

    OPEN = "open", _("Sử dụng rộng rãi")
    RESTRICTED = "restricted", _("Hạn chế sử dụng")


class CaseFile(models.Model):
    """One hồ sơ: planned in the list, opened by its responsible person, closed, handed over.

    A file opened ad hoc has no list (and may have no code) until it is placed in one.
    """

    agency = models.ForeignKey("organisation.Agency", verbose_name=_("cơ quan"),
                               on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm hình thành"))
    file_list = models.ForeignKey(FileList, verbose_name=_("danh mục"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="files")
    heading = models.ForeignKey(FileHeading, verbose_name=_("đề mục"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="files")
    code = models.CharField(_("số và ký hiệu hồ sơ"), max_length=50, blank=True)
    title = models.CharField(_("tiêu đề hồ sơ"), max_length=500)
    retention_years = models.PositiveSmallIntegerField(
        _("thời hạn bảo quản (năm)"), null=True, blank=True,
        help_text=_("Để trống nếu bảo quản vĩnh viễn."))
    rights = models.CharField(_("chế độ sử dụng"), max_length=12, choices=Rights.choices,
                              default=Rights.OPEN)
    responsible_unit = models.ForeignKey("organisation.Unit", verbose_name=_("đơn vị lập hồ sơ"),
                                         on_delete=models.PROTECT, related_name="+")
    responsible_user = models.ForeignKey(settings.AUTH_USER_MODEL,
                                         verbose_name=_("người lập hồ sơ"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=CaseFileStatus.choices,
                              default=CaseFileStatus.PLANNED)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    opened_at = models.DateTimeField(_("ngày mở hồ sơ"), null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người mở"),
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    archive_due_on = models.DateField(_("hạn nộp lưu"), null=True, blank=True)
    handed_over_at = models.DateTimeField(_("ngày nộp lưu"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-year", "sort_order", "code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["file_list", "code"],
                                    condition=Q(file_list__isnull=False) & ~Q(code=""),
                                    name="casefiles_code_unique"),
            models.CheckConstraint(
                condition=Q(file_list__isnull=False) | ~Q(status="planned"),
                name="casefiles_planned_in_list"),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "open"]) | Q(closed_on__isnull=False),
                name="casefiles_closed_has_date"),
        ]
        indexes = [
            models.Index(fields=["responsible_user", "status"], name="casefiles_user_idx"),
            models.Index(fields=["responsible_unit", "status"], name="casefiles_unit_idx"),
            models.Index(fields=["agency", "year", "status"], name="casefiles_agency_year_idx"),
            models.Index(fields=["archive_due_on"], condition=Q(status="closed"),
                         name="casefiles_archive_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("casefiles:detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status == CaseFileStatus.HANDED_OVER

    @property
    def is_open(self) -> bool:
        return self.status == CaseFileStatus.OPEN

    @property
    def retention_label(self) -> str:
        if self.retention_years is None:
            return str(_("Vĩnh viễn"))
        return str(_("%(years)s năm") % {"years": self.retention_years})


class ItemKind(models.TextChoices):
    INCOMING = "incoming", _("Văn bản đến")
    OUTGOING = "outgoing", _("Văn bản đi")
    RESULT = "result", _("Kết quả giải quyết công việc")


class CaseFileItem(models.Model):
    """A document in a file, by reference. `sort_date`/`sort_moment` are refreshed from the
    document whenever the file is renumbered (a draft gets its date when it is issued)."""

    case_file = models.ForeignKey(CaseFile, verbose_name=_("hồ sơ"), on_delete=models.CASCADE,
                                  related_name="items")
    kind = models.CharField(_("loại"), max_length=10, choices=ItemKind.choices)
    incoming = models.ForeignKey("incoming.IncomingDocument", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    outgoing = models.ForeignKey("outgoing.OutgoingDocument", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    assignment = models.ForeignKey("assignments.Assignment", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    ordinal = models.PositiveIntegerField(_("số thứ tự"))
    sort_date = models.DateField(_("ngày"))
    sort_moment = models.DateTimeField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thêm"),
                                 null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField(_("thời điểm thêm"), default=timezone.now)

    class Meta:
        verbose_name = _("văn bản trong hồ sơ")
        verbose_name_plural = _("văn bản trong hồ sơ")
        ordering = ["case_file_id", "ordinal"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="incoming", incoming__isnull=False, outgoing__isnull=True,
                             assignment__isnull=True)
                           | Q(kind="outgoing", outgoing__isnull=False, incoming__isnull=True,
                               assignment__isnull=True)
                           | Q(kind="result", assignment__isnull=False, incoming__isnull=True,
                               outgoing__isnull=True)),
                name="casefiles_item_one_document"),
            models.UniqueConstraint(fields=["case_file", "incoming"], name="casefiles_item_in",
                                    condition=Q(incoming__isnull=False)),
            models.UniqueConstraint(fields=["case_file", "outgoing"], name="casefiles_item_out",
                                    condition=Q(outgoing__isnull=False)),
            models.UniqueConstraint(fields=["case_file", "assignment"],
                                    name="casefiles_item_result",
                                    condition=Q(assignment__isnull=False)),
            # Deferred: renumbering swaps ordinals inside one transaction.
            models.UniqueConstraint(fields=["case_file", "ordinal"], name="casefiles_item_ordinal",
                                    deferrable=models.Deferrable.DEFERRED),
        ]
        indexes = [
            models.Index(fields=["incoming"], condition=Q(incoming__isnull=False),
                         name="casefiles_item_in_idx"),
            models.Index(fields=["outgoing"], condition=Q(outgoing__isnull=False),
                         name="casefiles_item_out_idx"),
            models.Index(fields=["assignment"], condition=Q(assignment__isnull=False),
                         name="casefiles_item_result_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_file_id}#{self.ordinal}"

    @property
    def document_id(self) -> int:
        return int(self.incoming_id or self.outgoing_id or self.assignment_id or 0)


class CaseFileHandover(models.Model):
    """Nộp lưu: the package as handed to the archive, kept byte for byte."""

    case_file = models.OneToOneField(CaseFile, verbose_name=_("hồ sơ"), on_delete=models.PROTECT,
                                     related_name="handover")
    handed_over_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nộp"),
                                       on_delete=models.PROTECT, related_name="+")
    handed_over_at = models.DateTimeField(_("thời điểm nộp"), default=timezone.now)
    received_by = models.CharField(_("người nhận (lưu trữ cơ quan)"), max_length=150,
                                   blank=True)
    doc_total = models.PositiveIntegerField(_("tổng số văn bản"))
    page_total = models.PositiveIntegerField(_("tổng số trang"))
    package = models.BinaryField(_("gói nộp lưu (zip)"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("biên bản nộp lưu")
        verbose_name_plural = _("biên bản nộp lưu")

    def __str__(self) -> str:
        return f"{self.case_file_id} {self.handed_over_at:%d/%m/%Y}"


class ArchiveNotice(models.Model):
    """The 30-day notice before a file's archive due date: inserted once, then sent."""

    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="notices")
    due_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("thông báo hạn nộp lưu")
        verbose_name_plural = _("thông báo hạn nộp lưu")
        constraints = [
            models.UniqueConstraint(fields=["case_file", "due_on"],
                                    name="casefiles_notice_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.case_file_id} {self.due_on:%d/%m/%Y}"


def archive_due_from(closed_on: dt.date) -> dt.date:
    """Within one year of the end of the work (Law on Archives): the same day a year later."""
    try:
        return closed_on.replace(year=closed_on.year + 1)
    except ValueError:  # 29 February
        return closed_on.replace(year=closed_on.year + 1, day=28)
