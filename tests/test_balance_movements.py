"""Movement tables of one balance (tagger.balance_movements): the example's note 12 (classes of
financial assets at fair value through profit or loss, each rolled forward over 2023 and 2022)
read by hand, and invented excerpts in other issuers' styles (HK$ and RMB, Traditional and
Simplified, 年初/年末, 添置, 處置, 贖回, 匯兌差額, the note's whole rolled forward), with tables
that do not roll forward, contradict the note's balances or that nothing confirms, which stay
untagged."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from tagger.pipeline import tag

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
Y23, Y22 = "d20230101-20231231", "d20220101-20221231"
I23, I22, I21 = "i20231231", "i20221231", "i20211231"
FVTPL = "ifrs-full:FinancialAssetsAtFairValueThroughProfitOrLoss"
GAINS = "ifrs-full:GainsLossesOnFinancialAssetsAtFairValueThroughProfitOrLoss"
PURCHASES = "ifrs-full:PurchasesFairValueMeasurementAssets"
SALES = "ifrs-full:SalesFairValueMeasurementAssets"
CHANGE = "ifrs-full:IncreaseDecreaseInFairValueMeasurementAssets"
EVIDENCE = "roll-forward of one balance"


def _facts(result) -> list:
    return [f for f in result.facts if f.evidence.startswith(EVIDENCE)]


def _values(result) -> dict[tuple[str, str], Decimal]:
    """(concept qname, period) -> value, each the same wherever printed."""
    out: dict[tuple[str, str], Decimal] = {}
    for f in _facts(result):
        assert not f.dims
        assert out.setdefault((f.concept.qname, f.period.key()), f.value) == f.value
    return out


def _anchors(result) -> dict[str, str]:
    return {f.concept.qname: f.concept.anchor for f in _facts(result) if f.concept.extension}


def _codes(result) -> Counter:
    return Counter(f.code for f in result.findings if f.code.startswith(("movement", "note-")))


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


DEBT, EQUITY, DEPOSITS = "ext:ZhaiWuTouZi", "ext:GuQuanTouZi", "ext:JieGouXingCunKuan"

# Read from note 12 (人民幣千元: decimals -3). (a) 債務投資: 於年度初 5,798,760 3,665,678 /
# 增加 472,857 2,802,090 / 出售 (5,627) (108,892) / 公允價值變動 (555,787) (750,966) /
# 貨幣換算差額 56,175 190,850 / 於年度末 5,766,378 5,798,760; (b) 股權投資: 於年度末
# 761,097 877,773, 出售 (43,455) (277,146); (c) 結構性存款 (理財產品變動): 於年度初 632,124
# 272,549, 出售 (5,016,856) (5,424,590), 公允價值變動 31,537 21,165. The opening of the 2022
# column is the 2021 year end; a disposal printed (5,627) is 5,627 on its (credit) concept.
EXAMPLE_FACTS = [
    (DEBT, I22, "5798760000"),
    (DEBT, I21, "3665678000"),
    (DEBT, I23, "5766378000"),
    (f"{DEBT}ZengJia", Y23, "472857000"),
    (f"{DEBT}ZengJia", Y22, "2802090000"),
    (f"{DEBT}ChuShou", Y23, "5627000"),
    (f"{DEBT}ChuShou", Y22, "108892000"),
    (f"{DEBT}GongYunJiaZhiBianDong", Y23, "-555787000"),
    (f"{DEBT}GongYunJiaZhiBianDong", Y22, "-750966000"),
    (f"{DEBT}HuoBiHuanSuanChaE", Y23, "56175000"),
    (f"{DEBT}HuoBiHuanSuanChaE", Y22, "190850000"),
    (EQUITY, I23, "761097000"),
    (EQUITY, I22, "877773000"),
    (f"{EQUITY}ChuShou", Y22, "277146000"),
    (f"{EQUITY}GongYunJiaZhiBianDong", Y23, "-200176000"),
    (DEPOSITS, I22, "632124000"),
    (DEPOSITS, I21, "272549000"),
    (DEPOSITS, I23, "521805000"),
    (f"{DEPOSITS}ChuShou", Y23, "5016856000"),
    (f"{DEPOSITS}ChuShou", Y22, "5424590000"),
    (f"{DEPOSITS}GongYunJiaZhiBianDong", Y23, "31537000"),
]


@pytest.mark.parametrize(("concept", "period", "value"), EXAMPLE_FACTS)
def test_example_roll_forward_facts_read_by_hand(example, concept, period, value):
    assert _values(example)[(concept, period)] == Decimal(value)


def test_example_every_amount_of_the_three_tables_and_the_gains_by_class_is_tagged(example):
    facts = _facts(example)
    # 3 tables of 6, 6 and 5 rows of 2 columns; the gains by class (12(d)): 3 rows of 2
    assert len(facts) == (6 + 6 + 5) * 2 + 3 * 2
    assert {f.unit for f in facts} == {"CNY"} and {f.decimals for f in facts} == {-3}
    lines = {f.cell.line for f in facts}
    assert not [f for f in example.findings if f.source and f.source.line in lines]


def test_example_classes_add_up_to_the_notes_total(example):
    """The closings at each year end add up to the note's total (7,049,280 / 7,308,657)."""
    values = _values(example)
    for instant, total in ((I23, "7049280000"), (I22, "7308657000")):
        assert sum(values[(c, instant)] for c in (DEBT, EQUITY, DEPOSITS)) == Decimal(total)


def test_example_gains_by_class_are_the_movements_printed_again(example):
    """12(d): 債務投資 (555,787) / 股權投資 (200,176) / 結構性存款 31,537 / (724,426): each
    class row the class's fair value change; the total stays the gains on financial assets
    at fair value through profit or loss that note 6 tags, negative (a loss) (the discussion's
    724.4 百萬元 restates it too)."""
    by_label = {
        (f.label, f.period.key()): f
        for f in _facts(example)
        if f.label in ("債務投資", "結構性存款")
    }
    assert by_label[("債務投資", Y23)].concept.qname == f"{DEBT}GongYunJiaZhiBianDong"
    assert by_label[("債務投資", Y23)].value == Decimal("-555787000")
    assert by_label[("結構性存款", Y22)].value == Decimal("21165000")
    totals = {
        f.value
        for f in example.facts
        if f.concept.qname == GAINS and f.period.key() == Y23 and f.decimals == -3
    }
    assert totals == {Decimal("-724426000")}


def test_example_own_concepts_are_anchored_to_the_closest_ifrs_concepts(example):
    anchors = _anchors(example)
    assert anchors[DEBT] == anchors[DEPOSITS] == FVTPL
    assert anchors[f"{DEBT}ZengJia"] == PURCHASES
    assert anchors[f"{EQUITY}ChuShou"] == SALES
    assert anchors[f"{DEBT}GongYunJiaZhiBianDong"] == GAINS
    assert anchors[f"{EQUITY}HuoBiHuanSuanChaE"] == CHANGE
    balances = {f.concept.period_type for f in _facts(example) if f.concept.qname == DEBT}
    assert balances == {"instant"}


INCOME = """綜合收益表
截至2023年12月31日止年度

2023年 2022年
附註 千港元 千港元

收入 512,400 468,900

銷售成本 (301,200) (280,100)

毛利 211,200 188,800

財務報表附註

1 一般資料

本公司於香港註冊成立，主要從事物流業務。除另有說明者外，財務資料以千港元呈列。

"""

# HK$'000; two classes, each printed on a row of the note's balances (nothing else tagged
# confirms them); 年初/年末, 添置, 處置, 贖回, 公平值變動/收益, 匯兌差額.
HK_NOTE = """9 按公平值計入損益的金融資產

於12月31日

2023年 2022年

千港元 千港元

非上市股本證券 9,800 9,000

理財產品 1,200 1,000

11,000 10,000

(a) 非上市股本證券

非上市股本證券的變動如下：

截至12月31日止年度

2023年 2022年

千港元 千港元

年初 9,000 8,000

添置 1,500 1,200

處置 (300) –

公平值變動 (450) (250)

匯兌差額 50 50

年末 9,800 9,000

(b) 理財產品

截至12月31日止年度

2023年 2022年

千港元 千港元

年初 1,000 600

添置 3,000 2,400

贖回 (2,830) (2,020)

公平值收益 30 20

年末 1,200 1,000
"""


def _tag_text(tmp_path, text: str, name: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path)


def test_hong_kong_dollars_classes_confirmed_by_the_notes_rows(tmp_path):
    result = _tag_text(tmp_path, INCOME + HK_NOTE, "hk")
    shares, products = "ext:FeiShangShiGuBenZhengQuan", "ext:LiCaiChanPin"
    assert _values(result) == {
        (shares, I22): Decimal("9000000"),
        (shares, I21): Decimal("8000000"),
        (f"{shares}TianZhi", Y23): Decimal("1500000"),
        (f"{shares}TianZhi", Y22): Decimal("1200000"),
        (f"{shares}ChuZhi", Y23): Decimal("300000"),
        (f"{shares}ChuZhi", Y22): Decimal("0"),
        (f"{shares}GongPingZhiBianDong", Y23): Decimal("-450000"),
        (f"{shares}GongPingZhiBianDong", Y22): Decimal("-250000"),
        (f"{shares}HuiDuiChaE", Y23): Decimal("50000"),
        (f"{shares}HuiDuiChaE", Y22): Decimal("50000"),
        (shares, I23): Decimal("9800000"),
        (products, I22): Decimal("1000000"),
        (products, I21): Decimal("600000"),
        (f"{products}TianZhi", Y23): Decimal("3000000"),
        (f"{products}TianZhi", Y22): Decimal("2400000"),
        (f"{products}ShuHui", Y23): Decimal("2830000"),
        (f"{products}ShuHui", Y22): Decimal("2020000"),
        (f"{products}GongPingZhiShouYi", Y23): Decimal("30000"),
        (f"{products}GongPingZhiShouYi", Y22): Decimal("20000"),
        (products, I23): Decimal("1200000"),
    }
    assert {f.unit for f in _facts(result)} == {"HKD"}
    assert _anchors(result)[f"{products}ShuHui"] == SALES
    assert _codes(result) == Counter()


HANS_FINANCIAL_POSITION = """合并利润表
截至2023年12月31日止年度

2023年 2022年
附注 人民币千元 人民币千元

收入 880,000 790,000

销售成本 (520,000) (470,000)

毛利 360,000 320,000

合并财务状况表
于2023年12月31日

2023年 2022年
附注 人民币千元 人民币千元

非流动资产

物业、厂房及设备 40,000 42,000

以公允价值计量且其变动计入当期损益的金融资产 9 2,600 2,000

42,600 44,000

流动资产

现金及现金等价物 20,000 18,000

资产总额 62,600 62,000

财务报表附注

1 一般资料

本公司于开曼群岛注册成立，主要在中国内地从事数据服务业务。

"""

# Simplified, RMB'000: the note's whole rolled forward (its lead-in names the note's balance),
# confirmed by the statement's one line of it.
HANS_NOTE = """9 以公允价值计量且其变动计入当期损益的金融资产

以公允价值计量且其变动计入当期损益的金融资产的变动如下：

截至12月31日止年度

2023年 2022年

人民币千元 人民币千元

年初 2,000 1,500

添置 900 700

处置 (150) (100)

公允价值变动 (180) (120)

汇兑差额 30 20

年末 2,600 2,000
"""


def test_simplified_the_whole_rolled_forward_takes_the_ifrs_concepts(tmp_path):
    result = _tag_text(tmp_path, HANS_FINANCIAL_POSITION + HANS_NOTE, "hans")
    values = _values(result)
    assert values[(FVTPL, I21)] == Decimal("1500000")
    assert values[(FVTPL, I22)] == Decimal("2000000")
    assert values[(FVTPL, I23)] == Decimal("2600000")
    # the whole's fair value change is its gains and losses, a loss negative
    assert values[(GAINS, Y23)] == Decimal("-180000")
    assert values[(GAINS, Y22)] == Decimal("-120000")
    own = {c: v for c, v in _anchors(result).items()}
    assert sorted(own.values()) == [CHANGE, PURCHASES, SALES]
    disposals = next(c for c, a in own.items() if a == SALES)
    assert values[(disposals, Y23)] == Decimal("150000")
    assert len(_facts(result)) == 12 and _codes(result) == Counter()


def test_a_table_that_does_not_roll_forward_is_reported_untagged(tmp_path):
    # 添置 1,600 in 2023: 9,000 + 1,600 - 300 - 450 + 50 is not 9,800
    broken = HK_NOTE.replace("添置 1,500 1,200", "添置 1,600 1,200")
    result = _tag_text(tmp_path, INCOME + broken, "broken")
    assert _facts(result) == []
    # every amount of the note's two roll-forwards (6 + 5 rows of 2)
    assert _codes(result) == Counter({"movement-does-not-add-up": 22})
    messages = {f.message for f in result.findings if f.code == "movement-does-not-add-up"}
    assert messages == {"opening plus movements is not the closing"}


def test_a_year_that_opens_with_another_amount_than_the_last_closed_is_reported(tmp_path):
    # 2022 closes at 1,000 but 2023 opens at 1,100 (and rolls forward to 1,300, which the
    # note's balances print)
    broken = (
        HK_NOTE.replace("年初 1,000 600", "年初 1,100 600")
        .replace("年末 1,200 1,000", "年末 1,300 1,000")
        .replace("理財產品 1,200 1,000", "理財產品 1,300 1,000")
        .replace("11,000 10,000", "11,100 10,000")
    )
    result = _tag_text(tmp_path, INCOME + broken, "gap")
    assert _facts(result) == []
    assert _codes(result) == Counter({"movement-does-not-add-up": 22})
    messages = {f.message for f in result.findings if f.code == "movement-does-not-add-up"}
    assert messages == {"a year opens with another amount than the last closed"}


def test_a_closing_balance_the_note_prints_otherwise_is_reported(tmp_path):
    # the balances print 理財產品 1,250 at 2023's end; its roll-forward closes at 1,200
    broken = HK_NOTE.replace("理財產品 1,200 1,000", "理財產品 1,250 1,000").replace(
        "11,000 10,000", "11,050 10,000"
    )
    result = _tag_text(tmp_path, INCOME + broken, "contradicts")
    assert _facts(result) == []
    assert _codes(result) == Counter({"movement-does-not-add-up": 22})
    messages = {f.message for f in result.findings if f.code == "movement-does-not-add-up"}
    assert messages == {"the closing balance is not the amount the note prints for 理財產品"}


def test_classes_nothing_confirms_are_left_to_coverage(tmp_path):
    """No balance of the note prints the classes and nothing tagged totals them: the tables
    roll forward, but which balance they are is unproven: untagged, not a warning."""
    alone = HK_NOTE.split("(a) 非上市股本證券", 1)[1]
    result = _tag_text(
        tmp_path, INCOME + "9 按公平值計入損益的金融資產\n\n(a) 非上市股本證券" + alone, "alone"
    )
    assert _facts(result) == []
    assert _codes(result) == Counter()
    assert any(f.code == "untagged-note-table" for f in result.findings)


def test_invented_roll_forwards_are_arelle_clean(tmp_path):
    from tagger.report import write_report
    from tagger.validation import validate_report

    for name, text in (("hk", INCOME + HK_NOTE), ("hans", HANS_FINANCIAL_POSITION + HANS_NOTE)):
        result = _tag_text(tmp_path, text, name)
        assert len(_facts(result)) >= 12
        written = write_report(result, tmp_path / name)
        summary = validate_report(written.package)
        assert summary.clean, summary.one_line()


def test_example_in_simplified_chinese_gives_the_same_roll_forward_facts(example, tmp_path):
    import opencc

    path = tmp_path / "example-hans.txt"
    path.write_text(opencc.OpenCC("t2s").convert(EXAMPLE.read_text(encoding="utf-8")), "utf-8")
    assert _values(tag(path)) == _values(example)


def test_a_row_of_unknown_meaning_is_reported_and_the_others_tagged(tmp_path):
    """轉撥 names no movement of the balance: it still counts in the roll-forward (the
    printed figures hold), but is left untagged; the other rows are tagged."""
    text = HK_NOTE.replace("匯兌差額 50 50", "轉撥 50 50")
    result = _tag_text(tmp_path, INCOME + text, "transfer")
    assert _codes(result) == Counter({"note-row-unclear": 2})
    values = _values(result)
    assert values[("ext:FeiShangShiGuBenZhengQuan", I23)] == Decimal("9800000")
    assert not [c for c, _ in values if c.endswith("HuiDuiChaE")]
    assert len(_facts(result)) == (6 + 5) * 2 - 2


def test_an_addition_printed_as_a_deduction_is_reported(tmp_path):
    """添置 (100) that the roll-forward takes off: an addition cannot be negative, so the
    row's amount is in doubt and left untagged; the rest of the table holds."""
    text = HK_NOTE.replace("添置 3,000 2,400", "添置 (100) 2,400").replace(
        "贖回 (2,830) (2,020)", "贖回 270 (2,020)"
    )
    result = _tag_text(tmp_path, INCOME + text, "sign")
    assert _codes(result) == Counter({"note-sign-unclear": 2})
    values = _values(result)
    assert ("ext:LiCaiChanPinTianZhi", Y23) not in values
    assert ("ext:LiCaiChanPinShuHui", Y23) not in values  # a disposal printed as an addition
    assert values[("ext:LiCaiChanPinTianZhi", Y22)] == Decimal("2400000")
