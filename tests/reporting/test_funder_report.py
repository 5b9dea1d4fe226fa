"""The funder's report: its figures, the PDF and workbook the job builds (read back), its
progress, its versions and its failures. On the programme and register of
funder_report_world.py, worked out by hand there."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.delivery.factories import CohortFactory, ParticipantFactory
from tests.factories import ProgrammeFactory
from tests.reporting.funder_report_world import PERIOD, build_world
from tests.reporting.outcomes_world import NOON, intake_of
from upon.delivery.models import ParticipantStatus
from upon.reporting import report, report_figures
from upon.reporting.models import FunderReport, ReportStatus

pytestmark = pytest.mark.django_db
NARRATIVE = "A year of firsts.\n\nTwo <b>alumni</b> became directors."


@pytest.fixture(autouse=True)
def december(time_machine):
    time_machine.move_to(NOON, tick=False)


@pytest.fixture
def world(programme, team):
    return build_world(programme, team)


def build(programme, team, **period):
    made = report.create_report(
        programme=programme, narrative=NARRATIVE, by=team, now=NOON, **(period or PERIOD)
    )
    made.refresh_from_db()
    return made


def shown(figures):
    return [(f.label, f.hidden if f.value is None else f.value) for f in figures]


HEADLINES = [
    ("The grant", Decimal("1200000.00")),
    ("Spent in the period", Decimal("120000.00")),
    ("Spent by the end of the period", Decimal("420000.00")),
    ("People who took a place", "Hidden to protect a small group"),
    ("People who completed the programme", "Fewer than 5"),
    ("People appointed director", "Fewer than 5"),
]
REGISTER_2022 = [
    ("Changes of director", 10),
    ("Authorities with a change", 10),
    ("Interim appointments", 5),
    ("Interims made permanent", 0),
    ("Moves from another authority", 0),
    ("Experienced directors appointed", 0),
    ("New permanent directors", 5),
    ("Authorities with a director on 31 March", 10),
    ("Of those, with an interim director", 5),
    ("Of those, with a twin-hat director", "Fewer than 5"),
    ("Average tenure in one authority on 31 March, in months", 10.0),
    ("Average tenure as a director across posts on 31 March, in months", 10.0),
]


# The figures --------------------------------------------------------------------------------


def test_the_figures_are_the_funders(programme, world, django_assert_num_queries):
    with django_assert_num_queries(12):  # the register's state, then the register
        figures = report_figures.gather(programme=programme, today=NOON.date(), **PERIOD)
    assert shown(figures.headlines) == HEADLINES
    assert [
        (line.name, line.starts_on.year, line.budget, line.in_period, line.by_end, line.left)
        for line in figures.lines
    ] == [
        ("Delivery", 2021, Decimal(600_000), Decimal(0), Decimal("300000.00"), Decimal(300_000)),
        ("Evaluation", 2021, Decimal(100_000), Decimal(0), Decimal(0), Decimal(100_000)),
        ("Delivery", 2022, Decimal(500_000), Decimal(120_000), Decimal(120_000), Decimal(380_000)),
    ]
    assert [(c.label, c.count, c.cost, c.hidden) for c in figures.costs] == [
        ("Cost per participant", None, None, "Hidden to protect a small group"),
        ("Cost per completer", None, None, "Fewer than 5"),
        ("Cost per director appointed", None, None, "Fewer than 5"),
    ]
    # Only the intake that opened in the period, with its small counts hidden.
    assert [found.intake.name for found in figures.funnels] == ["Intake 2022"]
    assert [(f.key, f.count, f.hidden) for f in figures.funnels[0].figures][:3] == [
        ("applied", None, "Fewer than 5"),
        ("eligible", None, "Fewer than 5"),
        ("shortlisted", 0, ""),
    ]
    assert [year.label for year in figures.register] == ["2022/23"]
    assert shown(figures.register[0].figures) == REGISTER_2022


def test_register_years_are_those_in_the_period_that_have_ended(programme, world):
    years = report_figures.reporting_years(
        starts_on=datetime.date(2024, 6, 1), ends_on=datetime.date(2026, 11, 30), today=NOON.date()
    )
    # 2026/27 has not ended on 3 December 2026.
    assert [year.label for year in years] == ["2024/25", "2025/26"]


def test_a_small_change_is_hidden_with_what_would_give_it_away(programme, world):
    # 2 moves among 12 changes: the moves are hidden, and so is another kind (the first of the
    # smallest), so they cannot be worked out from the total; 11 authorities with a change
    # beside 12 changes would give away the one authority with two.
    from upon.workforce.algorithms import turnover

    average = turnover.TenureAverage(20, 30.0, 15, 35.0, 5, 10.0)
    found = turnover.YearFigures(
        year=turnover.ReportingYear(2022),
        changes=12,
        authorities_with_change=11,
        interim_appointments=5,
        made_permanent=0,
        moves=2,
        experienced=0,
        new_permanent=5,
        in_post_at_end=150,
        interims_in_post_at_end=20,
        twin_hat_at_end=3,
        tenure_in_authority=average,
        tenure_as_director=turnover.TenureAverage(4, 30.0, 4, 30.0, 0, None),
    )
    assert shown(report_figures.register_year(found).figures) == [
        ("Changes of director", 12),
        ("Authorities with a change", "Hidden to protect a small group"),
        ("Interim appointments", "Hidden to protect a small group"),
        ("Interims made permanent", 0),
        ("Moves from another authority", "Fewer than 5"),
        ("Experienced directors appointed", 0),
        ("New permanent directors", 5),
        ("Authorities with a director on 31 March", 150),
        ("Of those, with an interim director", 20),
        ("Of those, with a twin-hat director", "Fewer than 5"),
        ("Average tenure in one authority on 31 March, in months", 30.0),
        (
            "Average tenure as a director across posts on 31 March, in months",
            "Fewer than 5 directors",
        ),
    ]


# The job, the PDF and the workbook -------------------------------------------------------


def test_the_job_builds_a_pdf_whose_headline_figures_read_back(programme, team, world):
    made = build(programme, team)
    assert (made.status, made.progress, made.step, made.error) == ("done", 100, "Ready", "")
    assert (made.version, made.finished_at, made.created_by) == (1, NOON, team)
    pdf = pypdf.PdfReader(io.BytesIO(bytes(made.pdf)))
    first = pdf.pages[0].extract_text().splitlines()
    assert first[:4] == [
        "Upon Programme",
        "Report to the funder",
        "Period: 1 April 2022 to 31 March 2023",
        "Version 1, built on 3 December 2026.",
    ]
    assert first[5:12] == [
        "The grant £1,200,000",
        "Spent in the period £120,000",
        "Spent by the end of the period £420,000",
        "People who took a place Hidden to protect a small",
        "group",
        "People who completed the programme Fewer than 5",
        "People appointed director Fewer than 5",
    ]
    # The narrative as typed: its markup is text, not markup.
    assert first[13:16] == [
        "From the programme team",
        "A year of firsts.",
        "Two <b>alumni</b> became directors.",
    ]
    text = "\n".join(page.extract_text() for page in pdf.pages)
    hidden = "Cost per participant Hidden to protect a small group Not shown"
    assert hidden in text.replace("\n", " ")
    assert "Delivery, 1 April 2022 to 31\nMarch 2023\n£500,000 £120,000 £120,000 £380,000" in text
    assert "Total £1,200,000 £120,000 £420,000 £780,000" in text
    assert "Changes of director 10" in text
    assert "Of those, with a twin-hat director Fewer than 5" in text
    assert "Budget and spend by the grant's periods" in text  # the charts' titles
    assert "Intake 2022: from applying to becoming a director" in text
    assert "Changes of director in England, by reporting year" in text
    assert "Method" in text and "Definitions" in text
    # Nothing individual: no spend's description, no participant's name.
    for words in ("Taught days", "Coaching", "Learning visits", "Tess Team"):
        assert words not in text
    assert pdf.metadata.title == (
        "Upon Programme: report to the funder, 1 April 2022 to 31 March 2023"
    )


def test_the_workbook_reads_back_sheet_by_sheet(programme, team, world):
    made = build(programme, team)
    book = openpyxl.load_workbook(io.BytesIO(bytes(made.xlsx)))
    assert book.sheetnames == [
        "About this report",
        "Headline figures",
        "Budget against spend",
        "Cost per person",
        "Funnel by intake",
        "Register by year",
        "Definitions",
    ]

    def rows(name):
        return [list(row) for row in book[name].iter_rows(values_only=True)]

    about = rows("About this report")
    assert about[:6] == [
        ["Report to the funder", None],
        ["Programme", "Upon Programme"],
        ["Report to the funder, version", 1],
        ["Period", "1 April 2022 to 31 March 2023"],
        ["Built on", "3 December 2026"],
        ["From the programme team", NARRATIVE],
    ]
    assert [row[0] for row in about[6:]] == ["Method", "Method", "Method"]
    assert rows("Headline figures") == [
        ["Headline figure", "Value"],
        ["The grant", 1200000],
        ["Spent in the period", 120000],
        ["Spent by the end of the period", 420000],
        ["People who took a place", "Hidden to protect a small group"],
        ["People who completed the programme", "Fewer than 5"],
        ["People appointed director", "Fewer than 5"],
    ]
    assert book["Headline figures"]["B2"].number_format == '"£"#,##0.00'
    assert rows("Budget against spend") == [
        ["Budget line", "Budget", "Spent in the period", "Spent by the end of the period", "Left"],
        ["Delivery, 1 April 2021 to 31 March 2022", 600000, 0, 300000, 300000],
        ["Evaluation, 1 April 2021 to 31 March 2022", 100000, 0, 0, 100000],
        ["Delivery, 1 April 2022 to 31 March 2023", 500000, 120000, 120000, 380000],
        ["Total", 1200000, 120000, 420000, 780000],
    ]
    assert rows("Cost per person") == [
        ["Cost", "People", "Cost per person"],
        ["Cost per participant", "Hidden to protect a small group", "Not shown"],
        ["Cost per completer", "Fewer than 5", "Not shown"],
        ["Cost per director appointed", "Fewer than 5", "Not shown"],
    ]
    funnel_rows = rows("Funnel by intake")
    assert funnel_rows[0][:3] == ["Intake", "Applied", "Eligible"]
    assert funnel_rows[1:] == [
        ["Intake 2022", "Fewer than 5", "Fewer than 5", 0, 0, 0, 0, 0, 0, 0, 0, None]
    ]
    assert rows("Register by year") == [["Figure", "2022/23"]] + [
        [label, value] for label, value in REGISTER_2022
    ]
    definitions = rows("Definitions")
    assert definitions[0] == ["Term", "What it means"]
    assert [row[0] for row in definitions[1:]] == [term for term, _ in report_figures.definitions()]
    assert "Cost per completer" in [row[0] for row in definitions]


def test_every_version_is_kept(programme, team, world):
    first = build(programme, team)
    second = build(programme, team, starts_on=datetime.date(2021, 4, 1), ends_on=PERIOD["ends_on"])
    assert [(r.version, r.starts_on, r.status) for r in FunderReport.objects.all()] == [
        (2, datetime.date(2021, 4, 1), "done"),
        (1, datetime.date(2022, 4, 1), "done"),
    ]
    # Each keeps its own files: the longer period counts all the spend in it.
    headline = openpyxl.load_workbook(io.BytesIO(bytes(second.xlsx)))["Headline figures"]
    assert headline["B3"].value == 420000
    first.refresh_from_db()
    assert (
        openpyxl.load_workbook(io.BytesIO(bytes(first.xlsx)))["Headline figures"]["B3"].value
        == 120000
    )
    # Another programme numbers its own versions from 1.
    other = ProgrammeFactory(name="Another programme")
    assert build(other, team).version == 1


def test_a_failure_is_recorded_with_a_clear_message(programme, team, world):
    # Someone completed a cohort of Intake 2023 without an accepted offer: the funnel cannot
    # be true, and the report says so rather than print it.
    cohort = CohortFactory(intake=intake_of(programme, 2023))
    ParticipantFactory(cohort=cohort, status=ParticipantStatus.COMPLETED)
    made = build(programme, team)
    assert (made.status, made.progress, made.step) == ("failed", 5, "Reading the figures")
    assert made.error == (
        "The report could not be built. Reading the figures failed: "
        "completed (1) cannot exceed accepted (0)"
    )
    assert (bytes(made.pdf), bytes(made.xlsx), made.finished_at) == (b"", b"", NOON)


# The worker commits and may close its connection between tasks, as it does in production:
# this test commits too (a rolled-back test's connection must stay open).
@pytest.mark.django_db(transaction=True)
def test_progress_from_queued_to_done_with_the_database_worker(
    programme, team, world, settings, client
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    made = build(programme, team)
    client.force_login(team)
    url = reverse("reporting:funder_report_progress", args=[made.pk])

    def banner():
        page = client.get(url).content.decode()
        start = page.index('<p class="govuk-notification-banner__heading">')
        return page[start:].split("</div>")[0]

    assert (made.status, made.progress, made.step) == ("queued", 0, "Waiting to start")
    assert "The report is waiting to start" in banner()
    assert "Waiting to start: 0% done." in banner()

    assert report.claim(report_id=made.pk, now=NOON)
    report.advance(report_id=made.pk, step=report.PDF)
    assert "The report is being built" in banner()
    assert "Writing the PDF: 35% done." in banner()
    # htmx asks for the status alone while the job runs, and is told to stop when it is done.
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()

    FunderReport.objects.filter(pk=made.pk).update(status=ReportStatus.QUEUED)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    made.refresh_from_db()
    assert (made.status, made.progress) == ("done", 100)
    assert "The report is ready" in banner()
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 286


def test_a_job_run_again_changes_nothing(programme, team, world):
    made = build(programme, team)
    assert report.build(report_id=made.pk) == "done"
    again = FunderReport.objects.get(pk=made.pk)
    assert (bytes(again.pdf), again.finished_at) == (bytes(made.pdf), made.finished_at)
