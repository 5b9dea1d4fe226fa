"""The register's rules (upon/workforce/register.py), without a request."""

import datetime

import pytest

from tests.workforce.factories import TenureFactory
from upon.service.versioning import StaleVersion
from upon.workforce import register
from upon.workforce.models import Basis, Director, LeavingReason, Tenure

pytestmark = pytest.mark.django_db
D = datetime.date


def add(authority, today, by, **more):
    details = {
        "name": "Director A",
        "started_on": D(2021, 4, 1),
        "basis": Basis.PERMANENT,
        "twin_hat": False,
        "shared": False,
    } | more
    return register.add_tenure(authority=authority, today=today, by=by, **details)


def test_dates_in_the_future_or_an_end_before_the_start_are_refused(today):
    assert register.date_problems(
        started_on=D(2026, 6, 2), ended_on=D(2026, 6, 3), today=today
    ) == {
        "started_on": "The start date must be today or in the past",
        "ended_on": "The end date must be today or in the past",
    }
    assert register.date_problems(
        started_on=D(2024, 4, 1), ended_on=D(2024, 3, 31), today=today
    ) == {"ended_on": "The end date must be on or after the start date, 1 April 2024"}
    assert register.date_problems(started_on=today, ended_on=today, today=today) == {}


def test_a_handover_on_one_day_is_not_an_overlap():
    first = (D(2020, 4, 1), D(2022, 3, 31))
    assert not register.spans_overlap(first, (D(2022, 3, 31), None))
    assert register.spans_overlap(first, (D(2022, 3, 30), None))
    assert register.spans_overlap((D(2020, 1, 1), None), (D(2024, 1, 1), D(2024, 2, 1)))
    assert not register.spans_overlap((D(2024, 2, 1), None), (D(2020, 1, 1), D(2024, 2, 1)))


def test_adding_a_tenure_records_the_person_once_and_who_added_it(today, hartlepool, team):
    tenure = add(hartlepool, today, team, name="  Director   A ", ended_on=D(2022, 3, 31))
    again = add(hartlepool, today, team, name="director a", started_on=D(2024, 1, 1))
    assert Director.objects.get().name == "Director A"
    assert tenure.director == again.director
    assert (tenure.leaving_reason, again.leaving_reason) == (LeavingReason.UNKNOWN, "")
    assert [h.history_user for h in tenure.history.all()] == [team]


def test_two_directors_at_once_in_one_authority_are_refused_shared_or_not(today, hartlepool, team):
    TenureFactory(authority=hartlepool, director__name="Director B", started_on=D(2020, 4, 1))
    with pytest.raises(register.RegisterProblem) as refused:
        add(hartlepool, today, team, shared=True)
    assert (refused.value.field, refused.value.message) == (
        "started_on",
        "Director B led Hartlepool from 1 April 2020 and is still in post: tenures in one "
        "authority must not overlap",
    )
    assert Tenure.objects.count() == 1


def test_one_person_may_lead_two_authorities_flagged_shared(today, hartlepool, barnsley, team):
    add(hartlepool, today, team, shared=True)
    add(barnsley, today, team, shared=True)
    assert Tenure.objects.filter(director__name="Director A", shared=True).count() == 2


def test_the_database_refuses_an_end_before_the_start(hartlepool):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        TenureFactory(started_on=D(2022, 1, 2), ended_on=D(2022, 1, 1), leaving_reason="other")


def test_ending_a_tenure_checks_the_dates_and_the_version(today, hartlepool, team):
    tenure = add(hartlepool, today, team)
    with pytest.raises(register.RegisterProblem) as refused:
        register.end_tenure(
            tenure=tenure,
            version=1,
            ended_on=D(2027, 1, 1),
            leaving_reason="",
            today=today,
            by=team,
        )
    assert refused.value.field == "ended_on"
    tenure.refresh_from_db()
    assert (tenure.version, tenure.ended_on) == (1, None)
    register.end_tenure(
        tenure=tenure, version=1, ended_on=D(2025, 3, 31), leaving_reason="", today=today, by=team
    )
    tenure.refresh_from_db()
    assert (tenure.version, tenure.ended_on, tenure.leaving_reason) == (
        2,
        D(2025, 3, 31),
        LeavingReason.UNKNOWN,
    )
    with pytest.raises(StaleVersion):
        register.change_tenure(
            tenure=tenure,
            version=1,
            today=today,
            by=team,
            started_on=D(2021, 5, 1),
            basis=Basis.INTERIM,
            twin_hat=True,
            shared=False,
        )


def test_the_register_finds_authorities_by_region_and_by_name_or_director(today, hartlepool):
    TenureFactory(authority=hartlepool, director__name="Director Zed")
    north_east = register.register(region="E12000001")
    assert north_east.count() == 12
    assert [a.name for a in register.register(query="zed")] == ["Hartlepool"]
    assert [a.name for a in register.register(query="barns")] == ["Barnsley"]
    found = register.register(query="hartle").get()
    assert [t.director.name for t in found.current] == ["Director Zed"]
