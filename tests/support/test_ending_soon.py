"""Entitlements ending: the director and the team are told 90 and 30 days before the end, each
once, by the scheduled job (upon/support/ending_soon.py), with the clock frozen."""

import datetime
import zoneinfo

import pytest

from tests.support.factories import AppointmentFactory
from upon.support import appointments
from upon.support.algorithms.ending_notices import notice_due
from upon.support.ending_soon import send_ending_notices
from upon.support.models import EndingNotice, Entitlement

pytestmark = pytest.mark.django_db

D = datetime.date
LONDON = zoneinfo.ZoneInfo("Europe/London")
END = D(2028, 4, 30)  # 24 months from a post starting on 1 May 2026


def at(day: datetime.date, hour=7) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


@pytest.fixture
def support(director, programme, team, june_2026):
    post = AppointmentFactory(person=director, programme=programme, starts_on=D(2026, 5, 1))
    appointments.verify(appointment=post, version=post.version, by=team)
    return Entitlement.objects.get()


def sent(mailoutbox):
    return [(m.to, m.subject) for m in mailoutbox]


def test_told_90_then_30_days_before_the_end_each_once(support, team, time_machine, mailoutbox):
    assert support.ends_on == END
    for day in (D(2028, 1, 30), D(2028, 1, 31), D(2028, 1, 31), D(2028, 3, 1)):
        time_machine.move_to(at(day), tick=False)
        send_ending_notices(now=at(day))
    assert sent(mailoutbox) == [
        (
            [support.person.email],
            "Your support from Upon Programme ends in 90 days",
        ),
        ([team.email], "Support ending in 90 days: Dee Director"),
    ]
    assert "ends on 30 April 2028" in mailoutbox[0].body
    assert "/support/" in mailoutbox[0].body
    assert "/team/entitlements/" in mailoutbox[1].body
    mailoutbox.clear()
    days = (D(2028, 3, 31), D(2028, 3, 31), D(2028, 4, 30), D(2028, 5, 1))
    assert [send_ending_notices(now=at(day)) for day in days] == [1, 0, 0, 0]
    assert sent(mailoutbox) == [
        ([support.person.email], "Your support from Upon Programme ends in 30 days"),
        ([team.email], "Support ending in 30 days: Dee Director"),
    ]
    assert sorted(EndingNotice.objects.values_list("days_before", "ends_on", "sent_at")) == [
        (30, END, at(D(2028, 3, 31))),
        (90, END, at(D(2028, 1, 31))),
    ]


def test_a_second_run_the_same_moment_sends_nothing(support, mailoutbox):
    now = at(D(2028, 2, 10))
    assert send_ending_notices(now=now) == 1
    assert send_ending_notices(now=now) == 0
    assert len(mailoutbox) == 2


def test_opened_late_only_the_nearest_notice_goes(support, mailoutbox):
    assert send_ending_notices(now=at(D(2028, 4, 10))) == 1  # 20 days left
    assert send_ending_notices(now=at(D(2028, 4, 20))) == 0
    assert [m.subject for m in mailoutbox][0] == "Your support from Upon Programme ends in 30 days"
    assert list(EndingNotice.objects.values_list("days_before", flat=True)) == [30]


def test_paused_or_ended_support_is_not_told(support, mailoutbox):
    support.status = "paused"
    support.save()
    assert send_ending_notices(now=at(D(2028, 2, 10))) == 0
    support.status = "ended"
    support.save()
    assert send_ending_notices(now=at(D(2028, 3, 31))) == 0
    assert mailoutbox == []


def test_a_new_end_earns_its_own_notices(support, mailoutbox):
    assert send_ending_notices(now=at(D(2028, 2, 10))) == 1
    Entitlement.objects.filter(pk=support.pk).update(ends_on=D(2028, 7, 31))  # after a pause
    assert send_ending_notices(now=at(D(2028, 5, 10))) == 1
    assert send_ending_notices(now=at(D(2028, 5, 10))) == 0
    assert sorted(EndingNotice.objects.values_list("ends_on", "days_before")) == [
        (END, 90),
        (D(2028, 7, 31), 90),
    ]


@pytest.mark.parametrize(
    ("days_left", "already", "due"),
    [
        (91, set(), None),
        (90, set(), 90),
        (31, set(), 90),
        (31, {90}, None),
        (30, {90}, 30),
        (30, set(), 30),
        (0, set(), 30),
        (0, {30}, None),
        (60, {30}, None),  # a 30-day notice sent means the 90-day one never goes
        (-1, set(), None),
    ],
)
def test_which_notice_is_due(days_left, already, due):
    assert notice_due(days_left=days_left, sent=already) == due


def test_walking_every_day_each_notice_goes_once_in_order():
    sent_notices = []
    for days_left in range(200, -5, -1):
        due = notice_due(days_left=days_left, sent=set(sent_notices))
        if due is not None:
            sent_notices.append(due)
    assert sent_notices == [90, 30]
