"""Action learning sets: placing people in groups (sets, or a challenge's teams), choosing a
set's facilitator, the set's notes."""

from django import forms

from upon.service.forms import GovukForm, OnceFormMixin
from upon.service.versioning import VersionedFormMixin


class PlacementForm(VersionedFormMixin, GovukForm):
    """One choice a person: which group (set or team) they are in, or none. Carries the
    version of the `record=` the groups belong to (the cohort's sets, the challenge's teams),
    so two people placing people at once never undo each other's moves."""

    def __init__(self, *args, people, groups, placement, none_label, label, **kwargs):
        """people: [(participant id, name)], groups: [(id, name)], placement: id -> group;
        label: each question's label, with {} for the person's name ("Set for {}")."""
        super().__init__(*args, **kwargs)
        self.people = people
        choices = [("", none_label), *[(str(pk), name) for pk, name in groups]]
        for pk, person in people:
            name = f"p{pk}"
            self.fields[name] = forms.ChoiceField(
                label=label.format(person), choices=choices, required=False
            )
            group = placement.get(pk)
            self.initial[name] = "" if group is None else str(group)

    def rows(self):
        """(participant id, bound field) in the order people were given."""
        return [(pk, self[f"p{pk}"]) for pk, _ in self.people]

    def placement(self) -> dict[int, int | None]:
        """participant id -> group id (None for no group), as chosen."""
        data = self.cleaned_data
        return {pk: int(data[f"p{pk}"]) if data.get(f"p{pk}") else None for pk, _ in self.people}


class MoveForm(PlacementForm):
    confirm = forms.BooleanField(
        label="Keep these sets despite the warnings?",
        required=False,
        widget=forms.CheckboxInput(
            attrs={
                "data-checkbox-label": "Save anyway: I have read the warnings and want these sets"
            }
        ),
    )


class FacilitatorForm(VersionedFormMixin, GovukForm):
    page_heading_field = "facilitator"

    def __init__(self, *args, action_learning_set, facilitators, **kwargs):
        super().__init__(*args, record=action_learning_set, **kwargs)
        self.facilitators = {str(user.pk): user for user in facilitators}
        self.fields["facilitator"] = forms.ChoiceField(
            label=f"Who facilitates {action_learning_set.name}?",
            help_text="People who facilitate this cohort. The programme team gives the "
            "facilitator role.",
            choices=[
                *[(pk, user.full_name or user.email) for pk, user in self.facilitators.items()],
                ("", "No facilitator yet"),
            ],
            widget=forms.RadioSelect,
            required=False,
        )
        facilitator_id = action_learning_set.facilitator_id
        self.initial["facilitator"] = "" if facilitator_id is None else str(facilitator_id)

    def chosen(self):
        return self.facilitators.get(self.cleaned_data.get("facilitator") or "")


class NoteForm(OnceFormMixin, GovukForm):
    text = forms.CharField(
        label="Add a note",
        help_text="Only the set's members and its facilitator can read notes.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the note",
            "max_length": "The note must be 5,000 characters or fewer",
        },
    )
