"""Ageing analyses (tagger.ageing, tagger.age_bands, ageing.toml): band wordings read into
bounds, band sets that cover the ages or do not, the example's trade receivables read by
hand (the note's in 千元 and the discussion's copy in 百萬元), and invented excerpts in other
issuers' styles (payables in HKD, Simplified 账龄, figures that do not add up, bands with a
gap or an overlap, a total nothing proves), the last ones left untagged and reported."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tagger.age_bands import covers_ages, read_band
from tagger.pipeline import tag
from tagger.report import write_report
from tagger.validation import validate_report
from tests.test_esef import EU_ONLY, MISSING_MARKUPS, NO_LEI

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
AXIS = "ext:AgeingBandsAxis"
CARRYING = (
    "ifrs-full:CarryingAmountAccumulatedDepreciationAmortisationAndImpairmentAndGrossCarrying"
    "AmountAxis"
)
GROSS = (CARRYING, "ifrs-full:GrossCarryingAmountMember")
M, D = "month", "day"

# wording -> (lower bound, upper bound), each (amount, unit, inclusive) or None (from no age /
# no limit); a range's lower bound is shared with the band before it (inclusive None)
BANDS = {
    "最多6個月": (None, (6, M, True)),
    "6個月或以下": (None, (6, M, True)),
    "六個月內": (None, (6, M, True)),
    "一年以內": (None, (12, M, True)),
    "一年以內（含一年）": (None, (12, M, True)),
    "少於3個月": (None, (3, M, False)),
    "0至180日": (None, (180, D, True)),
    "181至365日": ((181, D, None), (365, D, True)),
    "6個月至1年": ((6, M, None), (12, M, True)),
    "1至2年": ((12, M, None), (24, M, True)),
    "一至兩年": ((12, M, None), (24, M, True)),
    "超過3年": ((36, M, False), None),
    "3年以上": ((36, M, False), None),
    "1年或以上": ((12, M, True), None),
    "－1年以上": ((12, M, False), None),
    # Simplified
    "6个月以内": (None, (6, M, True)),
    "1年以内": (None, (12, M, True)),
    "6个月至1年": ((6, M, None), (12, M, True)),
    "超过2年": ((24, M, False), None),
    "91至180天": ((91, D, None), (180, D, True)),
}


def _bounds(band):
    def bound(b):
        return None if b is None else (b.amount, b.unit, b.inclusive)

    return (bound(band.lower), bound(band.upper))


@pytest.mark.parametrize(("wording", "expected"), BANDS.items())
def test_band_wordings_read_into_bounds(wording, expected):
    assert _bounds(read_band(wording)) == expected


@pytest.mark.parametrize("wording", ["6個月", "應收票據", "2023年", "超過3年以上", "1至1年", ""])
def test_wordings_that_are_no_band(wording):
    assert read_band(wording) is None


@pytest.mark.parametrize(
    ("wordings", "covers"),
    [
        (["最多6個月", "6個月至1年", "1至2年", "2至3年", "超過3年"], True),
        (["0至180日", "181至365日", "超過1年"], True),  # whole days follow on
        (["90天內", "91至180天", "181日至1年", "1至2年", "超過2年"], True),  # days, then years
        (["超過1年", "一年以內"], True),  # printed oldest first
        (["最多6個月", "6個月至1年", "1至2年"], True),  # nothing older printed
        (["最多6個月", "1至2年", "超過2年"], False),  # a gap: 6 months to 1 year
        (["最多1年", "6個月至2年", "超過2年"], False),  # an overlap
        (["最多6個月", "6個月或以下", "超過6個月"], False),  # two bands from no age
        (["6個月至1年", "超過1年"], False),  # nothing from no age
        (["0至180日", "6個月至1年"], False),  # 180 days and 6 months: not compared
        (["1年或以下", "1年或以上"], False),  # one year old in both
    ],
)
def test_band_sets_cover_the_ages_or_not(wordings, covers):
    assert covers_ages([read_band(w) for w in wordings]) is covers


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


def _ageing(result) -> dict[tuple, Decimal]:
    """(printed line, year, band's label, decimals) -> value of the facts on the ageing axis."""
    out = {}
    for fact in result.facts:
        member = dict(fact.dims).get(AXIS)
        if member is not None and fact.method == "ageing":  # not a provision matrix's
            key = (fact.cell.line, fact.period.end.year, fact.label, fact.decimals)
            out[key] = (fact.concept.qname, fact.period.key(), fact.dims[:-1], fact.value)
    return out


# Note 11(ii), 於12月31日, 人民幣千元: "最多6個月 1,039,742 1,995,560", "6個月至1年 242,863
# 746,068", "1至2年 1,891,876 3,244,937", "2至3年 3,195,901 1,179,960", "超過3年 1,541,637
# 629,753", adding up to the gross trade receivables "7,912,019 7,796,278".
NOTE_BANDS = {
    "最多6個月": ("1039742000", "1995560000"),
    "6個月至1年": ("242863000", "746068000"),
    "1至2年": ("1891876000", "3244937000"),
    "2至3年": ("3195901000", "1179960000"),
    "超過3年": ("1541637000", "629753000"),
}
# The discussion's copy, 人民幣百萬元: "最多6個月 1,039.7 1,995.6" … "超過3年 1,541.6 629.7".
MDA_BANDS = {
    "最多6個月": ("1039700000", "1995600000"),
    "6個月至1年": ("242900000", "746100000"),
    "1至2年": ("1891900000", "3244900000"),
    "2至3年": ("3195900000", "1180000000"),
    "超過3年": ("1541600000", None),  # 629.7 is not 629,753千元 rounded (629.8): reported
}


def test_example_trade_receivables_ageing_read_by_hand(example):
    found = _ageing(example)
    for decimals, bands in ((-3, NOTE_BANDS), (-5, MDA_BANDS)):
        got = {
            (label, year): v
            for (_, year, label, d), v in found.items()
            if d == decimals and v[0] == "ifrs-full:CurrentTradeReceivables"
        }
        expected = {}
        for label, values in bands.items():
            for year, value in zip((2023, 2022), values, strict=True):
                if value is not None:
                    expected[(label, year)] = (
                        "ifrs-full:CurrentTradeReceivables",
                        f"i{year}1231",
                        (GROSS,),
                        Decimal(value),
                    )
        assert got == expected
    assert len(found) == 19 + 8  # and the payables' (tests/test_ageing_parts.py)


def test_example_bands_are_one_member_each_in_both_tables(example):
    members = {}
    for fact in example.facts:
        member = dict(fact.dims).get(AXIS)
        if member and fact.method == "ageing":
            members.setdefault(fact.label, set()).add(member)
    assert all(len(m) == 1 for m in members.values())
    # the payables' bands are the receivables' up to two years, then 超過2年
    assert len({m for ms in members.values() for m in ms}) == 6
    made = {m.name: m for m in example.members if m.axis == AXIS}
    assert made["AgeingBandsAxis"].kind == "axis" and made["AgeingBandsMember"].kind == "domain"
    labels = {m.label for m in made.values() if m.kind == "member"}
    # the payables' band 超過2年, and the two bands only the provision matrices print
    # (tests.test_ecl_matrix)
    assert labels == set(NOTE_BANDS) | {"3至4年", "超過4年", "超過2年"}


def test_example_totals_of_the_ageing_tables_are_the_gross_amount(example):
    totals = {
        (f.cell.text, f.decimals): f.value
        for f in example.facts
        if f.method == "ageing" and AXIS not in dict(f.dims) and "Receivables" in f.concept.name
    }
    assert totals == {
        ("7,912,019", -3): Decimal("7912019000"),
        ("7,796,278", -3): Decimal("7796278000"),
        ("7,912.0", -5): Decimal("7912000000"),
        ("7,796.3", -5): Decimal("7796300000"),
    }


def test_example_ageing_tables_left_untagged_are_reported(example):
    codes = {}
    for f in example.findings:
        if f.code.startswith("ageing-"):
            codes.setdefault(f.code, set()).add(f.printed)
    # the copy's 2022 band over three years, 629.7, against the note's 629,753千元
    assert codes["ageing-duplicate-differs"] == {"629.7"}
    # the payables' ageing "最多6個月 599,714 718,327 … 841,557 848,861" adds up to the parts
    # the note prints (tests/test_ageing_parts.py): nothing of it is reported
    assert not {"599,714", "46,691", "841,557", "848,861"} & codes.get(
        "ageing-total-unproved", set()
    )
    # the notes receivable's ageing under 銀行應收票據 / 商業應收票據: parts, not bands; its
    # total, the notes receivable's gross amount (62,236 / 80,673), is that fact printed again
    assert {"13,236", "49,000"} <= codes["ageing-bands-unclear"]
    tagged = {(f.cell.line, f.cell.text) for f in example.facts}
    assert {"62,236", "80,673"} <= {
        f.cell.text for f in example.facts if "YingShouPiaoJu" in f.concept.name
    }
    assert not tagged & {(f.source.line, f.printed) for f in example.findings if f.code in codes}


BALANCES = """綜合財務狀況表
於2023年12月31日

2023年 2022年
附註 {unit} {unit}

流動資產
貿易及其他應收款項 10 88,450 79,320
現金及現金等價物 60,250 52,180

流動負債
貿易及其他應付款項 11 54,380 49,610

財務報表附註

1 一般資料

本公司於香港註冊成立，主要從事零售業務。除另有說明者外，財務資料以{unit}呈列。

10 貿易及其他應收款項

於12月31日
2023年 2022年
{unit} {unit}

貿易應收款項 72,600 65,800
減：虧損撥備 (6,350) (5,180)

66,250 60,620
按金 9,200 7,900
預付款項 13,000 10,800

88,450 79,320

{receivables}
11 貿易及其他應付款項

於12月31日
2023年 2022年
{unit} {unit}

貿易應付款項 31,200 28,400
應計費用 9,850 8,960
應付員工薪金及福利 7,330 6,850
其他應付款項 6,000 5,400

54,380 49,610

{payables}
"""

AGEING = """{lead_in}

於12月31日
2023年 2022年
{unit} {unit}

{rows}
"""

# Trade payables by invoice date in days, adding up to the payables 31,200 / 28,400.
HK_PAYABLES = """0至30日 18,700 17,100
31至60日 7,400 6,200
61至90日 3,100 3,000
超過90日 2,000 2,100

31,200 28,400"""
# Gross trade receivables (72,600 / 65,800) in Chinese numerals.
HK_RECEIVABLES = """一年以內 50,000 48,000
一至兩年 15,600 12,800
兩年以上 7,000 5,000

72,600 65,800"""


def _excerpt(tmp_path, name, receivables="", payables="", unit="千港元"):
    def ageing(lead_in, rows):
        return AGEING.format(lead_in=lead_in, unit=unit, rows=rows) if rows else ""

    text = BALANCES.format(
        unit=unit,
        receivables=ageing("貿易應收款項（扣除虧損撥備前）按發票日期的賬齡分析如下：", receivables),
        payables=ageing("貿易應付款項按發票日期的賬齡分析如下：", payables),
    )
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _bands(result) -> dict[tuple, tuple]:
    return {
        (f.label, f.period.end.year): (f.concept.name, f.dims[:-1], f.value, f.unit, f.decimals)
        for f in result.facts
        if AXIS in dict(f.dims)
    }


def test_hong_kong_payables_in_days_and_receivables_in_chinese_numerals(tmp_path):
    path = _excerpt(tmp_path, "hk", HK_RECEIVABLES, HK_PAYABLES)
    result = tag(path)
    payables = "TradeAndOtherCurrentPayablesToTradeSuppliers"
    assert _bands(result) == {
        ("0至30日", 2023): (payables, (), Decimal("18700000"), "HKD", -3),
        ("0至30日", 2022): (payables, (), Decimal("17100000"), "HKD", -3),
        ("31至60日", 2023): (payables, (), Decimal("7400000"), "HKD", -3),
        ("31至60日", 2022): (payables, (), Decimal("6200000"), "HKD", -3),
        ("61至90日", 2023): (payables, (), Decimal("3100000"), "HKD", -3),
        ("61至90日", 2022): (payables, (), Decimal("3000000"), "HKD", -3),
        ("超過90日", 2023): (payables, (), Decimal("2000000"), "HKD", -3),
        ("超過90日", 2022): (payables, (), Decimal("2100000"), "HKD", -3),
        ("一年以內", 2023): ("CurrentTradeReceivables", (GROSS,), Decimal("50000000"), "HKD", -3),
        ("一年以內", 2022): ("CurrentTradeReceivables", (GROSS,), Decimal("48000000"), "HKD", -3),
        ("一至兩年", 2023): ("CurrentTradeReceivables", (GROSS,), Decimal("15600000"), "HKD", -3),
        ("一至兩年", 2022): ("CurrentTradeReceivables", (GROSS,), Decimal("12800000"), "HKD", -3),
        ("兩年以上", 2023): ("CurrentTradeReceivables", (GROSS,), Decimal("7000000"), "HKD", -3),
        ("兩年以上", 2022): ("CurrentTradeReceivables", (GROSS,), Decimal("5000000"), "HKD", -3),
    }
    assert not [f for f in result.findings if f.code.startswith("ageing-")]
    package = write_report(result, tmp_path / "out").package
    assert validate_report(package).clean
    # ESEF: an extension axis with its default in the ESMA role, no anchoring asked of it;
    # only what a Hong Kong filing cannot meet is raised
    esef = validate_report(package, rules="esef")
    assert {m.code for m in esef.run.problems} == EU_ONLY | {NO_LEI, MISSING_MARKUPS}


HANS = """合并财务状况表
于2023年12月31日

2023年 2022年
附注 人民币千元 人民币千元

流动资产
贸易及其他应收款项 8 35,600 31,900
现金及现金等价物 20,400 18,800

财务报表附注

1 一般资料

本公司于开曼群岛注册成立，主要在中国内地从事软件开发业务。除另有说明者外，财务资料以人民币千元呈列。

8 贸易及其他应收款项

于12月31日
2023年 2022年
人民币千元 人民币千元

贸易应收款项总额 30,500 27,600
减值拨备 (2,900) (2,100)

27,600 25,500
其他应收款项 3,100 2,900
待抵扣进项增值税 4,900 3,500

35,600 31,900

本集团给予客户的信用期一般为90日，贸易应收款项基于收入确认日期的账龄分析如下：

于12月31日
2023年 2022年
人民币千元 人民币千元

6个月以内 {first}
6个月至1年 7,300 6,100
1年以上 5,000 4,600

30,500 27,600
"""


def test_simplified_ageing_of_gross_receivables(tmp_path):
    path = tmp_path / "hans.txt"
    path.write_text(HANS.format(first="18,200 16,900"), encoding="utf-8")
    result = tag(path)
    gross = ("CurrentTradeReceivables", (GROSS,))
    assert _bands(result) == {
        ("6个月以内", 2023): (*gross, Decimal("18200000"), "CNY", -3),
        ("6个月以内", 2022): (*gross, Decimal("16900000"), "CNY", -3),
        ("6个月至1年", 2023): (*gross, Decimal("7300000"), "CNY", -3),
        ("6个月至1年", 2022): (*gross, Decimal("6100000"), "CNY", -3),
        ("1年以上", 2023): (*gross, Decimal("5000000"), "CNY", -3),
        ("1年以上", 2022): (*gross, Decimal("4600000"), "CNY", -3),
    }
    # the axis and its domain labelled in the report's script, the bands as printed
    labels = {m.kind: m.label for m in result.members if m.axis == AXIS and m.kind != "member"}
    assert labels == {"axis": "账龄［轴］", "domain": "所有账龄"}
    bands = {m.label for m in result.members if m.axis == AXIS and m.kind == "member"}
    assert bands == {"6个月以内", "6个月至1年", "1年以上"}
    assert validate_report(write_report(result, tmp_path / "out").package).clean


def _restated_totals(result) -> set[str]:
    """Amounts of the ageing table's unlabelled total row tagged as the gross amount again."""
    return {
        f.cell.text
        for f in result.facts
        if f.concept.name == "CurrentTradeReceivables" and f.dims == (GROSS,) and not f.label
    }


def test_bands_that_do_not_add_up_to_the_total_are_reported(tmp_path):
    path = tmp_path / "hans.txt"
    path.write_text(HANS.format(first="18,300 16,900"), encoding="utf-8")  # 100 too many
    result = tag(path)
    assert _bands(result) == {}
    reported = {f.printed for f in result.findings if f.code == "ageing-sum-differs"}
    assert {"18,300", "7,300"} <= reported
    # its total is the gross amount printed again (tagger.restatements), whatever the bands
    assert _restated_totals(result) == {"30,500", "27,600"}


@pytest.mark.parametrize(
    "rows",
    [
        # a gap: nothing between 6 months and 1 year
        "最多6個月 50,000 48,000\n1至2年 15,600 12,800\n超過2年 7,000 5,000\n\n72,600 65,800",
        # an overlap: 6 months to 1 year in both of the first two bands
        "最多1年 50,000 48,000\n6個月至2年 15,600 12,800\n超過2年 7,000 5,000\n\n72,600 65,800",
    ],
    ids=["gap", "overlap"],
)
def test_bands_with_a_gap_or_an_overlap_are_reported(tmp_path, rows):
    result = tag(_excerpt(tmp_path, "gap", receivables=rows))
    assert _bands(result) == {}
    reported = {f.printed for f in result.findings if f.code == "ageing-bands-unclear"}
    assert {"50,000", "15,600", "7,000"} <= reported
    assert _restated_totals(result) == {"72,600", "65,800"}


def test_a_total_no_tagged_amount_proves_is_reported(tmp_path):
    # adds up, to 70,000 / 60,000: neither the gross (72,600 / 65,800) nor any other amount
    rows = "一年以內 50,000 48,000\n一至兩年 13,000 7,000\n兩年以上 7,000 5,000\n\n70,000 60,000"
    result = tag(_excerpt(tmp_path, "unproved", receivables=rows))
    assert _bands(result) == {}
    reported = {f.printed for f in result.findings if f.code == "ageing-total-unproved"}
    assert {"50,000", "13,000", "70,000", "60,000"} <= reported


def test_an_analysis_by_days_past_due_is_left_to_other_rules(tmp_path):
    # the bands add up to the gross amount, but count from the due date: not invoice age
    path = _excerpt(tmp_path, "past-due", receivables=HK_RECEIVABLES)
    text = path.read_text(encoding="utf-8").replace("按發票日期的賬齡", "按逾期日數的賬齡")
    path.write_text(text, encoding="utf-8")
    result = tag(path)
    assert _bands(result) == {}
    assert not [f for f in result.findings if f.code.startswith("ageing-")]
    untagged = {f.printed for f in result.findings if f.code == "untagged-note-table"}
    assert {"50,000", "15,600", "7,000", "48,000", "12,800", "5,000"} <= untagged


# The payables' ageing with each band's share of the year's total beside it.
WITH_SHARES = """0至30日 18,700 59.9 17,100 60.2
31至60日 7,400 23.7 6,200 21.8
61至90日 3,100 9.9 3,000 10.6
超過90日 2,000 6.5 2,100 7.4

31,200 100.0 28,400 100.0"""


def test_shares_beside_the_bands_are_left_aside(tmp_path):
    path = _excerpt(tmp_path, "shares", payables=WITH_SHARES)
    text = path.read_text(encoding="utf-8").replace(
        "2023年 2022年\n千港元 千港元\n\n0至30日",
        "2023年 2022年\n\n千港元 %\n\n千港元 %\n\n0至30日",
    )
    path.write_text(text, encoding="utf-8")
    result = tag(path)
    bands = _bands(result)
    assert len(bands) == 8
    assert bands[("超過90日", 2023)] == (
        "TradeAndOtherCurrentPayablesToTradeSuppliers",
        (),
        Decimal("2000000"),
        "HKD",
        -3,
    )
    shares = {f.printed for f in result.findings if f.code == "percentage-column"}
    assert {"59.9", "6.5", "100.0"} <= shares


# The balances printed on the statement's face only; the notes print nothing but their ageing,
# in whole months (3個月內, 4至6個月, 7至12個月) and years.
ON_THE_FACE = """綜合財務狀況表
於2023年12月31日

2023年 2022年
附註 千港元 千港元

流動資產
貿易應收款項 9 30,500 27,600
現金及現金等價物 20,400 18,800

流動負債
貿易應付款項 10 16,400 14,800

財務報表附註

1 一般資料

本公司於香港註冊成立，主要從事貿易業務。除另有說明者外，財務資料以千港元呈列。

9 貿易應收款項

於報告期末，本集團給予客戶的信貸期一般為30至90日，貿易應收款項（扣除虧損撥備）按發票日期呈列的賬齡分析如下：

於12月31日
2023年 2022年
千港元 千港元

3個月內 18,200 16,900
4至6個月 7,300 6,100
7至12個月 3,000 2,600
超過1年 2,000 2,000

30,500 27,600

10 貿易應付款項

貿易應付款項按發票日期的賬齡分析如下：

於12月31日
2023年 2022年
千港元 千港元

1年內 16,000 14,000
1年以上 400 800

16,400 14,800
"""


def test_ageing_of_balances_printed_only_on_the_statement(tmp_path):
    path = tmp_path / "face.txt"
    path.write_text(ON_THE_FACE, encoding="utf-8")
    result = tag(path)
    bands = _bands(result)
    receivables = {k: v[2] for k, v in bands.items() if v[0] == "CurrentTradeReceivables"}
    assert receivables == {
        ("3個月內", 2023): Decimal("18200000"),
        ("3個月內", 2022): Decimal("16900000"),
        ("4至6個月", 2023): Decimal("7300000"),
        ("4至6個月", 2022): Decimal("6100000"),
        ("7至12個月", 2023): Decimal("3000000"),
        ("7至12個月", 2022): Decimal("2600000"),
        ("超過1年", 2023): Decimal("2000000"),
        ("超過1年", 2022): Decimal("2000000"),
    }
    payables = {k: v[2] for k, v in bands.items() if v[0] != "CurrentTradeReceivables"}
    assert payables == {
        ("1年內", 2023): Decimal("16000000"),
        ("1年內", 2022): Decimal("14000000"),
        ("1年以上", 2023): Decimal("400000"),
        ("1年以上", 2022): Decimal("800000"),
    }
    assert {v[:2] for v in bands.values()} == {
        ("CurrentTradeReceivables", ()),
        ("TradeAndOtherCurrentPayablesToTradeSuppliers", ()),
    }
    assert validate_report(write_report(result, tmp_path / "out").package).clean
