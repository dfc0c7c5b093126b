"""The approval chain: configured per agency, copied onto each draft when it is first submitted."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApproverRule(models.TextChoices):
    UNIT_HEAD = "unit_head", _("Trưởng đơn vị soạn thảo")
    NAMED_USER = "user", _("Người được chỉ định")
    SIGNER = "signer", _("Người ký văn bản")


class ApprovalStepTemplate(models.Model):
    """One step of an agency's chain, e.g. 1 head of unit → 2 office chief → 3 signer."""

    agency = models.ForeignKey("organisation.Agency", verbose_name=_("cơ quan"),
                               on_delete=models.CASCADE, related_name="approval_steps")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên bước"), max_length=120)
    rule = models.CharField(_("người duyệt"), max_length=12, choices=ApproverRule.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người được chỉ định"),
                             null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("bước duyệt (cấu hình)")
        verbose_name_plural = _("quy trình duyệt văn bản đi")
        ordering = ["agency_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "order"], name="approval_template_order"),
            models.CheckConstraint(condition=~Q(rule="user") | Q(user__isnull=False),
                                   name="approval_template_user_named"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ApprovalStepStatus(models.TextChoices):
    WAITING = "waiting", _("Chưa đến lượt")
    CURRENT = "current", _("Đang chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Đã trả lại")
    SKIPPED = "skipped", _("Bỏ qua")


class ApprovalStep(models.Model):
    """A step of one draft's chain, with the person who must decide it."""

    document = models.ForeignKey("outgoing.OutgoingDocument", on_delete=models.CASCADE,
                                 related_name="steps")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("bước"), max_length=120)
    rule = models.CharField(max_length=12, choices=ApproverRule.choices)
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"),
                                 on_delete=models.PROTECT, related_name="outgoing_steps")
    status = models.CharField(_("trạng thái"), max_length=10, choices=ApprovalStepStatus.choices,
                              default=ApprovalStepStatus.WAITING)
    reached_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("bước duyệt")
        verbose_name_plural = _("các bước duyệt")
        ordering = ["document_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["document", "order"], name="approval_step_order"),
            models.UniqueConstraint(fields=["document"], condition=Q(status="current"),
                                    name="approval_step_one_current"),
        ]
        indexes = [
            models.Index(fields=["approver", "status"], name="approval_step_approver_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ApprovalDecisionKind(models.TextChoices):
    SUBMITTED = "submitted", _("Trình duyệt")
    APPROVED = "approved", _("Duyệt")
    RETURNED = "returned", _("Trả lại")
    REOPENED = "reopened", _("Sửa sau khi ký, trình lại người ký")


class ApprovalDecision(models.Model):
    """The trail: every submission and decision: who, when, the version seen, the comment."""

    document = models.ForeignKey("outgoing.OutgoingDocument", on_delete=models.CASCADE,
                                 related_name="decisions")
    step = models.ForeignKey(ApprovalStep, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="decisions")
    kind = models.CharField(_("quyết định"), max_length=10, choices=ApprovalDecisionKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"),
                              on_delete=models.PROTECT, related_name="+")
    version_number = models.PositiveSmallIntegerField(_("phiên bản"), null=True, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến duyệt")
        verbose_name_plural = _("ý kiến duyệt")
        ordering = ["document_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d/%m/%Y %H:%M}"
