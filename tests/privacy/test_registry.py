"""A model that points at the user (or onward, at one of a person's rows) is either exported and
erased, or excluded with a reason: registry.py declares every one, so none is missed."""

from django.apps import apps

from upon.privacy import registry


def test_every_relation_to_a_person_is_declared():
    assert registry.undeclared() == []


def test_no_declaration_names_a_relation_that_is_gone():
    assert registry.stale() == []


def test_every_exclusion_says_why():
    assert [
        k
        for k, link in registry.LINKS.items()
        if link.kind in ("excluded", "shared") and not link.reason
    ] == []


def test_the_walk_reaches_the_application_and_what_hangs_off_it():
    held = {model._meta.label for model in registry.held_models()}
    assert {
        "recruitment.Application",
        "recruitment.Endorsement",
        "recruitment.CapabilityStatement",
        "reporting.MonitoringResponse",
        "selection.Review",
        "delivery.Participant",
        "support.CoachingSession",
        "network.Message",
        "accounts.RoleAssignment",
    } <= held


def test_a_new_model_pointing_at_the_user_is_caught(settings):
    """A relation nobody declared shows up in `undeclared` (a model made for the test only)."""
    from django.db import models

    class Diary(models.Model):
        owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

        class Meta:
            app_label = "privacy"

    try:
        assert registry.undeclared() == ["privacy.Diary.owner"]
    finally:
        del apps.all_models["privacy"]["diary"]
        apps.clear_cache()
