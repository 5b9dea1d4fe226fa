"""Account pages: home, sign in and out, create an account, confirm an email address."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from upon.accounts import home as home_page
from upon.accounts import second_factor, services
from upon.accounts.forms import CreateAccountForm, SignInForm

LINK_PROBLEMS = {
    ("confirmation", services.UnknownLink): (
        "This link is not valid",
        "Check you copied the whole link from the email. If you still cannot use it, sign in "
        "and ask for a new link.",
    ),
    ("confirmation", services.ExpiredLink): (
        "This link has expired",
        "Links to confirm your email address work for 3 days. Sign in and ask for a new link.",
    ),
    ("confirmation", services.UsedLink): (
        "This link has already been used",
        "Your email address is confirmed. Sign in to continue.",
    ),
    ("invitation", services.UnknownLink): (
        "This invitation link is not valid",
        "Check you copied the whole link from the email. If you still cannot use it, ask the "
        "person who invited you to send a new invitation.",
    ),
    ("invitation", services.ExpiredLink): (
        "This invitation link has expired",
        "Invitation links work for 14 days. Ask the person who invited you to send a new one.",
    ),
    ("invitation", services.UsedLink): (
        "This invitation link has already been used",
        "Each invitation link works once. If you accepted it, sign in to use your new role.",
    ),
}


def link_problem(request, problem: services.LinkProblem, *, kind: str):
    """The page for a link that is unknown (404), expired or already used (410)."""
    heading, advice = LINK_PROBLEMS[kind, type(problem)]
    return render(
        request,
        "accounts/link_problem.html",
        {"heading": heading, "advice": advice},
        status=problem.status,
    )


AFTER_SIGN_IN = "after_sign_in"


def _next_param(request) -> str:
    """The `next` to carry on to the following page, or empty when it would leave the site."""
    return safe_next(request, default="") if (request.POST or request.GET).get("next") else ""


def safe_next(request, default: str = settings.LOGIN_REDIRECT_URL) -> str:
    """The `next` address, only if it stays on this site; otherwise the default."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only ("/..."): not a URL name or a relative path, which `redirect`
    # would try to reverse, and not "//host", which browsers read as another site.
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return resolve_url(default) if default else ""


@login_required
def home(request):
    context = {
        "work": home_page.work_for(request.user),
        "roles": home_page.role_rows(request.user),
    }
    return render(request, "accounts/home.html", context)


@require_http_methods(["GET", "POST"])
def sign_in(request):
    if request.user.is_authenticated and request.method == "GET":
        return redirect(safe_next(request))
    form = SignInForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A password alone never carries over a verified second factor.
        request.session.pop(second_factor.VERIFIED_KEY, None)
        login(request, form.user)
        state = second_factor.session_state(request)
        if state in second_factor.NEXT_STEP:
            return redirect(second_factor.next_step_url(state, _next_param(request)))
        return redirect(safe_next(request))
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, "You have signed out")
    return redirect(settings.LOGOUT_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def create_account(request):
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = CreateAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.register(
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        request.session["check_email"] = services.normalise_email(form.cleaned_data["email"])
        # Where they were going (say, to start an application) survives the confirmation email
        # when they open the link in the same browser.
        request.session[AFTER_SIGN_IN] = _next_param(request)
        return redirect("accounts:check_email")
    return render(
        request, "accounts/create_account.html", {"form": form, "next": _next_param(request)}
    )


def check_email(request):
    email = request.session.get("check_email")
    if not email:
        return redirect("accounts:create_account")
    return render(request, "accounts/check_email.html", {"email": email})


@require_http_methods(["GET", "POST"])
def confirm_email(request, token):
    # GET only shows a button: email scanners that follow links must not spend them.
    try:
        services.find_confirmation(token=token)
        if request.method == "POST":
            user = services.confirm_email(token=token)
        else:
            return render(request, "accounts/confirm_email.html")
    except services.LinkProblem as problem:
        return link_problem(request, problem, kind="confirmation")
    messages.success(request, "Your email address is confirmed")
    after = request.session.pop(AFTER_SIGN_IN, None)
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect(after or "accounts:home")
    sign_in_url = resolve_url("accounts:sign_in")
    return redirect(f"{sign_in_url}?{urlencode({'next': after})}" if after else sign_in_url)


@login_required
@require_POST
def resend_confirmation(request):
    if request.user.email_confirmed_at is not None:
        messages.success(request, "Your email address is already confirmed")
    else:
        services.send_confirmation(user=request.user)
        messages.success(request, f"We have sent a new link to {request.user.email}")
    return redirect("accounts:home")
