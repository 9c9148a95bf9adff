"""Provision matrices of expected credit losses (tagger.ecl_matrix, ecl_matrix.toml): the
example's two matrices and the receivables it assessed one by one, read by hand; invented
excerpts in other issuers' styles (HKD with bands in days and a line assessed by itself,
Simplified 预期信用损失率 / 账面总值 / 亏损拨备 with no such line); and matrices that do not
add up or do not reach the tagged gross amount, left untagged and reported."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tagger.pipeline import tag
from tagger.report import write_report
from tagger.validation import validate_report
from tests.test_ageing import BALANCES, HANS

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
CARRYING = (
    "ifrs-full:CarryingAmountAccumulatedDepreciationAmortisationAndImpairmentAndGrossCarrying"
    "AmountAxis"
)
GROSS = (CARRYING, "ifrs-full:GrossCarryingAmountMember")
IMPAIRED = (CARRYING, "ifrs-full:AccumulatedImpairmentMember")
METHOD = "ifrs-full:MethodOfAssessmentOfExpectedCreditLossesAxis"
COLLECTIVE = (METHOD, "ifrs-full:ExpectedCreditLossesCollectivelyAssessedMember")
INDIVIDUAL = (METHOD, "ifrs-full:ExpectedCreditLossesIndividuallyAssessedMember")
AGEING = "ext:AgeingBandsAxis"
ECL_CODES = {"ecl-matrix-unclear", "ecl-matrix-sum-differs", "ecl-matrix-unproved"}


def _matrix(result) -> dict[tuple, tuple]:
    """(printed amount, year) -> (concept, the carrying-amount member, the method member, the
    band's label or None, value, decimals) of the rule's facts."""
    out = {}
    for fact in result.facts:
        if fact.method != "ecl-matrix":
            continue
        dims = dict(fact.dims)
        band = dims.get(AGEING)
        label = next((m.label for m in result.members if f"ext:{m.name}" == band), None)
        key = (fact.cell.text, fact.period.end.year)
        out[key] = (
            fact.concept.name,
            dims[CARRYING].split(":")[1],
            dims[METHOD].split(":")[1],
            label,
            fact.value,
            fact.decimals,
        )
    return out


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


G, A = "GrossCarryingAmountMember", "AccumulatedImpairmentMember"
C, IND = (
    "ExpectedCreditLossesCollectivelyAssessedMember",
    "ExpectedCreditLossesIndividuallyAssessedMember",
)
TR = "CurrentTradeReceivables"

# Note 11(ii), 於2023年12月31日, columns 最多6個月 … 超過4年 總計:
# "總賬面值－貿易應收款項（人民幣千元） 1,039,635 242,753 1,715,868 2,804,371 895,657 254,058
# 6,952,342", "虧損撥備（人民幣千元） (151,044) (67,720) (740,980) (1,637,059) (676,609)
# (254,058) (3,527,470)"; 於2022年12月31日 "1,994,466 657,758 … 33,041 7,216,583" and
# "(223,548) … (33,041) (2,474,027)"; the lines assessed one by one "貿易應收款項 959,677
# 69.18% (663,922) 可能收回" (2023) and "貿易應收款項 579,695 18.02% (104,489) 收回可能性"
# (2022). 6,952,342 + 959,677 = 7,912,019, the gross trade receivables; 3,527,470 + 663,922
# = 4,191,392, the loss allowance (7,216,583 + 579,695 = 7,796,278 and 2,474,027 + 104,489 =
# 2,578,516 for 2022).
BY_HAND = {
    ("1,039,635", 2023): (TR, G, C, "最多6個月", Decimal("1039635000"), -3),
    ("242,753", 2023): (TR, G, C, "6個月至1年", Decimal("242753000"), -3),
    ("895,657", 2023): (TR, G, C, "3至4年", Decimal("895657000"), -3),
    ("6,952,342", 2023): (TR, G, C, None, Decimal("6952342000"), -3),
    ("(151,044)", 2023): (TR, A, C, "最多6個月", Decimal("-151044000"), -3),
    ("(1,637,059)", 2023): (TR, A, C, "2至3年", Decimal("-1637059000"), -3),
    ("(3,527,470)", 2023): (TR, A, C, None, Decimal("-3527470000"), -3),
    ("959,677", 2023): (TR, G, IND, None, Decimal("959677000"), -3),
    ("663,922", 2023): (TR, A, IND, None, Decimal("-663922000"), -3),
    ("1,994,466", 2022): (TR, G, C, "最多6個月", Decimal("1994466000"), -3),
    ("7,216,583", 2022): (TR, G, C, None, Decimal("7216583000"), -3),
    ("(426,852)", 2022): (TR, A, C, "3至4年", Decimal("-426852000"), -3),
    ("(2,474,027)", 2022): (TR, A, C, None, Decimal("-2474027000"), -3),
    ("579,695", 2022): (TR, G, IND, None, Decimal("579695000"), -3),
    ("104,489", 2022): (TR, A, IND, None, Decimal("-104489000"), -3),
}


def test_example_provision_matrices_read_by_hand(example):
    facts = _matrix(example)
    for key, expected in BY_HAND.items():
        assert facts[key] == expected, key
    # 2 matrices of 2 rows of 7 amounts, and 2 lines of 2 amounts assessed one by one
    assert len([f for f in example.facts if f.method == "ecl-matrix"]) == 32


def test_example_bands_shared_with_the_ageing_analysis(example):
    """最多6個月 of the matrix is the ageing analysis' member, not a second one."""
    band = {
        f.label: dict(f.dims)[AGEING]
        for f in example.facts
        if f.method == "ageing" and AGEING in dict(f.dims) and f.decimals == -3
    }
    matrix = {
        dict(f.dims)[AGEING]
        for f in example.facts
        if f.method == "ecl-matrix" and AGEING in dict(f.dims)
    }
    assert band["最多6個月"] in matrix and band["1至2年"] in matrix
    names = [m.name for m in example.members if m.axis == AGEING]
    assert len(names) == len(set(names))


def test_example_rates_reported_and_the_individual_lines_tagged_in_the_text(example):
    rates = {f.printed for f in example.findings if f.code == "ecl-matrix-rate"}
    assert {"14.53%", "100.00%", "11.21%", "76.55%"} <= rates
    assert "不適用" not in rates
    left = {(f.source.line, f.printed) for f in example.findings if f.source}
    text = [f for f in example.facts if f.method == "ecl-matrix" and f.in_text]
    assert len(text) == 4
    assert not any((f.cell.line, f.cell.text) in left for f in text)
    assert not {f.code for f in example.findings} & ECL_CODES


# Trade receivables 72,600 gross, (6,350) allowance (tests.test_ageing.BALANCES, 千港元): one
# customer assessed by itself, 2,600 with 2,080 provided; the rest, 70,000 with 4,270 provided,
# by a matrix in days.
HK = """於2023年12月31日，個別評估的貿易應收款項的虧損撥備如下：

貿易應收款項 2,600 80.00% (2,080) 客戶已清盤

於2023年12月31日，其餘貿易應收款項的虧損撥備按撥備矩陣釐定如下：

於2023年12月31日
0至90日 91至180日 181至365日 超過365日 總計
預期虧損率 1.00% 5.00% 10.00% 42.40% 不適用
賬面總值（千港元） 40,000 15,000 10,000 5,000 70,000
虧損撥備（千港元） (400) (750) {allowance} (2,120) (4,270)
"""


def _hk(tmp_path, name, allowance="(1,000)", alone=True):
    text = HK.format(allowance=allowance)
    if not alone:
        text = text.replace("貿易應收款項 2,600 80.00% (2,080) 客戶已清盤", "")
    path = tmp_path / f"{name}.txt"
    path.write_text(BALANCES.format(unit="千港元", receivables=text, payables=""), "utf-8")
    return path


def test_hong_kong_matrix_in_days_with_a_receivable_assessed_by_itself(tmp_path):
    result = tag(_hk(tmp_path, "hk"))
    facts = _matrix(result)
    assert facts == {
        ("40,000", 2023): (TR, G, C, "0至90日", Decimal("40000000"), -3),
        ("15,000", 2023): (TR, G, C, "91至180日", Decimal("15000000"), -3),
        ("10,000", 2023): (TR, G, C, "181至365日", Decimal("10000000"), -3),
        ("5,000", 2023): (TR, G, C, "超過365日", Decimal("5000000"), -3),
        ("70,000", 2023): (TR, G, C, None, Decimal("70000000"), -3),
        ("(400)", 2023): (TR, A, C, "0至90日", Decimal("-400000"), -3),
        ("(750)", 2023): (TR, A, C, "91至180日", Decimal("-750000"), -3),
        ("(1,000)", 2023): (TR, A, C, "181至365日", Decimal("-1000000"), -3),
        ("(2,120)", 2023): (TR, A, C, "超過365日", Decimal("-2120000"), -3),
        ("(4,270)", 2023): (TR, A, C, None, Decimal("-4270000"), -3),
        ("2,600", 2023): (TR, G, IND, None, Decimal("2600000"), -3),
        ("2,080", 2023): (TR, A, IND, None, Decimal("-2080000"), -3),
    }
    assert len([f for f in result.facts if f.method == "ecl-matrix" and f.in_text]) == 2
    assert {f.unit for f in result.facts if f.method == "ecl-matrix"} == {"HKD"}
    assert validate_report(write_report(result, tmp_path / "out").package).clean


HANS_MATRIX = """
于2023年12月31日，贸易应收款项的亏损拨备按拨备矩阵厘定如下：

于2023年12月31日
6个月以内 6个月至1年 1年以上 总计
预期信用损失率 2.00% 10.00% 36.12% 不适用
账面总值（人民币千元） 18,200 7,300 5,000 30,500
亏损拨备（人民币千元） (364) (730) {last} (2,900)
"""


def _hans(tmp_path, last="(1,806)"):
    path = tmp_path / "hans.txt"
    text = HANS.format(first="18,200 16,900") + HANS_MATRIX.format(last=last)
    path.write_text(text, encoding="utf-8")
    return path


def test_simplified_matrix_with_no_receivable_assessed_by_itself(tmp_path):
    result = tag(_hans(tmp_path))
    assert _matrix(result) == {
        ("18,200", 2023): (TR, G, C, "6个月以内", Decimal("18200000"), -3),
        ("7,300", 2023): (TR, G, C, "6个月至1年", Decimal("7300000"), -3),
        ("5,000", 2023): (TR, G, C, "1年以上", Decimal("5000000"), -3),
        ("30,500", 2023): (TR, G, C, None, Decimal("30500000"), -3),
        ("(364)", 2023): (TR, A, C, "6个月以内", Decimal("-364000"), -3),
        ("(730)", 2023): (TR, A, C, "6个月至1年", Decimal("-730000"), -3),
        ("(1,806)", 2023): (TR, A, C, "1年以上", Decimal("-1806000"), -3),
        ("(2,900)", 2023): (TR, A, C, None, Decimal("-2900000"), -3),
    }
    # the bands are the ageing analysis' members: three, not six
    assert len([m for m in result.members if m.axis == AGEING and m.kind == "member"]) == 3
    assert validate_report(write_report(result, tmp_path / "out").package).clean


def _reported(result) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in result.findings:
        if f.code in ECL_CODES:
            out.setdefault(f.code, set()).add(f.printed)
    return out


def test_a_matrix_whose_bands_do_not_add_up_is_reported(tmp_path):
    result = tag(_hans(tmp_path, last="(1,807)"))  # 364 + 730 + 1,807 is not 2,900
    assert _matrix(result) == {}
    reported = _reported(result)
    assert set(reported) == {"ecl-matrix-sum-differs"}
    assert {"18,200", "(1,807)", "(2,900)"} <= reported["ecl-matrix-sum-differs"]


def test_a_matrix_short_of_the_tagged_gross_amount_is_reported(tmp_path):
    # without the line assessed by itself, 70,000 is not the gross 72,600
    result = tag(_hk(tmp_path, "short", alone=False))
    assert _matrix(result) == {}
    reported = _reported(result)
    assert set(reported) == {"ecl-matrix-unproved"}
    assert {"40,000", "70,000", "(4,270)"} <= reported["ecl-matrix-unproved"]


def test_bands_with_a_gap_are_reported(tmp_path):
    path = _hk(tmp_path, "gap")
    path.write_text(path.read_text("utf-8").replace("91至180日", "120至180日"), "utf-8")
    result = tag(path)
    assert _matrix(result) == {}
    assert set(_reported(result)) == {"ecl-matrix-unclear"}


def test_a_line_assessed_by_itself_at_another_date_does_not_prove_the_matrix(tmp_path):
    path = _hk(tmp_path, "other-date")
    text = path.read_text("utf-8").replace(
        "於2023年12月31日，個別評估", "於2022年12月31日，個別評估"
    )
    path.write_text(text, "utf-8")
    result = tag(path)
    assert _matrix(result) == {}
    assert set(_reported(result)) == {"ecl-matrix-unproved"}
