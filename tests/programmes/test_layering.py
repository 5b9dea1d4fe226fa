"""Programme and Intake keep the tables they were created on. That accounts and programmes import
nothing from the apps above them is checked, with the whole order, in
tests/service/test_layering.py."""

import pytest
from django.contrib.contenttypes.models import ContentType

from upon.programmes.models import Intake, Programme


def test_tables_are_the_ones_recruitment_created():
    assert Programme._meta.db_table == "recruitment_programme"
    assert Intake._meta.db_table == "recruitment_intake"


@pytest.mark.django_db
def test_content_types_belong_to_programmes():
    assert ContentType.objects.get_for_model(Intake).app_label == "programmes"
    assert ContentType.objects.get_for_model(Programme).app_label == "programmes"
    assert not ContentType.objects.filter(
        app_label="recruitment", model__in=["intake", "programme"]
    ).exists()
