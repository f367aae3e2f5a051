"""Tests for learnlog.domain.skips: the skip budget, N excused days per calendar month."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from learnlog.domain.skips import SkipBudget, check_budget, check_within_budget, months_between, per_month
from learnlog.errors import InputError


def dec(day: int) -> date:
    return date(2026, 12, day)


def jan(day: int) -> date:
    return date(2027, 1, day)


def within_budget(budget: int | None, *, existing: tuple[date, ...], asked: tuple[date, ...]) -> None:
    """The rule as `skip` asks it: the store counts the `existing` excused days of
    each month the asked days touch, and finds which asked days are excused already."""
    used = Counter(day.replace(day=1) for day in existing)
    check_within_budget(budget=budget, asked=asked, excused=set(asked) & set(existing), used=used)


@pytest.mark.parametrize(
    ("budget", "existing", "asked"),
    [
        (None, (), tuple(dec(day) for day in range(1, 32))),
        (2, (), (dec(24),)),
        (2, (), (dec(24), dec(25))),
        (2, (dec(1),), (dec(24),)),
        (1, (dec(24),), (dec(24),)),
        (2, (dec(24), dec(25)), (dec(24), dec(25))),
        (2, (dec(24),), (dec(24), dec(25))),
        (0, (dec(24),), (dec(24),)),
        (2, (dec(1), dec(2), dec(3)), (dec(3),)),
        (2, (dec(30), dec(31)), (jan(1), jan(2))),
        (2, (dec(31),), (dec(30), dec(31), jan(1), jan(2))),
        (2, (), (dec(24), dec(24))),
        (31, (), tuple(dec(day) for day in range(1, 32))),
    ],
    ids=[
        "off-allows-any-number",
        "one-of-two",
        "exactly-the-budget",
        "one-used-one-more",
        "excusing-a-day-again-counts-once",
        "a-whole-range-again-adds-nothing",
        "a-range-over-one-excused-day-counts-only-the-new-one",
        "zero-budget-allows-asking-again-for-a-day-already-excused",
        "a-month-over-budget-from-before-keeps-its-days",
        "a-full-month-leaves-the-next-one-free",
        "a-range-over-the-new-year-fits-each-month",
        "the-same-day-asked-twice-counts-once",
        "thirty-one-allows-a-whole-month",
    ],
)
def test_skips_within_the_budget_are_allowed(budget, existing, asked):
    within_budget(budget, existing=existing, asked=asked)


@pytest.mark.parametrize(
    ("budget", "existing", "asked", "message"),
    [
        (2, (), (dec(24), dec(25), dec(26)), "only 2 skips left in December 2026 (budget 2 a month)"),
        (2, (dec(1),), (dec(24), dec(25)), "only 1 skip left in December 2026 (budget 2 a month)"),
        (2, (dec(1), dec(2)), (dec(24),), "no skips left in December 2026 (budget 2 a month)"),
        (0, (), (dec(24),), "no skips left in December 2026 (budget 0 a month)"),
        (2, (dec(1), dec(2), dec(3)), (dec(24),), "no skips left in December 2026 (budget 2 a month)"),
        (2, (dec(24),), (dec(24), dec(25), dec(26)), "only 1 skip left in December 2026 (budget 2 a month)"),
        (2, (), (dec(29), dec(30), dec(31), jan(1)), "only 2 skips left in December 2026 (budget 2 a month)"),
        (2, (jan(5),), (dec(31), jan(1), jan(2)), "only 1 skip left in January 2027 (budget 2 a month)"),
        (
            1, (), tuple(date(2026, month, 15) for month in (10, 11, 12)) + (dec(16),),
            "only 1 skip left in December 2026 (budget 1 a month)",
        ),
        (2, (dec(1), dec(2)), (dec(2), dec(3)), "no skips left in December 2026 (budget 2 a month)"),
    ],
    ids=[
        "a-range-longer-than-the-budget",
        "one-left-two-asked",
        "none-left",
        "zero-budget-allows-none",
        "over-budget-from-before-allows-no-more",
        "days-already-excused-in-the-range-do-not-count-again",
        "a-range-over-two-months-names-the-first-that-goes-over",
        "a-range-whose-first-month-fits-names-the-next",
        "each-month-on-its-own",
        "an-excused-day-in-the-range-does-not-make-room",
    ],
)
def test_skips_over_the_budget_are_refused_naming_the_month(budget, existing, asked, message):
    with pytest.raises(InputError) as refused:
        within_budget(budget, existing=existing, asked=asked)

    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0", "0"), ("2", "2"), ("31", "31"), ("007", "7"), (" 4 ", "4"), ("off", "off"), (" Off ", "off")],
    ids=["zero", "two", "thirty-one", "leading-zeros", "spaces", "off", "off-any-case"],
)
def test_a_budget_is_a_whole_number_of_days_up_to_31_or_off(typed, stored):
    assert check_budget(typed) == stored


@pytest.mark.parametrize(
    "typed", ["32", "-1", "+2", "2.0", "1e1", "", "two", "none", "unlimited", "\uff12", "\u0663"],
    ids=["32", "negative", "plus-sign", "decimal", "exponent", "empty", "word", "none", "unlimited",
         "fullwidth-digit", "arabic-indic-digit"],
)
def test_anything_else_is_not_a_budget(typed):
    with pytest.raises(InputError, match="not a skip budget: .* \\(use a whole number of days a month from 0 to 31, or off\\)"):
        check_budget(typed)


@pytest.mark.parametrize(
    ("stored", "days"), [(None, None), ("off", None), ("0", 0), ("2", 2)], ids=["unset", "off", "zero", "two"]
)
def test_a_stored_budget_allows_its_days_a_month(stored, days):
    assert per_month(stored) == days


@pytest.mark.parametrize(
    ("used", "left"), [(0, 2), (1, 1), (2, 0), (5, 0)], ids=["none-used", "one-used", "all-used", "over-from-before"]
)
def test_a_months_standing_counts_what_is_left_never_below_zero(used, left):
    standing = SkipBudget(per_month=2, month=dec(1), used=used)

    assert standing.left == left
    assert standing.to_json() == {"per_month": 2, "month": "2026-12", "used": used, "left": left}


@pytest.mark.parametrize(
    ("first", "last", "months"),
    [
        (dec(5), dec(20), [dec(1)]),
        (dec(31), jan(1), [dec(1), jan(1)]),
        (date(2026, 11, 30), date(2027, 2, 1), [date(2026, 11, 1), dec(1), jan(1), date(2027, 2, 1)]),
    ],
    ids=["one-month", "over-the-new-year", "four-months"],
)
def test_months_between_names_every_month_a_range_touches(first, last, months):
    assert months_between(first, last) == months
