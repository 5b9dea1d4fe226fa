"""Deterministic makers for the coach pool and matching: coaches, directors in support."""

import datetime

from tests.factories import RoleAssignmentFactory, UserFactory
from tests.support.factories import AppointmentFactory, authority
from upon.accounts.models import Role
from upon.support.models import Coach, CoachingRelationship, Entitlement


def coach_in(programme, name, *, capacity=2, regions=(), specialisms=(), **details) -> Coach:
    """A coach of the programme (holding the coach role there), available any time."""
    user = UserFactory(full_name=name, email=f"{name.split()[0].lower()}@coach.example")
    RoleAssignmentFactory(user=user, role=Role.COACH, programme=programme)
    return Coach.objects.create(
        user=user,
        programme=programme,
        capacity=capacity,
        regions=list(regions),
        specialisms=list(specialisms),
        **details,
    )


def director_in(programme, name, *, place="Leeds", starts_on=datetime.date(2026, 1, 5)):
    """A new director of the programme: a verified DCS post and two years of support from it."""
    user = UserFactory(full_name=name, email=f"{name.split()[0].lower()}@council.example")
    post = AppointmentFactory(
        person=user,
        programme=programme,
        local_authority=authority(place),
        starts_on=starts_on,
        verified_at=datetime.datetime(2026, 1, 6, 9, tzinfo=datetime.UTC),
    )
    Entitlement.objects.create(
        person=user,
        programme=programme,
        appointment=post,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=730),
        coaching_hours=12,
        further_learning_places=3,
    )
    RoleAssignmentFactory(user=user, role=Role.NEW_DIRECTOR, programme=programme)
    return user


def coaching(coach, director, *, started_on=datetime.date(2026, 5, 1)) -> CoachingRelationship:
    return CoachingRelationship.objects.create(
        coach=coach,
        director=director,
        entitlement=director.entitlements.get(),
        started_on=started_on,
    )
