"""Alerts on changes of someone's access to a document or a secret register (Decree 30, App. VI).

Each grant or revoke writes one row in the transaction of the change; the row stays open
until an administrator other than the person who made the change confirms it.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    GRANTED = "granted", _("Cấp quyền")
    REVOKED = "revoked", _("Thu hồi quyền")


class AccessChange(models.Model):
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thay đổi"),
                              null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người được thay đổi quyền"),
                             on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("organisation.Agency", verbose_name=_("cơ quan"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="+")
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.BigIntegerField()
    target_label = models.CharField(_("văn bản, sổ"), max_length=300)
    change = models.CharField(_("thay đổi"), max_length=10, choices=ChangeKind.choices)
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người xác nhận"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)

    class Meta:
        verbose_name = _("thay đổi quyền truy cập")
        verbose_name_plural = _("thay đổi quyền truy cập")
        ordering = ["-created_at", "-id"]
        constraints = [
            # The database itself refuses a confirmation by the person who made the change.
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | Q(actor__isnull=True)
                | ~Q(confirmed_by=F("actor")),
                name="access_change_confirmed_by_another"),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True, confirmed_at__isnull=True)
                | Q(confirmed_by__isnull=False, confirmed_at__isnull=False),
                name="access_change_confirmation_whole"),
        ]
        indexes = [
            models.Index(fields=["agency", "created_at"], condition=Q(confirmed_at__isnull=True),
                         name="access_change_open_idx"),
            models.Index(fields=["target_type", "target_id"], name="access_change_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_change_display()}: {self.user_id} → {self.target_label}"

    @property
    def is_open(self) -> bool:
        return self.confirmed_at is None
