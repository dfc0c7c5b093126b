"""The electronic agency codes (with their active/closed history) and the trust roots."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AgencyCodeStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    CLOSED = "closed", _("Đã đóng")


class AgencyCode(models.Model):
    """One line of the national list of OrganIds: a code, whose it is, and when it was valid.

    A code has a history (agencies merged in 2025 closed theirs), so the same OrganId may have
    several rows; at most one of them is active.
    """

    organ_id = models.CharField(_("mã định danh (OrganId)"), max_length=13)
    name = models.CharField(_("tên cơ quan"), max_length=255)
    parent_organ_id = models.CharField(_("mã cơ quan cấp trên"), max_length=13, blank=True)
    status = models.CharField(_("trạng thái"), max_length=8, choices=AgencyCodeStatus.choices,
                              default=AgencyCodeStatus.ACTIVE)
    valid_from = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    valid_to = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    code_2020 = models.CharField(_("mã theo QĐ 20/2020"), max_length=40, blank=True)
    imported_at = models.DateTimeField(_("thời điểm nhập"), auto_now=True)

    class Meta:
        verbose_name = _("mã định danh cơ quan")
        verbose_name_plural = _("mã định danh cơ quan")
        ordering = ["organ_id", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["organ_id"], condition=Q(status="active"),
                                    name="exchange_code_one_active"),
            models.UniqueConstraint(fields=["organ_id", "valid_from"],
                                    name="exchange_code_period_unique",
                                    nulls_distinct=False),
        ]
        indexes = [models.Index(fields=["organ_id", "status"], name="exchange_code_idx")]

    def __str__(self) -> str:
        return f"{self.organ_id} {self.name}"

    @property
    def is_active(self) -> bool:
        return self.status == AgencyCodeStatus.ACTIVE


class TrustRoot(models.Model):
    """A root certificate an administrator installed (the Government's specialised CA, the
    national root): only signatures chaining to an active one count as valid."""

    name = models.CharField(_("tên"), max_length=200)
    subject = models.CharField(_("chủ thể"), max_length=500, editable=False)
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64, unique=True,
                                   editable=False)
    der = models.BinaryField(_("chứng thư (DER)"), editable=False)
    not_after = models.DateTimeField(_("hết hạn"), null=True, editable=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    installed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người cài đặt"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    installed_at = models.DateTimeField(_("thời điểm cài đặt"), auto_now_add=True)

    class Meta:
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
