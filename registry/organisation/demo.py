"""The demo office: a provincial People's Committee with the people of the seed text.

Built only when asked (`manage.py seed_demo`); every step is idempotent. Other apps add
their documents through `DEMO_EXTENSIONS` hooks (see seed_demo).
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import Agency, Correspondent, CorrespondentKind, Direction, Position, Role, Unit, User
from .numbering import register_for_year
from .reference import reference_data_ensure

DEMO_PASSWORD = "demo"

UNITS = [
    # abbreviation, name, parent abbreviation
    ("TT", "Thường trực UBND tỉnh", None),
    ("VP", "Văn phòng UBND tỉnh", None),
    ("TH", "Phòng Tổng hợp", "VP"),
    ("KT", "Phòng Kinh tế", "VP"),
    ("VX", "Phòng Khoa giáo - Văn xã", "VP"),
    ("NC", "Phòng Nội chính", "VP"),
    ("HCTC", "Phòng Hành chính - Tổ chức", "VP"),
    ("KSTT", "Phòng Kiểm soát thủ tục hành chính", "VP"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    position: str
    unit: str
    roles: tuple[str, ...]
    head_of: str | None = None


USERS = [
    DemoUser("vanthu", "Nguyễn Thị Thu Hà", "Văn thư", "HCTC", (Role.CLERK,)),
    DemoUser("lanhdao", "Đinh Chung Phụng", "Phó Chủ tịch", "TT", (Role.LEADER,)),
    DemoUser("chutich", "Nguyễn Văn Phóng", "Chủ tịch", "TT", (Role.LEADER,), "TT"),
    DemoUser("chanhvanphong", "Vũ Công Hoan", "Chánh Văn phòng", "VP", (Role.LEADER,), "VP"),
    DemoUser("truongphongth", "Phạm Thị Hồng Giang", "Trưởng phòng", "TH",
             (Role.STAFF, Role.LEADER), "TH"),
    DemoUser("chuyenvien", "Trần Đức Lam", "Chuyên viên", "TH", (Role.STAFF,)),
    DemoUser("chuyenvien2", "Lê Thị Minh Nguyệt", "Chuyên viên", "TH", (Role.STAFF,)),
    DemoUser("truongphongkt", "Hoàng Văn Tuấn", "Trưởng phòng", "KT",
             (Role.STAFF, Role.LEADER), "KT"),
    DemoUser("chuyenvienkt", "Đỗ Thị Hương", "Chuyên viên", "KT", (Role.STAFF,)),
    DemoUser("chuyenvienvx", "Bùi Quang Huy", "Chuyên viên", "VX", (Role.STAFF,)),
    DemoUser("chuyenviennc", "Ngô Thị Thanh Bình", "Chuyên viên", "NC", (Role.STAFF,)),
    DemoUser("quantri", "Lê Quang Trị", "Chuyên viên", "HCTC", (Role.ADMIN,)),
]

CORRESPONDENTS: list[tuple[str, str, str]] = [
    ("Văn phòng Chính phủ", "VPCP", CorrespondentKind.CENTRAL),
    ("Bộ Nội vụ", "BNV", CorrespondentKind.CENTRAL),
    ("Bộ Tài chính", "BTC", CorrespondentKind.CENTRAL),
    ("Bộ Xây dựng", "BXD", CorrespondentKind.CENTRAL),
    ("Bộ Nông nghiệp và Môi trường", "BNNMT", CorrespondentKind.CENTRAL),
    ("Bộ Công Thương", "BCT", CorrespondentKind.CENTRAL),
    ("Bộ Giáo dục và Đào tạo", "BGDĐT", CorrespondentKind.CENTRAL),
    ("Bộ Y tế", "BYT", CorrespondentKind.CENTRAL),
    ("Bộ Khoa học và Công nghệ", "BKHCN", CorrespondentKind.CENTRAL),
    ("Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL", CorrespondentKind.CENTRAL),
    ("Bộ Công an", "BCA", CorrespondentKind.CENTRAL),
    ("Bộ Kế hoạch và Đầu tư", "BKHĐT", CorrespondentKind.CENTRAL),
    ("Thanh tra Chính phủ", "TTCP", CorrespondentKind.CENTRAL),
    ("Tỉnh ủy Hưng Yên", "TU", CorrespondentKind.PROVINCE),
    ("Hội đồng nhân dân tỉnh Hưng Yên", "HĐND", CorrespondentKind.PROVINCE),
    ("Sở Tài chính", "STC", CorrespondentKind.DEPARTMENT),
    ("Sở Nội vụ", "SNV", CorrespondentKind.DEPARTMENT),
    ("Sở Xây dựng", "SXD", CorrespondentKind.DEPARTMENT),
    ("Sở Nông nghiệp và Môi trường", "SNNMT", CorrespondentKind.DEPARTMENT),
    ("Sở Công Thương", "SCT", CorrespondentKind.DEPARTMENT),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", CorrespondentKind.DEPARTMENT),
    ("Sở Y tế", "SYT", CorrespondentKind.DEPARTMENT),
    ("Sở Khoa học và Công nghệ", "SKHCN", CorrespondentKind.DEPARTMENT),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", CorrespondentKind.DEPARTMENT),
    ("Sở Tư pháp", "STP", CorrespondentKind.DEPARTMENT),
    ("Thanh tra tỉnh", "TTr", CorrespondentKind.DEPARTMENT),
    ("Công an tỉnh", "CAT", CorrespondentKind.DEPARTMENT),
    ("UBND phường Phố Hiến", "", CorrespondentKind.COMMUNE),
    ("UBND phường Sơn Nam", "", CorrespondentKind.COMMUNE),
    ("UBND xã Hoàng Hoa Thám", "", CorrespondentKind.COMMUNE),
    ("UBND xã Tiên Lữ", "", CorrespondentKind.COMMUNE),
    ("UBND xã Phù Cừ", "", CorrespondentKind.COMMUNE),
    ("UBND xã Văn Giang", "", CorrespondentKind.COMMUNE),
    ("UBND huyện Phù Cừ", "", CorrespondentKind.DISTRICT),
    ("UBND huyện Tiên Lữ", "", CorrespondentKind.DISTRICT),
    ("UBND thành phố Hưng Yên", "", CorrespondentKind.DISTRICT),
    ("Ngân hàng Nhà nước Chi nhánh Khu vực 4", "NHNN", CorrespondentKind.OTHER),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên", "MTTQ", CorrespondentKind.PROVINCE),
]


@transaction.atomic
def demo_organisation_ensure(today: dt.date | None = None) -> Agency:
    reference_data_ensure()
    today = today or timezone.localdate()
    agency, _ = Agency.objects.get_or_create(
        abbreviation="UBND", name="Ủy ban nhân dân tỉnh Hưng Yên",
        defaults={"short_name": "UBND tỉnh Hưng Yên", "organ_id": "000.00.00.H31",
                  "place": "Hưng Yên"},
    )
    units: dict[str, Unit] = {}
    for order, (abbr, name, parent) in enumerate(UNITS):
        units[abbr], _ = Unit.objects.get_or_create(
            agency=agency, abbreviation=abbr,
            defaults={"name": name, "parent": units.get(parent) if parent else None,
                      "sort_order": order},
        )
    for spec in USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(username=spec.username)
            user.set_password(DEMO_PASSWORD)
        user.full_name = spec.full_name
        user.email = f"{spec.username}@hungyen.example"
        user.agency = agency
        user.unit = units[spec.unit]
        user.position = Position.objects.get(name=spec.position)
        user.roles = list(spec.roles)
        user.is_staff = user.is_superuser = Role.ADMIN in spec.roles
        user.save()
        if spec.head_of:
            Unit.objects.filter(pk=units[spec.head_of].pk).update(head=user)
    for name, short, kind in CORRESPONDENTS:
        Correspondent.objects.get_or_create(name=name, defaults={"short_name": short,
                                                                 "kind": kind})
    for year in (today.year,):
        for direction in (Direction.INCOMING, Direction.OUTGOING):
            for secret in (False, True):
                register_for_year(agency=agency, direction=direction, year=year,
                                  is_secret=secret)
        register_for_year(agency=agency, direction=Direction.OUTGOING, year=year, series="SY")
    return agency
