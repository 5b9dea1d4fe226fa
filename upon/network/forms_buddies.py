"""Buddy pairing: the team chooses a buddy other than the rule's; the director answers."""

from django import forms

from upon.service.forms import GovukForm, radio_field


class ChooseBuddyForm(GovukForm):
    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buddy"] = forms.TypedChoiceField(
            label="Buddy",
            coerce=int,
            choices=[("", "Select an experienced director")]
            + [
                (c.person_id, f"{c.name}, {c.authority} ({c.region or 'region unknown'})")
                for c in candidates
            ],
            error_messages={
                "required": "Select the buddy",
                "invalid_choice": "Select an experienced director in another authority",
            },
        )


class AnswerBuddyForm(GovukForm):
    answer = radio_field(
        "Would you like this buddy?",
        [("accept", "Yes, accept the buddy"), ("decline", "No, decline")],
        empty="Select whether you accept the buddy",
    )
