"""Leadership challenges: the team sets a brief and a deadline and forms teams; a team uploads its
work; a facilitator gives feedback."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import (
    ActionLearningSetFactory,
    CohortFactory,
    ParticipantFactory,
    facilitator_for,
)
from tests.factories import OrganisationFactory
from upon.delivery import challenges
from upon.delivery.models import Challenge, ChallengeSubmission, ChallengeTeam
from upon.organisations.models import Region

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def office(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def challenge(cohort):
    return challenges.create_challenge(
        cohort=cohort,
        title="Reduce placement moves",
        brief="Propose how the council could halve placement moves for children in care.",
        deadline=timezone.now() + datetime.timedelta(days=14),
    )


@pytest.fixture
def team_a(challenge, participant, other_participant):
    """Team 1: `participant` and `other_participant`."""
    team = ChallengeTeam.objects.create(challenge=challenge, name="Team 1")
    team.members.set([participant, other_participant])
    return team


@pytest.fixture
def outside_team(challenge, cohort):
    """Someone in the cohort who is in another team."""
    person = ParticipantFactory(cohort=cohort, user__full_name="Tia Otherteam")
    team = ChallengeTeam.objects.create(challenge=challenge, name="Team 2")
    team.members.add(person)
    return person


# Uploads


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", PDF),
        ("Plan.DOCX", office("word/")),
        ("deck.pptx", office("ppt/")),
        ("sums.xlsx", office("xl/")),
    ],
)
def test_the_four_kinds_of_file_are_accepted(name, content):
    challenges.check_upload(upload(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run.exe", PDF, "The selected file must be a PDF, DOCX, PPTX or XLSX"),
        ("notes.txt", b"hello", "The selected file must be a PDF, DOCX, PPTX or XLSX"),
        ("fake.pdf", b"MZ\x90\x00", "The selected file must be a PDF, DOCX, PPTX or XLSX"),
        ("fake.docx", PDF, "The selected file must be a PDF, DOCX, PPTX or XLSX"),
        ("slides.docx", office("ppt/"), "The selected file must be a PDF, DOCX, PPTX or XLSX"),
        ("empty.pdf", b"", "The selected file is empty"),
        (
            "huge.pdf",
            b"%PDF-" + b"0" * (20 * 1024 * 1024 - 4),
            "The selected file must be smaller than 20MB",
        ),
    ],
)
def test_other_files_are_refused_with_a_clear_message(name, content, message):
    with pytest.raises(ValidationError) as refused:
        challenges.check_upload(upload(name, content))
    assert refused.value.messages == [message]


def test_a_file_of_exactly_20_mb_is_accepted():
    challenges.check_upload(upload("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024 - 5)))


# The team sets challenges


def test_the_team_adds_a_challenge_with_a_deadline_in_uk_time(client, team, cohort):
    client.force_login(team)
    url = reverse("delivery:add_challenge", args=[cohort.pk])
    year = timezone.localdate().year + 1
    data = {
        "title": "Reduce placement moves",
        "brief": "Halve placement moves.",
        "deadline_date_0": "1",
        "deadline_date_1": "7",
        "deadline_date_2": str(year),
        "deadline_time": "17:00",
    }
    response = client.post(url, data, follow=True)
    assert "Reduce placement moves added. Now form the teams." in response.content.decode()
    challenge = Challenge.objects.get()
    assert (challenge.cohort, challenge.title, challenge.brief) == (
        cohort,
        "Reduce placement moves",
        "Halve placement moves.",
    )
    assert challenge.deadline == datetime.datetime(year, 7, 1, 16, 0, tzinfo=datetime.UTC)


def test_a_challenge_needs_a_title_and_a_future_deadline(client, team, cohort):
    client.force_login(team)
    url = reverse("delivery:add_challenge", args=[cohort.pk])
    response = client.post(
        url,
        {
            "brief": "Halve placement moves.",
            "deadline_date_0": "1",
            "deadline_date_1": "1",
            "deadline_date_2": "2020",
            "deadline_time": "17:00",
        },
    )
    content = response.content.decode()
    assert "<title>Error: " in content
    assert '<a href="#id_title">Enter a title for the challenge</a>' in content
    assert '<a href="#id_deadline_date_0">The deadline must be in the future</a>' in content
    assert "Halve placement moves.</textarea>" in content
    assert 'value="2020"' in content
    assert not Challenge.objects.exists()


def test_the_team_changes_a_challenge(client, team, challenge):
    client.force_login(team)
    url = reverse("delivery:edit_challenge", args=[challenge.pk])
    content = client.get(url).content.decode()
    local = timezone.localtime(challenge.deadline)
    assert f'value="{local:%H:%M}"' in content
    client.post(
        url,
        {
            "title": "Reduce placement moves",
            "brief": "A new brief.",
            "deadline_date_0": str(local.day),
            "deadline_date_1": str(local.month),
            "deadline_date_2": str(local.year),
            "deadline_time": "09:30",
            "version": "1",
        },
    )
    challenge.refresh_from_db()
    assert challenge.brief == "A new brief."
    assert timezone.localtime(challenge.deadline).strftime("%H:%M") == "09:30"


def test_team_pages_are_404_for_another_programme_and_403_for_other_roles(
    client, other_team, participant, facilitator, cohort, challenge
):
    urls = [
        reverse("delivery:team_challenges", args=[cohort.pk]),
        reverse("delivery:add_challenge", args=[cohort.pk]),
        reverse("delivery:team_challenge", args=[challenge.pk]),
        reverse("delivery:edit_challenge", args=[challenge.pk]),
        reverse("delivery:teams_by_hand", args=[challenge.pk]),
    ]
    client.force_login(other_team)
    assert [client.get(url).status_code for url in urls] == [404] * 5
    assert (
        client.post(reverse("delivery:form_teams", args=[challenge.pk]), {"teams": "2"}).status_code
        == 404
    )
    for person in (participant.user, facilitator):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [403] * 5
    assert not ChallengeTeam.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_team_list_query_count_is_the_same_for_1_and_3_challenges(
    client, team, cohort, django_assert_num_queries, count
):
    for i in range(count):
        item = challenges.create_challenge(
            cohort=cohort, title=f"Challenge {i}", brief="B", deadline=timezone.now()
        )
        ChallengeTeam.objects.create(challenge=item, name="Team 1")
    client.force_login(team)
    url = reverse("delivery:team_challenges", args=[cohort.pk])
    client.get(url)
    # session, user, roles, cohort, count, challenges.
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count("/team/challenges/") == count


# Forming teams


@pytest.fixture
def nine(cohort, enrol):
    """Nine people: three employers of three each, three regions."""
    employers = [OrganisationFactory(name=f"Employer {x}") for x in "ABC"]
    regions = [Region.LONDON, Region.NORTH_EAST, Region.SOUTH_WEST]
    return [enrol(f"Person {i}", employers[i // 3], region=regions[i % 3]) for i in range(9)]


def teams_of(challenge):
    return [
        sorted(t.members.values_list("application__employer__name", flat=True))
        for t in ChallengeTeam.objects.filter(challenge=challenge).order_by("pk")
    ]


def test_teams_are_balanced_and_mix_employers(client, team, challenge, nine):
    client.force_login(team)
    url = reverse("delivery:form_teams", args=[challenge.pk])
    response = client.post(url, {"teams": "3"}, follow=True)
    assert "3 teams formed." in response.content.decode()
    assert "Some employers" not in response.content.decode()
    assert teams_of(challenge) == [["Employer A", "Employer B", "Employer C"]] * 3
    assert list(
        ChallengeTeam.objects.filter(challenge=challenge).values_list("name", flat=True)
    ) == ["Team 1", "Team 2", "Team 3"]


def test_with_too_few_teams_for_an_employer_the_mix_is_as_wide_as_it_can_be(
    client, team, challenge, nine
):
    client.force_login(team)
    url = reverse("delivery:form_teams", args=[challenge.pk])
    response = client.post(url, {"teams": "2"}, follow=True)
    assert (
        "2 teams formed. Some employers have more people than there are teams, so some teams "
        "hold two people from one employer." in response.content.decode()
    )
    formed = teams_of(challenge)
    assert sorted(len(t) for t in formed) == [4, 5]
    for members in formed:
        assert {members.count(e) for e in set(members)} <= {1, 2}
        assert len(set(members)) == 3


def test_more_teams_than_people_is_refused(client, team, challenge, nine):
    client.force_login(team)
    url = reverse("delivery:form_teams", args=[challenge.pk])
    content = client.post(url, {"teams": "10"}).content.decode()
    assert (
        '<a href="#id_teams">There are only 9 people taking part, so there can be at most 9 '
        "teams</a>" in content
    )
    assert "<title>Error: " in content
    assert not ChallengeTeam.objects.exists()
    content = client.post(url, {"teams": "none"}).content.decode()
    assert "Number of teams must be a whole number, like 4" in content


def test_teams_are_not_formed_again_once_work_is_submitted(
    client, team, challenge, team_a, participant
):
    ChallengeSubmission.objects.create(
        team=team_a, file=upload("a.pdf", PDF), original_name="a.pdf", submitted_by=participant.user
    )
    client.force_login(team)
    url = reverse("delivery:form_teams", args=[challenge.pk])
    content = client.post(url, {"teams": "1"}, follow=True).content.decode()
    assert "Teams cannot be formed again because work has been submitted." in content
    assert list(ChallengeTeam.objects.values_list("name", flat=True)) == ["Team 1"]


def test_teams_by_hand(client, team, challenge, participant, other_participant):
    client.force_login(team)
    client.post(reverse("delivery:add_team", args=[challenge.pk]))
    client.post(reverse("delivery:add_team", args=[challenge.pk]))
    first, second = ChallengeTeam.objects.filter(challenge=challenge).order_by("pk")
    assert (first.name, second.name) == ("Team 1", "Team 2")
    url = reverse("delivery:teams_by_hand", args=[challenge.pk])
    challenge.refresh_from_db()
    opened = challenge.version
    response = client.post(
        url,
        {
            "version": opened,
            f"p{participant.pk}": str(first.pk),
            f"p{other_participant.pk}": str(second.pk),
        },
        follow=True,
    )
    assert "2 people moved. The teams are saved." in response.content.decode()
    assert list(first.members.all()) == [participant]
    assert list(second.members.all()) == [other_participant]
    # A page opened before that save is refused, with what was chosen kept.
    stale = client.post(
        url, {"version": opened, f"p{participant.pk}": "", f"p{other_participant.pk}": ""}
    )
    assert stale.status_code == 409
    assert stale.context["form"][f"p{participant.pk}"].value() == ""
    assert list(first.members.all()) == [participant]
    client.post(
        url,
        {
            "version": opened + 1,
            f"p{participant.pk}": str(second.pk),
            f"p{other_participant.pk}": "",
        },
    )
    assert list(first.members.all()) == []
    assert list(second.members.all()) == [participant]


@pytest.mark.parametrize("count", [1, 3])
def test_challenge_page_query_count_is_the_same_for_1_and_3_teams(
    client, team, challenge, django_assert_num_queries, count
):
    for i in range(count):
        group = ChallengeTeam.objects.create(challenge=challenge, name=f"Team {i + 1}")
        person = ParticipantFactory(cohort=challenge.cohort)
        group.members.add(person)
        ChallengeSubmission.objects.create(
            team=group, file=upload("a.pdf", PDF), original_name="a.pdf", submitted_by=person.user
        )
    client.force_login(team)
    url = reverse("delivery:team_challenge", args=[challenge.pk])
    client.get(url)
    # session, user, roles, challenge with its cohort, teams, members, submissions.
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.content.decode().count(">a.pdf</a>") == count


# Participants submit their team's work


def challenge_url(challenge):
    return reverse("delivery:challenge", args=[challenge.pk])


def test_a_member_submits_the_teams_work(client, participant, challenge, team_a):
    client.force_login(participant.user)
    content = client.get(challenge_url(challenge)).content.decode()
    assert "Team 1: Pat Participant, Quinn Colleague" in content
    response = client.post(
        challenge_url(challenge), {"file": upload("Our plan.pdf", PDF)}, follow=True
    )
    assert "Team 1&#x27;s work is submitted." in response.content.decode()
    submission = ChallengeSubmission.objects.get()
    assert (submission.team, submission.original_name, submission.submitted_by) == (
        team_a,
        "Our plan.pdf",
        participant.user,
    )
    assert submission.file.read() == PDF


def test_a_wrong_file_is_refused_with_the_error_next_to_the_field(
    client, participant, challenge, team_a
):
    client.force_login(participant.user)
    response = client.post(challenge_url(challenge), {"file": upload("virus.exe", b"MZ")})
    content = response.content.decode()
    assert "<title>Error: " in content
    assert '<a href="#id_file">The selected file must be a PDF, DOCX, PPTX or XLSX</a>' in content
    assert 'class="govuk-file-upload govuk-file-upload--error"' in content
    content = client.post(challenge_url(challenge), {}).content.decode()
    assert '<a href="#id_file">Select a file</a>' in content
    assert not ChallengeSubmission.objects.exists()


def test_work_after_the_deadline_is_refused(client, participant, challenge, team_a):
    challenge.deadline = timezone.now() - datetime.timedelta(minutes=1)
    challenge.save()
    client.force_login(participant.user)
    content = client.get(challenge_url(challenge)).content.decode()
    assert "The deadline has passed, so your team can no longer submit work." in content
    content = client.post(challenge_url(challenge), {"file": upload("a.pdf", PDF)}).content.decode()
    when = challenges.moment(challenge.deadline)
    assert f"The deadline for this challenge was {when}." in content
    assert not ChallengeSubmission.objects.exists()


def test_someone_in_no_team_cannot_submit(client, participant, challenge):
    client.force_login(participant.user)
    assert "Not in a team yet" in client.get(challenge_url(challenge)).content.decode()
    assert client.post(challenge_url(challenge), {"file": upload("a.pdf", PDF)}).status_code == 404
    with pytest.raises(challenges.NotInTeam):
        other = ChallengeTeam.objects.create(challenge=challenge, name="Team 9")
        challenges.submit(team=other, upload=upload("a.pdf", PDF), by=participant.user)


def test_another_cohorts_challenge_is_404(client, participant, other_cohort):
    elsewhere = challenges.create_challenge(
        cohort=other_cohort, title="X", brief="Y", deadline=timezone.now()
    )
    client.force_login(participant.user)
    assert client.get(challenge_url(elsewhere)).status_code == 404


def test_participant_pages_are_403_for_other_roles(client, team, facilitator, outsider, challenge):
    for person in (team, facilitator, outsider):
        client.force_login(person)
        assert client.get(reverse("delivery:challenges")).status_code == 403
        assert client.get(challenge_url(challenge)).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_participant_list_query_count_is_the_same_for_1_and_3(
    client, participant, cohort, django_assert_num_queries, count
):
    for i in range(count):
        item = challenges.create_challenge(
            cohort=cohort, title=f"Challenge {i}", brief="B", deadline=timezone.now()
        )
        ChallengeTeam.objects.create(challenge=item, name="Team 1").members.add(participant)
    client.force_login(participant.user)
    url = reverse("delivery:challenges")
    client.get(url)
    # session, user, roles, participation, count, challenges, teams.
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.content.decode().count(">Team 1<") == count


# Submitted files


def test_a_file_is_for_its_team_the_facilitators_and_the_programme_team(
    client, participant, outside_team, facilitator, team, other_team, challenge, team_a
):
    submission = challenges.submit(team=team_a, upload=upload("Plan.pdf", PDF), by=participant.user)
    url = reverse("delivery:submission_file", args=[submission.pk])
    for person in (participant.user, facilitator, team):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"] == 'attachment; filename="Plan.pdf"'
        assert response["Content-Type"] == "application/pdf"
    stranger = facilitator_for(CohortFactory(), full_name="Far Facilitator")
    for person in (outside_team.user, other_team, stranger):
        client.force_login(person)
        assert client.get(url).status_code == 404


# Facilitators give feedback


def test_a_facilitator_gives_feedback_and_the_team_is_emailed(
    client, facilitator, challenge, team_a, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    listing = client.get(reverse("delivery:facilitator_challenges")).content.decode()
    assert "Reduce placement moves" in listing
    url = reverse("delivery:challenge_feedback", args=[team_a.pk])
    assert "Feedback for Team 1</label>" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"feedback": "A clear, costed plan."}, follow=True)
    assert "Feedback for Team 1 saved. We have emailed the team." in response.content.decode()
    team_a.refresh_from_db()
    assert (team_a.feedback, team_a.feedback_by) == ("A clear, costed plan.", facilitator)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Feedback on your team's work: Reduce placement moves"
    assert sorted(message.to) == sorted(m.user.email for m in team_a.members.all())
    assert f"/programme/challenges/{challenge.pk}/" in message.body


def test_empty_feedback_is_refused(client, facilitator, team_a):
    client.force_login(facilitator)
    url = reverse("delivery:challenge_feedback", args=[team_a.pk])
    content = client.post(url, {"feedback": ""}).content.decode()
    assert '<a href="#id_feedback">Enter your feedback</a>' in content
    team_a.refresh_from_db()
    assert team_a.feedback == ""


def test_feedback_is_for_the_cohorts_facilitators_only(
    client, participant, team, challenge, team_a
):
    stranger = facilitator_for(CohortFactory(), full_name="Far Facilitator")
    urls = [
        reverse("delivery:challenge_feedback", args=[team_a.pk]),
        reverse("delivery:facilitator_challenge", args=[challenge.pk]),
    ]
    client.force_login(stranger)
    assert [client.get(url).status_code for url in urls] == [404, 404]
    assert client.post(urls[0], {"feedback": "Hi"}).status_code == 404
    for person in (participant.user, team):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [403, 403]
    team_a.refresh_from_db()
    assert team_a.feedback == ""


@pytest.mark.parametrize("count", [1, 3])
def test_facilitator_list_query_count_is_the_same_for_1_and_3(
    client, facilitator, cohort, django_assert_num_queries, count
):
    for i in range(count):
        challenges.create_challenge(
            cohort=cohort, title=f"Challenge {i}", brief="B", deadline=timezone.now()
        )
        ActionLearningSetFactory(cohort=cohort, facilitator=facilitator)
    client.force_login(facilitator)
    url = reverse("delivery:facilitator_challenges")
    client.get(url)
    # session, user, roles, count, challenges, sets.
    with django_assert_num_queries(6):
        response = client.get(url)
    content = response.content.decode()
    assert content.count("/facilitating/challenges/") == count
    assert content.count("/facilitating/sets/") == count
