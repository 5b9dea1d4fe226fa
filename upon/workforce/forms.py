"""The register's forms: finding an authority (by GET), adding, changing and ending a tenure,
and uploading a spreadsheet."""

from django import forms
from django.utils import timezone

from upon.organisations.models import Region
from upon.service import uploads
from upon.service.forms import GovukDateField, GovukForm, GovukModelForm, OnceFormMixin, radio_field
from upon.service.versioning import VersionedFormMixin
from upon.workforce import analytics, register
from upon.workforce.models import NAME_MAX, Basis, LeavingReason, Tenure

YES_NO = [("True", "Yes"), ("False", "No")]
QUERY_MAX = 200
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_KINDS = ("csv", "xlsx")


class FindForm(GovukForm):
    """The register's filter, sent by GET; anything unknown is ignored."""

    region = forms.ChoiceField(
        label="Region", choices=[("", "All regions"), *Region.choices], required=False
    )
    q = forms.CharField(label="Authority or director's name", max_length=QUERY_MAX, required=False)

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"region": data.get("region", ""), "query": data.get("q", "").strip()}


def yes_no_field(label: str, empty: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={"required": empty, "invalid_choice": empty},
    )


def start_field() -> GovukDateField:
    return GovukDateField(
        label="Start date",
        label_lower="start date",
        help_text="Their first day in post. For example, 1 4 2024",
        years_ahead=0,
    )


def end_field(*, required: bool) -> GovukDateField:
    return GovukDateField(
        label="End date" if required else "End date (if they have left)",
        label_lower="end date",
        help_text="Their last day in post. For example, 31 3 2025",
        years_ahead=0,
        required=required,
    )


def basis_field():
    return radio_field("Interim or permanent?", Basis.choices, empty="Select interim or permanent")


def twin_hat_field():
    return yes_no_field(
        "Are they also the Director of Adult Social Services (twin hat)?",
        "Select yes if they are also the Director of Adult Social Services",
    )


def shared_field():
    return yes_no_field(
        "Do they lead another authority's children's services at the same time (shared)?",
        "Select yes if they lead another authority at the same time",
    )


def reason_field(*, required: bool):
    return radio_field(
        "Why did they leave?",
        LeavingReason.choices,
        empty="Select why they left, or Not known" if required else None,
    )


class RulesMixin:
    """Puts `register.RegisterProblem` beside its field."""

    def refuse(self, problem: register.RegisterProblem) -> None:
        field = problem.field if problem.field in self.fields else None
        self.add_error(field, problem.message)


class AddTenureForm(RulesMixin, OnceFormMixin, GovukForm):
    name = forms.CharField(
        label="Director's name",
        max_length=NAME_MAX,
        help_text="As the authority publishes it. A name already in the register is that person.",
        error_messages={
            "required": "Enter the director's name",
            "max_length": f"The director's name must be {NAME_MAX} characters or fewer",
        },
    )
    started_on = start_field()
    ended_on = end_field(required=False)
    basis = basis_field()
    twin_hat = twin_hat_field()
    shared = shared_field()
    leaving_reason = reason_field(required=False)

    def clean(self):
        data = super().clean()
        problems = register.date_problems(
            started_on=data.get("started_on"),
            ended_on=data.get("ended_on"),
            today=timezone.localdate(),
        )
        for field, message in problems.items():
            if not self.has_error(field):
                self.add_error(field, message)
        if (
            data.get("leaving_reason")
            and not data.get("ended_on")
            and not self.has_error("ended_on")
        ):
            self.add_error(
                "leaving_reason", "Leave this empty while they are in post, or enter the end date"
            )
        return data

    def details(self) -> dict:
        return dict(self.cleaned_data)


class ChangeTenureForm(RulesMixin, VersionedFormMixin, GovukModelForm):
    started_on = start_field()
    basis = basis_field()
    twin_hat = twin_hat_field()
    shared = shared_field()

    class Meta:
        model = Tenure
        fields = list(register.DETAILS)

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in register.DETAILS}


class EndTenureForm(RulesMixin, VersionedFormMixin, GovukModelForm):
    ended_on = end_field(required=True)
    leaving_reason = reason_field(required=True)

    class Meta:
        model = Tenure
        fields = ["ended_on", "leaving_reason"]


def upload_problem(upload) -> str | None:
    """A CSV (UTF-8 text) or an Excel workbook, by its name and its first bytes, under 5MB; in
    the service's words for every upload (upon/service/uploads.py)."""
    kinds = uploads.kinds_text(UPLOAD_KINDS)
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension == "xlsx":
        problem = uploads.upload_problem(upload, allowed=("xlsx",), max_bytes=MAX_UPLOAD_BYTES)
        return problem.replace("a XLSX", f"a {kinds}") if problem else None
    if upload.size == 0:
        return "The selected file is empty"
    if upload.size > MAX_UPLOAD_BYTES:
        return f"The selected file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)}MB"
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if extension != "csv" or b"\x00" in head or head.startswith(b"PK\x03\x04"):
        return f"The selected file must be a {kinds}"
    return None


class UploadForm(OnceFormMixin, GovukForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV or XLSX with the template's columns, smaller than 5MB.",
        error_messages={
            "required": "Select a CSV or XLSX file",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            problem = upload_problem(upload)
            if problem:
                raise forms.ValidationError(problem)
        return upload


class FindAccountForm(GovukForm):
    """The link page's search, sent by GET."""

    q = forms.CharField(
        label="Search by name or email address", max_length=QUERY_MAX, required=False
    )

    def query(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""


def account_label(user, *, director) -> str:
    label = f"{user.full_name} ({user.email})"
    entry = getattr(user, "register_entry", None)
    if entry is not None and entry.pk != director.pk:
        label += f", linked to {entry.name}"
    return label


class LinkAccountForm(RulesMixin, GovukForm):
    """Which Upon account is the director's: any new director or alumnus of the team member's
    programmes is accepted; the page lists those its search found."""

    user = forms.ModelChoiceField(
        label="Which Upon account is theirs?",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the Upon account to link",
            "invalid_choice": "Select a new director or alumnus of your programmes to link",
        },
    )

    def __init__(self, *args, director, everyone, listed, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.label = f"Which Upon account is {director.name}'s?"
        field.queryset = everyone
        # Accept anyone the team may link; show those the search found.
        field.widget.choices = [
            (person.pk, account_label(person, director=director)) for person in listed
        ]


class SurvivalForm(GovukForm):
    """How the survival page groups tenures, sent by GET: all directors when not given."""

    by = radio_field(
        "Group tenures by",
        list(analytics.GROUPINGS.items()),
        invalid="Select all directors, region or type of authority",
        required=False,
    )

    def grouping(self) -> str:
        return (self.cleaned_data.get("by") if self.is_valid() else "") or analytics.ALL
