"""Programmes sit at the base: accounts and programmes import nothing from the apps above them,
and Programme and Intake keep the tables they were created on."""

import ast
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType

from upon.programmes.models import Intake, Programme

UPON = Path(__file__).resolve().parents[2] / "upon"
ABOVE = ("upon.recruitment", "upon.selection", "upon.delivery", "upon.reporting")


def imported_modules(app: str) -> set[tuple[str, str]]:
    found = set()
    for path in (UPON / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add((str(path.relative_to(UPON)), node.module))
            elif isinstance(node, ast.Import):
                found.update((str(path.relative_to(UPON)), alias.name) for alias in node.names)
    return found


@pytest.mark.parametrize("app", ["accounts", "programmes"])
def test_app_imports_nothing_above_programmes(app):
    upward = sorted(
        (path, module) for path, module in imported_modules(app) if module.startswith(ABOVE)
    )
    assert upward == []


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
