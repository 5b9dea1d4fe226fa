"""The one navigation of a cohort's team pages, with the page shown marked as current:

{% load cohort_nav %}{% cohort_nav cohort "timetable" %}
"""

from django import template
from django.urls import reverse

register = template.Library()

# (key, label, URL name, whether the URL takes the intake rather than the cohort)
PAGES = (
    ("cohort", "Cohort", "delivery:delivery", True),
    ("timetable", "Timetable", "delivery:timetable", False),
    ("plan", "Plan the timetable", "delivery:plan", False),
    ("switch_mode", "Switch virtual or in person", "delivery:switch_mode", False),
    ("venues", "Venues", "delivery:venues", False),
    ("availability", "Availability", "delivery:availability", False),
    ("progress", "Progress and completion", "delivery:team_progress", False),
    ("feedback", "Session feedback", "delivery:team_feedback", False),
    ("sets", "Action learning sets", "delivery:team_sets", False),
    ("needs", "Cohort needs", "delivery:needs", False),
    ("challenges", "Leadership challenges", "delivery:team_challenges", False),
)
KEYS = {key for key, *_ in PAGES}


def links(cohort, current: str) -> list[dict]:
    if current not in KEYS:
        raise ValueError(f"No cohort page {current!r}")
    return [
        {
            "label": label,
            "url": reverse(name, args=[cohort.intake_id if by_intake else cohort.pk]),
            "current": key == current,
        }
        for key, label, name, by_intake in PAGES
    ]


@register.inclusion_tag("delivery/_cohort_nav.html")
def cohort_nav(cohort, current):
    return {"links": links(cohort, current)}
