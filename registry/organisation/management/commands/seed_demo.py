from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from registry.organisation.demo import DEMO_PASSWORD, USERS, demo_organisation_ensure

# Each capability app adds its demo documents here, in dependency order.
DEMO_EXTENSIONS: list[str] = [
    "registry.incoming.demo.demo_incoming_ensure",
    "registry.assignments.demo.demo_assignments_ensure",
    "registry.outgoing.demo.demo_outgoing_ensure",
    "registry.casefiles.demo.demo_casefiles_ensure",
]


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: UBND tỉnh, các phòng, người dùng demo, sổ đăng ký (chạy lại an toàn)."

    def handle(self, *args: object, **options: object) -> None:
        agency = demo_organisation_ensure()
        for dotted in DEMO_EXTENSIONS:
            import_string(dotted)(agency=agency)
        self.stdout.write(self.style.SUCCESS(f"Dữ liệu mẫu sẵn sàng: {agency}"))
        for spec in USERS:
            self.stdout.write(f"  {spec.username:15} / {DEMO_PASSWORD}   {spec.full_name} "
                              f"({spec.position})")
