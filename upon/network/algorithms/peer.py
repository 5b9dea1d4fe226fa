"""Who is told of a question asked of peers: fairly, those told least recently first.

Pure: no Django import. The rules (`upon/network/peer.py`) gather the candidates.
"""

import datetime
from dataclasses import dataclass

# The most members one question is sent to: enough for answers, few enough that nobody is
# asked everything.
MAX_TOLD = 20


@dataclass(frozen=True)
class Candidate:
    member_id: int
    last_told: datetime.datetime | None  # when they were last sent a question; None: never


def choose_peers(candidates: list[Candidate], *, limit: int = MAX_TOLD) -> list[int]:
    """The ids of at most `limit` candidates: never told first, then those told longest ago;
    ties by id, so the same candidates always give the same choice."""

    def key(candidate: Candidate):
        never = candidate.last_told is None
        return (not never, candidate.last_told or datetime.datetime.min, candidate.member_id)

    return [c.member_id for c in sorted(candidates, key=key)[:limit]]
