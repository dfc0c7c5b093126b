"""Workers of the reports app: thin, by id, safe to run twice (a claimed row runs once)."""

from celery import shared_task

from . import exports, imports


@shared_task(name="registry.reports.tasks.export_run", ignore_result=True,
             soft_time_limit=1500, time_limit=1800)
def export_run(export_id: int) -> None:
    exports.export_run(export_id=export_id)


@shared_task(name="registry.reports.tasks.import_run", ignore_result=True,
             soft_time_limit=1500, time_limit=1800)
def import_run(job_id: int) -> None:
    imports.import_run(job_id=job_id)


@shared_task(name="registry.reports.tasks.jobs_sweep", ignore_result=True,
             soft_time_limit=1500, time_limit=1800)
def jobs_sweep() -> None:
    exports.exports_sweep()
    imports.imports_sweep()
