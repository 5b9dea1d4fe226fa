"""What the API publishes of the register, on its own (pure: no database)."""

import math

import pytest

from upon.partners.algorithms.published import Figure, GroupTenure, count, groups
from upon.workforce.algorithms.survival import Median

SMALL, PROTECTED = "Fewer than 5", "Hidden to protect a small group"


def test_a_count_on_its_own_is_hidden_from_one_to_four():
    assert [count(n) for n in (0, 1, 4, 5)] == [
        Figure(0),
        Figure(None, SMALL),
        Figure(None, SMALL),
        Figure(5),
    ]


def test_regions_must_add_up_to_england():
    with pytest.raises(ValueError, match="add up"):
        groups(GroupTenure("England", 10, 5, None), [GroupTenure("North East", 9, 5, None)])


def test_a_small_region_takes_another_with_it_and_its_median_is_hidden():
    median = Median(20.0, 15.0, 30.0)
    rows = [
        GroupTenure("North East", 2, 2, Median(3.0, 1.0, math.inf)),
        GroupTenure("London", 10, 6, median),
        GroupTenure("South West", 12, 8, median),
    ]
    found = groups(GroupTenure("England", 24, 16, median), rows)
    by_label = {g.label: g for g in found}
    assert by_label["North East"].spells == Figure(None, SMALL)
    assert by_label["North East"].median_months == Figure(None, SMALL)
    # England's spells less the other two would give the North East's: one more is hidden.
    spells = [g.spells for g in found[1:]]
    assert sum(f.value is None for f in spells) >= 2 or found[0].spells.value is None
    ended = [g.ended for g in found[1:]]
    assert sum(f.value is None for f in ended) >= 2 or found[0].ended.value is None
    # A median shown is the region's own, to one decimal place; one not reached is null.
    shown = [g for g in found if g.median_months.value is not None]
    assert all(g.median_months == Figure(20.0) for g in shown)


def test_a_median_not_reached_is_null_with_no_reason():
    rows = [GroupTenure("London", 6, 6, Median(math.inf, 10.0, math.inf))]
    found = groups(GroupTenure("England", 6, 6, Median(math.inf, 10.0, math.inf)), rows)
    assert found[1].median_months == Figure(None)
    assert found[1].median_lower_months == Figure(10.0)
    assert found[1].median_upper_months == Figure(None)
