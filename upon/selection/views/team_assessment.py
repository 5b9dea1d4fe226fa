"""The optional assessment stage for the programme team: slots, bookings and panel scores."""

from django.contrib import messages
from django.shortcuts import redirect, render

from upon.accounts.access import team_required
from upon.selection import assessment
from upon.selection.access import get_application_for_selection, get_intake_for_selection
from upon.selection.forms_team import AssessmentScoreForm, AssessmentSlotForm, BookingForm
from upon.selection.models import AssessmentScore, AssessmentSlot, Outcome
from upon.selection.pool import settings_for
from upon.service.once import once


@team_required
def overview(request, pk):
    intake = get_intake_for_selection(request, pk)
    selection = settings_for(intake=intake)
    merits = assessment.merits(intake=intake, weight=selection.assessment_weight)
    rows = [
        (application, merits.get(application.pk))
        for application in assessment.candidates(intake=intake)
    ]
    context = {
        "intake": intake,
        "selection": selection,
        "review_weight": 100 - selection.assessment_weight,
        "slots": list(assessment.slots_with_bookings(intake=intake)),
        "rows": rows,
        "unbooked": sum(
            1 for application, _ in rows if not hasattr(application, "assessment_booking")
        ),
    }
    return render(request, "selection/team/assessment.html", context)


@team_required
@once
def add_slot(request, pk):
    intake = get_intake_for_selection(request, pk)
    form = AssessmentSlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        slot = assessment.add_slot(intake=intake, actor=request.user, **form.slot_data())
        messages.success(request, f"Slot added: {slot}.")
        return redirect("selection:assessment", pk=intake.pk)
    return render(request, "selection/team/assessment_slot.html", {"intake": intake, "form": form})


@team_required
def application_assessment(request, reference):
    application = get_application_for_selection(request, reference)
    intake = application.intake
    slots = assessment.slots_with_bookings(intake=intake)
    booking = getattr(application, "assessment_booking", None)
    mine = AssessmentScore.objects.filter(application=application, assessor=request.user).first()
    action = request.POST.get("action") if request.method == "POST" else None
    booking_form = BookingForm(
        request.POST if action == "book" else None,
        slots=slots,
        initial={"slot": booking.slot_id} if booking else {},
        prefix="booking",
    )
    score_form = AssessmentScoreForm(
        request.POST if action == "score" else None,
        initial={"score": mine.score, "comment": mine.comment} if mine else {},
        prefix="score",
    )
    shortlisted = (
        getattr(getattr(application, "decision", None), "outcome", None) == Outcome.SHORTLIST
    )
    if action == "book" and booking_form.is_valid():
        try:
            assessment.book(
                application=application, slot=booking_form.cleaned_data["slot"], actor=request.user
            )
        except assessment.SlotFull as error:
            booking_form.add_error("slot", error.message)
        else:
            messages.success(
                request, f"{reference} booked for {booking_form.cleaned_data['slot']}."
            )
            return redirect("selection:application_assessment", reference=reference)
    if action == "score" and score_form.is_valid():
        assessment.record_score(
            application=application,
            assessor=request.user,
            score=score_form.cleaned_data["score"],
            comment=score_form.cleaned_data["comment"],
        )
        messages.success(request, f"Your assessment score for {reference} is saved.")
        return redirect("selection:application_assessment", reference=reference)
    context = {
        "intake": intake,
        "application": application,
        "shortlisted": shortlisted,
        "booking": booking,
        "booking_form": booking_form,
        "score_form": score_form,
        "scores": AssessmentScore.objects.filter(application=application).select_related(
            "assessor"
        ),
        "has_slots": AssessmentSlot.objects.filter(intake=intake).exists(),
        "merit": assessment.merits(intake=intake).get(application.pk),
        "error_title": bool(booking_form.errors or score_form.errors),
    }
    return render(request, "selection/team/assessment_application.html", context)
