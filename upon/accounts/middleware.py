"""Until the second factor is given, a signed-in person reaches only its own pages.

A person who has set up an authenticator app is sent to enter its code; a person whose roles
need one (the team, its lead, reviewers, coaches) and has none is sent to set it up; a session
verified before a reset of the second factor is signed out. Reads only the session and the user
row already loaded: a verified request costs no query (see upon/accounts/second_factor.py).
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect

from upon.accounts import second_factor

# The pages a person may reach before giving their second factor.
OPEN = frozenset(
    {
        "accounts:second_factor_verify",
        "accounts:second_factor_set_up",
        "accounts:sign_out",
    }
)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        state = second_factor.session_state(request)
        if state in (second_factor.VERIFIED, second_factor.NOT_NEEDED):
            return None
        if state == second_factor.STALE:
            logout(request)
            messages.success(request, "Your second factor was reset. Sign in again")
            return redirect("accounts:sign_in")
        if request.resolver_match.view_name in OPEN:
            return None
        next_url = request.get_full_path() if request.method == "GET" else ""
        return redirect(second_factor.next_step_url(state, next_url))
