"""The programme team's Django admin: a read-only window on the data, at ADMIN_PATH.

Who: an active person holding the programme team or programme lead role (any programme). The
`is_staff` flag is not used: roles are how Upon says who may do what, and a second switch would
drift from them. Superusers get no way in without a team role either.

What: every model an app registers in its `admin.py`, read-only. Adding, changing and deleting
are refused for everyone, because Upon's changes go through its services, which keep the rules
this admin would bypass (roles granted through `grant_role`, selection changes audited, edits
carrying a version). History is shown for the models that keep it (`SimpleHistoryAdmin`).

What not: data the team may not read by name in the service stays unregistered (equality
monitoring answers, action learning sets' private notes, session feedback, participants' own
self-assessments and goals, secrets in calendar links); `tests/team_admin` holds the list.

Signed out, every admin address sends the person to the service's own sign-in page (with its
throttling), never to a second sign-in form; signed in without the role, 403.
"""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

# This module is loaded with the app registry (TeamAdminConfig), before any model: what needs
# the models (the auth views, the roles) is imported where it is used.


class ReadOnly:
    """Read for the site's people; nothing added, changed or deleted by anyone."""

    def has_module_permission(self, request):
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def history_view(self, request, object_id, extra_context=None):
        # SimpleHistoryAdmin looks the history up by the address as given: an id that is not
        # one (/application/x/history/) would be a server error rather than "not found".
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        return super().history_view(request, object_id, extra_context)


class TeamAdminSite(admin.AdminSite):
    site_header = "Upon team admin"
    site_title = "Upon team admin"
    index_title = "Records (read only)"

    def has_permission(self, request):
        """The admin lists every programme's records, so only someone on the team (or the
        lead) of every programme may open it: with one programme, its team and lead."""
        from upon.accounts import roles
        from upon.programmes.models import Programme

        user = request.user
        if not (user.is_active and user.is_authenticated):
            return False
        theirs = roles.team_programme_ids(user)
        return bool(theirs) and not Programme.objects.exclude(pk__in=theirs).exists()

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every registration is made read-only, its inlines too."""
        admin_class = admin_class or admin.ModelAdmin
        inlines = [type(i.__name__, (ReadOnly, i), {}) for i in admin_class.inlines]
        read_only = type(admin_class.__name__, (ReadOnly, admin_class), {"inlines": inlines})
        super().register(model_or_iterable, read_only, **options)

    def admin_view(self, view, cacheable=False):
        wrapped = super().admin_view(view, cacheable)

        @wraps(view)
        def inner(request, *args, **kwargs):
            from django.contrib.auth.views import redirect_to_login

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
            if not self.has_permission(request):
                raise PermissionDenied
            return wrapped(request, *args, **kwargs)

        return inner

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        """The service's sign-in page, not a second one."""
        from django.contrib.auth.views import redirect_to_login

        if not request.user.is_authenticated:
            return redirect_to_login(
                request.GET.get("next") or reverse("admin:index", current_app=self.name),
                reverse(settings.LOGIN_URL),
            )
        if not self.has_permission(request):
            raise PermissionDenied
        return redirect("admin:index")

    def logout(self, request, extra_context=None):
        from django.contrib.auth.views import LogoutView

        return LogoutView.as_view(next_page=settings.LOGOUT_REDIRECT_URL)(request)

    def password_change(self, request, extra_context=None):
        # The service's own page, with its messages and checks.
        return redirect("accounts:password_change")

    def password_change_done(self, request, extra_context=None):
        return redirect("accounts:password_change_done")


class TeamAdminConfig(AdminConfig):
    default_site = "upon.admin_site.TeamAdminSite"

    def ready(self):
        super().ready()  # registers every app's admin.py
        from django.contrib.auth.models import Group
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice
        from django_tasks_db.models import DBTaskResult

        # Groups are unused (roles say who may do what); the task queue is the service's
        # plumbing, and a queued email's arguments are no business of the team's. Second
        # factor devices hold the secrets behind people's codes: nobody reads them here
        # (the lead resets a person's from the People page).
        for model in (Group, DBTaskResult, TOTPDevice, StaticDevice):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
