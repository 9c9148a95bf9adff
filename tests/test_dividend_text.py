"""The final dividend a results announcement proposes in running text, per share: sentences
written for the rule in the ways Hong Kong and mainland issuers print them (the example
proposes none: 本公司並無宣派或支付股息)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tagger.pipeline import tag
from tagger.report import write_report
from tagger.validation import validate_report
from tests.stage_inputs import INCOME

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
PROPOSED = "DividendsProposedOrDeclaredBeforeFinancialStatementsAuthorisedForIssueButNotRecognisedAsDistributionToOwnersPerShare"  # noqa: E501


def _dividends(result):
    return sorted(
        (f.period.key(), f.value, f.unit, f.decimals, f.scale, f.cell.text, f.cell.line)
        for f in result.facts
        if f.concept.name == PROPOSED
    )


def _tag(tmp_path, text: str):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path)


def test_a_proposed_final_dividend_in_hong_kong_cents_with_its_comparative(tmp_path):
    text = (
        "末期股息\n\n"
        "董事會建議派付截至2023年12月31日止年度的末期股息每股普通股10港仙（2022年：8港仙）。\n\n"
        "董事會不建議派付特別股息，亦不建議派付末期股息每股5港仙。\n\n"  # not proposed
        "本公司已派付中期股息每股3港仙。\n\n" + INCOME  # an interim dividend, already paid
    )
    result = _tag(tmp_path, text)
    assert _dividends(result) == [
        ("d20220101-20221231", Decimal("0.08"), "HKD_per_share", 2, -2, "8", 3),
        ("d20230101-20231231", Decimal("0.10"), "HKD_per_share", 2, -2, "10", 3),
    ]
    written = write_report(result, tmp_path / "out")
    assert validate_report(written.package).clean


def test_simplified_with_no_year_named_is_the_reports_year(tmp_path):
    from taxonomy.loader import simplified

    text = "股息\n\n董事会建议派发末期股息每股人民币0.25元。\n\n" + simplified(INCOME)
    assert _dividends(_tag(tmp_path, text)) == [
        ("d20230101-20231231", Decimal("0.25"), "CNY_per_share", 2, 0, "0.25", 3)
    ]


def test_a_year_the_statements_do_not_print_is_not_read(tmp_path):
    text = "董事會建議派付截至2021年12月31日止年度的末期股息每股0.05港元。\n\n" + INCOME
    assert _dividends(_tag(tmp_path, text)) == []


def test_the_example_proposes_no_dividend():
    assert _dividends(tag(EXAMPLE)) == []
