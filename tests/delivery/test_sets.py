"""Action learning sets: the team forms them and moves people with warnings; members and their
facilitator keep private notes."""

import pytest
from django.urls import reverse

from tests.delivery.factories import (
    ActionLearningSetFactory,
    ParticipantFactory,
    facilitator_for,
)
from tests.factories import OrganisationFactory
from upon.delivery import sets
from upon.delivery.algorithms import set_formation
from upon.delivery.models import ActionLearningSet, Participant, ParticipantStatus, SetNote
from upon.organisations.models import OrganisationKind, Region
from upon.recruitment.models import Sector

REGIONS = [Region.LONDON, Region.NORTH_WEST, Region.SOUTH_WEST, Region.YORKSHIRE]
SECTORS = [Sector.LOCAL_GOVERNMENT, Sector.HEALTH, Sector.VOLUNTARY]
KINDS = [OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.NHS_TRUST, OrganisationKind.VOLUNTARY]
NAMES = [
    "Ada Able",
    "Ben Bright",
    "Cal Capable",
    "Dee Decisive",
    "Eve Earnest",
    "Fay Fair",
    "Gus Grounded",
    "Hal Humble",
    "Ivy Inventive",
    "Jo Just",
    "Kit Keen",
    "Lou Loyal",
]


@pytest.fixture
def twelve(enrol):
    """Twelve participants, two from each of six employers, in four regions and three sectors."""
    employers = [
        OrganisationFactory(name=f"Employer {letter}", kind=KINDS[i % 3])
        for i, letter in enumerate("ABCDEF")
    ]
    return [
        enrol(name, employers[i // 2], region=REGIONS[i % 4], sector=SECTORS[i % 3])
        for i, name in enumerate(NAMES)
    ]


def team_sets(cohort):
    return reverse("delivery:team_sets", args=[cohort.pk])


def form_url(cohort):
    return reverse("delivery:form_sets", args=[cohort.pk])


def move_url(cohort):
    return reverse("delivery:move", args=[cohort.pk])


def placed(cohort):
    """{set name: sorted member names} as saved."""
    result = {}
    for s in ActionLearningSet.objects.filter(cohort=cohort):
        result[s.name] = sorted(
            Participant.objects.filter(action_learning_set=s).values_list(
                "user__full_name", flat=True
            )
        )
    return result


# Forming the sets


def test_the_team_forms_sets_that_keep_the_rules_and_sees_the_score(client, team, cohort, twelve):
    members = sets.members_for(list(sets.active_participants(cohort=cohort)))
    expected = set_formation.form_sets(members=list(members.values()))
    client.force_login(team)
    response = client.post(form_url(cohort), follow=True)
    content = response.content.decode()
    assert (
        f"12 people formed into 2 sets. Mix score {expected.score} of a possible "
        f"{expected.upper_bound}." in content
    )
    assert placed(cohort) == {
        f"Set {n}": sorted(ids) for n, ids in enumerate(expected.sets, start=1)
    }
    for name, people in placed(cohort).items():
        assert len(people) == 6
        employers = Participant.objects.filter(action_learning_set__name=name).values_list(
            "application__employer__name", flat=True
        )
        assert len(set(employers)) == 6
    gap = expected.upper_bound - expected.score
    wording = "(the best possible)" if gap == 0 else f"({gap} below the upper bound)"
    assert f"{expected.score} of a possible {expected.upper_bound} {wording}" in content
    assert "The programme team cannot read them." in content


def test_a_cohort_too_small_for_sets_is_told_why_and_nothing_is_saved(client, team, cohort, enrol):
    for i in range(4):
        enrol(f"Person {i}", OrganisationFactory())
    client.force_login(team)
    content = client.post(form_url(cohort), follow=True).content.decode()
    assert (
        "The sets could not be formed. A cohort of 4 people cannot be split into sets of 5 to 7 "
        "people whose sizes differ by at most one." in content
    )
    assert not ActionLearningSet.objects.exists()


def test_only_active_participants_are_placed(client, team, cohort, twelve, enrol):
    enrol("Wes Withdrawn", OrganisationFactory(), status=ParticipantStatus.WITHDRAWN)
    client.force_login(team)
    client.post(form_url(cohort))
    assert not Participant.objects.get(user__full_name="Wes Withdrawn").action_learning_set
    assert sum(len(p) for p in placed(cohort).values()) == 12


def test_forming_again_keeps_facilitators_by_name(client, team, cohort, twelve, facilitator):
    client.force_login(team)
    client.post(form_url(cohort))
    first = ActionLearningSet.objects.get(cohort=cohort, name="Set 1")
    first.facilitator = facilitator
    first.save()
    client.post(form_url(cohort))
    assert ActionLearningSet.objects.get(cohort=cohort, name="Set 1").facilitator == facilitator
    assert ActionLearningSet.objects.get(cohort=cohort, name="Set 2").facilitator is None


def test_sets_that_have_met_cannot_be_formed_again(client, team, cohort, twelve):
    client.force_login(team)
    client.post(form_url(cohort))
    before = placed(cohort)
    first = ActionLearningSet.objects.get(cohort=cohort, name="Set 1")
    member = Participant.objects.filter(action_learning_set=first).first()
    SetNote.objects.create(action_learning_set=first, author=member.user, text="We met.")
    content = client.post(form_url(cohort), follow=True).content.decode()
    assert "The sets cannot be formed again because they have started" in content
    assert placed(cohort) == before
    assert SetNote.objects.get().text == "We met."
    page = client.get(team_sets(cohort)).content.decode()
    assert "can no longer be formed again automatically" in page
    assert "Form the sets again</button>" not in page


def test_forming_is_post_only(client, team, cohort):
    client.force_login(team)
    assert client.get(form_url(cohort)).status_code == 405


# Who may see and change the sets


def test_another_programmes_team_gets_404_and_other_roles_403(
    client, other_team, participant, facilitator, outsider, cohort
):
    urls = [team_sets(cohort), move_url(cohort)]
    client.force_login(other_team)
    assert [client.get(url).status_code for url in urls] == [404, 404]
    assert client.post(form_url(cohort)).status_code == 404
    for person in (participant.user, facilitator, outsider):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [403, 403]
        assert client.post(form_url(cohort)).status_code == 403
    assert not ActionLearningSet.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(client, cohort):
    response = client.get(team_sets(cohort))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))


@pytest.mark.parametrize("count", [1, 3])
def test_sets_page_query_count_is_the_same_for_1_and_3_sets(
    client, team, cohort, enrol, facilitator, django_assert_num_queries, count
):
    for n in range(count):
        group = ActionLearningSetFactory(
            cohort=cohort, name=f"Set {n + 1}", facilitator=facilitator
        )
        for i in range(5):
            enrol(f"Member {n}{i}", OrganisationFactory(), action_learning_set=group)
    client.force_login(team)
    client.get(team_sets(cohort))
    # session, user, roles, cohort, sets, participants, notes exist, meetings exist.
    with django_assert_num_queries(8):
        response = client.get(team_sets(cohort))
    assert response.content.decode().count("Change<span") == count


# Moving people by hand


@pytest.fixture
def formed(client, team, cohort, twelve):
    client.force_login(team)
    client.post(form_url(cohort))
    return {p.user.full_name: p for p in Participant.objects.select_related("user")}


def _placement(cohort, **moves):
    """POST data: everyone where they are, with moves {first name: set name}, from a page
    showing the cohort as it is now (its version)."""
    cohort.refresh_from_db()
    data = {"version": str(cohort.version)}
    by_name = {s.name: s.pk for s in ActionLearningSet.objects.filter(cohort=cohort)}
    for p in Participant.objects.filter(cohort=cohort).select_related("user"):
        first = p.user.full_name.split()[0]
        target = moves.get(first)
        data[f"p{p.pk}"] = str(by_name[target]) if target else str(p.action_learning_set_id)
    return data


def _partner_elsewhere(cohort):
    """Someone, and the set of the other person from their employer."""
    ada = Participant.objects.get(user__full_name="Ada Able")
    ben = Participant.objects.get(user__full_name="Ben Bright")  # Employer A too
    return ada, ben.action_learning_set


def test_a_move_shows_warnings_live_without_saving(client, cohort, formed):
    ada, ben_set = _partner_elsewhere(cohort)
    source = ada.action_learning_set
    data = _placement(cohort, Ada=ben_set.name)
    response = client.post(move_url(cohort), data, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content  # the fragment only
    number = ben_set.name.split()[1]
    assert f"Set {number} has 2 people from Employer A: " in content
    assert "Set sizes differ by more than one" in content
    assert "Save anyway" in content
    assert "HX-Request" in response.headers["Vary"]
    ada.refresh_from_db()
    assert ada.action_learning_set == source


def test_without_javascript_check_shows_the_same_warnings(client, cohort, formed):
    ada, ben_set = _partner_elsewhere(cohort)
    data = {**_placement(cohort, Ada=ben_set.name), "action": "check"}
    content = client.post(move_url(cohort), data).content.decode()
    assert "<html" in content
    assert "2 people from Employer A" in content
    ada.refresh_from_db()
    assert ada.action_learning_set != ben_set


def test_saving_sets_that_break_a_rule_needs_save_anyway(client, cohort, formed):
    ada, ben_set = _partner_elsewhere(cohort)
    data = {**_placement(cohort, Ada=ben_set.name), "action": "save"}
    content = client.post(move_url(cohort), data).content.decode()
    assert "Not saved. Tick" in content
    assert "selected>" in content
    ada.refresh_from_db()
    assert ada.action_learning_set != ben_set
    response = client.post(move_url(cohort), {**data, "confirm": "on"}, follow=True)
    assert "1 person moved. The sets are saved." in response.content.decode()
    ada.refresh_from_db()
    assert ada.action_learning_set == ben_set


def test_a_move_that_breaks_no_rule_saves_at_once(client, cohort, formed):
    # Ada and Ben work for the same employer, so swapping them keeps every rule.
    ada, ben = formed["Ada Able"], formed["Ben Bright"]
    ada_set, ben_set = ada.action_learning_set, ben.action_learning_set
    data = _placement(cohort, Ada=ben_set.name, Ben=ada_set.name)
    response = client.post(move_url(cohort), {**data, "action": "save"}, follow=True)
    assert "2 people moved. The sets are saved." in response.content.decode()
    ada.refresh_from_db()
    ben.refresh_from_db()
    assert (ada.action_learning_set, ben.action_learning_set) == (ben_set, ada_set)


def test_two_people_moving_people_at_once_the_second_sees_both_and_keeps_their_choices(
    client, cohort, formed
):
    ada, ben = formed["Ada Able"], formed["Ben Bright"]
    ada_set, ben_set = ada.action_learning_set, ben.action_learning_set
    opened = _placement(cohort, Ada=ben_set.name, Ben=ada_set.name)  # both open the page
    mine = {**opened, "action": "save"}
    theirs = {**_placement(cohort, Ben=ada_set.name), "confirm": "on", "action": "save"}
    assert client.post(move_url(cohort), theirs).status_code == 302
    response = client.post(move_url(cohort), mine)
    assert response.status_code == 409
    assert "Someone else changed this while you were editing" in response.content.decode()
    assert response.context["form"][f"p{ada.pk}"].value() == str(ben_set.pk)  # kept
    ada.refresh_from_db()
    ben.refresh_from_db()
    # Their move stands, mine is not applied until I save again.
    assert (ada.action_learning_set, ben.action_learning_set) == (ada_set, ada_set)


def test_a_set_of_another_cohort_is_not_a_choice(client, cohort, other_cohort, formed):
    elsewhere = ActionLearningSetFactory(cohort=other_cohort)
    ada = formed["Ada Able"]
    data = {**_placement(cohort), f"p{ada.pk}": str(elsewhere.pk), "action": "save"}
    content = client.post(move_url(cohort), data).content.decode()
    assert "Select a valid choice" in content
    ada.refresh_from_db()
    assert ada.action_learning_set.cohort == cohort


def test_the_team_page_lists_warnings_under_each_set(client, cohort, formed):
    ada, ben_set = _partner_elsewhere(cohort)
    Participant.objects.filter(pk=ada.pk).update(action_learning_set=ben_set)
    content = client.get(team_sets(cohort)).content.decode()
    assert "has 2 people from Employer A: " in content
    assert "Set sizes differ by more than one: " in content


# A facilitator for each set


def test_the_team_chooses_a_facilitator_for_a_set(client, team, cohort, facilitator):
    group = ActionLearningSetFactory(cohort=cohort, name="Set 1")
    other = facilitator_for(cohort, full_name="Second Facilitator")
    client.force_login(team)
    url = reverse("delivery:set_facilitator", args=[group.pk])
    content = client.get(url).content.decode()
    assert "Who facilitates Set 1?" in content
    assert "Fran Facilitator" in content and "Second Facilitator" in content
    response = client.post(url, {"facilitator": str(facilitator.pk), "version": "1"}, follow=True)
    assert "Fran Facilitator facilitates Set 1." in response.content.decode()
    group.refresh_from_db()
    assert group.facilitator == facilitator
    client.post(url, {"facilitator": "", "version": "2"})
    group.refresh_from_db()
    assert group.facilitator is None
    assert other.pk != facilitator.pk


def test_only_the_cohorts_facilitators_can_be_chosen(client, team, cohort, other_cohort):
    group = ActionLearningSetFactory(cohort=cohort)
    stranger = facilitator_for(other_cohort, full_name="Stranger Facilitator")
    client.force_login(team)
    url = reverse("delivery:set_facilitator", args=[group.pk])
    assert "Stranger Facilitator" not in client.get(url).content.decode()
    response = client.post(url, {"facilitator": str(stranger.pk)})
    assert "Select a valid choice" in response.content.decode()
    assert response.content.decode().count("<title>Error: ") == 1
    group.refresh_from_db()
    assert group.facilitator is None
    with pytest.raises(sets.NotAFacilitator):
        sets.set_facilitator(action_learning_set=group, facilitator=stranger, version=group.version)


def test_another_programme_cannot_choose_a_facilitator(client, other_team, participant, cohort):
    group = ActionLearningSetFactory(cohort=cohort)
    url = reverse("delivery:set_facilitator", args=[group.pk])
    client.force_login(other_team)
    assert client.get(url).status_code == 404
    client.force_login(participant.user)
    assert client.get(url).status_code == 403


# The set's own page and its private notes


@pytest.fixture
def a_set(cohort, participant, other_participant, facilitator, enrol):
    """Set 1 with `participant` and Col League, facilitated by `facilitator`;
    `other_participant` is in Set 2."""
    group = ActionLearningSetFactory(cohort=cohort, name="Set 1", facilitator=facilitator)
    participant.action_learning_set = group
    participant.save()
    enrol("Col League", OrganisationFactory(), action_learning_set=group)
    other_participant.action_learning_set = ActionLearningSetFactory(cohort=cohort, name="Set 2")
    other_participant.save()
    return group


MY_SET = reverse("delivery:my_set")


def test_a_member_sees_their_set_and_adds_a_note(client, participant, a_set):
    client.force_login(participant.user)
    content = client.get(MY_SET).content.decode()
    assert '<h1 class="govuk-heading-l">Set 1</h1>' in content
    assert "Pat Participant" in content and "Col League" in content
    assert "Fran Facilitator" in content
    assert "Quinn Colleague" not in content
    response = client.post(MY_SET, {"text": "We agreed to bring one dilemma each."}, follow=True)
    assert "Note added. Only this set can read it." in response.content.decode()
    note = SetNote.objects.get()
    assert (note.action_learning_set, note.author, note.text) == (
        a_set,
        participant.user,
        "We agreed to bring one dilemma each.",
    )


def test_an_empty_note_is_refused(client, participant, a_set):
    client.force_login(participant.user)
    response = client.post(MY_SET, {"text": "   "})
    content = response.content.decode()
    assert "<title>Error: " in content
    assert '<a href="#id_text">Enter the note</a>' in content
    assert not SetNote.objects.exists()


def test_the_facilitator_reads_and_adds_notes(client, facilitator, participant, a_set):
    SetNote.objects.create(action_learning_set=a_set, author=participant.user, text="Private")
    url = reverse("delivery:facilitator_set", args=[a_set.pk])
    client.force_login(facilitator)
    assert "Private" in client.get(url).content.decode()
    client.post(url, {"text": "Next time: coaching questions."})
    assert SetNote.objects.filter(author=facilitator).get().text == "Next time: coaching questions."


def test_notes_stay_inside_the_set(
    client, cohort, team, other_participant, other_facilitator, participant, a_set
):
    SetNote.objects.create(action_learning_set=a_set, author=participant.user, text="Private")
    # Another participant sees their own set, never this one's notes.
    client.force_login(other_participant.user)
    content = client.get(MY_SET).content.decode()
    assert "Set 2" in content and "Private" not in content
    # Another facilitator of the cohort: 404 for a set they do not facilitate.
    url = reverse("delivery:facilitator_set", args=[a_set.pk])
    client.force_login(other_facilitator)
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Let me in"}).status_code == 404
    # The programme team: no page shows a set's notes.
    client.force_login(team)
    assert client.get(url).status_code == 403
    assert client.get(MY_SET).status_code == 403
    assert "Private" not in client.get(team_sets(cohort)).content.decode()
    assert SetNote.objects.count() == 1


def test_a_withdrawn_member_can_no_longer_read_the_notes(participant, a_set):
    assert sets.can_read_notes(user=participant.user, action_learning_set=a_set)
    participant.status = ParticipantStatus.WITHDRAWN
    participant.save()
    assert not sets.can_read_notes(user=participant.user, action_learning_set=a_set)
    with pytest.raises(PermissionError):
        sets.add_note(action_learning_set=a_set, author=participant.user, text="Hello")


def test_someone_in_no_set_is_told_so(client, participant):
    client.force_login(participant.user)
    content = client.get(MY_SET).content.decode()
    assert "You are not in an action learning set yet." in content
    assert client.post(MY_SET, {"text": "Hello"}).status_code == 404


def test_an_outsider_gets_403(client, outsider):
    client.force_login(outsider)
    assert client.get(MY_SET).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_set_page_query_count_is_the_same_for_1_and_3_notes(
    client, participant, a_set, django_assert_num_queries, count
):
    for i in range(count):
        SetNote.objects.create(action_learning_set=a_set, author=participant.user, text=f"N{i}")
    client.force_login(participant.user)
    client.get(MY_SET)
    # session, user, roles, participation (with its set), members, notes count, notes.
    with django_assert_num_queries(7):
        response = client.get(MY_SET)
    assert response.content.decode().count('<h3 class="govuk-summary-card__title">') == count


def test_people_whose_application_is_not_on_record_are_placed_as_not_known(client, team, cohort):
    for i in range(5):
        ParticipantFactory(cohort=cohort, user__full_name=f"Added {i}")
    client.force_login(team)
    content = client.post(form_url(cohort), follow=True).content.decode()
    assert "5 people formed into 1 set. Mix score 3 of a possible 3." in content
    assert content.count('<td class="govuk-table__cell">Region not known</td>') == 5
    assert "has 2 people from" not in content
