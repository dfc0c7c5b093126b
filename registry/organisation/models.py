"""Agencies, units, people, correspondents, document types, the calendar and the registers."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.core.text import fold


class Agency(models.Model):
    """A body that keeps its own registers: the provincial People's Committee, a department,
    a commune."""

    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết gọn"), max_length=120, blank=True)
    abbreviation = models.CharField(
        _("chữ viết tắt"), max_length=30, help_text=_("Dùng trong số, ký hiệu: 15/QĐ-UBND.")
    )
    organ_id = models.CharField(
        _("mã định danh (OrganId)"), max_length=13, blank=True, help_text=_("Ví dụ 000.00.00.H41")
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("cơ quan chủ quản"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    place = models.CharField(_("địa danh"), max_length=80, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ_id"], condition=~Q(organ_id=""), name="agency_organ_id_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A department or office inside an agency; units form a tree."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="units")
    parent = models.ForeignKey("self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    name = models.CharField(_("tên đơn vị"), max_length=255)
    abbreviation = models.CharField(_("chữ viết tắt"), max_length=30)
    head = models.ForeignKey("User", verbose_name=_("trưởng đơn vị"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="headed_units")
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["agency_id", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "abbreviation"],
                                    name="unit_abbreviation_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    """A post a person holds: Chủ tịch, Phó Chủ tịch, Chánh Văn phòng, Chuyên viên, Văn thư."""

    name = models.CharField(_("chức vụ"), max_length=120, unique=True)
    rank = models.PositiveSmallIntegerField(
        _("thứ bậc"), default=100, help_text=_("Số nhỏ hơn là cấp cao hơn.")
    )

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["rank", "name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CLERK = "clerk", _("Văn thư")
    LEADER = "leader", _("Lãnh đạo")
    STAFF = "staff", _("Chuyên viên")
    ADMIN = "admin", _("Quản trị")


class User(AbstractUser):
    """A person with an account. Vietnamese names are kept whole in `full_name`."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="members")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="members")
    position = models.ForeignKey(Position, verbose_name=_("chức vụ"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="holders")
    roles = ArrayField(
        models.CharField(max_length=16, choices=Role.choices), verbose_name=_("vai trò"),
        default=list, blank=True,
    )
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email_notifications = models.BooleanField(_("nhận thông báo qua thư điện tử"), default=True)
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi",
                                choices=[("vi", "Tiếng Việt"), ("en", "English")])

    objects = UserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["full_name", "username"]
        indexes = [models.Index(fields=["unit"], name="user_unit_idx")]

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def has_role(self, role: str) -> bool:
        return role in (self.roles or []) or (role == Role.ADMIN and self.is_superuser)

    @property
    def is_clerk(self) -> bool:
        return self.has_role(Role.CLERK)

    @property
    def is_leader(self) -> bool:
        return self.has_role(Role.LEADER)

    @property
    def is_staff_member(self) -> bool:
        return self.has_role(Role.STAFF)

    @property
    def is_administrator(self) -> bool:
        return self.has_role(Role.ADMIN)

    @property
    def display_title(self) -> str:
        return f"{self.position.name} {self}" if self.position_id and self.position else str(self)


class CorrespondentKind(models.TextChoices):
    CENTRAL = "central", _("Cơ quan trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    COMMUNE = "commune", _("Cấp xã")
    DISTRICT = "district", _("Cấp huyện (trước 01/7/2025)")
    OTHER = "other", _("Khác")


class Correspondent(models.Model):
    """An external body documents come from or go to (the directory clerks pick from)."""

    name = models.CharField(_("tên cơ quan, tổ chức"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    kind = models.CharField(_("loại"), max_length=16, choices=CorrespondentKind.choices,
                            default=CorrespondentKind.OTHER)
    organ_id = models.CharField(_("mã định danh (OrganId)"), max_length=13, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan trong hệ thống"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Khi đối tác là một cơ quan dùng chung hệ thống này."),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    name_folded = models.CharField(max_length=400, editable=False, default="")

    class Meta:
        verbose_name = _("cơ quan gửi/nhận")
        verbose_name_plural = _("danh bạ cơ quan gửi/nhận")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="correspondent_name_unique"),
        ]
        indexes = [
            models.Index(fields=["name_folded"], name="correspondent_folded_idx",
                         opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["organ_id"], name="correspondent_organ_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        # Derived column kept in step whatever path writes the row (admin, import, service).
        self.name_folded = fold(f"{self.name} {self.short_name}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"name_folded"}
        super().save(*args, **kwargs)


class DocumentType(models.Model):
    """Appendix III of Decree 30: Quyết định QĐ, Kế hoạch KH, ...; Công văn has no abbreviation."""

    name = models.CharField(_("tên loại văn bản"), max_length=120, unique=True)
    abbreviation = models.CharField(_("chữ viết tắt"), max_length=10, blank=True)
    is_copy = models.BooleanField(_("là bản sao"), default=False,
                                  help_text=_("Bản sao y, trích sao, sao lục có sổ riêng."))
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_cong_van(self) -> bool:
        return not self.abbreviation


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "off", _("Ngày nghỉ")
    WORKING = "working", _("Ngày làm việc bù")


class CalendarDay(models.Model):
    """An exception to Monday–Friday: a holiday, or a Saturday/Sunday worked in a swap."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=8, choices=CalendarDayKind.choices)
    name = models.CharField(_("lý do"), max_length=120)

    class Meta:
        verbose_name = _("ngày nghỉ / làm bù")
        verbose_name_plural = _("lịch ngày nghỉ, làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class Urgency(models.TextChoices):
    """Độ khẩn, least to most; the integer order sorts urgent documents first."""

    NORMAL = "normal", _("Thường")
    URGENT = "khan", _("Khẩn")
    VERY_URGENT = "thuong_khan", _("Thượng khẩn")
    FLASH = "hoa_toc", _("Hỏa tốc")


URGENCY_RANK = {Urgency.NORMAL: 0, Urgency.URGENT: 1, Urgency.VERY_URGENT: 2, Urgency.FLASH: 3}


class Secrecy(models.TextChoices):
    """Độ mật. Secret documents keep metadata only, in their own registers."""

    NORMAL = "normal", _("Thường")
    SECRET = "mat", _("Mật")
    TOP_SECRET = "toi_mat", _("Tối mật")
    ABSOLUTE = "tuyet_mat", _("Tuyệt mật")


class Direction(models.TextChoices):
    INCOMING = "in", _("Văn bản đến")
    OUTGOING = "out", _("Văn bản đi")


class Register(models.Model):
    """One numbering sequence: an agency's incoming or outgoing book for one year.

    `last_number` is the counter the numbering service locks; documents carry
    (register, number) under a unique constraint of their own.
    """

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="registers")
    direction = models.CharField(_("loại sổ"), max_length=3, choices=Direction.choices)
    is_secret = models.BooleanField(_("sổ văn bản mật"), default=False)
    year = models.PositiveSmallIntegerField(_("năm"))
    series = models.CharField(
        _("dãy số"), max_length=20, blank=True, default="",
        help_text=_("Để trống cho sổ chính; ví dụ SY cho bản sao."),
    )
    name = models.CharField(_("tên sổ"), max_length=160)
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sổ đăng ký")
        verbose_name_plural = _("sổ đăng ký")
        ordering = ["-year", "agency_id", "direction", "is_secret", "series"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "direction", "is_secret", "year", "series"],
                name="register_sequence_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"
