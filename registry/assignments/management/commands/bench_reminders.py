import datetime as dt

import psycopg2
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections


class Command(BaseCommand):
    help = ("Đo thời gian một lượt nhắc việc trên N việc đang mở, trong một cơ sở dữ liệu "
            "tạm (tạo mới rồi xóa).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=100_000)
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--past-days", type=int, default=10)
        parser.add_argument("--future-days", type=int, default=60)
        parser.add_argument("--keep", action="store_true", help="Giữ lại cơ sở dữ liệu tạm.")

    def _admin(self, sql: str) -> None:
        params = connections["default"].get_connection_params()
        params = {k: v for k, v in params.items()
                  if k in {"user", "password", "host", "port"}}
        conn = psycopg2.connect(dbname="postgres", **params)
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(sql)
        conn.close()

    def handle(self, *args: object, **options: object) -> None:
        from registry.assignments.bench import reminders_benchmark

        scratch = f"{settings.DATABASES['default']['NAME']}_bench_reminders"
        self._admin(f'DROP DATABASE IF EXISTS "{scratch}"')
        self._admin(f'CREATE DATABASE "{scratch}"')
        connections["default"].close()
        connections["default"].settings_dict["NAME"] = scratch
        try:
            call_command("migrate", verbosity=0)
            result = reminders_benchmark(count=int(options["count"]),  # type: ignore[call-overload]
                                         today=options["date"],  # type: ignore[arg-type]
                                         past_days=int(options["past_days"]),  # type: ignore[call-overload]
                                         future_days=int(options["future_days"]))  # type: ignore[call-overload]
            for key, value in result.items():
                self.stdout.write(f"{key}: {value}")
        finally:
            connections["default"].close()
            if not options["keep"]:
                self._admin(f'DROP DATABASE IF EXISTS "{scratch}"')
