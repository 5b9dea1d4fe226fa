"""When an employer's check-ins fall due and where each stands (the pure rule)."""

import datetime

from upon.support.algorithms.employers import months_after, schedule, standing

D = datetime.date


def test_check_ins_fall_at_3_6_12_18_and_24_months():
    assert schedule(D(2026, 9, 1)) == [
        (3, D(2026, 12, 1)),
        (6, D(2027, 3, 1)),
        (12, D(2027, 9, 1)),
        (18, D(2028, 3, 1)),
        (24, D(2028, 9, 1)),
    ]


def test_a_day_the_month_lacks_falls_on_its_last_day():
    assert months_after(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert months_after(D(2027, 8, 31), 6) == D(2028, 2, 29)
    assert months_after(D(2026, 11, 30), 3) == D(2027, 2, 28)


def test_upcoming_then_due_then_overdue_four_weeks_on_unless_done():
    due = D(2026, 12, 1)
    assert standing(due_on=due, done=False, today=D(2026, 11, 30)) == "upcoming"
    assert standing(due_on=due, done=False, today=due) == "due"
    assert standing(due_on=due, done=False, today=D(2026, 12, 28)) == "due"
    assert standing(due_on=due, done=False, today=D(2026, 12, 29)) == "overdue"
    assert standing(due_on=due, done=True, today=D(2027, 6, 1)) == "done"
