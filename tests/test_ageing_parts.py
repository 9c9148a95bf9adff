"""An ageing total the note prints only as its parts (tagger.ageing_parts): the example's
trade payables and bills payable read by hand, and invented excerpts (HKD under one heading,
Simplified 账龄 of 应付账款, parts that do not add up and stay reported)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tagger.pipeline import tag

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
AXIS = "ext:AgeingBandsAxis"
TRADE = "ifrs-full:TradeAndOtherCurrentPayablesToTradeSuppliers"


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


def _ageing(result, total: str) -> dict[tuple, tuple]:
    """(label, year) -> (concept, value, unit) of the facts on the ageing axis and of the
    total printed as ``total``."""
    return {
        (f.label, f.period.end.year): (f.concept.qname, f.value, f.unit)
        for f in result.facts
        if AXIS in dict(f.dims) or (f.method == "ageing" and f.cell.text == total)
    }


def test_example_payables_ageing_is_the_trade_payables_and_bills_payable(example):
    # Note 12(a): "貿易應付款項 / －第三方 840,767 842,792 / －關聯方 790 4,378" and
    # "應付票據 – 1,691"; (ii) "貿易應付款項及應付票據基於購買日期的賬齡分析如下："
    # "最多6個月 599,714 718,327 … 超過2年 46,691 34,397", total "841,557 848,861"
    # (2022: 842,792 + 4,378 + 1,691 = 848,861, so the bills are in it)
    facts = [f for f in example.facts if f.cell.text in ("841,557", "848,861")]
    assert {(f.period.end.year, f.value, f.dims) for f in facts} == {
        (2023, Decimal("841557000"), ()),
        (2022, Decimal("848861000"), ()),
    }
    concept = facts[0].concept
    assert concept.extension and concept.label == "貿易應付款項及應付票據"
    assert concept.anchor == "ifrs-full:TradeAndOtherCurrentPayables"
    assert concept.balance == "credit" and concept.period_type == "instant"
    bands = {
        (dict(f.dims)[AXIS].split(":")[1], f.period.end.year): f.value
        for f in example.facts
        if f.concept == concept and f.dims
    }
    assert bands == {
        ("ZhangLingZuiDuo6GeYueMember", 2023): Decimal("599714000"),
        ("ZhangLingZuiDuo6GeYueMember", 2022): Decimal("718327000"),
        ("ZhangLing6GeYueZhi1NianMember", 2023): Decimal("115885000"),
        ("ZhangLing6GeYueZhi1NianMember", 2022): Decimal("76660000"),
        ("ZhangLing1Zhi2NianMember", 2023): Decimal("79267000"),
        ("ZhangLing1Zhi2NianMember", 2022): Decimal("19477000"),
        ("ZhangLingChaoGuo2NianMember", 2023): Decimal("46691000"),
        ("ZhangLingChaoGuo2NianMember", 2022): Decimal("34397000"),
    }
    unproved = {f.printed for f in example.findings if f.code == "ageing-total-unproved"}
    assert not unproved & {"599,714", "46,691", "841,557", "848,861"}


NOTE = """綜合財務狀況表
於2023年12月31日

2023年 2022年
附註 {unit} {unit}

流動負債
{whole} 11 54,380 49,610

財務報表附註

1 一般資料

本公司於香港註冊成立，主要從事零售業務。除另有說明者外，財務資料以{unit}呈列。

11 {whole}

於12月31日
2023年 2022年
{unit} {unit}

{heading}
－第三方 29,900 27,100
－關聯方 1,300 1,300
應計費用 9,850 8,960
應付員工薪金及福利 7,330 6,850
{other} 6,000 5,400

54,380 49,610

{lead_in}

於12月31日
2023年 2022年
{unit} {unit}

{rows}

{total}
"""

WORDS = {
    "zh-Hant": ("貿易及其他應付款項", "貿易應付款項", "其他應付款項"),
    "zh-Hans": ("贸易及其他应付款项", "应付账款", "其他应付款项"),
}


def _excerpt(tmp_path, script, lead_in, rows, total, unit="千港元"):
    whole, heading, other = WORDS[script]
    text = NOTE.format(
        unit=unit,
        whole=whole,
        heading=heading,
        other=other,
        lead_in=lead_in,
        rows=rows,
        total=total,
    )
    path = tmp_path / f"{script}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_hong_kong_trade_payables_under_one_heading(tmp_path):
    # 29,900 + 1,300 = 31,200 and 27,100 + 1,300 = 28,400: the trade payables
    rows = "0至30日 18,700 17,100\n31至60日 7,400 6,200\n61至90日 3,100 3,000\n超過90日 2,000 2,100"
    lead_in = "於報告期末，貿易應付款項按發票日期的賬齡分析如下："
    result = tag(_excerpt(tmp_path, "zh-Hant", lead_in, rows, "31,200 28,400"))
    assert _ageing(result, "31,200") | _ageing(result, "28,400") == {
        ("0至30日", 2023): (TRADE, Decimal("18700000"), "HKD"),
        ("0至30日", 2022): (TRADE, Decimal("17100000"), "HKD"),
        ("31至60日", 2023): (TRADE, Decimal("7400000"), "HKD"),
        ("31至60日", 2022): (TRADE, Decimal("6200000"), "HKD"),
        ("61至90日", 2023): (TRADE, Decimal("3100000"), "HKD"),
        ("61至90日", 2022): (TRADE, Decimal("3000000"), "HKD"),
        ("超過90日", 2023): (TRADE, Decimal("2000000"), "HKD"),
        ("超過90日", 2022): (TRADE, Decimal("2100000"), "HKD"),
        ("", 2023): (TRADE, Decimal("31200000"), "HKD"),
        ("", 2022): (TRADE, Decimal("28400000"), "HKD"),
    }


def test_simplified_ageing_of_accounts_payable_by_parties(tmp_path):
    rows = "一年以内 25,000 20,000\n一至二年 4,200 6,400\n二年以上 2,000 2,000"
    lead_in = "应付账款基于发票日期的账龄分析如下："
    path = _excerpt(tmp_path, "zh-Hans", lead_in, rows, "31,200 28,400", unit="人民币千元")
    result = tag(path)
    ageing = _ageing(result, "31,200") | _ageing(result, "28,400")
    assert ageing[("一年以内", 2023)] == (TRADE, Decimal("25000000"), "CNY")
    assert ageing[("二年以上", 2022)] == (TRADE, Decimal("2000000"), "CNY")
    assert ageing[("", 2022)] == (TRADE, Decimal("28400000"), "CNY")
    assert len(ageing) == 8


def test_parts_that_do_not_add_up_to_the_ageing_total_are_reported(tmp_path):
    # 31,300 / 28,400: the 2023 total is no sum of the parts under 貿易應付款項 (31,200)
    rows = "0至30日 18,800 17,100\n31至60日 7,400 6,200\n61至90日 3,100 3,000\n超過90日 2,000 2,100"
    lead_in = "貿易應付款項按發票日期的賬齡分析如下："
    result = tag(_excerpt(tmp_path, "zh-Hant", lead_in, rows, "31,300 28,400"))
    assert _ageing(result, "31,300") == {}
    reported = {f.printed for f in result.findings if f.code == "ageing-total-unproved"}
    assert {"18,800", "31,300", "28,400"} <= reported


def test_parts_the_sentence_does_not_name_prove_nothing(tmp_path):
    # adds up to the trade payables, but the sentence names the other payables
    rows = "0至30日 18,700 17,100\n31至60日 7,400 6,200\n61至90日 3,100 3,000\n超過90日 2,000 2,100"
    lead_in = "其他應付款項按發票日期的賬齡分析如下："
    result = tag(_excerpt(tmp_path, "zh-Hant", lead_in, rows, "31,200 28,400"))
    assert _ageing(result, "31,200") == {}
    assert "31,200" in {f.printed for f in result.findings if f.code == "ageing-total-unproved"}
