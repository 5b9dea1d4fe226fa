"""The eligibility rules alone: plain data in, plain data out, no database."""

import pytest

from upon.recruitment.algorithms.eligibility import QUESTIONS, Assessment, assess, first_unanswered

ELIGIBLE = {
    "leadership_years": 5,
    "sector": "local_government",
    "role_level": "assistant_director",
    "director_potential": True,
    "employer_support": "yes",
}

YEARS_REASON = (
    "You need at least 3 years of senior leadership experience. You told us 2. You could "
    "apply to a future intake, or ask the programme team about other leadership programmes."
)
ROLE_REASON = (
    "The programme is for senior leaders: service managers, heads of service, assistant "
    "directors and deputy directors. You told us your role is at team manager level or below. "
    "You could apply once you hold a senior leadership role, or ask your employer about middle "
    "leadership programmes."
)
DIRECTOR_REASON = (
    "The programme is for people who could become a director of children's services in three "
    "to five years. You told us you could not. You could apply to a future intake when a "
    "director role is closer, or ask the programme team about other leadership programmes."
)
SPONSOR_REASON = (
    "Your employer must support your application: a senior leader where you work, such as "
    "your line manager or director, endorses it before you can submit it. You told us your "
    "employer does not support it. Talk to your line manager about the programme and apply "
    "when they can endorse you."
)
SPONSOR_ADVICE = (
    "Talk to your line manager or director before you apply. A senior leader where you work "
    "must endorse your application before you can submit it, and we will email them a link to "
    "do so."
)
SECTOR_ADVICE = (
    "Your senior leadership experience must be in children's services or a related field, in "
    "the public, private or voluntary sector. Describe how your sector relates to children's "
    "services in your application."
)


def answers(**changes):
    return {**ELIGIBLE, **changes}


def test_someone_meeting_every_rule_is_eligible_with_nothing_to_do():
    assert assess(ELIGIBLE, min_years=3) == Assessment(eligible=True, reasons=[], advice=[])


def test_fewer_years_than_the_minimum_is_not_eligible_and_says_how_many():
    assert assess(answers(leadership_years=2), min_years=3) == Assessment(
        eligible=False, reasons=[YEARS_REASON]
    )


@pytest.mark.parametrize(("years", "eligible"), [(2, False), (3, True), (60, True)])
def test_the_minimum_itself_is_enough(years, eligible):
    assert assess(answers(leadership_years=years), min_years=3).eligible is eligible


def test_the_minimum_comes_from_the_intake_and_reads_as_one_year():
    result = assess(answers(leadership_years=0), min_years=1)
    assert result.reasons[0].startswith(
        "You need at least 1 year of senior leadership experience. You told us 0."
    )
    assert assess(answers(leadership_years=4), min_years=5).eligible is False


def test_team_manager_level_is_not_eligible_with_advice():
    assert assess(answers(role_level="team_manager"), min_years=3) == Assessment(
        eligible=False, reasons=[ROLE_REASON]
    )


@pytest.mark.parametrize("level", ["director", "assistant_director", "service_manager"])
def test_senior_role_levels_are_eligible(level):
    assert assess(answers(role_level=level), min_years=3).eligible is True


def test_no_director_potential_is_not_eligible_and_uses_the_intakes_horizon():
    assert assess(answers(director_potential=False), min_years=3) == Assessment(
        eligible=False, reasons=[DIRECTOR_REASON]
    )
    other = assess(answers(director_potential=False), min_years=3, director_horizon="two to four")
    assert (
        "could become a director of children's services in two to four years" in (other.reasons[0])
    )


def test_employer_not_supporting_is_not_eligible_because_endorsement_is_required():
    assert assess(answers(employer_support="no"), min_years=3) == Assessment(
        eligible=False, reasons=[SPONSOR_REASON]
    )


def test_employer_not_yet_asked_is_eligible_with_advice_to_talk_to_a_sponsor():
    assert assess(answers(employer_support="not_asked"), min_years=3) == Assessment(
        eligible=True, reasons=[], advice=[SPONSOR_ADVICE]
    )


def test_other_sector_is_eligible_with_advice_to_explain_the_link():
    assert assess(answers(sector="other"), min_years=3) == Assessment(
        eligible=True, reasons=[], advice=[SECTOR_ADVICE]
    )


@pytest.mark.parametrize(
    "sector", ["local_government", "health", "education", "voluntary", "private"]
)
def test_related_sectors_are_eligible_without_advice(sector):
    assert assess(answers(sector=sector), min_years=3) == Assessment(eligible=True)


def test_every_failing_rule_gives_its_own_reason_in_question_order():
    result = assess(
        answers(
            leadership_years=2,
            role_level="team_manager",
            director_potential=False,
            employer_support="no",
        ),
        min_years=3,
    )
    assert result == Assessment(
        eligible=False, reasons=[YEARS_REASON, ROLE_REASON, DIRECTOR_REASON, SPONSOR_REASON]
    )


def test_incomplete_answers_cannot_be_assessed():
    incomplete = {k: v for k, v in ELIGIBLE.items() if k != "role_level"}
    with pytest.raises(ValueError, match="No answer for role_level"):
        assess(incomplete, min_years=3)


def test_first_unanswered_follows_question_order():
    assert first_unanswered({}) == "leadership_years"
    assert first_unanswered({"leadership_years": 0}) == "sector"
    assert first_unanswered({"leadership_years": 4, "role_level": "director"}) == "sector"
    assert first_unanswered(answers(director_potential=False)) is None
    assert QUESTIONS == (
        "leadership_years",
        "sector",
        "role_level",
        "director_potential",
        "employer_support",
    )
