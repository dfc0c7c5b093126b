"""Import or refresh the agency code history from a CSV/XLSX list."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registry.exchange.services import agency_codes_import


class Command(BaseCommand):
    help = "Nhập/cập nhật danh mục mã định danh cơ quan từ tệp CSV hoặc XLSX."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("path", help="Tệp CSV (UTF-8) hoặc XLSX")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.")
        stored, errors = agency_codes_import(actor=None, data=path.read_bytes(),
                                             filename=path.name)
        for error in errors:
            self.stderr.write(error)
        self.stdout.write(f"Đã nhập {stored} dòng, {len(errors)} lỗi.")
        if not stored:
            raise CommandError("Không nhập được dòng nào.")
