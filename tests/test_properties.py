"""Property-based tests (hypothesis) of the parsers every figure goes through: amounts,
units and scales, dates and periods. Random printed forms never raise; a parsed amount
printed back gives the same text; a date that does not exist is reported as none."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tagger.lines import (
    parse_cell,
    period_end_of,
    safe_date,
    split_amounts,
    unit_of,
    years_of,
)
from tagger.periods import column_period

PRINTABLE = st.text(
    alphabet=st.sampled_from(list("0123456789,.()（）-–—－*%年月日度止截至於千百萬元人民幣港美 ")),
    max_size=24,
)


@settings(max_examples=400, deadline=None)
@given(PRINTABLE)
def test_random_printed_text_never_raises(text):
    for token in text.split() or [text]:
        parse_cell(token, 1)
    split_amounts(text, 1)
    unit_of(text, "CNY")
    years_of(text)
    period_end_of(text)


@st.composite
def printed_amounts(draw):
    whole = draw(st.integers(min_value=0, max_value=10**13))
    places = draw(st.sampled_from([0, 1, 2]))
    fraction = draw(st.integers(min_value=0, max_value=10**places - 1)) if places else 0
    negative = draw(st.booleans()) and (whole or fraction)
    text = f"{whole:,}" + (f".{fraction:0{places}d}" if places else "")
    return f"({text})" if negative else text, negative, places


@settings(max_examples=400, deadline=None)
@given(printed_amounts())
def test_a_parsed_amount_printed_back_is_the_same_text(printed):
    text, negative, places = printed
    cell = parse_cell(text, 1)
    assert cell is not None and cell.places == places
    assert (cell.value < 0) == bool(negative)
    back = f"{abs(cell.value):,.{places}f}"
    assert (f"({back})" if cell.value < 0 else back) == text


@settings(max_examples=400, deadline=None)
@given(st.integers(1900, 2100), st.integers(-2, 14), st.integers(-2, 33))
def test_dates_that_do_not_exist_are_none(year, month, day):
    try:
        real = date(year, month, day)
    except ValueError:
        real = None
    assert safe_date(year, month, day) == real


@settings(max_examples=200, deadline=None)
@given(st.integers(1990, 2060), st.integers(1, 12), st.sampled_from([3, 6, 9, 12]))
def test_a_period_ending_on_a_month_end_spans_its_months(year, month, months):
    import calendar

    day = calendar.monthrange(year, month)[1]
    period = column_period(year, month, day, months)
    assert period.end == date(year, month, day)
    start = period.start
    assert start.day == 1
    assert (period.end.year - start.year) * 12 + period.end.month - start.month + 1 == months


UNITS = {
    "人民幣千元": ("CNY", 3),
    "千港元": ("HKD", 3),
    "人民幣百萬元": ("CNY", 6),
    "美元": ("USD", 0),
}


@settings(max_examples=200, deadline=None)
@given(st.integers(1990, 2060), st.sampled_from(sorted(UNITS)))
def test_units_read_currency_and_scale(year, printed):
    unit = unit_of(f"{year}年 {printed}")
    assert unit is not None and (unit.currency, unit.scale) == UNITS[printed]
