"""{% wide_table %}: a wide table scrolls in its own region, so the page reflows."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def test_the_table_sits_in_a_labelled_region_a_keyboard_can_reach():
    html = Template(
        '{% load govuk %}{% wide_table label %}<table class="govuk-table"></table>'
        "{% endwide_table %}"
    ).render(Context({"label": "Reviewers' leniency"}))
    assert html == (
        '<div class="upon-table-wrapper" role="region" aria-label="Reviewers&#x27; leniency" '
        'tabindex="0"><table class="govuk-table"></table></div>'
    )


def test_the_region_needs_a_label():
    with pytest.raises(TemplateSyntaxError, match="one argument: the region's label"):
        Template("{% load govuk %}{% wide_table %}{% endwide_table %}")
