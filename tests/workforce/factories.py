"""The register's factories: invented names only ("Director 1", ...), never a real director's."""

import datetime

import factory

from upon.organisations.models import Organisation
from upon.workforce.models import Basis, Director, Tenure


class DirectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Director

    name = factory.Sequence(lambda n: f"Director {n + 1}")
    normalised_name = factory.LazyAttribute(lambda d: d.name.lower())


class TenureFactory(factory.django.DjangoModelFactory):
    """A permanent tenure from 1 April 2020, in post, in Hartlepool unless told."""

    class Meta:
        model = Tenure

    authority = factory.LazyFunction(lambda: Organisation.objects.get(gss_code="E06000001"))
    director = factory.SubFactory(DirectorFactory)
    started_on = datetime.date(2020, 4, 1)
    ended_on = None
    basis = Basis.PERMANENT
