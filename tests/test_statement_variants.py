"""Statement layouts other than SenseTime's, on small hand-made fixtures: a combined
損益及其他全面收益表 for six months in 港幣千元 (tests/fixtures), values read by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tagger.options import TagOptions
from tagger.pipeline import tag
from tagger.report import write_report

FIXTURE = Path(__file__).parent / "fixtures" / "combined-interim-hkd.zh-Hant.txt"
H1_2023 = (date(2023, 1, 1), date(2023, 6, 30))
H1_2022 = (date(2022, 1, 1), date(2022, 6, 30))


@pytest.fixture(scope="module")
def combined():
    return tag(FIXTURE)


@pytest.mark.parametrize(
    ("name", "period", "value"),
    [
        ("Revenue", H1_2023, "1000000"),
        ("CostOfSales", H1_2022, "500000"),
        ("ProfitLoss", H1_2023, "400000"),
        ("OtherComprehensiveIncomeNetOfTaxExchangeDifferencesOnTranslation", H1_2023, "-50000"),
        ("ComprehensiveIncome", H1_2022, "420000"),
        ("ProfitLossAttributableToOwnersOfParent", H1_2023, "390000"),
        ("ComprehensiveIncomeAttributableToOwnersOfParent", H1_2023, "340000"),
        ("ComprehensiveIncomeAttributableToNoncontrollingInterests", H1_2022, "20000"),
    ],
)
def test_combined_statement_facts(combined, name, period, value):
    values = {
        f.value
        for f in combined.facts
        if f.concept.name == name and (f.period.start, f.period.end) == period
    }
    assert values == {Decimal(value)}


def test_six_months_in_hkd(combined):
    revenue = next(f for f in combined.facts if f.concept.name == "Revenue")
    assert (revenue.unit, revenue.decimals) == ("HKD", -3)
    assert revenue.period.start == date(2023, 1, 1) and revenue.period.end == date(2023, 6, 30)


def test_unlabelled_totals_take_the_concept_their_heading_names(combined):
    unlabelled = {f.concept.name for f in combined.facts if not f.label}
    assert unlabelled == {"ProfitLoss", "ComprehensiveIncome"}


def test_combined_statement_validates(combined, tmp_path):
    from tagger.validation import validate_report

    result = tag(FIXTURE, TagOptions(stem="combined", entity_id="9999"))
    written = write_report(result, tmp_path)
    summary = validate_report(written.package)
    assert [m.line() for m in summary.run.problems] == []


INTERIM = Path(__file__).parent / "fixtures" / "interim-hkd-dates.zh-Hant.txt"


@pytest.fixture(scope="module")
def interim():
    return tag(INTERIM)


@pytest.mark.parametrize(
    ("name", "start", "end", "value"),
    [
        # 二零二三年 column headings, full-width digits (１２，５００), 千港元
        ("Revenue", date(2023, 1, 1), date(2023, 6, 30), "12500000"),
        ("Revenue", date(2022, 1, 1), date(2022, 6, 30), "11000000"),
        ("IncomeTaxExpenseContinuingOperations", date(2023, 1, 1), date(2023, 6, 30), "350000"),
        # EPS printed in 港仙 under a 每股盈利 heading: HKD per share, hundredths
        ("BasicEarningsLossPerShare", date(2023, 1, 1), date(2023, 6, 30), "0.1450"),
        ("DilutedEarningsLossPerShare", date(2022, 1, 1), date(2022, 6, 30), "0.0950"),
        # an interim balance sheet against the last year end: one date per column
        ("PropertyPlantAndEquipment", None, date(2023, 6, 30), "8000000"),
        ("PropertyPlantAndEquipment", None, date(2022, 12, 31), "8200000"),
        (
            "CurrentBorrowingsAndCurrentPortionOfNoncurrentBorrowings",
            None,
            date(2023, 6, 30),
            "1000000",
        ),
        ("LongtermBorrowings", None, date(2022, 12, 31), "2500000"),
        ("CurrentAssetsLiabilities", None, date(2023, 6, 30), "6200000"),
        ("Equity", None, date(2023, 6, 30), "13200000"),
    ],
)
def test_interim_report_facts(interim, name, start, end, value):
    values = {
        f.value
        for f in interim.facts
        if f.concept.name == name and f.period.start == start and f.period.end == end
    }
    assert values == {Decimal(value)}


def test_interim_eps_decimals_and_note_heading(interim):
    eps = next(f for f in interim.facts if f.concept.name == "BasicEarningsLossPerShare")
    assert (eps.unit, eps.scale, eps.decimals) == ("HKD_per_share", -2, 4)
    table = interim.document.tables()[0]
    heading = next(r for r in table.rows if r.label == "每股盈利")
    assert heading.is_heading and heading.note == "9"
    assert interim.findings == []


def test_interim_report_validates(interim, tmp_path):
    from tagger.validation import validate_report

    written = write_report(interim, tmp_path)
    summary = validate_report(written.package)
    assert [m.line() for m in summary.run.problems] == []


SIMPLIFIED = Path(__file__).parent / "fixtures" / "annual-rmb-million.zh-Hans.txt"


@pytest.fixture(scope="module")
def simplified():
    return tag(SIMPLIFIED)


@pytest.mark.parametrize(
    ("name", "end", "value"),
    [
        # 人民币百万元 with one decimal place; mainland wording (利润, 费用, 所有者, 筹资)
        ("Revenue", date(2023, 12, 31), "8500500000"),
        ("SellingExpense", date(2023, 12, 31), "400000000"),
        ("ProfitLossBeforeTax", date(2022, 12, 31), "1180000000"),
        ("ProfitLossAttributableToOwnersOfParent", date(2023, 12, 31), "1000000000"),
        ("CashFlowsFromUsedInOperations", date(2023, 12, 31), "2000000000"),
        ("CashFlowsFromUsedInOperatingActivities", date(2023, 12, 31), "1700000000"),
        ("CashFlowsFromUsedInFinancingActivities", date(2022, 12, 31), "-50000000"),
        ("DividendsPaidClassifiedAsFinancingActivities", date(2023, 12, 31), "300000000"),
        ("EffectOfExchangeRateChangesOnCashAndCashEquivalents", date(2023, 12, 31), "-20000000"),
    ],
)
def test_simplified_annual_report_facts(simplified, name, end, value):
    values = {
        f.value
        for f in simplified.facts
        if f.concept.name == name and f.period.end == end and f.period.start is not None
    }
    assert values == {Decimal(value)}


def test_simplified_cash_balances_and_decimals(simplified):
    cash = {
        f.period.end: f.value
        for f in simplified.facts
        if f.concept.name == "CashAndCashEquivalents"
    }
    # 年初 of 2023 is the 2022 year end; 年末 of 2022 is the same instant, same value
    assert cash == {
        date(2021, 12, 31): Decimal("1010000000"),
        date(2022, 12, 31): Decimal("1500000000"),
        date(2023, 12, 31): Decimal("1800000000"),
    }
    revenue = next(f for f in simplified.facts if f.concept.name == "Revenue")
    assert (revenue.scale, revenue.decimals) == (6, -5)
    assert simplified.document.script == "zh-Hans"
    assert simplified.findings == []


def test_fuzzy_matching_never_swaps_investing_for_financing(simplified):
    financing = [f for f in simplified.facts if f.label == "筹资活动所用现金净额"]
    assert {f.concept.name for f in financing} == {"CashFlowsFromUsedInFinancingActivities"}


def test_statement_continued_on_the_next_page_in_usd():
    result = tag(Path(__file__).parent / "fixtures" / "continued-usd.zh-Hant.txt")
    tables = [t for t in result.document.tables() if t.statement]
    assert len(tables) == 1  # 綜合財務狀況表（續） continues the same table
    by_name = {(f.concept.name, f.period.end.year): f for f in result.facts}
    assert by_name[("Assets", 2023)].value == Decimal("150000")
    assert by_name[("EquityAndLiabilities", 2022)].value == Decimal("130000")
    assert by_name[("IssuedCapital", 2023)].unit == "USD"
    assert result.findings == []
