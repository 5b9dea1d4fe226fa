"""The library's forms: searching (by GET), suggesting a resource, the team's resource form,
deciding a suggestion, collections."""

from django import forms

from upon.delivery.models import Cohort
from upon.network.models import (
    DECLINE_REASON_MAX,
    POST_MAX,
    TITLE_MAX,
    Collection,
    ResourceKind,
    Topic,
    Visibility,
)
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES
from upon.service import uploads
from upon.service.forms import GovukForm, OnceFormMixin, radio_field, text_area_field

CAPABILITY_CHOICES = [
    (str(position), name) for position, (name, *_rest) in enumerate(DEFAULT_CAPABILITIES, 1)
]
CAPABILITY_NAMES = dict(CAPABILITY_CHOICES)
QUERY_MAX = 200
REASON_MAX = DECLINE_REASON_MAX
UPLOAD_TYPES = uploads.DOCUMENTS
LINK_MESSAGE = "Enter a link starting with http:// or https://, like https://www.example.com/guide"


def capability_names(positions) -> list[str]:
    return [CAPABILITY_NAMES[str(p)] for p in positions if str(p) in CAPABILITY_NAMES]


def topic_names(values) -> list[str]:
    return [Topic(value).label for value in values if value in Topic.values]


class SearchForm(GovukForm):
    """The library's search box and filters, sent by GET; anything unknown is ignored."""

    q = forms.CharField(label="Search the library", max_length=QUERY_MAX, required=False)
    kind = forms.MultipleChoiceField(
        label="Type",
        choices=ResourceKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    topic = forms.MultipleChoiceField(
        label="Topic", choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    capability = forms.MultipleChoiceField(
        label="Capability",
        choices=CAPABILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def filters(self) -> dict:
        """What to search for: an invalid part (a long query, an unknown type) is left out."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "query": data.get("q", ""),
            "kinds": data.get("kind", []),
            "topics": data.get("topic", []),
            "capabilities": data.get("capability", []),
        }


def title_field() -> forms.CharField:
    return forms.CharField(
        label="Title",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Enter the title",
            "max_length": f"The title must be {TITLE_MAX} characters or fewer",
        },
    )


class ResourceForm(OnceFormMixin, GovukForm):
    """A member's suggestion: what it is, and a file or a link."""

    kind = radio_field(
        "Type of resource", ResourceKind.choices, empty="Select the type of resource"
    )
    title = title_field()
    summary = text_area_field(
        "Summary",
        rows=5,
        empty="Enter a summary",
        too_long=f"The summary must be {POST_MAX:,} characters or fewer",
        max_length=POST_MAX,
        help_text="What it is and who it helps.",
    )
    file = forms.FileField(
        label="Upload a file",
        help_text=f"A {uploads.kinds_text(UPLOAD_TYPES)}, smaller than 20MB.",
        required=False,
    )
    link = forms.URLField(
        label="Or give a link",
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": LINK_MESSAGE, "max_length": "The link is too long"},
    )
    topics = forms.MultipleChoiceField(
        label="Topics",
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    capabilities = forms.MultipleChoiceField(
        label="Capabilities",
        choices=CAPABILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, resource=None, **kwargs):
        self.resource = resource
        if resource is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "kind": resource.kind,
                "title": resource.title,
                "summary": resource.summary,
                "link": resource.link,
                "topics": resource.topics,
                "capabilities": [str(c) for c in resource.capabilities],
                "visibility": resource.visibility,
                "cohort": resource.cohort_id,
            }
        super().__init__(*args, **kwargs)

    def clean_link(self):
        link = self.cleaned_data.get("link", "")
        if link and not link.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(LINK_MESSAGE)
        return link

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            problem = uploads.upload_problem(upload, allowed=UPLOAD_TYPES)
            if problem:
                raise forms.ValidationError(problem)
        return upload

    def clean(self):
        data = super().clean()
        if "file" in self.errors or "link" in self.errors:
            return data
        has_file = self.resource is not None and bool(self.resource.file)
        if data.get("file") and data.get("link"):
            self.add_error("link", "Upload a file or give a link, not both")
        elif not data.get("file") and not data.get("link") and not has_file:
            self.add_error("file", "Select a file to upload or give a link")
        return data

    def details(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "summary": data["summary"],
            "link": data["link"],
            "file": data["file"],
            "topics": data["topics"],
            "capabilities": data["capabilities"],
        }


class VisibilityMixin(forms.Form):
    visibility = radio_field("Who may see it", Visibility.choices, empty="Select who may see it")
    cohort = forms.ModelChoiceField(
        label="Which cohort",
        queryset=Cohort.objects.order_by("-starts_on", "pk"),
        required=False,
        empty_label="Choose a cohort",
        help_text="Only for a resource one cohort sees.",
        error_messages={"invalid_choice": "Select a cohort"},
    )

    def clean(self):
        data = super().clean()
        if data.get("visibility") == Visibility.COHORT and not data.get("cohort"):
            self.add_error("cohort", "Select the cohort who may see it")
        return data


class TeamResourceForm(VisibilityMixin, ResourceForm):
    def details(self) -> dict:
        return {
            **super().details(),
            "visibility": self.cleaned_data["visibility"],
            "cohort": self.cleaned_data["cohort"],
        }


class ReviewForm(VisibilityMixin, GovukForm):
    decision = radio_field(
        "Publish this suggestion?",
        [("publish", "Yes, publish it"), ("decline", "No, decline it")],
        empty="Select whether to publish it",
    )
    reason = text_area_field(
        "Why it is declined",
        rows=3,
        max_length=REASON_MAX,
        too_long=f"The reason must be {REASON_MAX:,} characters or fewer",
        help_text="Sent to the member who suggested it, and shown to them on its page.",
    )
    field_order = ["decision", "visibility", "cohort", "reason"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"visibility": Visibility.NETWORK})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = forms.Form.clean(self)
        decision = data.get("decision")
        if decision == "decline":
            self.errors.pop("visibility", None)
            if not data.get("reason", "").strip():
                self.add_error("reason", "Enter why it is declined")
        elif (
            decision == "publish"
            and data.get("visibility") == Visibility.COHORT
            and not data.get("cohort")
        ):
            self.add_error("cohort", "Select the cohort who may see it")
        return data


class CollectionForm(OnceFormMixin, GovukForm):
    title = title_field()
    description = text_area_field(
        "Description",
        rows=3,
        max_length=POST_MAX,
        too_long=f"The description must be {POST_MAX:,} characters or fewer",
    )


class AddToCollectionForm(GovukForm):
    collection = forms.ModelChoiceField(
        label="Add to a collection",
        queryset=Collection.objects.order_by("title", "pk"),
        empty_label="Choose a collection",
        error_messages={
            "required": "Select a collection",
            "invalid_choice": "Select a collection",
        },
    )
