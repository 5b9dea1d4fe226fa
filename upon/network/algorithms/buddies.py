"""Which experienced director to offer a new director as a buddy, and why.

Pure: no Django import. The rules (`upon/network/buddies.py`) gather who is eligible: alumni
who were directors of children's services, in a verified post that started at least two years
ago. Of those in another authority than the new director's, the rule prefers the same region,
then the same type of authority, then whoever has fewest buddies now; ties go to the lowest id,
so the same people always give the same proposal.
"""

from dataclasses import dataclass

EXPERIENCE_YEARS = 2


@dataclass(frozen=True)
class NewDirector:
    person_id: int
    authority_id: int
    authority: str
    region: str  # its label, "" if unknown
    la_type: str  # its label, "" if unknown


@dataclass(frozen=True)
class Experienced:
    person_id: int
    name: str
    authority_id: int
    authority: str
    region: str
    la_type: str
    director_since: int  # the year their first director post started
    buddies: int  # new directors they are buddy to now (offered or accepted)


@dataclass(frozen=True)
class Proposal:
    buddy: Experienced
    reasons: tuple[str, ...]


def reasons_for(director: NewDirector, buddy: Experienced) -> tuple[str, ...]:
    """Why `buddy` suits `director`, as people read it."""
    reasons = [
        f"An experienced director: a director of children's services since {buddy.director_since}",
        f"A different authority: {buddy.authority}, not {director.authority}",
    ]
    if director.region and buddy.region == director.region:
        reasons.append(f"The same region: {buddy.region}")
    elif buddy.region:
        reasons.append(f"Another region: {buddy.region}")
    if director.la_type and buddy.la_type == director.la_type:
        reasons.append(f"The same type of authority: {buddy.la_type.lower()}")
    count = buddy.buddies
    reasons.append(
        "Buddy to no other new director now"
        if count == 0
        else f"Buddy to {count} other new director{'s' if count != 1 else ''} now"
    )
    return tuple(reasons)


def eligible(director: NewDirector, candidates: list[Experienced]) -> list[Experienced]:
    """Those who may be the director's buddy: anyone else, in another authority."""
    return [
        c
        for c in candidates
        if c.person_id != director.person_id and c.authority_id != director.authority_id
    ]


def propose(
    director: NewDirector, candidates: list[Experienced], *, exclude: frozenset[int] = frozenset()
) -> Proposal | None:
    """The best buddy for `director`, leaving out `exclude` (say, those they declined); None if
    nobody is eligible."""

    def key(c: Experienced):
        same_region = bool(director.region) and c.region == director.region
        same_type = bool(director.la_type) and c.la_type == director.la_type
        return (not same_region, not same_type, c.buddies, c.person_id)

    found = [c for c in eligible(director, candidates) if c.person_id not in exclude]
    if not found:
        return None
    best = min(found, key=key)
    return Proposal(best, reasons_for(director, best))
