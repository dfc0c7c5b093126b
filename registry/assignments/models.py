"""Assignments (giao việc): who must do what, by when, for which document."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    CO_HANDLE = "co", _("Phối hợp")
    TO_KNOW = "info", _("Để biết")


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Đã giao")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


OPEN_STATUSES = (AssignmentStatus.ASSIGNED, AssignmentStatus.IN_PROGRESS)


class Assignment(models.Model):
    """A piece of work given to a unit, a person, or a person within a unit.

    The source document is referenced generically (content type + id) so that this app
    depends on no capability app; `source_label`, `source_url` and `is_urgent` are copied
    from the source when the assignment is made, so lists need no join to it.
    """

    agency = models.ForeignKey("organisation.Agency", verbose_name=_("cơ quan"),
                               on_delete=models.PROTECT, related_name="+")
    assigner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người giao"),
                                 on_delete=models.PROTECT, related_name="assignments_given")
    assignee_unit = models.ForeignKey("organisation.Unit", verbose_name=_("đơn vị xử lý"),
                                      null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="assignments")
    assignee_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người xử lý"),
                                      null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="assignments")
    role = models.CharField(_("vai trò"), max_length=8, choices=AssignmentRole.choices,
                            default=AssignmentRole.LEAD)
    parent = models.ForeignKey("self", verbose_name=_("giao từ"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    source_type = models.ForeignKey(ContentType, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    source_id = models.BigIntegerField(null=True, blank=True)
    source_label = models.CharField(_("văn bản"), max_length=300, blank=True)
    source_url = models.CharField(max_length=300, blank=True)
    is_urgent = models.BooleanField(_("khẩn"), default=False)
    content = models.TextField(_("nội dung công việc"))
    deadline = models.DateField(_("hạn xử lý"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=AssignmentStatus.choices,
                              default=AssignmentStatus.ASSIGNED)
    progress_percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    created_at = models.DateTimeField(_("ngày giao"), default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(_("ngày hoàn thành"), null=True, blank=True)
    result_note = models.TextField(_("kết quả"), blank=True)
    result_reference = models.CharField(_("số, ký hiệu văn bản trả lời"), max_length=120,
                                        blank=True)

    class Meta:
        verbose_name = _("công việc được giao")
        verbose_name_plural = _("công việc được giao")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(assignee_unit__isnull=False) | Q(assignee_user__isnull=False),
                name="assignment_has_assignee",
            ),
            models.CheckConstraint(condition=Q(progress_percent__lte=100),
                                   name="assignment_progress_le_100"),
        ]
        indexes = [
            models.Index(fields=["assignee_user", "status", "deadline"],
                         name="assignment_user_idx"),
            models.Index(fields=["assignee_unit", "status", "deadline"],
                         name="assignment_unit_idx"),
            models.Index(fields=["source_type", "source_id"], name="assignment_source_idx"),
            models.Index(fields=["assigner", "created_at"], name="assignment_assigner_idx"),
            models.Index(fields=["deadline"], condition=Q(status__in=["assigned", "in_progress"]),
                         name="assignment_open_deadline_idx"),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline is not None and self.deadline < timezone.localdate()
