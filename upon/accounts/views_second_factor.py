"""The second factor: enter a code after the password, set up an authenticator app, recovery
codes, the person's own settings, and the lead's reset for a person who lost everything."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from upon.accounts import roles, second_factor
from upon.accounts.access import team_required
from upon.accounts.forms import SecondFactorForm, SetUpAppForm
from upon.accounts.models import RoleAssignment
from upon.accounts.permissions import get_object_for
from upon.accounts.views import _next_param, safe_next

NEW_CODES = "new_recovery_codes"
PAGE_SIZE = 25


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    state = second_factor.session_state(request)
    if state == second_factor.MUST_SET_UP:
        return redirect(second_factor.next_step_url(state, _next_param(request)))
    if state != second_factor.MUST_VERIFY:
        return redirect(safe_next(request))
    form = SecondFactorForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        second_factor.mark_verified(request, form.device)
        if form.device.persistent_id.startswith("otp_static"):
            left = second_factor.recovery_codes_left(user=request.user)
            messages.success(
                request,
                f"You used a recovery code. You have {left} left: get new ones from your "
                "account page before they run out",
            )
        return redirect(safe_next(request))
    return render(
        request, "accounts/second_factor_verify.html", {"form": form, "next": _next_param(request)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def set_up(request):
    state = second_factor.session_state(request)
    if state == second_factor.MUST_VERIFY:
        return redirect(second_factor.next_step_url(state, _next_param(request)))
    if request.user.second_factor_on:
        return redirect("accounts:second_factor")
    form = SetUpAppForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = request.user.totpdevice_set.get(confirmed=True)
        second_factor.mark_verified(request, device)
        request.session[NEW_CODES] = form.recovery_codes
        next_url = _next_param(request)
        codes_url = reverse("accounts:recovery_codes")
        return redirect(f"{codes_url}?{urlencode({'next': next_url})}" if next_url else codes_url)
    context = {
        "form": form,
        "next": _next_param(request),
        "qr_code": second_factor.qr_code_svg(user=request.user, key=form.app_key),
        "secret": second_factor.secret_in_text(user=request.user, key=form.app_key),
        "required": roles.needs_second_factor(request.user),
    }
    return render(request, "accounts/second_factor_set_up.html", context)


@login_required
def recovery_codes(request):
    """The new recovery codes, shown once: afterwards only how many are left."""
    codes = request.session.pop(NEW_CODES, None)
    if codes is None:
        return redirect("accounts:second_factor")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "continue_to": safe_next(request)},
    )


@login_required
def settings_page(request):
    user = request.user
    context = {
        "required": roles.needs_second_factor(user),
        "codes_left": second_factor.recovery_codes_left(user=user)
        if user.second_factor_on
        else None,
    }
    return render(request, "accounts/second_factor.html", context)


@login_required
@require_POST
def new_recovery_codes(request):
    if not request.user.second_factor_on:
        return redirect("accounts:second_factor")
    request.session[NEW_CODES] = second_factor.new_recovery_codes(user=request.user)
    return redirect("accounts:recovery_codes")


@login_required
@require_POST
def turn_off(request):
    if roles.needs_second_factor(request.user):
        messages.error(request, "Your roles need a second factor, so you cannot turn it off")
    elif request.user.second_factor_on:
        second_factor.turn_off(user=request.user)
        messages.success(request, "You have turned off your second factor")
    return redirect("accounts:second_factor")


@team_required
def people(request):
    """The people holding roles in the team's programmes, with whether they have set up a
    second factor; the lead may reset it."""
    queryset = (
        RoleAssignment.objects.filter(programme_id__in=roles.team_programme_ids(request.user))
        .select_related("user", "programme", "intake")
        .order_by("user__full_name", "user__email", "pk")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/people.html",
        {"page": page, "lead_programmes": roles.lead_programme_ids(request.user)},
    )


@team_required
@require_http_methods(["GET", "POST"])
def reset_second_factor(request, pk):
    assignment = get_object_for(
        request.user,
        RoleAssignment.objects.select_related("user", "programme"),
        "accounts.reset_second_factor",
        pk=pk,
    )
    person = assignment.user
    if request.method == "POST":
        second_factor.reset(user=person, by=request.user, programme=assignment.programme)
        messages.success(
            request,
            f"{person.full_name}'s second factor is reset. We have emailed them: they will set "
            "it up again when they next sign in",
        )
        return redirect("accounts:people")
    return render(
        request, "accounts/reset_second_factor.html", {"assignment": assignment, "person": person}
    )
