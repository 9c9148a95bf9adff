"""A note section's one row that prints the whole of the section's balance (tagger.section_rows):
the example's non-current deferred service fee income read by hand, and invented excerpts
(HKD, Simplified 合同负债), one whose row prints another figure and stays untagged."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tagger.pipeline import tag

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
NONCURRENT = "ifrs-full:NoncurrentContractLiabilities"


def _section_rows(result) -> dict[tuple, tuple]:
    return {
        (f.cell.text, f.period.key()): (f.concept.qname, f.value, f.dims, f.unit)
        for f in result.facts
        if f.method == "section-row"
    }


def test_example_noncurrent_deferred_service_fee_income_is_the_noncurrent_balance():
    # Note (e) 合約負債: "非流動 / 遞延服務費收入 24,650 74,553", the balance sheet's
    # non-current 合約負債 24,650 / 74,553
    result = tag(EXAMPLE)
    assert _section_rows(result) == {
        ("24,650", "i20231231"): (NONCURRENT, Decimal("24650000"), (), "CNY"),
        ("74,553", "i20221231"): (NONCURRENT, Decimal("74553000"), (), "CNY"),
    }
    assert not {"24,650", "74,553"} & {f.printed for f in result.findings}


STATEMENT = """綜合財務狀況表
於2023年12月31日

2023年 2022年
附註 {unit} {unit}

非流動資產
物業、廠房及設備 52,400 48,100

流動資產
現金及現金等價物 31,600 27,900

非流動負債
{liabilities} 7 {noncurrent}

流動負債
{liabilities} 7 8,300 6,900

財務報表附註

1 一般資料

本公司於香港註冊成立，主要從事教育服務。除另有說明者外，財務資料以{unit}呈列。

7 {liabilities}

於12月31日
2023年 2022年
{unit} {unit}

{current}
{fees} 5,100 4,200
{advances} 3,200 2,700

8,300 6,900

{noncurrent_word}
{fees} {row}
"""
WORDS = {
    "zh-Hant": ("合約負債", "流動", "非流動", "預收學費", "客戶墊款"),
    "zh-Hans": ("合同负债", "流动", "非流动", "预收学费", "客户垫款"),
}


def _excerpt(tmp_path, script, noncurrent, row, unit):
    liabilities, current, noncurrent_word, fees, advances = WORDS[script]
    text = STATEMENT.format(
        unit=unit,
        liabilities=liabilities,
        noncurrent=noncurrent,
        current=current,
        noncurrent_word=noncurrent_word,
        fees=fees,
        advances=advances,
        row=row,
    )
    path = tmp_path / f"{script}.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path)


@pytest.mark.parametrize(
    ("script", "unit", "currency"), [("zh-Hant", "千港元", "HKD"), ("zh-Hans", "人民币千元", "CNY")]
)
def test_invented_noncurrent_section_of_one_row(tmp_path, script, unit, currency):
    result = _excerpt(tmp_path, script, "1,900 2,300", "1,900 2,300", unit)
    assert _section_rows(result) == {
        ("1,900", "i20231231"): (NONCURRENT, Decimal("1900000"), (), currency),
        ("2,300", "i20221231"): (NONCURRENT, Decimal("2300000"), (), currency),
    }


def test_a_section_row_printing_another_figure_stays_untagged(tmp_path):
    # the row prints 1,700 / 2,300: not the non-current balance 1,900 / 2,300
    result = _excerpt(tmp_path, "zh-Hant", "1,900 2,300", "1,700 2,300", "千港元")
    assert _section_rows(result) == {}
    assert "1,700" not in {f.cell.text for f in result.facts}
