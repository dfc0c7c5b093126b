"""Fold every assignment's content into the search index (after a bulk load or a restore)."""

from typing import Any

from django.core.management.base import BaseCommand

from registry.search.services import assignment_texts_sync_all


class Command(BaseCommand):
    help = "Đánh chỉ mục tìm kiếm cho nội dung giao việc chưa có trong chỉ mục."

    def handle(self, *args: Any, **options: Any) -> None:
        added = assignment_texts_sync_all()
        self.stdout.write(f"{added} assignment texts indexed")
