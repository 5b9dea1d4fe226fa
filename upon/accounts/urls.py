from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from upon.accounts import forms, views, views_invitations
from upon.accounts import views_second_factor as second_factor

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("sign-in/code/", second_factor.verify, name="second_factor_verify"),
    path("second-factor/", second_factor.settings_page, name="second_factor"),
    path("second-factor/set-up/", second_factor.set_up, name="second_factor_set_up"),
    path("second-factor/recovery-codes/", second_factor.recovery_codes, name="recovery_codes"),
    path(
        "second-factor/recovery-codes/new/",
        second_factor.new_recovery_codes,
        name="new_recovery_codes",
    ),
    path("second-factor/turn-off/", second_factor.turn_off, name="turn_off_second_factor"),
    path("team/people/", second_factor.people, name="people"),
    path(
        "team/roles/<int:pk>/reset-second-factor/",
        second_factor.reset_second_factor,
        name="reset_second_factor",
    ),
    path("create/", views.create_account, name="create_account"),
    path("create/check-your-email/", views.check_email, name="check_email"),
    path("confirm/resend/", views.resend_confirmation, name="resend_confirmation"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=forms.GovukPasswordResetForm,
            template_name="accounts/password_reset_form.html",
            subject_template_name="accounts/emails/password_reset_subject.txt",
            email_template_name="accounts/emails/password_reset.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=forms.GovukSetPasswordForm,
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            form_class=forms.GovukPasswordChangeForm,
            template_name="accounts/password_change_form.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/changed/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("invitations/", views_invitations.invitations, name="invitations"),
    path("invitations/new/", views_invitations.invite, name="invite"),
    path("invitations/<str:token>/", views_invitations.invitation_accept, name="invitation_accept"),
    path(
        "invitations/<str:token>/create-account/",
        views_invitations.invitation_create_account,
        name="invitation_create_account",
    ),
]
