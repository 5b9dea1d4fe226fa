"""Synthetic equality monitoring answers shaped like England's senior children's services workforce.

The applicants are senior leaders (mostly assistant directors and heads of service, three to
five years from a director post), so their answers should look like that workforce, not like a
uniform spread over the choices: a uniform draw made 40% of people answer that their gender
identity differs from their sex registered at birth and 17% aged 65 or over, which made the
equality and adverse-impact reports unbelievable. The weights below are rounded shares of the
people who answered; "prefer not to say" and blanks are added on top (ANSWER_RATES).

Sources (published aggregates; no real person is described):

- Sex, age and ethnicity: Department for Education, "Children's social work workforce",
  reporting years 2022 to 2024, characteristics of children and family social workers in post
  https://explore-education-statistics.service.gov.uk/find-statistics/children-s-social-work-workforce
  87% of children and family social workers are female (2022); the age profile is 30 to 39
  about 30%, 40 to 49 about 26%, 50 to 59 about 21% and 60 or over under 10% (2024); about
  three in four are White. Senior managers are older and a little more often male and White
  than the whole workforce, so the weights move that way: most applicants are 40 to 59 and
  almost none is 65 or over (the usual age of retirement from local government).
- Gender identity, sexual orientation and religion: Office for National Statistics, Census 2021,
  England and Wales, usual residents aged 16 and over
  https://www.ons.gov.uk/peoplepopulationandcommunity/culturalidentity/genderidentity/bulletins/genderidentityenglandandwales/census2021
  https://www.ons.gov.uk/peoplepopulationandcommunity/culturalidentity/sexuality/bulletins/sexualorientationenglandandwales/census2021
  https://www.ons.gov.uk/peoplepopulationandcommunity/culturalidentity/religion/bulletins/religionenglandandwales/census2021
  0.5% answered that their gender identity differs from their sex registered at birth (93.5%
  the same, 6% no answer); 89.4% straight, 1.5% gay or lesbian, 1.3% bisexual, 0.3% another
  orientation (7.5% no answer); Christian 46.2%, no religion 37.2%, Muslim 6.5%, Hindu 1.7%,
  Sikh 0.9%, Buddhist 0.5%, Jewish 0.5%, other 0.6% (6% no answer).
- Disability: ONS, Census 2021, "Disability, England and Wales"
  https://www.ons.gov.uk/peoplepopulationandcommunity/healthandsocialcare/healthandwellbeing/bulletins/disabilityenglandandwales/census2021
  about one in six people of working age is disabled under the Equality Act, fewer among those
  in senior employment; most of those are "limited a little".
- Caring: ONS, Census 2021, "Unpaid care, England and Wales" (unpaid care peaks at ages 50 to
  64) https://www.ons.gov.uk/peoplepopulationandcommunity/healthandsocialcare/socialcare/bulletins/unpaidcareenglandandwales/census2021
  with people in their forties and fifties often looking after children as well.
- Socio-economic background: Social Mobility Commission, "Navigating the labyrinth:
  socio-economic background and career progression within the Civil Service" (2021)
  https://www.gov.uk/government/publications/navigating-the-labyrinth
  senior public-sector leaders come more often from professional backgrounds than the
  population (about half at the most senior grades).

Deterministic: answers are drawn from the seed's generator only.
"""

import random

from upon.reporting.models import (
    PREFER_NOT_TO_SAY,
    AgeBand,
    CaringResponsibilities,
    Disability,
    Ethnicity,
    GenderIdentity,
    Religion,
    Sex,
    SexualOrientation,
    SocioEconomicBackground,
)

# Shares, in per cent, of the people who answered each question.
WEIGHTS = {
    "ethnicity": {
        Ethnicity.WHITE_BRITISH: 72,
        Ethnicity.WHITE_IRISH: 2,
        Ethnicity.WHITE_OTHER: 4,
        Ethnicity.BLACK_AFRICAN: 5,
        Ethnicity.BLACK_CARIBBEAN: 4,
        Ethnicity.ASIAN_INDIAN: 4,
        Ethnicity.ASIAN_PAKISTANI: 3,
        Ethnicity.ASIAN_BANGLADESHI: 1,
        Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN: 2,
        Ethnicity.MIXED_OTHER: 2,
        Ethnicity.OTHER: 1,
    },
    "sex": {Sex.FEMALE: 78, Sex.MALE: 22},
    "gender_identity": {GenderIdentity.SAME: 99.5, GenderIdentity.DIFFERENT: 0.5},
    "sexual_orientation": {
        SexualOrientation.HETEROSEXUAL: 96.6,
        SexualOrientation.GAY_LESBIAN: 1.7,
        SexualOrientation.BISEXUAL: 1.4,
        SexualOrientation.OTHER: 0.3,
    },
    "disability": {Disability.NO: 90, Disability.YES_A_LITTLE: 8, Disability.YES_A_LOT: 2},
    "religion": {
        Religion.CHRISTIAN: 49,
        Religion.NONE: 40,
        Religion.MUSLIM: 6,
        Religion.HINDU: 2,
        Religion.SIKH: 1,
        Religion.BUDDHIST: 0.5,
        Religion.JEWISH: 0.5,
        Religion.OTHER: 1,
    },
    "age_band": {
        AgeBand.UNDER_35: 3,
        AgeBand.FROM_35_TO_44: 31,
        AgeBand.FROM_45_TO_54: 44,
        AgeBand.FROM_55_TO_64: 21,
        AgeBand.OVER_65: 1,
    },
    "caring": {
        CaringResponsibilities.NONE: 42,
        CaringResponsibilities.CHILDREN: 40,
        CaringResponsibilities.ADULT: 11,
        CaringResponsibilities.BOTH: 7,
    },
    "socio_economic": {
        SocioEconomicBackground.PROFESSIONAL: 42,
        SocioEconomicBackground.INTERMEDIATE: 16,
        SocioEconomicBackground.SMALL_BUSINESS: 9,
        SocioEconomicBackground.TECHNICAL: 30,
        SocioEconomicBackground.NOT_WORKING: 3,
    },
}
# Of the people who fill in the form: "prefer not to say" to a question, and left blank.
ANSWER_RATES = {"prefer_not_to_say": 0.05, "blank": 0.04}


def answers(rng: random.Random) -> dict[str, str]:
    """One person's answers to every question: a choice drawn by WEIGHTS, sometimes "prefer not
    to say" or left blank."""
    result = {}
    for name, weights in WEIGHTS.items():
        roll = rng.random()
        if roll < ANSWER_RATES["prefer_not_to_say"]:
            result[name] = PREFER_NOT_TO_SAY[0]
        elif roll < ANSWER_RATES["prefer_not_to_say"] + ANSWER_RATES["blank"]:
            result[name] = ""
        else:
            result[name] = rng.choices(list(weights), weights=list(weights.values()))[0]
    return result
