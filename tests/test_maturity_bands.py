"""Tables by time band (maturity, repricing, expiry year) and one-concept tables with only a
total or one row to tag: the example's unused tax losses by expiry year, undrawn facilities,
borrowings by repricing date and long-term payables, read by hand; and invented notes in
other issuers' styles (figures that add up, and some that must stay untagged)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tagger.bands import (
    NO_EXPIRY,
    Band,
    expiry_band,
    expiry_year,
    member_band,
    read_band,
    year_band,
)
from tagger.pipeline import tag
from taxonomy.loader import simplified
from tests.stage_inputs import INCOME

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / ("sensetime-2023-annual-results.zh-Hant.txt")
)
AXIS = "ifrs-full:MaturityAxis"
K = Decimal(1000)
LOSSES = "UnusedTaxLossesForWhichNoDeferredTaxAssetRecognised"


@pytest.mark.parametrize(
    ("label", "band"),
    [
        ("6個月或以下", Band(0, 6)),
        ("6至12個月", Band(6, 12)),
        ("6個月至1年", Band(6, 12)),
        ("1至2年", Band(12, 24)),
        ("超過1年但不超過2年", Band(12, 24)),
        ("1年以上至2年", Band(12, 24)),
        ("2至5年", Band(24, 60)),
        ("5年以上", Band(60, None)),
        ("超過五年", Band(60, None)),
        ("一年內到期", Band(0, 12)),
        ("在一年内", Band(0, 12)),  # Simplified
        ("十二个月内到期", Band(0, 12)),
        ("两年至五年", Band(24, 60)),
        ("最多3個月", Band(0, 3)),
        ("無限期", NO_EXPIRY),
        ("无到期日", NO_EXPIRY),
    ],
)
def test_band_labels(label, band):
    assert read_band(label) == band


@pytest.mark.parametrize("label", ["按要求", "借款", "2024年", "5至2年", "逾期"])
def test_labels_that_are_no_band(label):
    assert read_band(label) is None


def test_expiry_years_are_bands_seen_from_a_year_end():
    assert expiry_year("2024年") == 2024 and expiry_year("於2031年到期") == 2031
    assert year_band(2024, date(2023, 12, 31)) == Band(0, 12)
    assert year_band(2029, date(2022, 12, 31)) == Band(72, 84)
    # from a half-year end a calendar year straddles two bands; a past year is no band
    assert year_band(2024, date(2023, 6, 30)) is None
    assert year_band(2023, date(2023, 12, 31)) is None
    assert expiry_band("2028年及以後", date(2023, 12, 31)) == Band(48, None)


def test_ifrs_member_names_are_read_as_bands():
    assert member_band("LaterThanSixMonthsAndNotLaterThanOneYearMember") == Band(6, 12)
    assert member_band("NotLaterThanOneMonthMember") == Band(0, 1)
    assert member_band("LaterThanFiveYearsMember") == Band(60, None)
    assert member_band("AggregatedTimeBandsMember") is None
    assert member_band("CurrentMember") is None


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


def _facts(result, concept: str) -> dict:
    return {
        (f.period.end.year, f.dims[0][1] if f.dims else None): f.value
        for f in result.facts
        if f.concept.name == concept
        and f.method in ("bands", "single-row")
        and f.period.end.month == 12
    }


def test_the_examples_tax_losses_by_expiry_year(example):
    """未確認遞延稅項資產的未動用稅項虧損的到期日如下 (note 7(c)): 2024年 87,797 87,797 …
    無限期 1,384,363 911,467; 13,475,204 7,696,160."""
    losses = _facts(example, LOSSES)
    assert losses[(2023, None)] == 13475204 * K
    assert losses[(2022, None)] == 7696160 * K
    # 2024年 87,797: due within a year of 2023-12-31, within two of 2022-12-31
    assert losses[(2023, "ifrs-full:NotLaterThanOneYearMember")] == 87797 * K
    assert losses[(2022, "ifrs-full:LaterThanOneYearAndNotLaterThanTwoYearsMember")] == 87797 * K
    # 2028年 1,787,016 416,029
    assert losses[(2023, "ifrs-full:LaterThanFourYearsAndNotLaterThanFiveYearsMember")] == (
        1787016 * K
    )
    assert losses[(2022, "ext:LaterThan5YearsAndNotLaterThan6YearsMember")] == 416029 * K
    # 2033年 2,158,600 –
    assert losses[(2023, "ext:LaterThan9YearsAndNotLaterThan10YearsMember")] == 2158600 * K
    assert losses[(2022, "ext:LaterThan10YearsAndNotLaterThan11YearsMember")] == 0
    # 無限期 1,384,363 911,467
    assert losses[(2023, "ext:NoExpiryDateMember")] == 1384363 * K
    assert losses[(2022, "ext:NoExpiryDateMember")] == 911467 * K
    assert len(losses) == 11 * 2 + 2
    for year in (2023, 2022):
        parts = [v for (y, m), v in losses.items() if y == year and m]
        assert sum(parts) == losses[(year, None)]
    members = {m.name: m for m in example.members}
    assert members["LaterThan5YearsAndNotLaterThan6YearsMember"].parent == (
        "ifrs-full:LaterThanFiveYearsAndNotLaterThanSevenYearsMember"
    )
    assert members["NoExpiryDateMember"].parent == "ifrs-full:AggregatedTimeBandsMember"


def test_the_examples_undrawn_facilities_total_and_its_currency_rows(example):
    """人民幣信貸 8,153,792 9,694,749; 美元信貸 108,203 195,009; 8,261,995 9,889,758."""
    assert _facts(example, "UndrawnBorrowingFacilities") == {
        (2023, None): 8261995 * K,
        (2022, None): 9889758 * K,
    }
    rows = {f.printed for f in example.findings if f.code == "note-row-no-axis"}
    assert rows == {"8,153,792", "9,694,749", "108,203", "195,009"}


def test_the_examples_borrowings_by_repricing_date_are_reported(example):
    """6個月或以下 111,500 … 總計 4,469,176 3,225,701: the rows add up, but the note's
    borrowings are 4,473,115 (with 3,939 of interest payable), so the bands' total is no
    tagged fact and the table stays untagged."""
    assert not [f for f in example.facts if f.concept.name == "Borrowings" and f.dims]
    unproved = {f.printed for f in example.findings if f.code == "note-total-unproved"}
    assert {"111,500", "2,306,738", "4,469,176", "3,225,701"} <= unproved


def test_the_examples_long_term_payables_note_restates_the_balance_sheet(example):
    """(b) 長期應付款項: 長期應付款項 5,294 11,611, the balance sheet's figures."""
    assert _facts(example, "NoncurrentPayables") == {
        (2023, None): 5294 * K,
        (2022, None): 11611 * K,
    }
    # 非流動借款 4,234,911 is their fair value, not the 4,278,686 carried: not tagged
    fair = [f for f in example.facts if f.cell.text == "4,234,911"]
    assert fair == []


_BALANCE = """綜合財務狀況表
於2023年12月31日

2023年 2022年
港幣千元 港幣千元
非流動資產
物業、廠房及設備 900 800
流動資產
現金及現金等價物 400 350
資產總額 1,300 1,150
權益
股本 10 10
保留盈利 640 490
權益總額 650 500
非流動負債
借款 100 120
流動負債
借款 200 180
貿易及其他應付款項 350 350
負債總額 650 650
權益及負債總額 1,300 1,150
"""

_BORROWINGS = """
本集團的借款均以港幣計值，按攤銷成本計量。

14 借款

於12月31日
2023年 2022年
港幣千元 港幣千元
非流動
銀行借款-有抵押 60 70
銀行借款-有擔保 40 50
 100 120
流動短期借款-有擔保 150 100
非流動借款的即期部分 50 80
 200 180
總計 300 300

於2023年12月31日，本集團若干銀行借款以本集團的樓宇作抵押。本集團借款的還款期如下：

於12月31日
2023年 2022年
港幣千元 港幣千元
1年內 200 180
1至2年 60 20
2至5年 30 100
5年以上 10 –
總計 300 300
"""

_TAX_LOSSES = """
本集團僅在很可能有未來應課稅溢利可供動用時確認遞延稅項資產。

9 所得稅

未確認遞延稅項資產之稅項虧損將於以下年度屆滿：

於12月31日
2023年 2022年
港幣千元 港幣千元
2024年 40 30
2025年 25 20
2028年及以後 – 5
無屆滿日期 35 15
100 70
"""


def _tag_text(tmp_path, text: str):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path)


@pytest.mark.parametrize("script", ["zh-Hant", "zh-Hans"])
def test_borrowings_by_maturity_that_restate_the_notes_total(tmp_path, script):
    text = INCOME + _BALANCE + _BORROWINGS
    result = _tag_text(tmp_path, simplified(text) if script == "zh-Hans" else text)
    bands = _facts(result, "Borrowings")
    assert bands == {
        (2023, "ifrs-full:NotLaterThanOneYearMember"): 200 * K,
        (2023, "ifrs-full:LaterThanOneYearAndNotLaterThanTwoYearsMember"): 60 * K,
        (2023, "ext:LaterThan2YearsAndNotLaterThan5YearsMember"): 30 * K,
        (2023, "ifrs-full:LaterThanFiveYearsMember"): 10 * K,
        (2022, "ifrs-full:NotLaterThanOneYearMember"): 180 * K,
        (2022, "ifrs-full:LaterThanOneYearAndNotLaterThanTwoYearsMember"): 20 * K,
        (2022, "ext:LaterThan2YearsAndNotLaterThan5YearsMember"): 100 * K,
        (2022, "ifrs-full:LaterThanFiveYearsMember"): 0,
        (2023, None): 300 * K,
        (2022, None): 300 * K,
    }
    assert {f.unit for f in result.facts if f.method == "bands"} == {"HKD"}
    own = {m.name: m for m in result.members}["LaterThan2YearsAndNotLaterThan5YearsMember"]
    assert own.parent == "ifrs-full:LaterThanOneYearAndNotLaterThanFiveYearsMember"
    assert own.label == ("超过2年但不超过5年" if script == "zh-Hans" else "超過2年但不超過5年")


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (("5年以上 10 –", "5年以上 11 –"), "the bands do not add up to the total"),
        (("總計 300 300\n", "總計 310 300\n"), "the total is not the notes' borrowings"),
        (("2至5年 30 100", "按要求 30 100"), "a row that is no band"),
        (("的還款期如下", "的未貼現合約現金流量如下"), "undiscounted cash flows"),
    ],
)
def test_borrowings_bands_short_of_the_proof_are_not_tagged(tmp_path, change, why):
    body = _BORROWINGS[: _BORROWINGS.index("於2023年12月31日，")]
    bands = _BORROWINGS[len(body) :].replace(*change)
    result = _tag_text(tmp_path, INCOME + _BALANCE + body + bands)
    assert [f for f in result.facts if f.method == "bands"] == [], why


def test_tax_losses_by_expiry_year_in_hong_kong_dollars(tmp_path):
    result = _tag_text(tmp_path, INCOME + _BALANCE + _TAX_LOSSES)
    losses = _facts(result, LOSSES)
    assert losses == {
        (2023, "ifrs-full:NotLaterThanOneYearMember"): 40 * K,
        (2023, "ifrs-full:LaterThanOneYearAndNotLaterThanTwoYearsMember"): 25 * K,
        (2023, "ext:LaterThan4YearsMember"): 0,  # 2028年及以後 from 2023: no IFRS member
        (2023, "ext:NoExpiryDateMember"): 35 * K,
        (2023, None): 100 * K,
        (2022, "ifrs-full:LaterThanOneYearAndNotLaterThanTwoYearsMember"): 30 * K,
        (2022, "ifrs-full:LaterThanTwoYearsAndNotLaterThanThreeYearsMember"): 20 * K,
        (2022, "ifrs-full:LaterThanFiveYearsMember"): 5 * K,  # 2028年及以後 from 2022
        (2022, "ext:NoExpiryDateMember"): 15 * K,
        (2022, None): 70 * K,
    }


def test_tax_losses_that_do_not_add_up_are_reported(tmp_path):
    result = _tag_text(tmp_path, INCOME + _BALANCE + _TAX_LOSSES.replace("35 15", "35 16"))
    assert _facts(result, LOSSES) == {}
    unproved = [f for f in result.findings if f.code == "note-total-unproved"]
    assert {f.printed for f in unproved} >= {"40", "100", "70"}


_FACILITIES = """
本集團的借款均以港幣計值，按攤銷成本計量。

15 借款融資

於2023年12月31日，本集團有下列未動用銀行融資：

於12月31日
2023年 2022年
港幣千元 港幣千元
港元融資 500 300
人民幣融資 250 200
750 500
"""


@pytest.mark.parametrize("script", ["zh-Hant", "zh-Hans"])
def test_undrawn_facilities_by_currency_tag_the_total_only(tmp_path, script):
    text = INCOME + _BALANCE + _FACILITIES
    result = _tag_text(tmp_path, simplified(text) if script == "zh-Hans" else text)
    assert _facts(result, "UndrawnBorrowingFacilities") == {
        (2023, None): 750 * K,
        (2022, None): 500 * K,
    }
    rows = {f.printed for f in result.findings if f.code == "note-row-no-axis"}
    assert rows == {"500", "300", "250", "200"}


def test_undrawn_facilities_by_expiry_are_tagged_by_band(tmp_path):
    text = _FACILITIES.replace("港元融資", "一年內到期").replace("人民幣融資", "一年後到期")
    result = _tag_text(tmp_path, INCOME + _BALANCE + text)
    assert _facts(result, "UndrawnBorrowingFacilities") == {
        (2023, "ifrs-full:NotLaterThanOneYearMember"): 500 * K,
        (2023, "ifrs-full:LaterThanOneYearMember"): 250 * K,
        (2022, "ifrs-full:NotLaterThanOneYearMember"): 300 * K,
        (2022, "ifrs-full:LaterThanOneYearMember"): 200 * K,
        (2023, None): 750 * K,
        (2022, None): 500 * K,
    }


def test_undrawn_facilities_that_do_not_add_up_are_reported(tmp_path):
    result = _tag_text(tmp_path, INCOME + _BALANCE + _FACILITIES.replace("750 500", "760 500"))
    assert _facts(result, "UndrawnBorrowingFacilities") == {}
    unproved = {f.printed for f in result.findings if f.code == "note-total-unproved"}
    assert unproved == {"500", "300", "250", "200", "760"}


def test_a_lease_liabilities_maturity_table_is_left_to_the_review(tmp_path):
    """The undiscounted lease payments by band add up, but they are not the carrying amount
    of the lease liabilities: no concept of the bands' data is named, nothing is tagged."""
    leases = """
本集團的租賃負債按攤銷成本計量。

16 租賃負債

租賃負債的到期分析如下：

於12月31日
2023年 2022年
港幣千元 港幣千元
1年內 40 30
1至2年 20 25
2至5年 10 15
總計 70 70
"""
    result = _tag_text(tmp_path, INCOME + _BALANCE + leases)
    assert [f for f in result.facts if f.method == "bands"] == []


_PAYABLES = """
本集團的應付款項均以港幣計值。

13 應付款項

(a) 長期應付款項

於12月31日
2023年 2022年
港幣千元 港幣千元
長期應付款項 30 20

長期應付款項指就超過一年到期應付的設備款項。

(b) 借款的公允價值

於12月31日的非流動借款公允價值如下：

於12月31日
2023年 2022年
港幣千元 港幣千元
借款 95 118
"""


def test_a_one_row_note_that_prints_the_balance_sheets_figure_is_that_fact(tmp_path):
    balance = _BALANCE.replace(
        "借款 100 120\n流動負債", "借款 100 120\n長期應付款項 30 20\n流動負債"
    ).replace("貿易及其他應付款項 350 350", "貿易及其他應付款項 320 330")
    result = _tag_text(tmp_path, INCOME + balance + _PAYABLES)
    assert _facts(result, "NoncurrentPayables") == {(2023, None): 30 * K, (2022, None): 20 * K}
    # the fair value of the borrowings (95, 118) is not the 100 and 120 carried: not tagged
    assert [f for f in result.facts if f.cell.text in ("95", "118")] == []
