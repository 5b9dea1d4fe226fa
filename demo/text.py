"""Plausible, synthetic capability statements and career summaries, stitched from stock parts.

Built from the seeded generator so they are the same for a seed, and cheap enough to make
350,000 of them: no Faker calls in the inner loop.
"""

import random

OPENINGS = [
    "In my current post, ",
    "When I joined the service, ",
    "During our last inspection year, ",
    "Over the past three years, ",
    "As the lead for a partnership board, ",
    "After a difficult serious case review, ",
    "When our budget was cut by a fifth, ",
    "Early in my time as a head of service, ",
]

# One list of actions per capability, in DEFAULT_CAPABILITIES order.
ACTIONS = [
    [
        "I asked for honest feedback from my team and changed how I chair meetings",
        "I kept a frontline team together through a period of heavy caseloads",
        "I set up reflective supervision for managers, starting with my own",
        "I stepped back from detail and trusted service managers to lead",
        "I built a leadership team that could disagree with me in the room",
        "I returned to practice for a week each year to stay close to the front line",
    ],
    [
        "I brought health, police and schools round one table to redesign the front door",
        "I built a shared early help offer with three voluntary organisations",
        "I agreed joint funding with the integrated care board for a family hub",
        "I chaired the multi-agency group that rewrote our threshold document",
        "I set up a joint panel with the youth justice service and the police",
        "I agreed a shared workforce plan with two neighbouring councils",
    ],
    [
        "I briefed the lead member each week and prepared her for scrutiny",
        "I made the case to the chief executive for protecting the edge-of-care budget",
        "I worked with finance colleagues to explain demand growth to elected members",
        "I held my position with the cabinet on keeping children close to home",
        "I wrote the report that persuaded the council to invest in early help",
        "I worked with the monitoring officer through a complaint that reached the press",
    ],
    [
        "I made a placement decision for a child with no good options and explained why",
        "I balanced the risk of an unregulated placement against a child's own wishes",
        "I ran the service through a cyber incident that took our case records offline",
        "I led the response when two serious incidents happened in the same week",
        "I kept services running through a winter of staff shortages",
        "I chose which of three urgent improvements to fund first and said so openly",
    ],
    [
        "I set up a children in care council that now interviews every senior appointment",
        "I asked parents who had been through child protection to review our letters",
        "I went out with youth workers to hear what young people thought of our offer",
        "I changed the timing of family group conferences after listening to carers",
        "I opened our budget-setting to a panel of young people and parents",
        "I worked with faith and community groups to reach families who avoid us",
    ],
    [
        "I cut the backlog of assessments through a clear plan and weekly tracking",
        "I brought agency spend down while keeping caseloads manageable",
        "I led the improvement plan that moved the service out of intervention",
        "I opened two local children's homes on time and within budget",
        "I set clear measures for every team and reviewed them monthly with staff",
        "I brought the number of children in care down safely over two years",
    ],
    [
        "I piloted a family safeguarding model and kept what worked",
        "I introduced a practice model and trained every social worker in it",
        "I tried a new approach to recruiting foster carers and stopped what failed",
        "I moved the service to locality teams and brought staff with me",
        "I introduced a digital front door and kept a phone line for those who need it",
        "I started a learning review after every complaint, not only the serious ones",
    ],
]

RESULTS = [
    "and the number of children waiting for an assessment fell by {pct} per cent.",
    "and re-referrals within a year dropped from {high} to {low} per cent.",
    "and the share of children placed within twenty miles of home rose to {high} per cent.",
    "and social worker turnover fell from {high} to {low} per cent in two years.",
    "and inspectors described the change as strong and well led.",
    "and families told us in our survey that they felt listened to.",
    "and we saved {money} thousand pounds that went back into early help.",
]

REFLECTIONS = [
    "I learned that change sticks when the people doing the work shape it.",
    "Looking back, I would have involved young people earlier.",
    "It taught me to be clear about what I will not compromise on.",
    "I now share bad news early and in person.",
    "The hardest part was saying no to a popular idea that the evidence did not support.",
    "I keep a record of what children tell us and read it before big decisions.",
    "I ask for challenge from peers outside the council before I commit.",
    "I have learned to name my own mistakes first, so that others can name theirs.",
    "What matters most is whether children's lives are better, not whether the plan was met.",
    "I would do the same again, but I would explain my reasons sooner.",
]

CAREER_SUMMARIES = [
    "Led {n} teams across assessment, child protection and children in care.",
    "Responsible for a budget of {money} million pounds and {n}0 staff.",
    "Managed the front door and the multi-agency safeguarding hub.",
    "Led the service's improvement plan after an inspection.",
    "Set up the edge-of-care service and the adolescent support team.",
    "Held strategic responsibility for education, inclusion and SEND.",
]


def statement(rng: random.Random, capability_index: int, *, words: tuple[int, int]) -> str:
    """A first-person statement for one capability, between about words[0] and words[1] words.

    Each action, opening, result and reflection is used at most once, so nothing repeats.
    """
    target = rng.randint(*words)
    actions = rng.sample(ACTIONS[capability_index % len(ACTIONS)], k=6)
    openings = rng.sample(OPENINGS, k=len(OPENINGS))
    results = rng.sample(RESULTS, k=len(RESULTS))
    reflections = rng.sample(REFLECTIONS, k=len(REFLECTIONS))
    sentences: list[str] = []
    count = 0
    while count < target and (actions or reflections):
        if reflections and (not actions or (sentences and rng.random() < 0.35)):
            sentence = reflections.pop()
        else:
            high = rng.randint(20, 45)
            result = results.pop().format(
                pct=rng.randint(10, 60),
                high=high,
                low=high - rng.randint(5, 15),
                money=rng.randint(150, 900),
            )
            sentence = f"{openings.pop()}{actions.pop()}, {result}"
        length = len(sentence.split())
        if count + length > words[1]:
            break
        sentences.append(sentence)
        count += length
    return " ".join(sentences)


def career_summary(rng: random.Random) -> str:
    return rng.choice(CAREER_SUMMARIES).format(n=rng.randint(2, 9), money=rng.randint(3, 60))
