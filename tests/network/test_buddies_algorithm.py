"""The buddy rule on small cases: another authority always; then the same region, the same type
of authority, fewest buddies now, lowest id; reasons as people read them."""

from upon.network.algorithms.buddies import Experienced, NewDirector, propose

LEEDS = NewDirector(1, 10, "Leeds", "Yorkshire and The Humber", "Metropolitan district")


def exp(pid, authority_id, authority, region, la_type, *, buddies=0, since=2018):
    return Experienced(
        pid, f"Person {pid}", authority_id, authority, region, la_type, since, buddies
    )


YORK = exp(2, 11, "York", "Yorkshire and The Humber", "Unitary authority")
BRADFORD = exp(3, 12, "Bradford", "Yorkshire and The Humber", "Metropolitan district")
KENT = exp(4, 13, "Kent", "South East", "County council")
WIGAN = exp(5, 14, "Wigan", "North West", "Metropolitan district")
SAME_LA = exp(6, 10, "Leeds", "Yorkshire and The Humber", "Metropolitan district")


def test_never_the_same_authority_nor_oneself():
    assert propose(LEEDS, [SAME_LA]) is None
    assert propose(LEEDS, [exp(1, 15, "Hull", "", "")]) is None
    assert propose(LEEDS, []) is None


def test_the_same_region_comes_before_the_same_type():
    assert propose(LEEDS, [WIGAN, YORK, KENT]).buddy == YORK


def test_within_the_region_the_same_type():
    assert propose(LEEDS, [YORK, BRADFORD, KENT]).buddy == BRADFORD


def test_the_same_type_elsewhere_before_neither():
    assert propose(LEEDS, [KENT, WIGAN]).buddy == WIGAN


def test_fewest_buddies_then_lowest_id():
    busy = exp(3, 12, "Bradford", "Yorkshire and The Humber", "Metropolitan district", buddies=2)
    calm = exp(7, 16, "Wakefield", "Yorkshire and The Humber", "Metropolitan district")
    calm_too = exp(8, 17, "Kirklees", "Yorkshire and The Humber", "Metropolitan district")
    assert propose(LEEDS, [busy, calm_too, calm]).buddy == calm


def test_declined_buddies_are_left_out():
    assert propose(LEEDS, [YORK, BRADFORD], exclude=frozenset({3})).buddy == YORK


def test_reasons_read_as_sentences():
    proposal = propose(LEEDS, [BRADFORD])
    assert proposal.reasons == (
        "An experienced director: a director of children's services since 2018",
        "A different authority: Bradford, not Leeds",
        "The same region: Yorkshire and The Humber",
        "The same type of authority: metropolitan district",
        "Buddy to no other new director now",
    )
    assert propose(LEEDS, [exp(4, 13, "Kent", "South East", "County council", buddies=1)]).reasons[
        2:
    ] == ("Another region: South East", "Buddy to 1 other new director now")
