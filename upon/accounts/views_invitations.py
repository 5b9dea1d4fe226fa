"""Invitations: the programme team invites a person to a role; the person accepts by link."""

import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from upon.accounts import roles, services
from upon.accounts.access import team_required
from upon.accounts.forms import InvitationForm, InvitedAccountForm
from upon.accounts.models import Invitation
from upon.accounts.permissions import check_object
from upon.accounts.views import link_problem
from upon.programmes.models import Programme
from upon.service.once import once

PAGE_SIZE = 25


@team_required
@require_http_methods(["GET", "POST"])
@once
def invite(request):
    programmes = Programme.objects.filter(pk__in=roles.team_programme_ids(request.user))
    form = InvitationForm(request.POST or None, inviter=request.user, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = Invitation(role=data["role"], programme=data["programme"])
        check_object(request.user, "accounts.invite", draft)
        invitation = services.invite(invited_by=request.user, **data)
        messages.success(request, f"Invitation sent to {invitation.email}")
        return redirect("accounts:invitations")
    return render(request, "accounts/invite.html", {"form": form})


@team_required
def invitations(request):
    queryset = (
        Invitation.objects.filter(programme_id__in=roles.team_programme_ids(request.user))
        .select_related("programme", "intake", "invited_by", "accepted_by")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/invitations.html", {"page": page, "now": timezone.now()})


def sign_in_to_accept(token: str) -> str:
    accept = reverse("accounts:invitation_accept", kwargs={"token": token})
    return f"{reverse('accounts:sign_in')}?{urlencode({'next': accept})}"


def _invitation_link(view):
    """A page an invitation link opens (GET and POST): the view gets the invitation the token
    names. A link that is unknown, used or expired, on arrival or when spent, gets its page."""

    # The token is the permission: only the person who received the email has it.
    @require_http_methods(["GET", "POST"])
    @functools.wraps(view)
    def page(request, token):
        try:
            return view(request, token, services.find_invitation(token=token))
        except services.LinkProblem as problem:
            return link_problem(request, problem, kind="invitation")

    return page


@_invitation_link
def invitation_accept(request, token, invitation):
    context = {"invitation": invitation, "token": token, "sign_in_url": sign_in_to_accept(token)}
    if not request.user.is_authenticated:
        return render(request, "accounts/invitation_signed_out.html", context)
    if services.normalise_email(request.user.email) != invitation.email:
        return render(request, "accounts/invitation_wrong_person.html", context, status=403)
    if request.method == "POST":
        services.accept_invitation(invitation=invitation, user=request.user)
        messages.success(request, f"You now have {accepted_role(invitation)}")
        return redirect("accounts:home")
    return render(request, "accounts/invitation_accept.html", context)


@_invitation_link
def invitation_create_account(request, token, invitation):
    if request.user.is_authenticated:
        return redirect("accounts:invitation_accept", token=token)
    form = InvitedAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation_with_new_account(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except services.EmailInUse:
            # They hold a link sent to this address, so telling them is safe.
            messages.info(request, "You already have an account. Sign in to accept the invitation")
            return redirect(sign_in_to_accept(token))
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Account created. You now have {accepted_role(invitation)}")
        return redirect("accounts:home")
    context = {"form": form, "invitation": invitation, "token": token}
    return render(request, "accounts/invitation_create_account.html", context)


def accepted_role(invitation: Invitation) -> str:
    scope = invitation.intake.name if invitation.intake else invitation.programme.name
    return f"the {invitation.get_role_display()} role for {scope}"
