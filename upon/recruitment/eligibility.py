"""Eligibility answers kept in the session, one set per intake, until the person applies.

The application code reads them with `eligibility_answers(request, intake)` and copies them
into the new application.
"""

from upon.recruitment.algorithms.eligibility import QUESTIONS, first_unanswered

SESSION_KEY = "eligibility"


def stored_answers(request, intake) -> dict:
    """Whatever the person has answered so far for this intake (possibly nothing)."""
    return dict(request.session.get(SESSION_KEY, {}).get(str(intake.pk), {}))


def store_answer(request, intake, key: str, value) -> None:
    if key not in QUESTIONS:
        raise KeyError(key)
    everything = request.session.get(SESSION_KEY, {})
    answers = dict(everything.get(str(intake.pk), {}))
    answers[key] = value
    everything[str(intake.pk)] = answers
    # Reassign so the session notices the change to a nested dict.
    request.session[SESSION_KEY] = everything


def eligibility_answers(request, intake) -> dict | None:
    """The complete answers for this intake, or None if any question is unanswered.

    Keys: leadership_years (int), sector, role_level, director_potential (bool),
    employer_support ("yes", "not_asked" or "no"). Complete does not mean eligible: call
    `upon.recruitment.algorithms.eligibility.assess` for that.
    """
    answers = stored_answers(request, intake)
    if first_unanswered(answers) is not None:
        return None
    return {key: answers[key] for key in QUESTIONS}
