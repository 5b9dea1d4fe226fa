"""The one decorator for pages that need a role: signed in (else sign-in page), and holding
one of the roles somewhere (else 403). Which object the person may reach is checked by the
view's fetch helper, not here.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from upon.accounts import roles
from upon.accounts.models import Role
from upon.accounts.roles import TEAM_ROLES


def role_required(*required: str, refusal: str | None = None):
    """Signed in and holding any of the roles somewhere (403 otherwise)."""
    if not required:
        raise ValueError("role_required needs at least one role")
    refusal = refusal or " or ".join(f"{Role(role).label}s" for role in required) + " only"

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not roles.has_role(request.user, *required):
                raise PermissionDenied(refusal)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


team_required = role_required(*sorted(TEAM_ROLES), refusal="Programme team only")
