"""Keeping the assignments' folded text in step (a minute behind at most)."""

from celery import shared_task

from .services import assignment_texts_sync


@shared_task(name="registry.search.tasks.assignment_texts_sync", ignore_result=True,
             soft_time_limit=240, time_limit=300)
def assignment_texts_sync_task() -> int:
    return assignment_texts_sync()
