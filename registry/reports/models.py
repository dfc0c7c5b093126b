"""Register-book exports and bulk imports: each a row a Celery task works on and a page polls."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Có lỗi")


class BookKind(models.TextChoices):
    INCOMING = "incoming", _("Sổ đăng ký văn bản đến")
    FOLLOW_UP = "follow_up", _("Sổ theo dõi giải quyết văn bản đến")
    OUTGOING = "outgoing", _("Sổ đăng ký văn bản đi")


class Export(models.Model):
    """One XLSX of a register book (a register and a date range), made by a worker."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người xuất"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("thời điểm yêu cầu"), auto_now_add=True)
    book = models.CharField(_("loại sổ"), max_length=10, choices=BookKind.choices)
    register = models.ForeignKey("organisation.Register", verbose_name=_("sổ đăng ký"),
                                 on_delete=models.PROTECT, related_name="+")
    date_from = models.DateField(_("từ ngày"), null=True, blank=True)
    date_to = models.DateField(_("đến ngày"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=8, choices=JobStatus.choices,
                              default=JobStatus.PENDING)
    done_rows = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    total_rows = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    stored_file = models.ForeignKey("files.StoredFile", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp xuất sổ")
        verbose_name_plural = _("tệp xuất sổ")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["created_by", "-created_at"], name="reports_export_user_idx"),
            models.Index(fields=["status", "created_at"], name="reports_export_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_book_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reports:export_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(99, self.done_rows * 100 // self.total_rows) if self.total_rows else 0


class ImportKind(models.TextChoices):
    INCOMING = "incoming", _("Văn bản đến")
    OUTGOING = "outgoing", _("Văn bản đi")


class ImportJob(models.Model):
    """A past register read from XLSX/CSV: validated row by row, imported all or nothing."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    kind = models.CharField(_("loại văn bản"), max_length=8, choices=ImportKind.choices)
    register = models.ForeignKey("organisation.Register", verbose_name=_("sổ đăng ký"),
                                 on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("tên tệp"), max_length=200)
    # The upload itself (CSV is not a type the document store accepts); a few MB at most.
    content = models.BinaryField(editable=False)
    status = models.CharField(_("trạng thái"), max_length=8, choices=JobStatus.choices,
                              default=JobStatus.PENDING)
    done_rows = models.PositiveIntegerField(_("số dòng đã kiểm tra"), default=0)
    total_rows = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    imported_rows = models.PositiveIntegerField(_("số văn bản đã nhập"), default=0)
    errors = models.JSONField(_("lỗi theo dòng"), default=list, blank=True)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập sổ cũ")
        verbose_name_plural = _("lượt nhập sổ cũ")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="reports_import_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.filename} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reports:import_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status in (JobStatus.DONE, JobStatus.FAILED):
            return 100
        return min(99, self.done_rows * 100 // self.total_rows) if self.total_rows else 0
