"""The funder's report: the team asks for a version for a period, a background job builds its
PDF and workbook, and the funder downloads the finished ones.

A version moves queued -> running -> done, or -> failed with the reason in words. The job
records what it is doing (`step`) and how far it has got (`progress`, a percent) as it goes,
each in its own short write, so the progress page reads it while the job runs in the worker.
Every version is kept: asking again makes the next version, never a change to an old one.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from upon.reporting import report_figures, report_pdf, report_workbook
from upon.reporting.models import FunderReport, ReportStatus

logger = logging.getLogger(__name__)

# What the job does, in order: (percent when it starts, the words the progress page shows).
READING, PDF, WORKBOOK, SAVING = (
    (5, "Reading the figures"),
    (35, "Writing the PDF"),
    (80, "Writing the workbook"),
    (95, "Saving the files"),
)
# The list and progress pages never load the files.
FILES = ("pdf", "xlsx")


def create_report(
    *, programme, starts_on: datetime.date, ends_on: datetime.date, narrative: str, by, now
) -> FunderReport:
    """Keep the next version of the programme's report (the form has checked the period) and
    queue the job that builds it."""
    from upon.reporting import tasks

    for _ in range(3):  # two people asking at the same moment: the second takes the next number
        try:
            with transaction.atomic():
                latest = FunderReport.objects.filter(programme=programme).aggregate(
                    n=Max("version")
                )["n"]
                report = FunderReport.objects.create(
                    programme=programme,
                    version=(latest or 0) + 1,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    narrative=narrative,
                    created_by=by,
                    created_at=now,
                    step=ReportStatus.QUEUED.label,
                )
            break
        except IntegrityError:
            continue
    else:
        raise IntegrityError("Could not number the new version of the report")
    tasks.build_funder_report.enqueue(report.pk)
    return report


def reports_for(*, programme, team: bool):
    """The programme's versions, newest first: every one for the team, the finished ones for
    the funder. The files stay in the database."""
    reports = FunderReport.objects.filter(programme=programme).defer(*FILES)
    if not team:
        reports = reports.filter(status=ReportStatus.DONE)
    return reports.select_related("created_by").order_by("-version")


def claim(*, report_id: int, now) -> bool:
    """Mark a queued version running; False if it is not queued (a retry of a job that has
    run already, or a version someone removed)."""
    return bool(
        FunderReport.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
            status=ReportStatus.RUNNING, progress=0, step="Starting", error=""
        )
    )


def advance(*, report_id: int, step: tuple[int, str]) -> None:
    percent, words = step
    FunderReport.objects.filter(pk=report_id).update(progress=percent, step=words)


def fail(*, report_id: int, step: str, error: Exception, now) -> None:
    message = f"The report could not be built. {step} failed: {error}"
    FunderReport.objects.filter(pk=report_id).update(
        status=ReportStatus.FAILED, error=message, step=step, finished_at=now
    )


def build(*, report_id: int, now=None) -> str:
    """The job: build the version's PDF and workbook and keep them. Returns its status."""
    now = now or timezone.now()
    if not claim(report_id=report_id, now=now):
        return FunderReport.objects.filter(pk=report_id).values_list("status", flat=True).first()
    report = FunderReport.objects.defer(*FILES).select_related("programme").get(pk=report_id)
    step = READING
    # No transaction around the steps: each write of the progress is seen as it happens. The
    # files and "done" are saved in one statement at the end, so a failure leaves no file.
    try:
        advance(report_id=report_id, step=step)
        figures = report_figures.gather(
            programme=report.programme,
            starts_on=report.starts_on,
            ends_on=report.ends_on,
            today=timezone.localdate(now),
        )
        advance(report_id=report_id, step=(step := PDF))
        pdf = report_pdf.pdf_bytes(figures=figures, report=report, now=now)
        advance(report_id=report_id, step=(step := WORKBOOK))
        xlsx = report_workbook.xlsx_bytes(figures=figures, report=report, now=now)
        advance(report_id=report_id, step=(step := SAVING))
        FunderReport.objects.filter(pk=report_id).update(
            pdf=pdf,
            xlsx=xlsx,
            status=ReportStatus.DONE,
            progress=100,
            step=ReportStatus.DONE.label,
            finished_at=timezone.now(),
        )
    except Exception as error:
        logger.exception("The funder's report %s failed", report_id)
        fail(report_id=report_id, step=step[1], error=error, now=timezone.now())
        return ReportStatus.FAILED
    return ReportStatus.DONE


def filename(*, report: FunderReport, extension: str) -> str:
    name = slugify(report.programme.name) or "programme"
    return f"{name}-funders-report-version-{report.version}.{extension}"
