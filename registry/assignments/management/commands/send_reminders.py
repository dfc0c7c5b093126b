import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser

from registry.assignments.reminders import reminders_sweep


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = ("Chạy một lượt nhắc việc ngay (đồng bộ). Chạy lại an toàn: mỗi lời nhắc chỉ gửi "
            "một lần.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=_date, default=None,
                            help="Ngày coi là hôm nay, YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args: object, **options: object) -> None:
        date = options["date"]
        result = reminders_sweep(today=date if isinstance(date, dt.date) else None)
        self.stdout.write(self.style.SUCCESS(
            f"Đã xét {result.candidates} việc; {result.reminders} lời nhắc mới, "
            f"{result.notifications} thông báo."))
