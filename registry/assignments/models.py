"""Assignments (giao việc): who must do what, by when, for which document."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
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
    completed_on_time = models.BooleanField(_("hoàn thành đúng hạn"), null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người hoàn thành"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    # The unit whose figures the work counts in: the assignee unit, else the person's unit.
    tracking_unit = models.ForeignKey("organisation.Unit", verbose_name=_("đơn vị theo dõi"),
                                      null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    # A unit head's hand-on of the unit's own work to one of its people: counted per person,
    # not a second time for the unit.
    delegated_within_unit = models.BooleanField(default=False)

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
            # "Is this document given to me or my unit?" is asked of every open document in a
            # staff member's lists and counters: answered from the index alone.
            models.Index(fields=["source_type", "source_id"], name="assignment_source_idx",
                         include=["assignee_user", "assignee_unit"]),
            models.Index(fields=["assigner", "created_at"], name="assignment_assigner_idx"),
            models.Index(fields=["deadline"], condition=Q(status__in=["assigned", "in_progress"]),
                         name="assignment_open_deadline_idx"),
            # My tasks and its counter: open work of a person, or of a unit as a whole.
            models.Index(fields=["assignee_user", "deadline"],
                         condition=Q(status__in=["assigned", "in_progress"]),
                         name="assignment_open_user_idx"),
            models.Index(fields=["assignee_unit", "deadline"],
                         condition=Q(status__in=["assigned", "in_progress"],
                                     assignee_user__isnull=True),
                         name="assignment_open_unit_idx"),
            # A leader's "work I gave that is overdue or due soon".
            models.Index(fields=["assigner", "deadline"],
                         condition=Q(status__in=["assigned", "in_progress"]),
                         name="assignment_open_assigner_idx"),
            # "Việc của tôi" leaves out a unit's work its head handed on inside the unit: the
            # open hand-ons are few, so this index keeps that check from reading all open work.
            models.Index(fields=["parent"],
                         condition=Q(delegated_within_unit=True,
                                     status__in=["assigned", "in_progress"]),
                         name="assignment_open_handon_idx"),
            # A leader's home: each unit's overdue work in deadline order (migration 0005; the
            # same predicate as selectors.OVERDUE_WORK).
            models.Index(fields=["tracking_unit", "deadline", "id"],
                         condition=Q(status__in=["assigned", "in_progress"])
                         & Q(delegated_within_unit=False) & ~Q(role="info"),
                         name="assignment_unit_overdue_idx"),
            # Tracking counts a period's work from the index alone (covering columns).
            models.Index(fields=["agency", "created_at"], name="assignment_agency_idx",
                         include=["tracking_unit", "assignee_user", "delegated_within_unit",
                                  "role", "status", "completed_on_time", "deadline"]),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    def get_absolute_url(self) -> str:
        return reverse("assignments:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline is not None and self.deadline < timezone.localdate()

    @property
    def assignee_label(self) -> str:
        if self.assignee_user_id and self.assignee_unit_id:
            return f"{self.assignee_user} ({self.assignee_unit})"
        return str(self.assignee_user or self.assignee_unit)


class ProgressReport(models.Model):
    """A handler's report: how far the work is, what was done, with files."""

    assignment = models.ForeignKey(Assignment, verbose_name=_("công việc"),
                                   on_delete=models.PROTECT, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người báo cáo"),
                               on_delete=models.PROTECT, related_name="+")
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    note = models.TextField(_("nội dung báo cáo"))
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(percent__lte=100),
                                              name="progress_report_percent_le_100")]
        indexes = [models.Index(fields=["assignment", "created_at"],
                                name="progress_assignment_idx")]

    def __str__(self) -> str:
        return f"{self.percent}% {self.note[:60]}"


class ProgressAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT,
                               related_name="attachments")
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên tệp"), max_length=200)

    class Meta:
        verbose_name = _("tệp báo cáo")
        verbose_name_plural = _("tệp báo cáo")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Chờ quyết định")
    GRANTED = "granted", _("Đã gia hạn")
    REFUSED = "refused", _("Không đồng ý")


class ExtensionRequest(models.Model):
    """A handler asks the assigner for a later deadline; the row stays as history."""

    assignment = models.ForeignKey(Assignment, verbose_name=_("công việc"),
                                   on_delete=models.PROTECT, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"),
                                     on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("ngày đề nghị"), default=timezone.now)
    old_deadline = models.DateField(_("hạn cũ"), null=True, blank=True)
    requested_deadline = models.DateField(_("hạn đề nghị"))
    reason = models.TextField(_("lý do"))
    status = models.CharField(_("trạng thái"), max_length=8, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    granted_deadline = models.DateField(_("hạn mới"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        ordering = ["requested_at", "id"]
        constraints = [
            # One open question at a time: the assigner answers before another is asked.
            models.UniqueConstraint(fields=["assignment"], condition=Q(status="pending"),
                                    name="extension_one_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id}: {self.requested_deadline:%d/%m/%Y}"


class ReminderKind(models.TextChoices):
    BEFORE_3 = "before_3", _("Còn 3 ngày làm việc")
    BEFORE_1 = "before_1", _("Còn 1 ngày làm việc")
    DUE = "due", _("Đến hạn hôm nay")
    OVERDUE = "overdue", _("Quá hạn")
    ESCALATION = "escalation", _("Báo cáo việc quá hạn")


class Reminder(models.Model):
    """One reminder sent: the unique key is what makes each reminder go out exactly once.

    `date` is the deadline for the reminders before and on the day (one per deadline, however
    often the sweep runs), and the sweep's day for overdue and escalation (one per day).
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE,
                                   related_name="reminders")
    kind = models.CharField(_("loại nhắc"), max_length=12, choices=ReminderKind.choices)
    date = models.DateField(_("ngày"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("nhắc việc")
        verbose_name_plural = _("nhắc việc")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "kind", "date"],
                                    name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.kind} {self.date:%d/%m/%Y}"


class TrackingTally(models.Model):
    """How many assignments share one key: the tracking page's figures without reading them.

    Kept exact by the database: statement triggers on `assignments_assignment` (migration
    0008) add each inserted, updated or deleted row's change in the writing statement's own
    transaction, whatever wrote it (services, bulk updates, COPY, the admin); the page reads
    it through `registry/assignments/tallies.py`. Work given "to know" and cancelled work
    are not counted.

    The key: the agency; the bucket (the first day of the creation month in Vietnam time for
    finished work, of the creation year for open work); the state (`open`, `on_time`, `late`,
    `other` for finished work without an on-time flag); the tracking unit and the person (0
    when none); whether it was handed on within the unit; and for open work its deadline
    (9999-12-31 when none, and for finished work), so that "overdue" is read for any day.
    A key may have several rows (a writer never waits for another's uncommitted row: it adds a
    row of its own); readers sum them. Rows that fall to 0 are deleted.
    """

    agency_pk = models.BigIntegerField()
    bucket = models.DateField()
    state = models.CharField(max_length=8)
    unit_pk = models.BigIntegerField()
    person_pk = models.BigIntegerField()
    delegated = models.BooleanField()
    deadline = models.DateField()
    n = models.IntegerField()

    class Meta:
        indexes = [
            # The writers' lookup of a key, and the page's read of a period (a prefix), from
            # the index alone.
            models.Index(fields=["agency_pk", "state", "bucket", "unit_pk", "person_pk",
                                 "deadline", "delegated"], include=["n"],
                         name="tracking_tally_key_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.bucket:%Y-%m} {self.state} {self.unit_pk}/{self.person_pk}: {self.n}"
