"""The eligibility check: one question a page, answers in the session, then the result."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from upon.programmes.models import Intake
from upon.recruitment import eligibility
from upon.recruitment.algorithms.eligibility import QUESTIONS, assess, first_unanswered
from upon.recruitment.forms_intakes import ELIGIBILITY_FORMS, initial_for
from upon.recruitment.models import RoleLevel, Sector


def _slug(key: str) -> str:
    return key.replace("_", "-")


def _question_url(intake, key: str) -> str:
    return reverse(
        "recruitment:eligibility_question", kwargs={"slug": intake.slug, "question": _slug(key)}
    )


def _open_intake_or_redirect(slug):
    """The intake, or a redirect to its page when it is not taking applications."""
    intake = get_object_or_404(Intake, slug=slug)
    if not intake.is_open():
        return intake, redirect("recruitment:intake", slug=intake.slug)
    return intake, None


def _next_step(intake, answers):
    missing = first_unanswered(answers)
    if missing is None:
        return redirect("recruitment:eligibility_result", slug=intake.slug)
    return redirect(_question_url(intake, missing))


def eligibility_start(request, slug):
    intake, closed = _open_intake_or_redirect(slug)
    if closed:
        return closed
    return _next_step(intake, eligibility.stored_answers(request, intake))


def eligibility_question(request, slug, question):
    key = question.replace("-", "_")
    if key not in QUESTIONS:
        raise Http404("No such question")
    intake, closed = _open_intake_or_redirect(slug)
    if closed:
        return closed
    answers = eligibility.stored_answers(request, intake)
    # A question is reachable only once every earlier one has an answer.
    missing = first_unanswered(answers)
    if missing is not None and QUESTIONS.index(missing) < QUESTIONS.index(key):
        return redirect(_question_url(intake, missing))

    form_class = ELIGIBILITY_FORMS[key]
    extra = {"horizon": intake.director_horizon_years} if key == "director_potential" else {}
    if request.method == "POST":
        form = form_class(request.POST, **extra)
        if form.is_valid():
            eligibility.store_answer(request, intake, key, form.cleaned_data[key])
            answers[key] = form.cleaned_data[key]
            if first_unanswered(answers) is None:
                return redirect("recruitment:eligibility_result", slug=intake.slug)
            return redirect(_question_url(intake, QUESTIONS[QUESTIONS.index(key) + 1]))
    else:
        form = form_class(initial=initial_for(key, answers.get(key)), **extra)

    position = QUESTIONS.index(key)
    back_url = (
        _question_url(intake, QUESTIONS[position - 1])
        if position
        else reverse("recruitment:intake", kwargs={"slug": intake.slug})
    )
    return render(
        request,
        "recruitment/eligibility/question.html",
        {
            "intake": intake,
            "form": form,
            "back_url": back_url,
            "number": position + 1,
            "count": len(QUESTIONS),
        },
    )


def eligibility_result(request, slug):
    intake, closed = _open_intake_or_redirect(slug)
    if closed:
        return closed
    answers = eligibility.eligibility_answers(request, intake)
    if answers is None:
        return _next_step(intake, eligibility.stored_answers(request, intake))
    assessment = assess(
        answers,
        min_years=intake.min_leadership_years,
        director_horizon=intake.director_horizon_years,
    )
    support = {"yes": "Yes", "not_asked": "I have not asked yet", "no": "No"}
    summary = [
        ("Years of senior leadership and management experience", answers["leadership_years"]),
        ("Sector", Sector(answers["sector"]).label),
        ("Level of current role", RoleLevel(answers["role_level"]).label),
        (
            f"Could become a director in {intake.director_horizon_years} years",
            "Yes" if answers["director_potential"] else "No",
        ),
        ("Employer supports your application", support[answers["employer_support"]]),
    ]
    rows = [
        (label, value, _question_url(intake, key))
        for (label, value), key in zip(summary, QUESTIONS, strict=True)
    ]
    return render(
        request,
        "recruitment/eligibility/result.html",
        {
            "intake": intake,
            "assessment": assessment,
            "rows": rows,
            "back_url": _question_url(intake, QUESTIONS[-1]),
        },
    )
