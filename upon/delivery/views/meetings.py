"""A set's action learning meetings: the programme team plans and changes them."""

from django.contrib import messages
from django.shortcuts import redirect, render

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.delivery import meetings
from upon.delivery.access import MEETINGS, SETS
from upon.delivery.forms.meetings import MeetingForm
from upon.delivery.sessions import SessionRefused
from upon.delivery.views import page_of
from upon.service.once import once
from upon.service.versioning import StaleVersion


@team_required
def set_meetings(request, pk):
    action_learning_set = get_object_for(request.user, SETS, "delivery.manage_cohort", pk=pk)
    found = meetings.meetings_of(action_learning_set=action_learning_set)
    context = {
        "cohort": action_learning_set.cohort,
        "action_learning_set": action_learning_set,
        "page": page_of(request, found),
    }
    return render(request, "delivery/meetings/set_meetings.html", context)


def _meeting_page(request, *, action_learning_set, meeting, form):
    context = {
        "cohort": action_learning_set.cohort,
        "action_learning_set": action_learning_set,
        "meeting": meeting,
        "form": form,
    }
    status = 409 if form.stale else 200
    return render(request, "delivery/meetings/meeting_form.html", context, status=status)


@team_required
@once
def plan_meeting(request, pk):
    action_learning_set = get_object_for(request.user, SETS, "delivery.manage_cohort", pk=pk)
    form = MeetingForm(request.POST or None, action_learning_set=action_learning_set)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meetings.plan_meeting(
                action_learning_set=action_learning_set, **form.meeting_fields()
            )
        except SessionRefused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"{meeting.title} planned. It is not published yet.")
            return redirect("delivery:set_meetings", pk=action_learning_set.pk)
    return _meeting_page(request, action_learning_set=action_learning_set, meeting=None, form=form)


@team_required
def edit_meeting(request, pk):
    meeting = get_object_for(request.user, MEETINGS, "delivery.manage_cohort", pk=pk)
    action_learning_set = meeting.action_learning_set
    form = MeetingForm(
        request.POST or None, action_learning_set=action_learning_set, meeting=meeting
    )
    if request.method == "POST" and form.is_valid():
        try:
            told = meetings.change_meeting(
                meeting=meeting,
                version=form.cleaned_data["version"],
                by=request.user,
                **form.meeting_fields(),
            )
        except SessionRefused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
            meeting = get_object_for(request.user, MEETINGS, "delivery.manage_cohort", pk=pk)
        except StaleVersion:
            meeting = get_object_for(request.user, MEETINGS, "delivery.manage_cohort", pk=pk)
            form.refuse_stale(MeetingForm(action_learning_set=action_learning_set, meeting=meeting))
        else:
            people = " People taking part have been emailed the new details." if told else ""
            messages.success(request, f"{meeting.title} saved.{people}")
            return redirect("delivery:set_meetings", pk=action_learning_set.pk)
    return _meeting_page(
        request, action_learning_set=action_learning_set, meeting=meeting, form=form
    )
