"""The register (a session's facilitator, or the programme team, marks who attended) and a
facilitator's list of the sessions they run."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone

from upon.accounts import roles
from upon.accounts.access import role_required
from upon.accounts.models import Role
from upon.accounts.permissions import get_object_for
from upon.accounts.roles import TEAM_ROLES
from upon.delivery import attendance, calendars
from upon.delivery.access import SESSIONS, facilitator_required
from upon.delivery.forms.attendance import RegisterForm
from upon.delivery.models import Attendance
from upon.delivery.views import saving

register_roles_required = role_required(
    Role.FACILITATOR, *sorted(TEAM_ROLES), refusal="Facilitators and the programme team only"
)


@register_roles_required
def register(request, pk):
    session = get_object_for(
        request.user,
        SESSIONS.select_related("action_learning_set"),
        "delivery.take_register",
        pk=pk,
    )
    closed = attendance.not_open_reason(session=session)
    participants = list(attendance.on_register(session=session))
    marks = attendance.marks_for(session=session)
    data = request.POST if request.method == "POST" else None
    form = RegisterForm(data, participants=participants, marks=marks)
    save, status = saving(request, form, closed=closed)
    if save:
        try:
            saved = attendance.mark_register(
                session=session,
                participants=participants,
                marks=form.marks(),
                by=request.user,
                everyone_else_present=form.everyone_else_present,
            )
        except attendance.RegisterRefused as error:
            form.add_error(None, error.message)
            status = 400
        else:
            done = len(marks) + saved["added"]
            messages.success(
                request,
                f"Register saved: {done} of {len(participants)} "
                f"{'person' if len(participants) == 1 else 'people'} marked.",
            )
            return redirect("delivery:register", pk=session.pk)
    elif request.method == "POST":
        status = 400  # closed, or a mark is missing or wrong
    context = {
        "session": session,
        "form": form,
        "closed": closed,
        "participants": participants,
        "unmarked": sum(1 for p in participants if p.pk not in marks),
        "is_team": session.cohort.intake.programme_id in roles.team_programme_ids(request.user),
        "error_title": status == 400,
    }
    return render(request, "delivery/attendance/register.html", context, status=status)


PAGE_SIZE = 25


@facilitator_required
def facilitating(request):
    now = timezone.now()
    # Today's sessions stay with the upcoming ones all day, so the register is easy to find.
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    shown = "past" if request.GET.get("show") == "past" else "upcoming"
    sessions = calendars.sessions_facilitated(request.user).select_related("cohort", "venue")
    if shown == "past":
        sessions = sessions.filter(ends_at__lte=today).order_by("-starts_at", "-pk")
    else:
        sessions = sessions.filter(ends_at__gt=today).order_by("starts_at", "pk")
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    marked = dict(
        Attendance.objects.filter(session_id__in=[s.pk for s in page.object_list])
        .values("session_id")
        .annotate(n=Count("pk"))
        .values_list("session_id", "n")
        .order_by()
    )
    rows = [
        {"session": s, "marked": marked.get(s.pk, 0), "open": s.starts_at <= now}
        for s in page.object_list
    ]
    context = {"page": page, "rows": rows, "shown": shown}
    return render(request, "delivery/attendance/facilitating.html", context)
