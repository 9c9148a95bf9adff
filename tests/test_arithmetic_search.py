"""The arithmetic stage's fast searches find exactly what trying every run and every pair
with `_sums_to` (the rule itself) finds."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tagger.arithmetic import _difference, _summed_suffix, _sums_to

amount = st.one_of(st.none(), st.integers(-6, 6).map(Decimal))
row = st.lists(amount, min_size=2, max_size=2) | st.lists(amount, min_size=1, max_size=3)


def _every_run(rows, total) -> int:
    for length in range(2, len(rows) + 1):
        if _sums_to(rows[-length:], [1] * length, total):
            return length
    return 0


def _every_pair(values, before, total):
    for a in before:
        for b in before:
            if a != b and _sums_to([values[a], values[b]], [1, -1], total):
                return [(a, 1), (b, -1)]
    return None


@settings(max_examples=400, deadline=None)
@given(st.lists(row, max_size=7), row)
def test_the_summed_run_is_the_shortest_any_run_gives(rows, total):
    assert _summed_suffix(rows, total) == _every_run(rows, total)


@settings(max_examples=400, deadline=None)
@given(st.lists(row, max_size=7), row)
def test_the_difference_is_the_first_pair_in_row_order(rows, total):
    values = dict(enumerate(rows))
    before = list(values)
    assert _difference(values, before, total) == _every_pair(values, before, total)


def test_a_subtotal_and_a_difference_as_printed():
    rows = [[Decimal(100), Decimal(90)], [Decimal(-30), Decimal(-20)], [Decimal(5), None]]
    assert _summed_suffix(rows[:2], [Decimal(70), Decimal(70)]) == 2
    assert _summed_suffix(rows[:2], [Decimal(70), Decimal(71)]) == 0
    values = dict(enumerate(rows))
    assert _difference(values, [0, 1, 2], [Decimal(130), Decimal(110)]) == [(0, 1), (1, -1)]
