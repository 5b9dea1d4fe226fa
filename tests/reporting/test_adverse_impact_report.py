"""The programme lead's adverse impact report: aggregate, suppressed, lead only."""

import pytest
from django.urls import reverse

from tests.charts import chart_ids, drawn_chart
from tests.factories import IntakeFactory, RoleAssignmentFactory, SubmittedApplicationFactory
from upon.accounts.models import Role
from upon.reporting.models import MonitoringResponse
from upon.selection.models import Decision, Offer


@pytest.fixture
def intake(authorities):
    return IntakeFactory()


@pytest.fixture
def lead(intake):
    return RoleAssignmentFactory(role=Role.PROGRAMME_LEAD, programme=intake.programme).user


def populate(intake, lead, **groups):
    """groups: sex -> (applied, shortlisted and offered) counts."""
    from django.utils import timezone

    for sex, (applied, shortlisted) in groups.items():
        for n in range(applied):
            application = SubmittedApplicationFactory(intake=intake)
            MonitoringResponse.objects.create(application=application, sex=sex)
            if n < shortlisted:
                Decision.objects.create(
                    application=application, outcome="shortlist", rationale="r", decided_by=lead
                )
                Offer.objects.create(application=application, accept_by=timezone.now())


def test_lead_sees_rates_ratios_and_the_four_fifths_flag(client, intake, lead):
    populate(intake, lead, female=(20, 10), male=(20, 6), prefer_not_to_say=(10, 5))
    client.force_login(lead)
    content = client.get(reverse("reporting:adverse_impact", args=[intake.pk])).content.decode()
    assert "What is your sex?" in content
    assert "Rate 0.50, ratio 1.00" in content
    assert "Rate 0.30, ratio 0.60" in content
    flag = '<br><strong class="govuk-tag govuk-tag--red">Below four-fifths'
    assert content.count(flag) == 2  # men, shortlisted and offered
    assert '<td class="govuk-table__cell">Fewer than 5' not in content


def test_a_small_group_is_hidden_and_so_is_whatever_would_reveal_it(client, intake, lead):
    populate(intake, lead, female=(20, 10), male=(20, 6), prefer_not_to_say=(3, 0))
    client.force_login(lead)
    content = client.get(reverse("reporting:adverse_impact", args=[intake.pk])).content.decode()
    start = content.index('caption--s">What is your sex?')  # the table, after its chart
    sex = content[start : content.index("</table>", start)]
    female = sex[sex.index(">Female<") : sex.index(">Male<")]
    prefer_not = sex[sex.index(">Prefer not to say<") : sex.index(">Everyone<")]
    # 3 is hidden; with the total (43) and the men (20) shown, the women's 20 would give it away.
    assert female.count("Hidden to protect a small group") == 1 and "Rate" not in female
    assert prefer_not.count("Fewer than 5") == 1
    assert ">43<" in sex and ">20<" in sex


def test_a_team_member_who_is_not_lead_gets_403(client, intake):
    member = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=intake.programme).user
    client.force_login(member)
    assert client.get(reverse("reporting:adverse_impact", args=[intake.pk])).status_code == 403


def test_another_programmes_lead_gets_404(client, intake):
    other = RoleAssignmentFactory(role=Role.PROGRAMME_LEAD).user
    client.force_login(other)
    assert client.get(reverse("reporting:adverse_impact", args=[intake.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_does_not_grow(client, intake, lead, django_assert_num_queries, count):
    populate(intake, lead, female=(count, 0), male=(count, 0))
    client.force_login(lead)
    # session, user, roles, intake, stage totals, the answers.
    # 8: the read is logged (upon/reporting/equality_reads.py) and kept counts looked for.
    with django_assert_num_queries(8):
        client.get(reverse("reporting:adverse_impact", args=[intake.pk]))


def sex_chart(content):
    charts = [drawn_chart(content, chart_id) for chart_id in chart_ids(content)]
    return next(chart for chart in charts if chart.title.startswith("What is your sex?"))


def test_the_chart_draws_each_groups_rate_with_the_four_fifths_line(client, intake, lead):
    populate(intake, lead, female=(20, 10), male=(20, 6), prefer_not_to_say=(10, 5))
    client.force_login(lead)
    content = client.get(reverse("reporting:adverse_impact", args=[intake.pk])).content.decode()
    chart = sex_chart(content)
    assert chart.title == "What is your sex? Share offered a place"
    assert [(row.label, row.bars, row.texts, row.note) for row in chart.rows] == [
        ("Female", 1, ("50%",), ""),
        ("Male", 1, ("30%, below four-fifths",), ""),
        ("Prefer not to say", 1, ("50%",), ""),
    ]
    assert chart.reference == "Four-fifths of the highest rate (Female, 50%): 40%"
    assert chart.summary == (
        "Bar chart: of the people in each group who applied, the share offered a place. The "
        "dashed line is four-fifths of the highest rate, Female's 50%: 1 group is below it "
        "(Male). The table below gives the same figures."
    )


def test_the_chart_shows_another_stage_when_asked(client, intake, lead):
    populate(intake, lead, female=(20, 10), male=(20, 6))
    client.force_login(lead)
    url = reverse("reporting:adverse_impact", args=[intake.pk])
    content = client.get(url + "?stage=shortlisted").content.decode()
    assert sex_chart(content).title == "What is your sex? Share shortlisted"
    assert '<a class="govuk-link" href="?stage=offered">Show offered a place</a>' in content
    # Anything else shows the default stage, offered.
    assert sex_chart(client.get(url + "?stage=applied").content.decode()).title.endswith(
        "offered a place"
    )


def test_a_hidden_group_gets_no_bar_and_no_figure_that_would_reveal_it(client, intake, lead):
    populate(intake, lead, female=(20, 10), male=(20, 6), prefer_not_to_say=(3, 0))
    client.force_login(lead)
    content = client.get(reverse("reporting:adverse_impact", args=[intake.pk])).content.decode()
    chart = sex_chart(content)
    # The women's figures are hidden to protect the three; the three are fewer than 5.
    assert [(row.label, row.bars, row.texts, row.note) for row in chart.rows] == [
        ("Female", 0, (), "Hidden to protect a small group"),
        ("Male", 1, ("30%",), ""),
        ("Prefer not to say", 0, (), "Fewer than 5"),
    ]
    assert chart.reference == "Four-fifths of the highest rate (Male, 30%): 24%"
    assert "2 groups have no bar" in chart.summary
    start = content.index('id="rates-')
    drawn = content[start : content.index("</figure>", start)]
    for hidden in ("50%", ">3<", ">10<", ">20<"):
        assert hidden not in drawn
