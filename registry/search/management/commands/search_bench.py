"""Seed a scratch database and measure the search (see registry/search/bench.py)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from registry.search.bench import search_explain, search_seed


class Command(BaseCommand):
    help = "Đo tìm kiếm trên cơ sở dữ liệu thử (không dùng cho dữ liệu thật)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=0, help="incoming documents to add")
        parser.add_argument("--outgoing", type=int, default=0)
        parser.add_argument("--explain", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["seed"]:
            search_seed(incoming=options["seed"], outgoing=options["outgoing"])
        if options["explain"]:
            search_explain(self.stdout.write)
