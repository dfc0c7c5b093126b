"""python manage.py bench [--scale N] — generate a province-sized data set in a private
database and measure registration, pages, search, the reminder sweep, queries and memory,
each next to a ceiling measured the same way in the same run."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg2
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from registry.core.backup import database_dsn

ROOT = Path(settings.BASE_DIR)


class Command(BaseCommand):
    help = "Đo hiệu năng trên một cơ sở dữ liệu riêng (mặc định 1.000.000 văn bản đến)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=1_000_000)
        parser.add_argument("--seconds", type=float, default=10.0,
                            help="thời gian đo mỗi phép đo tải")
        parser.add_argument("--quick", action="store_true",
                            help="chạy nhanh để kiểm tra lệnh (không ghi docs/benchmarks.md)")
        parser.add_argument("--keep", action="store_true", help="giữ lại cơ sở dữ liệu đo")
        parser.add_argument("--reuse", action="store_true",
                            help="dùng lại cơ sở dữ liệu đo đã giữ (--keep) nếu có, không sinh lại")
        parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
        parser.add_argument("--database", default="",
                            help="tên cơ sở dữ liệu đo (mặc định <tên hiện tại>_bench)")
        parser.add_argument("--only", default="",
                            help="chỉ chạy các phần này, cách nhau bởi dấu phẩy "
                                 "(registration, queries, http, sweep); mặc định chạy tất cả")
        parser.add_argument("--inner", action="store_true", help=argparse_hidden())

    def handle(self, *args: object, **options: object) -> None:
        if options["inner"]:
            from registry.benchmarks.run import PHASES, bench_run

            only = frozenset(p.strip() for p in str(options["only"] or "").split(",")
                             if p.strip()) or frozenset(PHASES)
            call_command("migrate", verbosity=0)
            bench_run(scale=int(options["scale"]), seconds=float(options["seconds"]),
                      quick=bool(options["quick"]), output=Path(str(options["output"])),
                      only=only)
            return
        db = dict(settings.DATABASES["default"])
        name = str(options["database"] or f"{db['NAME']}_bench")
        if not (options["reuse"] and _exists(db, name)):
            _recreate(db, name)
        from registry.benchmarks.processes import bench_environment

        env = bench_environment(dict(os.environ))
        host = quote(db.get("HOST") or "", safe="")
        port = f":{db['PORT']}" if db.get("PORT") else ""
        password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
        user = db.get("USER") or "postgres"
        env["DATABASE_URL"] = f"postgres://{user}{password}@{host}{port}/{name}"
        env["DJANGO_SETTINGS_MODULE"] = "docflow.settings"
        argv = [sys.executable, "manage.py", "bench", "--inner", "--scale", str(options["scale"]),
                "--seconds", str(options["seconds"]), "--output", str(options["output"])]
        if options["quick"]:
            argv.append("--quick")
        if options["only"]:
            argv += ["--only", str(options["only"])]
        code = subprocess.call(argv, cwd=ROOT, env=env)
        if not (options["keep"] or options["reuse"]):
            _drop(db, name)
        if code:
            sys.exit(code)


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


def _admin(db: dict) -> "psycopg2.extensions.connection":
    conn = psycopg2.connect(database_dsn({**db, "NAME": "postgres"}))
    conn.autocommit = True
    return conn


def _recreate(db: dict, name: str) -> None:
    conn = _admin(db)
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def _exists(db: dict, name: str) -> bool:
    conn = _admin(db)
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        found = cursor.fetchone() is not None
    conn.close()
    return found


def _drop(db: dict, name: str) -> None:
    conn = _admin(db)
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()
