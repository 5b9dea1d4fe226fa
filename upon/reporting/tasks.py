"""Background work for reporting, run by django-tasks (db_worker in production; at once in
tests and under `make run`'s default immediate backend)."""

from django_tasks import task

from upon.reporting import report


@task()
def build_funder_report(report_id: int) -> str:
    """Build one version of the funder's report (its PDF and workbook); returns its status."""
    return report.build(report_id=report_id)
