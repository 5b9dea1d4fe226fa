"""Experienced alumnus directors and new directors for buddy pairing."""

import datetime

from tests.support.coaching_factories import director_in
from tests.support.factories import AppointmentFactory, alumnus_of, authority

VERIFIED = datetime.datetime(2020, 1, 6, 9, tzinfo=datetime.UTC)


def experienced(programme, name, *, place, starts_on=datetime.date(2019, 4, 1), verified=True):
    """An alumnus who has been a DCS in `place` since `starts_on`."""
    user = alumnus_of(programme, full_name=name, email=f"{name.split()[0].lower()}@old.example")
    AppointmentFactory(
        person=user,
        programme=programme,
        local_authority=authority(place),
        starts_on=starts_on,
        verified_at=VERIFIED if verified else None,
    )
    return user


def new_director(programme, name, *, place="Leeds"):
    """A new director with support open (a DCS post from 5 January 2026)."""
    return director_in(programme, name, place=place)
