"""Tables whose rows print their own units (tagger.row_units) and the EPS note's inputs
(tagger.eps_inputs): the example's note 8 and note 11 read by hand, the unit words
(tagger.units.row_unit), and invented excerpts in the styles issuers print them
(Traditional and Simplified, HKD and RMB, 千股 and 百萬股, cents), including a note whose
profit is not the statement's, which goes to review untagged. The entity's dates
(tagger.entity_facts) are read here too."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tagger.pipeline import tag
from tagger.units import row_unit

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
Y23, Y22 = "d20230101-20231231", "d20220101-20221231"
PROFIT = "ifrs-full:ProfitLossAttributableToOrdinaryEquityHoldersOfParentEntity"
SHARES = "ifrs-full:WeightedAverageShares"
ADJUSTED = "ifrs-full:AdjustedWeightedAverageShares"
BASIC = "ifrs-full:BasicEarningsLossPerShare"
DILUTED = "ifrs-full:DilutedEarningsLossPerShare"


@pytest.mark.parametrize(
    ("label", "kind", "currency", "scale"),
    [
        ("歸屬於本公司權益持有人的虧損（人民幣千元）", "money", "CNY", 3),
        ("归属于本公司权益持有人的亏损（人民币千元）", "money", "CNY", 3),
        ("已發行普通股加權平均數（千股）", "shares", None, 3),
        ("已发行普通股加权平均数（百万股）", "shares", None, 6),
        ("每股基本虧損（以每股人民幣元表示）", "per_share", "CNY", 0),
        ("每股基本盈利（港仙）", "per_share", "HKD", -2),
        ("每股盈利（人民币元）", "per_share", "CNY", 0),
        ("本公司擁有人應佔溢利（千港元）", "money", "HKD", 3),
        ("收入（港元）", "money", "HKD", 0),
        ("Profit attributable (RMB'000)", "money", "CNY", 3),
        ("Number of shares ('000)", "shares", None, 3),
        ("預期信用虧損比率(%)", "pure", None, -2),
    ],
)
def test_the_unit_a_label_prints(label, kind, currency, scale):
    unit = row_unit(label)
    assert unit is not None
    assert (unit.kind, unit.currency, unit.scale) == (kind, currency, scale)


@pytest.mark.parametrize(
    "label", ["收入（附註4）", "其他（i）", "貸款（見下文）", "每股盈利", "（千）"]
)
def test_brackets_that_are_no_unit(label):
    assert row_unit(label) is None


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


def _facts(result, concept: str) -> dict[str, object]:
    return {
        f.period.key(): f
        for f in result.facts
        if f.concept.qname == concept and f.statement == "notes" and not f.dims
    }


def test_example_eps_note_read_by_hand(example):
    # note 8 每股虧損, lines 1778-1782: 歸屬於本公司權益持有人的虧損（人民幣千元）
    # (6,440,159) (6,044,796); 已發行普通股加權平均數（千股） 32,222,681 31,932,411;
    # 每股基本虧損（以每股人民幣元表示） (0.20) (0.19)
    profit = _facts(example, PROFIT)
    assert {k: (f.value, f.unit, f.decimals, f.scale) for k, f in profit.items()} == {
        Y23: (Decimal("-6440159000"), "CNY", -3, 3),
        Y22: (Decimal("-6044796000"), "CNY", -3, 3),
    }
    shares = _facts(example, SHARES)
    assert {k: (f.value, f.unit, f.decimals, f.scale) for k, f in shares.items()} == {
        Y23: (Decimal("32222681000"), "shares", -3, 3),
        Y22: (Decimal("31932411000"), "shares", -3, 3),
    }
    eps = _facts(example, BASIC)
    assert {k: (f.value, f.unit, f.decimals, f.scale) for k, f in eps.items()} == {
        Y23: (Decimal("-0.20"), "CNY_per_share", 2, 0),
        Y22: (Decimal("-0.19"), "CNY_per_share", 2, 0),
    }
    assert {f.cell.line for f in [*profit.values(), *shares.values(), *eps.values()]} == {
        1778,
        1780,
        1782,
    }
    # diluted EPS is said in words only (每股攤薄虧損與每股基本虧損相同): no fact from words
    assert not _facts(example, DILUTED) and not _facts(example, ADJUSTED)


def test_example_eps_note_agrees_with_the_statements(example):
    statement = {
        (f.concept.name, f.period.key()): f.value
        for f in example.facts
        if f.statement == "income" and not f.dims
    }
    for key, fact in _facts(example, PROFIT).items():
        assert fact.value == statement[("ProfitLossAttributableToOwnersOfParent", key)]
    for key, fact in _facts(example, BASIC).items():
        assert fact.value == statement[("BasicEarningsLossPerShare", key)]


def test_example_ecl_matrix_is_read_by_bands_not_periods(example):
    # note 11, lines 2092-2096 and 2120-2124: ageing bands 最多6個月 … 總計 at one date, rows
    # 預期信用虧損比率 (%), 總賬面值－貿易應收款項（人民幣千元）, 虧損撥備（人民幣千元）. The
    # columns are no periods: only the provision matrix rule (tests.test_ecl_matrix) tags its
    # amounts, each at the one date; its rates are reported, having no IFRS concept.
    lines = set(range(2092, 2097)) | set(range(2120, 2125))
    facts = [f for f in example.facts if f.cell.line in lines]
    assert {f.method for f in facts} == {"ecl-matrix"} and len(facts) == 2 * 2 * 7
    assert {f.period.key() for f in facts} == {"i20231231", "i20221231"}
    found = [f for f in example.findings if f.source and f.source.line in lines]
    assert {f.code for f in found} == {"ecl-matrix-rate"}
    printed = {f.printed for f in found}
    assert {"14.53%", "100.00%", "11.21%"} <= printed
    # 2 rows of 7 rates; the total column prints 不適用, a mark in place of an amount
    assert "不適用" not in printed and len(found) == 2 * 6
    assert not [
        f
        for f in example.findings
        if f.code == "untagged-text-figure" and f.source and f.source.line in lines | {1778, 1780}
    ]


def test_example_dates(example):
    dates = {f.concept.name: f for f in example.entity_facts if f.format}
    end = dates["DateOfEndOfReportingPeriod2013"]
    assert (end.value, end.fact_value, end.line) == ("2023年12月31日", "2023-12-31", 12)
    issued = dates["DateOfAuthorisationForIssueOfFinancialStatements2013"]
    assert (issued.value, issued.fact_value) == ("2024年3月26日", "2024-03-26")
    assert {f.format for f in dates.values()} == {"ixt:date-year-month-day"}


# -- invented excerpts ---------------------------------------------------------------------

HKD_CENTS = """示範貿易控股有限公司
（於百慕達註冊成立之有限公司）
（股份代號：8765）

截至2023年12月31日止年度之全年業績公告

綜合損益表
截至2023年12月31日止年度

2023年 2022年
附註 千港元 千港元

收入 812,400 760,300
銷售成本 (503,100) (471,900)

毛利 309,300 288,400
行政開支 (201,500) (190,200)

除稅前溢利 107,800 98,200
所得稅開支 (17,800) (16,200)

年內溢利 90,000 82,000

以下人士應佔：
本公司擁有人 86,400 79,100
非控股權益 3,600 2,900

90,000 82,000

每股盈利
基本（港仙） 14.40 13.18

財務報表附註

1 一般資料

本公司於百慕達註冊成立為獲豁免有限公司。本綜合財務報表已於2024年3月20日獲董事會批准刊發。

9 每股盈利

每股基本盈利乃按本公司擁有人應佔溢利除以年內已發行普通股加權平均數計算：

截至12月31日止年度
2023年 2022年

本公司擁有人應佔溢利（千港元） 86,400 79,100

已發行普通股加權平均數（千股） 600,000 600,000

每股基本盈利（港仙） 14.40 13.18
"""

HANS_MILLIONS = """示例科技股份有限公司
（于开曼群岛注册成立的有限公司）

截至2023年12月31日止年度业绩公告

合并利润表
截至2023年12月31日止年度

2023年 2022年
附注 人民币千元 人民币千元

收入 2,480,000 2,150,000
销售成本 (1,600,000) (1,420,000)

毛利 880,000 730,000
行政费用 (430,000) (370,000)

除所得税前利润 450,000 360,000
所得税费用 (75,000) (60,000)

年度利润 375,000 300,000

归属于：
本公司所有者 360,000 288,000
非控制性权益 15,000 12,000

375,000 300,000

每股基本盈利（人民币元） 0.30 0.24
每股摊薄盈利（人民币元） 0.29 0.23

财务报表附注

1 一般资料

本公司于开曼群岛注册成立。本财务报表已由董事会于2024年3月18日批准刊发。

8 每股盈利

截至12月31日止年度
2023年 2022年

归属于本公司所有者的利润（人民币千元） 360,000 288,000
已发行普通股加权平均数（百万股） 1,200 1,200
每股基本盈利（人民币元） 0.30 0.24

摊薄

截至12月31日止年度
2023年 2022年

已发行普通股加权平均数（百万股） 1,240 1,250
每股摊薄盈利（人民币元） 0.29 0.23
"""


def _write(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _values(result, concept: str) -> dict[str, tuple]:
    return {k: (f.value, f.unit, f.decimals) for k, f in _facts(result, concept).items()}


def test_hkd_note_in_cents_and_thousands_of_shares(tmp_path):
    result = tag(_write(tmp_path, HKD_CENTS, "hkd.zh-Hant.txt"))
    assert _values(result, PROFIT) == {
        Y23: (Decimal("86400000"), "HKD", -3),
        Y22: (Decimal("79100000"), "HKD", -3),
    }
    # 600,000 千股 = 600,000,000 shares; 86,400,000 / 600,000,000 = HK$0.1440 = 14.40 港仙
    assert _values(result, SHARES) == {
        Y23: (Decimal("600000000"), "shares", -3),
        Y22: (Decimal("600000000"), "shares", -3),
    }
    assert _values(result, BASIC) == {
        Y23: (Decimal("0.1440"), "HKD_per_share", 4),
        Y22: (Decimal("0.1318"), "HKD_per_share", 4),
    }
    dates = {f.concept.name: f.fact_value for f in result.entity_facts if f.format}
    assert dates == {
        "DateOfEndOfReportingPeriod2013": "2023-12-31",
        "DateOfAuthorisationForIssueOfFinancialStatements2013": "2024-03-20",
    }


def test_simplified_note_in_millions_of_shares_with_a_diluted_block(tmp_path):
    result = tag(_write(tmp_path, HANS_MILLIONS, "rmb.zh-Hans.txt"))
    assert _values(result, PROFIT) == {
        Y23: (Decimal("360000000"), "CNY", -3),
        Y22: (Decimal("288000000"), "CNY", -3),
    }
    # 1,200 百万股 = 1,200,000,000 shares: 360,000,000 / 1,200,000,000 = 0.30
    assert _values(result, SHARES) == {
        Y23: (Decimal("1200000000"), "shares", -6),
        Y22: (Decimal("1200000000"), "shares", -6),
    }
    assert _values(result, BASIC) == {
        Y23: (Decimal("0.30"), "CNY_per_share", 2),
        Y22: (Decimal("0.24"), "CNY_per_share", 2),
    }
    assert _values(result, DILUTED) == {
        Y23: (Decimal("0.29"), "CNY_per_share", 2),
        Y22: (Decimal("0.23"), "CNY_per_share", 2),
    }
    # under 摊薄: 360,000,000 / 1,240,000,000 = 0.2903 -> 0.29; 288,000,000 / 1,250,000,000
    # = 0.2304 -> 0.23
    assert _values(result, ADJUSTED) == {
        Y23: (Decimal("1240000000"), "shares", -6),
        Y22: (Decimal("1250000000"), "shares", -6),
    }
    dates = {f.concept.name: f.fact_value for f in result.entity_facts if f.format}
    assert dates["DateOfAuthorisationForIssueOfFinancialStatements2013"] == "2024-03-18"


def test_a_profit_that_is_not_the_statements_is_reported(tmp_path):
    # the note prints 86,000 where the statement's owners have 86,400: neither the profit
    # nor the shares it would prove are tagged; the EPS still agrees with the statement
    text = HKD_CENTS.replace(
        "本公司擁有人應佔溢利（千港元） 86,400", "本公司擁有人應佔溢利（千港元） 86,000"
    )
    result = tag(_write(tmp_path, text, "differs.zh-Hant.txt"))
    assert Y23 not in _values(result, PROFIT) and Y22 in _values(result, PROFIT)
    differs = [f for f in result.findings if f.code == "eps-input-differs"]
    assert [f.printed for f in differs] == ["86,000"]
    assert Y23 in _values(result, BASIC)
    # the shares of 2023 are still proven by the statements' profit: 86,400,000 / 600,000,000
    assert _values(result, SHARES)[Y23] == (Decimal("600000000"), "shares", -3)


def test_shares_that_do_not_give_the_eps_are_reported(tmp_path):
    text = HKD_CENTS.replace("（千股） 600,000 600,000", "（千股） 600,000 640,000")
    result = tag(_write(tmp_path, text, "shares.zh-Hant.txt"))
    assert Y22 not in _values(result, SHARES) and Y23 in _values(result, SHARES)
    differs = [f for f in result.findings if f.code == "eps-input-differs"]
    assert [f.printed for f in differs] == ["640,000"]


def test_a_cover_period_that_is_not_the_reports_is_not_tagged(tmp_path):
    text = HKD_CENTS.replace(
        "截至2023年12月31日止年度之全年業績公告", "截至2023年6月30日止年度之全年業績公告"
    )
    result = tag(_write(tmp_path, text, "cover.zh-Hant.txt"))
    names = {f.concept.name for f in result.entity_facts}
    assert "DateOfEndOfReportingPeriod2013" not in names


HANS_LOSS = """合并损益表
截至2023年12月31日止年度

2023年 2022年
附注 人民币千元 人民币千元

收入 520,000 480,000
销售成本 (610,000) (530,000)

毛损 (90,000) (50,000)
行政费用 (60,000) (50,000)

除所得税前亏损 (150,000) (100,000)
所得税抵免 – –

年度亏损 (150,000) (100,000)

归属于：
本公司所有者 (144,000) (96,000)
非控制性权益 (6,000) (4,000)

(150,000) (100,000)

每股基本亏损（人民币元） (0.36) (0.24)

财务报表附注

1 一般资料

本公司于开曼群岛注册成立，主要在中国内地从事软件开发业务。

7 每股亏损

每股基本亏损乃按本公司所有者应占亏损除以年内已发行普通股加权平均数计算：

截至12月31日止年度
2023年 2022年

本公司所有者应占亏损（人民币千元） 144,000 96,000
已发行普通股加权平均数（千股） 400,000 400,000
每股基本亏损（人民币元） 0.36 0.24

摊薄

截至12月31日止年度
2023年 2022年

本公司所有者应占亏损（人民币千元） 144,000 96,000
"""


def test_a_loss_printed_without_brackets_takes_the_sign_its_label_says(tmp_path):
    # the note prints the loss and the loss per share as positive amounts under 亏损 labels:
    # they are the statements' losses, -144,000 千元 and -0.36 (144,000,000 / 400,000,000)
    result = tag(_write(tmp_path, HANS_LOSS, "loss.zh-Hans.txt"))
    assert _values(result, PROFIT) == {
        Y23: (Decimal("-144000000"), "CNY", -3),
        Y22: (Decimal("-96000000"), "CNY", -3),
    }
    assert _values(result, BASIC) == {
        Y23: (Decimal("-0.36"), "CNY_per_share", 2),
        Y22: (Decimal("-0.24"), "CNY_per_share", 2),
    }
    assert _values(result, SHARES)[Y23] == (Decimal("400000000"), "shares", -3)
    # the profit under 摊薄 is the numerator after dilutive effects: another concept
    unclear = [f for f in result.findings if f.code == "eps-input-unclear"]
    assert sorted(f.printed for f in unclear) == ["144,000", "96,000"]
    assert len([f for f in result.facts if f.concept.qname == PROFIT]) == 2
