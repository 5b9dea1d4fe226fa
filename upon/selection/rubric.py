"""The scale reviewers score each capability on, and what each score means for each of the
seven capabilities of the framework (upon/recruitment/capabilities.py).

A capability the programme team names themselves has no descriptors of its own: it is scored
on the general meanings in SCORES.
"""

SCORES = (
    (1, "Little or no evidence", "The statement and career history show little of this."),
    (2, "Some evidence", "Some evidence, with clear gaps in depth or breadth."),
    (3, "Clear evidence", "Clear, relevant evidence at a senior level."),
    (4, "Strong evidence", "Strong, consistent evidence of leading this at a senior level."),
)
LOWEST, HIGHEST = SCORES[0][0], SCORES[-1][0]

# Capability name: what a score of 1, 2, 3 and 4 means for it, in that order.
DESCRIPTORS: dict[str, tuple[str, str, str, str]] = {
    "Personal leadership qualities and resilience": (
        "Describes tasks done rather than how they led; little sign of reflecting on their own "
        "values, impact or how they cope under pressure.",
        "Names their values and some learning about themselves, but gives few examples of "
        "holding steady, or keeping a team going, through a serious setback.",
        "Shows self-awareness and values that guide hard decisions, with a clear example of "
        "sustaining themselves and their service through a crisis, inspection or challenge.",
        "Consistently leads from clear values at a senior level: seeks and acts on feedback, "
        "has come through sustained pressure and helped others to recover and grow.",
    ),
    "Systems leadership, building alliances and partnerships": (
        "Work described stays inside their own team or service; partners are mentioned only "
        "as people they refer to.",
        "Has taken part in partnership work (a safeguarding partnership, a multi-agency "
        "panel) but others led it, or the difference it made is unclear.",
        "Has led work across organisations (health, police, schools, the voluntary sector) "
        "that changed how services reach children, and explains how they built the trust.",
        "Leads across the local system: has built alliances that outlasted a change of people, "
        "resolved conflict between partners and can show shared results for children.",
    ),
    "Working in political and corporate contexts": (
        "Little contact with elected members or the corporate centre, or describes them only "
        "as obstacles.",
        "Has briefed members or senior colleagues, but shows limited understanding of the "
        "political and corporate pressures on them.",
        "Works effectively with lead members, the chief executive and corporate colleagues; "
        "gives an example of winning support or resources for children's services.",
        "Handles political and corporate contexts with skill: has advised members on "
        "contentious decisions and held firm, with evidence, on what children need.",
    ),
    "Leading in complexity": (
        "Examples are of routine decisions with clear answers; little sign of weighing risk "
        "or uncertainty.",
        "Has made some difficult decisions, but relied mostly on others' judgement or shows "
        "little of how they weighed competing demands.",
        "Makes sound, timely decisions with incomplete information and high risk, explains "
        "their reasoning and reviews the outcome.",
        "Leads with confidence through sustained complexity (a serious case, a failing "
        "service, a budget crisis), balancing risk, pace and people, and helps others do so.",
    ),
    "Engaging communities": (
        "Children, families and communities hardly appear, or only as recipients of services.",
        "Has consulted children or families, but there is little evidence that what they said "
        "changed anything.",
        "Has involved children, young people, families or communities in shaping a service, "
        "and shows what changed as a result.",
        "Makes listening to children and communities part of how the service is run: "
        "co-production, participation that reaches seldom-heard groups, and lasting change.",
    ),
    "Delivering results": (
        "Describes activity rather than outcomes; no measures of difference for children.",
        "Some results are given, but they are small in scale, or it is unclear what the "
        "applicant contributed.",
        "Has turned plans into measurable improvements for children within budget, and can "
        "say what their own part was.",
        "A strong record of sustained improvement at scale (outcomes, inspection findings, "
        "financial control), with evidence that it lasted after the work was done.",
    ),
    "Innovation and change": (
        "Has followed changes others led; little evidence of trying new approaches.",
        "Has introduced a new approach or improvement, but on a small scale, or with little "
        "reflection on what did not work.",
        "Has led a significant change, brought people with them, learned from what failed "
        "and adapted.",
        "Leads lasting change across a service or system: creates the conditions for others "
        "to innovate, uses evidence well and keeps change going when it gets hard.",
    ),
}


def scale_for(capability_name: str) -> list[tuple[int, str, str]]:
    """(score, label, what it means for this capability) for each score, lowest first."""
    meanings = DESCRIPTORS.get(capability_name)
    if meanings is None:
        return list(SCORES)
    return [
        (value, label, meaning)
        for (value, label, _general), meaning in zip(SCORES, meanings, strict=True)
    ]
