"""Session feedback: a participant rates a session they attended; the team reads the results
for the cohort and for each session."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.delivery import feedback
from upon.delivery.access import (
    COHORTS,
    SESSIONS,
    participant_required,
)
from upon.delivery.feedback_charts import facilitator_chart, session_chart
from upon.delivery.forms.feedback import SessionFeedbackForm
from upon.delivery.models import (
    Attendance,
    Session,
    SessionFeedback,
)
from upon.delivery.rules import place_for
from upon.delivery.views import saving


@participant_required
def give_feedback(request, pk):
    session = get_object_for(request.user, SESSIONS, "delivery.give_session_feedback", pk=pk)
    participant = place_for(request.user, session)
    mark = (
        Attendance.objects.filter(session=session, participant=participant)
        .values_list("status", flat=True)
        .first()
    )
    refusal = feedback.refusal(session=session, participant=participant, mark=mark)
    answer = SessionFeedback.objects.filter(session=session, participant=participant).first()
    initial = {"rating": answer.rating, "comment": answer.comment} if answer else {}
    form = SessionFeedbackForm(request.POST or None, initial=initial)
    save, status = saving(request, form, closed=refusal)
    if save:
        feedback.give(
            session=session,
            participant=participant,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
            mark=mark,
        )
        messages.success(request, f"Thank you for your feedback on {session.title}.")
        return redirect("delivery:programme")
    context = {
        "session": session,
        "form": form,
        "refusal": refusal,
        "answer": answer,
        "error_title": status == 400,
    }
    return render(request, "delivery/feedback/feedback.html", context, status=status)


@team_required
def feedback_results(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    sessions = (
        Session.objects.filter(cohort=cohort, published=True, ends_at__lte=timezone.now())
        .prefetch_related("facilitators")
        .order_by("-starts_at", "-pk")
    )
    page = Paginator(sessions, 25).get_page(request.GET.get("page"))
    results = feedback.session_results(session_ids=[s.pk for s in page.object_list])
    rows = [(s, results[s.pk]) for s in page.object_list]
    facilitators = feedback.facilitator_results(cohort=cohort)
    context = {
        "cohort": cohort,
        "page": page,
        "rows": rows,
        "facilitators": facilitators,
        "overall": feedback.overall(cohort=cohort),
        "facilitator_chart": facilitator_chart(facilitators),
        "session_chart": session_chart(rows),
    }
    return render(request, "delivery/feedback/team_feedback.html", context)


@team_required
def team_session_feedback(request, pk):
    session = get_object_for(request.user, SESSIONS, "delivery.manage_cohort", pk=pk)
    answers = SessionFeedback.objects.filter(session=session).order_by("-submitted_at", "-pk")
    page = Paginator(answers, 25).get_page(request.GET.get("page"))
    context = {
        "session": session,
        "cohort": session.cohort,
        "page": page,
        "result": feedback.session_results(session_ids=[session.pk])[session.pk],
    }
    return render(request, "delivery/feedback/team_session_feedback.html", context)
