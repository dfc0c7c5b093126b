from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from registry.core.backup import backup_create


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp đính kèm (kèm mã kiểm tra SHA-256) vào một thư mục."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=None,
                            help="thư mục đích (mặc định var/backups/<thời điểm>)")

    def handle(self, *args: object, **options: object) -> None:
        target = options["output"] or Path("var/backups") / timezone.now().strftime(
            "%Y%m%d-%H%M%S")
        result = backup_create(target=Path(str(target)))
        self.stdout.write(self.style.SUCCESS(
            f"Đã sao lưu vào {result.folder}: {result.tables} bảng, {result.files} tệp."))
