"""A highlights table printing each year's amount beside its share of the year's total (and
the change on the year) is read only when its figures prove that reading: the example's
highlights (lines 23-44) and small tables written for the rule (invented figures)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tagger.pipeline import tag

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / ("sensetime-2023-annual-results.zh-Hant.txt")
)

HIGHLIGHTS = """財務概要

截至12月31日止年度

同比變動

2023年 2022年

金額
佔總收入
百分比 金額

佔總收入
百分比

（人民幣千元，除非為百分比）

收入 2,000,000 100.0 1,600,000 100.0 25.0%
毛利 800,000 40.0 560,000 35.0 42.9%
年度溢利 300,000 15.0 200,000 12.5 50.0%
EBITDA 450,000 22.5 320,000 20.0 40.6%

綜合收益表
截至2023年12月31日止年度

2023年 2022年
人民幣千元 人民幣千元
收入 2,000,000 1,600,000
銷售成本 (1,200,000) (1,040,000)
毛利 800,000 560,000
行政開支 (450,000) (320,000)
除所得稅前溢利 350,000 240,000
所得稅開支 (50,000) (40,000)
年度溢利 300,000 200,000
"""


def _ebitda(result):
    return sorted(
        (f.period.end.year, f.value, f.cell.line)
        for f in result.facts
        if f.concept.name == "EBITDA"
    )


def test_the_examples_highlights_tag_the_ebitda_row_and_leave_the_percentages(tmp_path):
    result = tag(EXAMPLE)
    highlights = [(y, v) for y, v, line in _ebitda(result) if line == 44]
    assert highlights == [(2022, Decimal("-5570235000")), (2023, Decimal("-5449554000"))]
    # each row's share of revenue in each year and its change: printed, reported, not tagged
    percentages = {f.printed for f in result.findings if f.code == "percentage-column"}
    assert {"(160.0)", "(146.3)", "–2.2%", "100.0", "44.1", "66.8", "(190.7)"} <= percentages
    assert {"–10.6%", "–41.0%", "6.6%"} <= percentages
    # the other rows restate the income statement's lines (lines 38-42), as printed there
    restated = {(f.concept.name, f.cell.text) for f in result.facts if f.cell.line in (38, 40, 42)}
    assert restated == {
        ("Revenue", "3,405,842"),
        ("Revenue", "3,808,510"),
        ("GrossProfit", "1,500,787"),
        ("GrossProfit", "2,542,267"),
        ("ProfitLoss", "(6,494,670)"),
        ("ProfitLoss", "(6,092,990)"),
    }


def _tag_text(tmp_path, text: str):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path)


def test_shares_that_hold_give_each_year_its_amounts(tmp_path):
    result = _tag_text(tmp_path, HIGHLIGHTS)
    assert [(y, v) for y, v, _ in _ebitda(result)] == [
        (2022, Decimal("320000000")),
        (2023, Decimal("450000000")),
    ]


def test_a_share_that_does_not_hold_leaves_the_table_unread(tmp_path):
    broken = HIGHLIGHTS.replace("毛利 800,000 40.0", "毛利 800,000 41.0")
    result = _tag_text(tmp_path, broken)
    assert _ebitda(result) == []
    assert not any(f.code == "percentage-column" for f in result.findings)


def test_a_change_that_does_not_hold_leaves_the_table_unread(tmp_path):
    broken = HIGHLIGHTS.replace(
        "年度溢利 300,000 15.0 200,000 12.5 50.0%", "年度溢利 300,000 15.0 200,000 12.5 55.0%"
    )
    result = _tag_text(tmp_path, broken)
    assert _ebitda(result) == []
