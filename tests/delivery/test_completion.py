"""The completion rule: the arithmetic, and the same answer from the cohort's queries as from a
participant's own sessions."""

import datetime

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import ActionLearningSetFactory, ParticipantFactory, SessionFactory
from upon.delivery import certificates, completion
from upon.delivery.models import (
    Attendance,
    AttendanceStatus,
    Participant,
    ParticipantStatus,
    SessionKind,
)


def rule(**counts):
    """The default rule (7 of 8 taught days, 75% of meetings) applied to these counts."""
    values = {
        "taught_total": 8,
        "taught_required": 7,
        "taught_attended": 0,
        "taught_missed": 0,
        "meetings_total": 4,
        "meetings_percent": 75,
        "meetings_attended": 0,
        "meetings_missed": 0,
    }
    values.update(counts)
    return completion.assess(**values)


@pytest.mark.parametrize(
    ("meetings", "percent", "required"),
    [(4, 75, 3), (6, 75, 5), (8, 75, 6), (0, 75, 0), (5, 100, 5), (5, 0, 0), (3, 50, 2)],
)
def test_meetings_required_rounds_up(meetings, percent, required):
    assert completion.meetings_required(meetings=meetings, percent=percent) == required


def test_seven_taught_days_and_three_of_four_meetings_meet_the_rule():
    progress = rule(taught_attended=7, taught_missed=1, meetings_attended=3, meetings_missed=1)
    assert progress.status == completion.COMPLETED
    assert progress.needs == "Nothing: the completion rule is met."


def test_early_in_the_year_with_nothing_missed_is_on_track():
    progress = rule(taught_attended=2, meetings_attended=1)
    assert progress.status == completion.ON_TRACK
    assert progress.needs == (
        "Needs 5 more taught days and 2 more action learning meetings. "
        "Can miss 1 taught day and 1 meeting more."
    )


def test_one_missed_taught_day_leaves_no_slack_so_the_person_is_at_risk():
    progress = rule(taught_attended=3, taught_missed=1, meetings_attended=1)
    assert progress.status == completion.AT_RISK
    assert progress.taught.can_miss == 0
    assert progress.needs == (
        "Needs 4 more taught days and 2 more action learning meetings. "
        "Can miss 0 taught days and 1 meeting more."
    )


def test_a_met_part_does_not_make_someone_at_risk():
    progress = rule(taught_attended=7, taught_missed=1, meetings_attended=1)
    assert progress.status == completion.ON_TRACK
    assert progress.needs == "Needs 2 more action learning meetings. Can miss 1 meeting more."


def test_two_missed_taught_days_put_completion_out_of_reach():
    progress = rule(taught_attended=4, taught_missed=2, meetings_missed=2)
    assert progress.status == completion.CANNOT_COMPLETE
    assert progress.needs == (
        "Cannot meet the rule: too many taught days missed and too many action learning "
        "meetings missed."
    )


def test_a_cohort_rule_of_six_of_eight_and_half_the_meetings():
    progress = rule(
        taught_required=6, taught_attended=6, taught_missed=2, meetings_percent=50,
        meetings_attended=2, meetings_missed=2,
    )  # fmt: skip
    assert progress.status == completion.COMPLETED


def test_no_meetings_planned_needs_no_meetings():
    progress = rule(taught_attended=7, meetings_total=0)
    assert progress.meetings.required == 0
    assert progress.status == completion.COMPLETED


def _past(cohort, kind, days_ago, **fields):
    starts = timezone.now().replace(microsecond=0) - datetime.timedelta(days=days_ago)
    return SessionFactory(
        cohort=cohort,
        kind=kind,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        **fields,
    )


def _mark(session, participant, status):
    Attendance.objects.create(session=session, participant=participant, status=status)


@pytest.fixture
def year(cohort):
    """Three taught days, meetings of set A and set B, with marks."""
    set_a = ActionLearningSetFactory(cohort=cohort, name="Set A")
    set_b = ActionLearningSetFactory(cohort=cohort, name="Set B")
    ada = ParticipantFactory(cohort=cohort, action_learning_set=set_a, user__full_name="Ada")
    ben = ParticipantFactory(cohort=cohort, action_learning_set=set_b, user__full_name="Ben")
    days = [_past(cohort, SessionKind.TAUGHT_DAY, 50 - i * 10) for i in range(3)]
    earlier_a = _past(cohort, SessionKind.ACTION_LEARNING, 45, action_learning_set=set_a)
    meeting_a = _past(cohort, SessionKind.ACTION_LEARNING, 35, action_learning_set=set_a)
    meeting_b = _past(cohort, SessionKind.ACTION_LEARNING, 25, action_learning_set=set_b)
    _past(cohort, SessionKind.LEARNING_VISIT, 15)
    _past(cohort, SessionKind.ACTION_LEARNING, 5, action_learning_set=set_a, published=False)
    for day in days:
        _mark(day, ada, AttendanceStatus.PRESENT)
    _mark(days[0], ben, AttendanceStatus.LATE)
    _mark(days[1], ben, AttendanceStatus.ABSENT)
    _mark(earlier_a, ada, AttendanceStatus.LEFT_EARLY)
    _mark(meeting_a, ada, AttendanceStatus.PRESENT)
    # Ben was in set A for its meetings, then moved to set B.
    _mark(earlier_a, ben, AttendanceStatus.APOLOGIES)
    _mark(meeting_a, ben, AttendanceStatus.PRESENT)
    _mark(meeting_b, ben, AttendanceStatus.PRESENT)
    return ada, ben


def test_cohort_progress_counts_each_persons_own_meetings(cohort, year):
    ada, ben = year
    result = completion.cohort_progress(cohort=cohort, participants=[ada, ben])
    assert result[ada.pk].taught == completion.Tally(total=8, required=7, attended=3, missed=0)
    assert result[ada.pk].meetings == completion.Tally(total=2, required=2, attended=2, missed=0)
    assert result[ada.pk].status == completion.ON_TRACK
    assert result[ben.pk].taught == completion.Tally(total=8, required=7, attended=1, missed=1)
    assert result[ben.pk].meetings == completion.Tally(total=3, required=3, attended=2, missed=1)
    assert result[ben.pk].status == completion.CANNOT_COMPLETE


def test_a_participants_own_sessions_give_the_same_answer(cohort, year):
    from_cohort = completion.cohort_progress(cohort=cohort, participants=list(year))
    for person in year:
        sessions = list(completion.sessions_for(participant=person))
        marks = dict(
            Attendance.objects.filter(participant=person).values_list("session_id", "status")
        )
        own = completion.progress_from_sessions(participant=person, sessions=sessions, marks=marks)
        assert own == from_cohort[person.pk]


@pytest.mark.parametrize("count", [1, 3])
def test_cohort_progress_takes_two_queries_at_any_size(cohort, django_assert_num_queries, count):
    people = [ParticipantFactory(cohort=cohort) for _ in range(count)]
    day = _past(cohort, SessionKind.TAUGHT_DAY, 3)
    for person in people:
        _mark(day, person, AttendanceStatus.PRESENT)
    with django_assert_num_queries(2):
        result = completion.cohort_progress(cohort=cohort, participants=people)
    assert [result[p.pk].taught.attended for p in people] == [1] * count


# The team's progress page, confirming completion and the certificate.


def progress_url(cohort, show=""):
    url = reverse("delivery:team_progress", args=[cohort.pk])
    return f"{url}?show={show}" if show else url


@pytest.fixture
def finished(cohort):
    """Eight taught days and four meetings of their set held; Cal met the rule, Dee is at risk,
    Eve cannot complete, and Fay withdrew."""
    their_set = ActionLearningSetFactory(cohort=cohort, name="Set A")
    people = {
        name: ParticipantFactory(cohort=cohort, user__full_name=name, action_learning_set=their_set)
        for name in ("Cal Complete", "Dee Atrisk", "Eve Cannot", "Fay Gone")
    }
    days = [_past(cohort, SessionKind.TAUGHT_DAY, 200 - 20 * i) for i in range(8)]
    meetings = [
        _past(cohort, SessionKind.ACTION_LEARNING, 190 - 40 * i, action_learning_set=their_set)
        for i in range(4)
    ]
    for i, day in enumerate(days):
        _mark(day, people["Cal Complete"], "present" if i else "apologies")
    for meeting in meetings[:3]:
        _mark(meeting, people["Cal Complete"], "present")
    for i, day in enumerate(days[:5]):
        _mark(day, people["Dee Atrisk"], "absent" if i == 0 else "late")
    for day in days[:2]:
        _mark(day, people["Eve Cannot"], "absent")
    people["Fay Gone"].status = ParticipantStatus.WITHDRAWN
    people["Fay Gone"].status_reason = "Moved abroad"
    people["Fay Gone"].save()
    return people


def test_the_team_sees_who_completed_and_who_is_at_risk(client, team, cohort, finished):
    client.force_login(team)
    content = client.get(progress_url(cohort)).content.decode()
    assert "<li>Met the rule: 1</li>" in content
    assert "<li>At risk: 1</li>" in content
    assert "<li>Cannot complete: 1</li>" in content
    assert "<li>Withdrawn or deferred: 1</li>" in content
    assert "Check and confirm completion" in content
    assert "Needs 3 more taught days and 3 more action learning meetings." in content
    assert "Moved abroad" in content
    at_risk = client.get(progress_url(cohort, completion.AT_RISK)).content.decode()
    assert "Dee Atrisk" in at_risk and "Cal Complete" not in at_risk


def test_confirming_completion_issues_certificates_and_emails(
    client, team, cohort, finished, django_capture_on_commit_callbacks
):
    client.force_login(team)
    url = reverse("delivery:confirm_completion", args=[cohort.pk])
    cal = finished["Cal Complete"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"checked": str(cal.pk)})
    assert response.url == progress_url(cohort)
    cal = Participant.objects.get(user__full_name="Cal Complete")
    assert cal.status == ParticipantStatus.COMPLETED and cal.certificate_issued_at is not None
    statuses = dict(Participant.objects.values_list("user__full_name", "status"))
    assert statuses == {
        "Cal Complete": "completed",
        "Dee Atrisk": "active",
        "Eve Cannot": "active",
        "Fay Gone": "withdrawn",
    }
    assert [m.to for m in mail.outbox] == [[cal.user.email]]
    assert "/programme/" in mail.outbox[0].body
    # Confirming again finds nobody new.
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    assert len(mail.outbox) == 1
    page = client.get(progress_url(cohort)).content.decode()
    assert "Confirm completion" not in page
    assert "Nobody new has met the completion rule." in page


def test_a_completer_downloads_their_certificate(client, cohort, finished):
    cal = finished["Cal Complete"]
    certificates.confirm_completion(cohort=cohort, by=None)
    client.force_login(cal.user)
    home = client.get("/programme/").content.decode()
    assert "You have completed the programme" in home
    response = client.get(reverse("delivery:certificate"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="certificate-cal-complete.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_the_certificate_is_only_for_completers_and_their_team(
    client, team, other_team, facilitator, cohort, finished
):
    certificates.confirm_completion(cohort=cohort, by=None)
    cal, dee = finished["Cal Complete"], finished["Dee Atrisk"]
    client.force_login(dee.user)
    assert client.get(reverse("delivery:certificate")).status_code == 404
    team_url = reverse("delivery:team_certificate", args=[cal.pk])
    client.force_login(team)
    assert client.get(team_url)["Content-Type"] == "application/pdf"
    assert client.get(reverse("delivery:team_certificate", args=[dee.pk])).status_code == 404
    client.force_login(other_team)
    assert client.get(team_url).status_code == 404
    for person in (facilitator, dee.user):
        client.force_login(person)
        assert client.get(team_url).status_code == 403


def test_the_certificate_names_the_person_and_the_cohort(cohort, finished):
    certificates.confirm_completion(cohort=cohort, by=None)
    cal = Participant.objects.select_related("user", "cohort__intake__programme").get(
        user__full_name="Cal Complete"
    )
    html = render_to_string(
        "delivery/completion/certificate.html",
        {
            "participant": cal,
            "cohort": cohort,
            "programme": cohort.intake.programme,
            "issued": timezone.localtime(cal.certificate_issued_at),
        },
    )
    assert '<p class="name">Cal Complete</p>' in html
    assert f'<p class="cohort">{cohort.name}</p>' in html
    document = certificates.certificate_document(participant=cal)
    assert len(document.pages) == 1
    assert document.metadata.title == "Certificate of completion: Cal Complete"


def test_progress_is_for_the_programme_team_only(
    client, other_team, facilitator, participant, cohort
):
    client.force_login(other_team)
    assert client.get(progress_url(cohort)).status_code == 404
    confirm = reverse("delivery:confirm_completion", args=[cohort.pk])
    assert client.post(confirm).status_code == 404
    for person in (facilitator, participant.user):
        client.force_login(person)
        assert client.get(progress_url(cohort)).status_code == 403
        assert client.post(confirm).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_progress_query_count_is_the_same_for_1_and_3_people(
    client, team, cohort, django_assert_num_queries, count
):
    day = _past(cohort, SessionKind.TAUGHT_DAY, 3)
    for _ in range(count):
        _mark(day, ParticipantFactory(cohort=cohort), AttendanceStatus.PRESENT)
    client.force_login(team)
    client.get(progress_url(cohort))
    # session, user, roles, cohort, participants, meetings per set, attendance, sessions still
    # to come, the cohort's last lowered rule.
    with django_assert_num_queries(9):
        response = client.get(progress_url(cohort))
    assert response.content.decode().count("1 of 7</td>") == count
