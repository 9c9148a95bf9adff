"""Note tables that break a statement line down along an axis: the example's revenue by
geography and by timing (note 3(a) and 4(b), lines 1404-1467, read by hand), and small notes
written for the rule (invented figures that add up)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tagger.pipeline import tag
from tests.stage_inputs import INCOME

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / ("sensetime-2023-annual-results.zh-Hant.txt")
)
GEO = "ifrs-full:GeographicalAreasAxis"
TIMING = "ifrs-full:TimingOfTransferOfGoodsOrServicesAxis"
K = Decimal(1000)


def _broken(result) -> dict:
    """Facts on an axis, by either rule that reads them (this one, or tagger.notes's kinds of
    note, which reads the kinds its data describes first)."""
    return {
        (f.concept.name, f.period.end.year, f.dims): f.value
        for f in result.facts
        if f.method in ("breakdown", "note") and f.dims and f.concept.name == "Revenue"
    }


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


def test_revenue_by_geography_and_by_timing_as_printed(example):
    members = {m.name: m.label for m in example.members}
    assert members["ZhongGuoNeiDiMember"] == "中國內地"
    geo = {
        "ext:ZhongGuoNeiDiMember": (2907390, 3168880),
        "ext:DongBeiYaMember": (343040, 521866),
        "ext:DongNanYaMember": (66062, 21904),
        "ext:QiTaMember": (89350, 95860),  # 其他*: 主要指香港及中東
    }
    timing = {
        "ifrs-full:GoodsOrServicesTransferredAtPointInTimeMember": (2823288, 3543301),
        "ifrs-full:GoodsOrServicesTransferredOverTimeMember": (582554, 265209),
    }
    expected = {}
    for axis, rows in ((GEO, geo), (TIMING, timing)):
        for member, (y2023, y2022) in rows.items():
            expected[("Revenue", 2023, ((axis, member),))] = y2023 * K
            expected[("Revenue", 2022, ((axis, member),))] = y2022 * K
    assert {k: v for k, v in _broken(example).items() if k[2][0][0] in (GEO, TIMING)} == expected
    # every part is in 千元 as printed, on the statement's duration
    parts = [
        f for f in example.facts if f.dims and f.concept.name == "Revenue" and f.cell.line > 1400
    ]
    assert {(f.unit, f.decimals, f.period.start.month) for f in parts} == {("CNY", -3, 1)}


def test_a_breakdown_whose_total_is_not_the_statements_is_no_statement_lines(example):
    """按地區劃分的非流動資產 (note 3(b)) adds up to 8,053,936, which no statement line is: it
    is never the statement's non-current assets, only the IFRS 8 concept the notes' data
    names for it (tagger.notes)."""
    at_line = {f.concept.name for f in example.facts if f.cell.line == 1435}  # 中國內地 7,900,623
    assert "NoncurrentAssets" not in at_line
    assert at_line <= {
        "NoncurrentAssetsOtherThanFinancialInstrumentsDeferredTaxAssetsPostemploymentBenefit"
        "AssetsAndRightsArisingUnderInsuranceContracts"
    }


_NOTE = """
本集團的收入主要來自於中國內地及海外銷售貨品，按照合約條款確認。

3. 收入

(a) 按地區劃分的收入

截至2023年12月31日止年度
2023年 2022年
人民幣千元 人民幣千元
中國內地 900 700
海外 300 300
1,200 1,000
"""


def _tag_text(tmp_path, text: str):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path)


def test_a_geography_note_that_restates_revenue_is_tagged_on_the_axis(tmp_path):
    result = _tag_text(tmp_path, INCOME + _NOTE)
    broken = _broken(result)
    assert broken[("Revenue", 2023, ((GEO, "ifrs-full:ForeignCountriesMember"),))] == 300 * K
    inland = [k for k in broken if k[1] == 2022 and k[2][0][1].startswith("ext:")]
    assert [broken[k] for k in inland] == [700 * K]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (("1,200 1,000", "1,300 1,000"), "the total is not the statement's revenue"),
        (("海外 300 300", "海外 301 300"), "the rows do not add up to the total"),
        (("收入\n\n(a) 按地區劃分的收入", "合約負債\n\n(a) 按地區劃分的合約負債"), "another line"),
        (("(a) 按地區劃分的收入", "(a) 收入明細"), "the heading names no axis"),
    ],
)
def test_a_note_short_of_the_proof_is_not_tagged(tmp_path, change, why):
    result = _tag_text(tmp_path, INCOME + _NOTE.replace(*change))
    assert _broken(result) == {}, why


def test_revenue_by_business_line_in_millions_beside_its_shares(example):
    """Lines 460-478: 人民幣百萬元 and % for each year; the shares prove the columns and the
    total (3,405.8 / 3,808.5) is the statement's revenue within its rounding."""
    axis = "ifrs-full:ProductsAndServicesAxis"
    lines = {
        "ext:ShengChengShiAiMember": ("1183.7", "394.7"),  # 生成式AI
        "ext:ChuanTongAiMember": ("1838.4", "3121.1"),  # 傳統AI
        "ext:ZhiNengQiCheMember": ("383.7", "292.7"),  # 智能汽車
    }
    broken = {k: v for k, v in _broken(example).items() if k[2][0][0] == axis}
    million = Decimal(10) ** 6
    assert broken == {
        **{("Revenue", 2023, ((axis, m),)): Decimal(a) * million for m, (a, _) in lines.items()},
        **{("Revenue", 2022, ((axis, m),)): Decimal(b) * million for m, (_, b) in lines.items()},
    }
    parts = [
        f for f in example.facts if f.method == "breakdown" and f.dims[:1] and f.dims[0][0] == axis
    ]
    assert {f.decimals for f in parts} == {-5}


def test_a_simplified_geography_note_reads_the_same(tmp_path):
    from taxonomy.loader import simplified

    result = _tag_text(tmp_path, simplified(INCOME + _NOTE))
    broken = _broken(result)
    assert broken[("Revenue", 2023, ((GEO, "ifrs-full:ForeignCountriesMember"),))] == 300 * K
    assert sorted(broken.values()) == [300 * K, 300 * K, 700 * K, 900 * K]
