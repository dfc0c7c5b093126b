from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from registry.core.backup import BackupError, backup_restore, database_dsn


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu TRỐNG (kiểm tra mã SHA-256 trước)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--media-root", type=Path, default=None)

    def handle(self, *args: object, **options: object) -> None:
        folder = Path(str(options["folder"]))
        media_root = Path(str(options["media_root"] or settings.MEDIA_ROOT))
        try:
            counts = backup_restore(folder=folder, dsn=database_dsn(), media_root=media_root)
        except BackupError as exc:
            raise CommandError(f"Không khôi phục được: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(
            f"Đã khôi phục {sum(counts.values())} dòng trong {len(counts)} bảng."))
