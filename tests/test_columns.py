"""Stage 4, columns: periods, units and equity components from the header."""

from __future__ import annotations

from datetime import date

from tagger.columns import parse_header
from tagger.periods import column_period, months_before
from tagger.vocabulary import default_vocabulary
from tests.stage_inputs import BALANCE, INCOME, with_columns


def test_year_columns_of_an_income_statement():
    table = with_columns(INCOME).tables()[0]
    periods = [(c.period.start, c.period.end) for c in table.columns]
    assert periods == [
        (date(2023, 1, 1), date(2023, 12, 31)),
        (date(2022, 1, 1), date(2022, 12, 31)),
    ]
    assert (table.unit.currency, table.unit.scale) == ("CNY", 3)


def test_balance_sheet_columns_are_instants():
    table = with_columns(BALANCE).tables()[0]
    assert [(c.period.start, c.period.end) for c in table.columns] == [
        (None, date(2023, 12, 31)),
        (None, date(2022, 12, 31)),
    ]


def test_interim_half_years_and_chinese_numeral_dates():
    header = ["截至二零二四年六月三十日止六個月", "二零二四年 二零二三年", "港幣千元 港幣千元"]
    layout = parse_header(header, "income", default_vocabulary())
    assert [(c.period.start, c.period.end) for c in layout.columns] == [
        (date(2024, 1, 1), date(2024, 6, 30)),
        (date(2023, 1, 1), date(2023, 6, 30)),
    ]
    assert layout.unit.currency == "HKD"


def test_equity_components_become_members():
    header = ["股本 保留盈利 權益總額", "人民幣千元 人民幣千元 人民幣千元"]
    layout = parse_header(header, "changes_in_equity", default_vocabulary())
    assert [c.member for c in layout.columns] == [
        "IssuedCapitalMember",
        "RetainedEarningsMember",
        "EquityMember",
    ]
    assert layout.problem is None


def test_equity_components_that_cannot_be_told_apart_are_a_problem():
    header = ["股本 保留盈利", "人民幣千元 人民幣千元 人民幣千元"]
    layout = parse_header(header, "changes_in_equity", default_vocabulary())
    assert layout.problem and "2 equity components" in layout.problem


def test_period_arithmetic():
    assert months_before(date(2023, 6, 30), 6) == date(2023, 1, 1)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 3, 1)
    assert column_period(2023, 3, 31, 12).start == date(2022, 4, 1)


def test_units_in_other_currencies_and_scales():
    for printed, expected in (
        ("千港元 千港元", ("HKD", 3)),
        ("HK$'000 HK$'000", ("HKD", 3)),
        ("人民币百万元 人民币百万元", ("CNY", 6)),
        ("新加坡元千元 新加坡元千元", ("SGD", 3)),
        ("歐元千元 歐元千元", ("EUR", 3)),
    ):
        layout = parse_header(["2023年 2022年", printed], "income", default_vocabulary())
        assert (layout.unit.currency, layout.unit.scale) == expected, printed


def test_a_date_printed_in_two_languages_is_not_two_columns():
    """At 30 September 2021 於2021年9月30日 over 2021 2020: the years date the columns; a
    header whose columns would share one period is a problem, never a guess."""
    header = ["At 30 September 2021 於2021年9月30日", "2021 2020", "Notes HK$'000 HK$'000"]
    layout = parse_header(header, "financial_position", default_vocabulary())
    assert [c.period.end for c in layout.columns] == [date(2021, 9, 30), date(2020, 9, 30)]
    assert layout.problem is None
    same = parse_header(
        ["於2021年9月30日", "2021年 2021年", "千港元 千港元"], "income", default_vocabulary()
    )
    assert same.problem == "two columns of the header read as the same period"
