"""Account forms in GOV.UK wording: sign in, create an account, passwords, invitations."""

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError

from upon.accounts import second_factor, services, throttle
from upon.accounts.models import INTAKE_SCOPED_ROLES, Role, User
from upon.programmes.models import Intake
from upon.service.forms import GovukForm, GovukFormMixin, OnceFormMixin, radio_field

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"


def email_field(
    label: str = "Email address", required: str = "Enter your email address", **kwargs
) -> forms.EmailField:
    return forms.EmailField(
        label=label,
        max_length=254,
        error_messages={"required": required, "invalid": EMAIL_FORMAT},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        **kwargs,
    )


def minimum_password_length() -> int:
    for validator in password_validation.get_default_password_validators():
        if isinstance(validator, password_validation.MinimumLengthValidator):
            return validator.min_length
    return 1


def password_problems(password: str, user) -> list[str]:
    """The settings' password validators, with their messages in GOV.UK wording."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        wording = {
            "password_too_short": (
                f"Your password must be {minimum_password_length()} characters or more"
            ),
            "password_too_common": "Your password is too easy to guess. Choose a different one",  # nosec B105  # a message
            "password_entirely_numeric": "Your password must not be only numbers",  # nosec B105  # a message
            "password_too_similar": "Your password must not be like your name or email address",  # nosec B105  # a message
        }
        return [wording.get(item.code, item.messages[0]) for item in error.error_list]
    return []


def new_password_fields(label: str = "Create a password"):
    hint = (
        f"Use {minimum_password_length()} characters or more. Do not use your name, your email "
        "address, a common password or only numbers."
    )
    first = forms.CharField(
        label=label,
        strip=False,
        help_text=hint,
        error_messages={"required": "Enter a password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    second = forms.CharField(
        label="Confirm your password",
        strip=False,
        error_messages={"required": "Confirm your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    return first, second


class NewPasswordMixin:
    """Two password boxes that must match and pass the validators; errors go on the first."""

    first_password = "password1"  # nosec B105  # a field's name
    second_password = "password2"  # nosec B105  # a field's name

    def check_new_password(self, user) -> None:
        first = self.cleaned_data.get(self.first_password)
        second = self.cleaned_data.get(self.second_password)
        if first is None:
            return
        problems = password_problems(first, user)
        for problem in problems:
            self.add_error(self.first_password, problem)
        if not problems and second is not None and first != second:
            self.add_error(self.second_password, "The passwords do not match")


class SignInForm(GovukForm):
    """Email and password, with failed attempts throttled per address and per IP address."""

    email = email_field()
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        email, password = self.cleaned_data.get("email"), self.cleaned_data.get("password")
        if not email or not password:
            return self.cleaned_data
        ip = throttle.client_ip(self.request)
        refused = throttle.refusal(email=email, ip=ip)
        if refused:
            # Checked before the password, so the right password cannot slip through either.
            self.add_error("email", ValidationError(refused.message, code="throttled"))
            return self.cleaned_data
        self.user = authenticate(
            self.request, email=services.normalise_email(email), password=password
        )
        if self.user is None:
            throttle.record_failure(email=email, ip=ip)
            # The same words whether or not the address has an account. On the email field so
            # the error summary links to the first box.
            self.add_error(
                "email",
                ValidationError(
                    "Enter the email address and password for your account", code="invalid_login"
                ),
            )
            return self.cleaned_data
        throttle.record_success(email=email)
        return self.cleaned_data


class CreateAccountForm(NewPasswordMixin, GovukForm):
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    email = email_field(
        help_text="We will send a link to this address to check it is yours.",
    )
    password1, password2 = new_password_fields()

    def clean(self):
        candidate = User(
            email=services.normalise_email(self.cleaned_data.get("email") or ""),
            full_name=self.cleaned_data.get("full_name") or "",
        )
        self.check_new_password(candidate)
        return self.cleaned_data


class InvitedAccountForm(NewPasswordMixin, GovukForm):
    """Creating an account from an invitation: the email address is the invitation's."""

    full_name = CreateAccountForm.base_fields["full_name"]
    password1, password2 = new_password_fields()

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        candidate = User(email=self.email, full_name=self.cleaned_data.get("full_name") or "")
        self.check_new_password(candidate)
        return self.cleaned_data


class GovukPasswordResetForm(GovukFormMixin, PasswordResetForm):
    email = email_field()

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # Links in emails are built from SITE_URL, never from the request's Host header.
        context = {**context, "site_url": settings.SITE_URL}
        super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class GovukSetPasswordForm(NewPasswordMixin, GovukFormMixin, SetPasswordForm):
    first_password = "new_password1"  # nosec B105  # a field's name
    second_password = "new_password2"  # nosec B105  # a field's name
    new_password1, new_password2 = new_password_fields("New password")

    def clean(self):
        self.check_new_password(self.user)
        return self.cleaned_data


class GovukPasswordChangeForm(GovukSetPasswordForm, PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Your current password is not correct",  # nosec B105  # a message
    }
    old_password = forms.CharField(
        label="Current password",
        strip=False,
        error_messages={"required": "Enter your current password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["old_password", "new_password1", "new_password2"]


class InvitationForm(OnceFormMixin, GovukForm):
    """Invite a person to a role on one of the inviter's programmes."""

    email = email_field(required="Enter the email address of the person you are inviting")
    role = radio_field("Role", Role.choices, empty="Select a role", invalid="Select a role")
    programme = forms.ModelChoiceField(
        label="Programme",
        queryset=None,
        empty_label="Choose a programme",
        error_messages={
            "required": "Select a programme",
            "invalid_choice": "Select one of your programmes",
        },
    )
    intake = forms.ModelChoiceField(
        label="Intake (reviewers, participants and facilitators only)",
        queryset=None,
        required=False,
        empty_label="Not for one intake",
        help_text="Reviewers review for one intake. Participants and facilitators join its cohort.",
        error_messages={"invalid_choice": "Select one of your programme's intakes"},
    )

    def __init__(self, *args, inviter: User, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        self.fields["programme"].queryset = programmes
        self.fields["intake"].queryset = Intake.objects.filter(
            programme__in=programmes
        ).select_related("programme")
        self.fields["intake"].label_from_instance = lambda i: f"{i.programme.name}: {i.name}"

    def clean(self):
        role = self.cleaned_data.get("role")
        programme = self.cleaned_data.get("programme")
        if not role or not programme:
            return self.cleaned_data
        if role not in INTAKE_SCOPED_ROLES:
            self.cleaned_data["intake"] = None
        refusal = services.invite_refusal(invited_by=self.inviter, role=role, programme=programme)
        if refusal:
            self.add_error("role", refusal)
        if "intake" in self.errors:
            return self.cleaned_data
        try:
            services.check_scope(
                role=role, programme=programme, intake=self.cleaned_data.get("intake")
            )
        except ValidationError as error:
            self.add_error("intake", error)
        return self.cleaned_data


def _code_field(label: str, hint: str, required: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=40,
        error_messages={"required": required},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-10",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
    )


def _throttled(request, check, wrong: str):
    """Run `check()` (None for a wrong code) unless this account's or address's failures make
    it wait, as signing in does; raise the error to show next to the field."""
    # The account's own key for codes, apart from its password's.
    key = f"second-factor:{request.user.pk}"
    ip = throttle.client_ip(request)
    refused = throttle.refusal(email=key, ip=ip)
    if refused:
        raise ValidationError(refused.message, code="throttled")
    result = check()
    if result is None:
        throttle.record_failure(email=key, ip=ip)
        raise ValidationError(wrong, code="invalid")
    throttle.record_success(email=key)
    return result


class SecondFactorForm(GovukForm):
    """The code from the app, or a recovery code; failures throttled like passwords."""

    page_heading_field = "code"
    code = _code_field(
        "Enter the code from your authenticator app",
        "The code is 6 numbers and changes every 30 seconds. If you do not have your device, "
        "enter one of your recovery codes instead.",
        "Enter the code from your authenticator app",
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.device = None
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"]
        self.device = _throttled(
            self.request,
            lambda: second_factor.check_code(user=self.request.user, code=code),
            "Enter the current code from your authenticator app, or an unused recovery code",
        )
        return code


class SetUpAppForm(GovukForm):
    """The code that proves the app holds the key this page showed; the key rides in the form,
    signed, so showing the page saves nothing."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=500)
    code = _code_field(
        "Code from your authenticator app",
        "After adding Upon to the app, enter the 6 numbers it shows.",
        "Enter the code from your authenticator app",
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.recovery_codes = None
        super().__init__(*args, **kwargs)
        user = request.user
        signed = self.data.get("key") if self.is_bound else None
        self.app_key = signed and second_factor.unsign_app_key(user=user, signed=signed)
        if not self.app_key:
            # First visit, or a form too old or not theirs: a new key (the page shows it).
            self.app_key = second_factor.new_app_key()
        self.signed_key = second_factor.sign_app_key(user=user, key=self.app_key)
        self.initial["key"] = self.signed_key
        if self.is_bound:
            self.data = self.data.copy()
            self.data["key"] = self.signed_key

    def clean_code(self):
        code = self.cleaned_data["code"]
        self.recovery_codes = _throttled(
            self.request,
            lambda: second_factor.confirm_app(user=self.request.user, key=self.app_key, code=code),
            "Enter the code your authenticator app shows now for Upon",
        )
        return code
