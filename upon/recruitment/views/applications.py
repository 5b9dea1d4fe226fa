"""The applicant's journey: start, the task list and its sections, check answers, submit,
withdraw, and the dashboard of their applications. Rules live in recruitment.services."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from upon.organisations.models import Region
from upon.programmes.models import Intake
from upon.recruitment import services
from upon.recruitment.access import get_application_for_applicant
from upon.recruitment.algorithms.eligibility import describe_months, senior_leadership_months
from upon.recruitment.forms_applications import (
    AboutYouForm,
    CareerEntryForm,
    CurrentRoleForm,
    DeclarationForm,
    StatementForm,
    WithdrawForm,
)
from upon.recruitment.models import Application, ApplicationStatus, EndorsementStatus
from upon.service.forms import GovukForm
from upon.service.once import once
from upon.service.times import time_on_date

try:  # written by the eligibility check; optional so the application works without it
    from upon.recruitment.eligibility import eligibility_answers
except ImportError:  # pragma: no cover
    eligibility_answers = None

PAGE_SIZE = 25
FULL = Application.objects.select_related("intake", "employer", "endorsement").prefetch_related(
    Prefetch("intake__capabilities"), "statements", "career"
)


def _editable(request, reference, queryset=None):
    """(application, None) for a draft, or (application, redirect) once it cannot change."""
    application = get_application_for_applicant(request, reference, queryset=queryset)
    if application.is_editable:
        return application, None
    messages.info(
        request,
        f"You cannot change this application because it is "
        f"{application.get_status_display().lower()}",
    )
    return application, redirect("recruitment:task_list", reference=reference)


def _draft_page(queryset=None):
    """A page of a draft application (GET and POST): the view gets the application; once the
    application cannot change, the person is sent back to its task list with a message."""

    def decorate(view):
        @login_required
        @require_http_methods(["GET", "POST"])
        @functools.wraps(view)
        def page(request, reference, **kwargs):
            application, locked = _editable(request, reference, queryset)
            return locked or view(request, application, **kwargs)

        return page

    return decorate


def _posted(request):
    """The POST data on a POST, even when empty (an unticked box), else None (unbound)."""
    return request.POST if request.method == "POST" else None


def _completing(request) -> bool:
    return request.POST.get("action") != "later"


def _saved(request, application, *, completing: bool):
    if not completing:
        messages.success(
            request,
            "Your answers have been saved. You can come back to them at any time before "
            f"applications close at {time_on_date(application.intake.closes_at)}.",
        )
    elif request.GET.get("return") == "check":  # came from a Change link on check answers
        return redirect("recruitment:check_answers", reference=application.reference)
    return redirect("recruitment:task_list", reference=application.reference)


def _section(request, template, application, form, **extra):
    return render(
        request,
        f"recruitment/applications/{template}",
        {"application": application, "form": form, **extra},
    )


def answer_sections(application, *, editable: bool) -> list[dict]:
    """The check answers summary: headings and (question, answer, change url) rows.

    Equality monitoring appears only as answered or not: the answers are never shown here.
    """

    def url(name, **kwargs):
        if not editable:
            return None
        path = reverse(name, kwargs={"reference": application.reference, **kwargs})
        return f"{path}?return=check"

    employer = application.employer
    about = [
        ("Full name", application.full_name, url("recruitment:about_you")),
        ("Phone number", application.phone, url("recruitment:about_you")),
    ]
    role_url = url("recruitment:current_role")
    role = [
        ("Job title", application.job_title, role_url),
        ("Level of your current role", application.get_role_level_display(), role_url),
        ("Sector", application.get_sector_display(), role_url),
        ("Employer", employer.name if employer else "", role_url),
        ("Region", Region(application.region).label if application.region else "", role_url),
        (
            "Started current role",
            f"{application.role_started:%-d %B %Y}" if application.role_started else "",
            role_url,
        ),
    ]
    entries = list(application.career.all())
    career_url = url("recruitment:career")
    career = [
        (
            f"{e.job_title}, {e.employer_name}",
            f"{e.started:%B %Y} to {f'{e.ended:%B %Y}' if e.ended else 'now'}"
            + (" (senior leadership)" if e.senior_leadership else ""),
            career_url,
        )
        for e in entries
    ]
    career.append(
        (
            "Senior leadership experience",
            describe_months(senior_leadership_months(entries, today=timezone.localdate())),
            career_url,
        )
    )
    texts = {s.capability_id: s.text for s in application.statements.all()}
    statements = [
        (
            c.name,
            texts.get(c.id, ""),
            url("recruitment:statement", position=c.position),
        )
        for c in application.intake.capabilities.all()
    ]
    endorsement = services.getattr_endorsement(application)
    sponsor_url = url("recruitment:endorsement")
    if endorsement and endorsement.status != EndorsementStatus.NOT_REQUESTED:
        sponsor = [
            ("Sponsor", f"{endorsement.sponsor_name} ({endorsement.sponsor_email})", sponsor_url),
            ("Sponsor's role", endorsement.get_sponsor_role_display(), sponsor_url),
            ("Endorsement", endorsement.get_status_display(), sponsor_url),
        ]
    else:
        sponsor = [("Sponsor", "", sponsor_url)]
    answered = services.EQUALITY in application.completed_sections
    equality_url = (
        reverse("reporting:monitoring_form", kwargs={"reference": application.reference})
        if editable
        else None
    )
    sponsor.append(
        ("Equality monitoring", "Answered" if answered else "Not answered", equality_url)
    )
    return [
        {"heading": "About you", "rows": about},
        {"heading": "Current role and employer", "rows": role},
        {"heading": "Career history", "rows": career},
        {"heading": "Capability statements", "rows": statements, "long": True},
        {"heading": "Sponsor and equality monitoring", "rows": sponsor},
    ]


# Starting ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def start_application(request, slug):
    intake = get_object_or_404(
        Intake.objects.select_related("programme").prefetch_related("capabilities"), slug=slug
    )
    now = timezone.now()
    existing = Application.objects.filter(applicant=request.user, intake=intake).first()
    if existing:
        messages.info(request, f"You have already started an application to {intake.name}")
        return redirect("recruitment:task_list", reference=existing.reference)
    if not intake.is_open(now):
        return render(
            request,
            "recruitment/applications/closed.html",
            {"intake": intake, "message": services.closed_message(intake, now=now)},
        )
    if request.method == "POST":
        answers = eligibility_answers(request, intake) if eligibility_answers else None
        try:
            application = services.start_application(
                applicant=request.user, intake=intake, eligibility=answers, now=now
            )
        except services.AlreadyApplied as already:
            application = already.application
        except services.IntakeClosed:  # closed between the page and the click
            return redirect("recruitment:start_application", slug=slug)
        return redirect("recruitment:task_list", reference=application.reference)
    return render(
        request,
        "recruitment/applications/start.html",
        {"intake": intake, "capabilities": list(intake.capabilities.all())},
    )


# The task list ---------------------------------------------------------------------------


@login_required
def task_list(request, reference):
    application = get_application_for_applicant(request, reference, queryset=FULL)
    if not application.is_editable:
        return render(
            request,
            "recruitment/applications/view.html",
            {
                "application": application,
                "sections": answer_sections(application, editable=False),
                "can_withdraw": application.status in services.WITHDRAWABLE,
            },
        )
    groups = services.task_groups(application)
    completed, total = services.count_tasks(groups)
    return render(
        request,
        "recruitment/applications/task_list.html",
        {
            "application": application,
            "groups": groups,
            "completed": completed,
            "total": total,
            "closes_at": timezone.localtime(application.intake.closes_at),
        },
    )


# Sections --------------------------------------------------------------------------------


def _form_section(request, application, *, form_class, initial, save, key, template):
    """One section's page: "Save and continue" checks everything; "Save and come back later"
    keeps whatever is valid and shows what was typed, so nothing is lost."""
    if request.method == "POST":
        completing = _completing(request)
        form = form_class(request.POST, completing=completing)
        valid = form.is_valid()
        if valid or not completing:
            save(application=application, data=form.cleaned_data)
            services.set_section_completed(application=application, key=key, completed=completing)
        if valid:
            return _saved(request, application, completing=completing)
    else:
        form = form_class(initial=initial)
    return _section(request, template, application, form)


@_draft_page()
def about_you(request, application):
    return _form_section(
        request,
        application,
        form_class=AboutYouForm,
        initial={"full_name": application.full_name, "phone": application.phone},
        save=services.save_about_you,
        key=services.ABOUT_YOU,
        template="about_you.html",
    )


@_draft_page(Application.objects.select_related("intake", "employer"))
def current_role(request, application):
    return _form_section(
        request,
        application,
        form_class=CurrentRoleForm,
        initial=CurrentRoleForm.initial_for(application),
        save=services.save_current_role,
        key=services.CURRENT_ROLE,
        template="current_role.html",
    )


@_draft_page()
@once
def career(request, application):
    entries = list(application.career.all())
    adding = request.GET.get("add") == "1" or not entries
    if request.method == "POST" and request.POST.get("form") == "entry":
        form = CareerEntryForm(request.POST)
        if form.is_valid():
            entry = form.save(commit=False)
            entry.application = application
            entry.save()
            messages.success(request, f"You added {entry.job_title}, {entry.employer_name}")
            return redirect("recruitment:career", reference=application.reference)
        return _section(request, "career_entry.html", application, form, adding=True)
    if request.method == "POST":
        completing = _completing(request)
        form = GovukForm(request.POST)
        form.is_valid()
        if completing and not entries:
            form.add_error(None, "Add at least one role to your career history")
        else:
            services.set_section_completed(
                application=application, key=services.CAREER, completed=completing
            )
            return _saved(request, application, completing=completing)
    elif adding:
        return _section(request, "career_entry.html", application, CareerEntryForm(), adding=True)
    else:
        form = None
    return _section(
        request,
        "career.html",
        application,
        form,
        entries=entries,
        senior_time=describe_months(senior_leadership_months(entries, today=timezone.localdate())),
    )


@_draft_page()
def career_entry(request, application, pk):
    entry = get_object_or_404(application.career, pk=pk)
    form = CareerEntryForm(_posted(request), instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"You changed {entry.job_title}, {entry.employer_name}")
        return redirect("recruitment:career", reference=application.reference)
    return _section(request, "career_entry.html", application, form, entry=entry)


@_draft_page()
def career_entry_delete(request, application, pk):
    entry = get_object_or_404(application.career, pk=pk)
    if request.method == "POST":
        entry.delete()
        if not application.career.exists():
            services.set_section_completed(
                application=application, key=services.CAREER, completed=False
            )
        messages.success(request, f"You removed {entry.job_title}, {entry.employer_name}")
        return redirect("recruitment:career", reference=application.reference)
    return _section(request, "career_entry_delete.html", application, None, entry=entry)


@_draft_page()
def statement(request, application, position):
    capability = get_object_or_404(application.intake.capabilities, position=position)
    key = services.statement_key(position)
    if request.method == "POST":
        completing = _completing(request)
        form = StatementForm(request.POST, capability=capability)
        if not form.is_valid():  # far too long to keep even as a draft: nothing is saved
            return _section(request, "statement.html", application, form, capability=capability)
        text = form.cleaned_data["text"]
        problem = services.statement_problem(capability=capability, text=text)
        # Keep whatever was typed, even over the limit: a long draft is work not to lose.
        if text.strip() or not completing:
            services.save_statement(application=application, capability=capability, text=text)
        services.set_section_completed(
            application=application, key=key, completed=completing and problem is None
        )
        if problem is None or (not completing and not text.strip()):
            return _saved(request, application, completing=completing)
        form.add_error("text", problem)
        if not completing:
            messages.info(request, "Your statement has been saved, but it is not finished yet")
    else:
        saved = application.statements.filter(capability=capability).first()
        form = StatementForm(initial={"text": saved.text if saved else ""}, capability=capability)
    return _section(request, "statement.html", application, form, capability=capability)


# Check answers and submit ----------------------------------------------------------------


@_draft_page(FULL)
def check_answers(request, application):
    now = timezone.now()
    shortfall = services.leadership_shortfall(
        application=application, today=timezone.localdate(now)
    )
    form = DeclarationForm(_posted(request), shortfall=shortfall)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_application(
                application=application,
                user=request.user,
                now=now,
                leadership_reason=form.cleaned_data.get("leadership_reason", ""),
            )
        except services.CannotSubmit as refused:
            problems = refused.problems
        else:
            return redirect("recruitment:submitted", reference=application.reference)
    else:
        problems = services.submission_problems(application=application, user=request.user, now=now)
    return render(
        request,
        "recruitment/applications/check_answers.html",
        {
            "application": application,
            "form": form,
            "problems": problems,
            "error_title": bool(problems) and request.method == "POST",
            "sections": answer_sections(application, editable=True),
        },
    )


@login_required
def submitted(request, reference):
    application = get_application_for_applicant(request, reference)
    if application.status in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN):
        return redirect("recruitment:task_list", reference=reference)
    return render(request, "recruitment/applications/submitted.html", {"application": application})


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, reference):
    application = get_application_for_applicant(request, reference)
    if application.status not in services.WITHDRAWABLE:
        messages.info(
            request,
            "You cannot withdraw this application online. Contact the programme team.",
        )
        return redirect("recruitment:task_list", reference=reference)
    form = WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.withdraw_application(
            application=application, reason=form.cleaned_data["reason"], now=timezone.now()
        )
        messages.success(request, f"You have withdrawn your application {reference}")
        return redirect("recruitment:applications")
    return render(
        request,
        "recruitment/applications/withdraw.html",
        {"application": application, "form": form},
    )


# Dashboard -------------------------------------------------------------------------------


@login_required
def dashboard(request):
    now = timezone.now()
    page = Paginator(services.applicant_applications(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(a, services.next_step(a, now=now)) for a in page.object_list]
    return render(
        request,
        "recruitment/applications/dashboard.html",
        {
            "page": page,
            "rows": rows,
            "open_intakes": list(services.open_intakes_not_applied(request.user, now=now)),
            "start_url": reverse("start"),
        },
    )
