"""Employers: the team or the director invites the contact; the contact answers check-ins by
their signed link (no account) or signed in; the team sees the check-ins and those flagged."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts import roles
from upon.accounts.access import role_required, team_required
from upon.accounts.models import Role
from upon.accounts.permissions import get_object_for
from upon.accounts.roles import TEAM_ROLES, team_programme_ids
from upon.service.once import once
from upon.support import employers
from upon.support.forms_employers import CheckInForm, EmployerContactForm
from upon.support.models import Entitlement
from upon.support.views import _page

ENTITLEMENTS = Entitlement.objects.select_related(
    "person", "appointment__local_authority", "employer"
)


@role_required(*sorted(TEAM_ROLES), Role.NEW_DIRECTOR, refusal="Programme team or directors only")
@once
def invite_employer(request, pk):
    entitlement = get_object_for(request.user, ENTITLEMENTS, "support.invite_employer", pk=pk)
    current = getattr(entitlement, "employer", None)
    initial = (
        {"contact_name": current.contact_name, "contact_email": current.contact_email}
        if (current)
        else {}
    )
    form = EmployerContactForm(request.POST or None, initial=initial)
    is_team = entitlement.programme_id in team_programme_ids(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = employers.invite(
                entitlement=entitlement, by=request.user, **form.cleaned_data
            )
        except employers.CannotInvite as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"Invitation sent to {partnership.contact_email}")
            return redirect("support:team_check_ins" if is_team else "support:my_support")
    context = {"form": form, "entitlement": entitlement, "current": current, "is_team": is_team}
    return render(request, "support/employers/invite.html", context)


def _partnership(token):
    # The signed link is the key: only the contact it was emailed to holds it.
    partnership = employers.partnership_for_link(token)
    if partnership is None:
        raise Http404("No such link")
    return partnership


def employer_check_ins(request, token):
    partnership = _partnership(token)
    context = {
        "partnership": partnership,
        "check_ins": list(partnership.check_ins.all()),
        "token": token,
        "today": timezone.localdate(),
    }
    return render(request, "support/employers/check_ins.html", context)


def employer_check_in(request, token, month):
    partnership = _partnership(token)
    check_in = partnership.check_ins.filter(month=month).first()
    today = timezone.localdate()
    if check_in is None or not (check_in.is_done or employers.may_answer(check_in, today)):
        raise Http404("No check-in to answer")
    if check_in.is_done:
        messages.info(request, f"The {month}-month check-in has been sent already. Thank you.")
        return redirect("support:employer_check_ins", token=token)
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        by = request.user if request.user.is_authenticated else None
        try:
            employers.complete(check_in=check_in, by=by, **form.cleaned_data)
        except employers.AlreadyDone:
            messages.info(request, f"The {month}-month check-in has been sent already. Thank you.")
        else:
            messages.success(request, f"{month}-month check-in sent. Thank you.")
        return redirect("support:employer_check_ins", token=token)
    context = {"form": form, "check_in": check_in, "partnership": partnership, "token": token}
    return render(request, "support/employers/check_in.html", context)


@require_POST
def employer_account(request, token):
    partnership = _partnership(token)
    invitation_token = employers.account_invitation(partnership=partnership)
    return redirect("accounts:invitation_create_account", token=invitation_token)


@role_required(Role.EMPLOYER_CONTACT)
def my_check_ins(request):
    held = roles.programme_ids(request.user, Role.EMPLOYER_CONTACT)
    partnerships = [
        (partnership, employers.link_token(partnership))
        for partnership in employers.of_contact(request.user, held)[:20]
    ]
    context = {"partnerships": partnerships, "today": timezone.localdate()}
    return render(request, "support/employers/my_check_ins.html", context)


@team_required
def team_check_ins(request):
    shown = request.GET.get("show") if request.GET.get("show") in employers.SHOW else "due"
    today = timezone.localdate()
    found = employers.for_team(team_programme_ids(request.user), shown=shown, today=today)
    context = {
        "page": _page(request, found),
        "filters": employers.SHOW,
        "shown": shown,
        "caption": employers.SHOW[shown],
        "today": today,
    }
    return render(request, "support/employers/team_check_ins.html", context)
