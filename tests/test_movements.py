"""Movement tables (tagger.movements): the example's note 10 (property, plant and equipment)
read by hand, and invented excerpts in the styles issuers print them (Traditional and
Simplified, a class header wrapped over lines, accumulated depreciation in brackets or
printed positive and taken off), with tables whose figures do not prove out, whose header
cannot be read or whose rows are in doubt, which go to review untagged."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import opencc
import pytest

from tagger.model import SourceLine
from tagger.movement_header import class_names
from tagger.pipeline import tag

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
Y23, Y22 = "d20230101-20231231", "d20220101-20221231"
I23, I22, I21 = "i20231231", "i20221231", "i20211231"
PPE = "PropertyPlantAndEquipment"
ADD = "AdditionsOtherThanThroughBusinessCombinationsPropertyPlantAndEquipment"
DISPOSE = "DisposalsPropertyPlantAndEquipment"
DEPRECIATE = "DepreciationPropertyPlantAndEquipment"
TRANSFER = "IncreaseDecreaseThroughTransfersPropertyPlantAndEquipment"
EXCHANGE = "IncreaseDecreaseThroughNetExchangeDifferencesPropertyPlantAndEquipment"
CLASS = "ifrs-full:ClassesOfPropertyPlantAndEquipmentAxis"
INTANGIBLE_CLASS = "ifrs-full:ClassesOfIntangibleAssetsOtherThanGoodwillAxis"
AMOUNT = (
    "ifrs-full:CarryingAmountAccumulatedDepreciationAmortisationAndImpairment"
    "AndGrossCarryingAmountAxis"
)
COST = "ifrs-full:GrossCarryingAmountMember"
ACCUMULATED = "ifrs-full:AccumulatedDepreciationAmortisationAndImpairmentMember"
BUILDINGS = "ifrs-full:BuildingsMember"
LEASEHOLD = "ifrs-full:LeaseholdImprovementsMember"
LARGE = "ext:DaXingDianZiSheBeiMember"  # 大型電子設備: no IFRS class means it
COMPUTERS = "ifrs-full:ComputerEquipmentMember"
CIP = "ifrs-full:ConstructionInProgressMember"

# Read from the announcement's note 10 (人民幣千元, so decimals -3): concept, class member
# (None: the 總計 column), member on the carrying-amount axis (None: the carrying amount),
# period, value in full units with the concept's sign. 於2023年1月1日 is the 2022-12-31
# instant; the 2022 block's header prints 算機及 for 計算機及 and is read as the 2023 one's.
EXAMPLE_PPE = [
    # 於2023年1月1日 (and 於2022年12月31日 in the 2022 block)
    (PPE, BUILDINGS, COST, I22, "4561346000"),
    (PPE, None, COST, I22, "8726312000"),
    (PPE, BUILDINGS, ACCUMULATED, I22, "-146898000"),
    (PPE, CIP, ACCUMULATED, I22, "0"),
    (PPE, None, ACCUMULATED, I22, "-1727302000"),
    (PPE, LARGE, None, I22, "1772531000"),
    (PPE, None, None, I22, "6999010000"),
    # 截至2023年12月31日止年度
    (ADD, BUILDINGS, None, Y23, "119000"),
    (ADD, LARGE, None, Y23, "1042455000"),
    (ADD, None, None, Y23, "1298816000"),
    (TRANSFER, LEASEHOLD, None, Y23, "174319000"),
    (TRANSFER, CIP, None, Y23, "-418367000"),
    (TRANSFER, None, None, Y23, "0"),
    (DISPOSE, COMPUTERS, None, Y23, "6671000"),
    (DISPOSE, BUILDINGS, None, Y23, "0"),
    (DISPOSE, None, None, Y23, "16974000"),
    (DEPRECIATE, BUILDINGS, None, Y23, "130252000"),
    (DEPRECIATE, None, None, Y23, "900163000"),
    (EXCHANGE, BUILDINGS, None, Y23, "-775000"),
    (EXCHANGE, LEASEHOLD, None, Y23, "98000"),
    (EXCHANGE, CIP, None, Y23, "25000"),
    (EXCHANGE, None, None, Y23, "-1982000"),
    # 於2023年12月31日
    (PPE, None, COST, I23, "9967711000"),
    (PPE, LEASEHOLD, COST, I23, "412066000"),
    (PPE, COMPUTERS, ACCUMULATED, I23, "-477220000"),
    (PPE, BUILDINGS, None, I23, "4290065000"),
    (PPE, CIP, None, I23, "126667000"),
    (PPE, None, None, I23, "7378707000"),
    # 於2022年1月1日
    (PPE, BUILDINGS, COST, I21, "974306000"),
    (PPE, None, COST, I21, "4005252000"),
    (PPE, None, ACCUMULATED, I21, "-1095989000"),
    (PPE, CIP, None, I21, "805856000"),
    (PPE, None, None, I21, "2909263000"),
    # 截至2022年12月31日止年度
    (ADD, BUILDINGS, None, Y22, "3267334000"),
    (ADD, None, None, Y22, "4741164000"),
    (TRANSFER, BUILDINGS, None, Y22, "321781000"),
    (TRANSFER, CIP, None, Y22, "-655117000"),
    (DISPOSE, CIP, None, Y22, "1358000"),
    (DISPOSE, None, None, Y22, "5904000"),
    (DEPRECIATE, COMPUTERS, None, Y22, "120129000"),
    (DEPRECIATE, None, None, Y22, "644891000"),
    (EXCHANGE, LEASEHOLD, None, Y22, "820000"),
    (EXCHANGE, CIP, None, Y22, "-62000"),
    (EXCHANGE, None, None, Y22, "-622000"),
]


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


def _movement_facts(result):
    return [f for f in result.facts if f.evidence.startswith("movement table")]


def _dims(class_member, amount_member, class_axis=CLASS) -> dict[str, str]:
    dims = {class_axis: class_member} if class_member else {}
    return dims | ({AMOUNT: amount_member} if amount_member else {})


def _values(result, class_axis=CLASS) -> dict[tuple, Decimal]:
    """(concept, class member, carrying-amount member, period) -> value of every movement
    fact (one value each: the same amount printed twice is one fact twice)."""
    out: dict[tuple, Decimal] = {}
    for f in _movement_facts(result):
        dims = dict(f.dims)
        key = (f.concept.name, dims.get(class_axis), dims.get(AMOUNT), f.period.key())
        assert out.setdefault(key, f.value) == f.value, key
    return out


@pytest.mark.parametrize(("concept", "member", "amount", "period", "value"), EXAMPLE_PPE)
def test_example_movement_facts_read_by_hand(example, concept, member, amount, period, value):
    found = [
        f
        for f in _movement_facts(example)
        if f.concept.name == concept
        and f.period.key() == period
        and dict(f.dims) == _dims(member, amount)
    ]
    assert found, (concept, member, amount, period)
    assert {f.value for f in found} == {Decimal(value)}
    assert {(f.unit, f.decimals) for f in found} == {("CNY", -3)}


def test_example_every_amount_of_note_10_is_tagged_and_proves_out(example):
    facts = _movement_facts(example)
    assert len(facts) == 234  # 2 tables of 13 rows of 9 columns
    assert not [f for f in example.findings if f.code.startswith("movement")]
    values = _values(example)
    # cost + accumulated depreciation = carrying amount, in every class and the total
    for key, carrying in values.items():
        concept, member, amount, period = key
        if concept == PPE and amount == COST:
            assert (
                carrying + values[(PPE, member, ACCUMULATED, period)]
                == values[(PPE, member, None, period)]
            )
    # opening + movements = closing
    for year, opening, closing in ((Y23, I22, I23), (Y22, I21, I22)):
        members = {k[1] for k in values if k[3] == year}
        for member in members:
            moved = values[(ADD, member, None, year)] + values[(TRANSFER, member, None, year)]
            moved += values[(EXCHANGE, member, None, year)]
            moved -= (
                values[(DISPOSE, member, None, year)] + values[(DEPRECIATE, member, None, year)]
            )
            assert (
                values[(PPE, member, None, opening)] + moved == values[(PPE, member, None, closing)]
            )
    # the total carrying amount is the statement's own, a consistent duplicate
    stated = [
        f for f in example.facts if f.concept.name == PPE and f.statement == "financial_position"
    ]
    assert {(f.period.key(), f.value) for f in stated} <= {
        (k[3], v) for k, v in values.items() if k[:3] == (PPE, None, None)
    }


def test_example_classes_are_named_once_in_the_extension(example):
    own = [m for m in example.members if m.axis == CLASS]
    assert [(m.name, m.label) for m in own] == [("DaXingDianZiSheBeiMember", "大型電子設備")]


def test_example_in_simplified_chinese_gives_the_same_movement_facts(example, tmp_path):
    path = tmp_path / "example-hans.txt"
    path.write_text(opencc.OpenCC("t2s").convert(EXAMPLE.read_text(encoding="utf-8")), "utf-8")
    assert _values(tag(path)) == _values(example)


def _line(number: int, text: str) -> SourceLine:
    return SourceLine(number=number, text=text)


@pytest.mark.parametrize(
    ("printed", "width", "names"),
    [
        # a name wrapped over two lines, blank lines between the names
        (
            ["樓宇及", "設施 (a) 物業裝修", "", "大型電子", "設備", "", "在建工程 總計"],
            5,
            ["樓宇及設施", "物業裝修", "大型電子設備", "在建工程", "總計"],
        ),
        # no blank lines (a PDF's lines): only 及 runs on, and every name must be known
        (
            ["樓宇及", "設施 物業裝修", "在建工程 總計"],
            4,
            ["樓宇及設施", "物業裝修", "在建工程", "總計"],
        ),
        # 大型電子 / 設備 with no blank line apart: two names or one cannot be told
        (["樓宇及", "設施 大型電子", "設備", "在建工程 總計"], 4, None),
        # more names than columns
        (["樓宇 汽車 其他 總計"], 3, None),
    ],
)
def test_class_header_rebuilt_from_fragments_or_not_at_all(printed, width, names):
    lines = [_line(n, t) for n, t in enumerate(["8 物業、廠房及設備", *printed], start=1)]
    lines.append(_line(len(lines) + 1, " ".join(["人民幣千元"] * width)))
    known = {"樓宇及設施", "物業裝修", "在建工程", "總計", "樓宇", "汽車"}
    header = class_names(lines, width, known.__contains__)
    assert (list(header.names) if header else None) == names


INCOME = """綜合損益表
截至2023年12月31日止年度

2023年 2022年
附註 千港元 千港元

收入 3 512,400 468,900
銷售成本 (301,200) (280,100)

毛利 211,200 188,800

財務報表附註

1 一般資料

本公司於香港註冊成立，主要從事物流業務。除另有說明者外，財務資料以千港元呈列。

"""

# Two classes and the total; HK$'000.
HK_PPE = """8 物業、廠房及設備

樓宇 汽車 總計
千港元 千港元 千港元

於2023年1月1日
成本 1,200 300 1,500
累計折舊 (200) (100) (300)

賬面淨值 1,000 200 1,200

截至2023年12月31日止年度
期初賬面淨值 1,000 200 1,200
添置 150 60 210
出售 – (20) (20)
折舊 (50) (40) (90)
期末賬面淨值 1,100 200 1,300

於2023年12月31日
成本 1,350 320 1,670
累計折舊 (250) (120) (370)
賬面淨值 1,100 200 1,300
"""


def _tag_text(tmp_path, text: str, name: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path)


def test_two_classes_and_a_total_in_hong_kong_dollars(tmp_path):
    result = _tag_text(tmp_path, INCOME + HK_PPE, "hk")
    vehicles = "ifrs-full:MotorVehiclesMember"
    assert _values(result) == {
        (PPE, BUILDINGS, COST, I22): Decimal("1200000"),
        (PPE, vehicles, COST, I22): Decimal("300000"),
        (PPE, None, COST, I22): Decimal("1500000"),
        (PPE, BUILDINGS, ACCUMULATED, I22): Decimal("-200000"),
        (PPE, vehicles, ACCUMULATED, I22): Decimal("-100000"),
        (PPE, None, ACCUMULATED, I22): Decimal("-300000"),
        (PPE, BUILDINGS, None, I22): Decimal("1000000"),
        (PPE, vehicles, None, I22): Decimal("200000"),
        (PPE, None, None, I22): Decimal("1200000"),
        (ADD, BUILDINGS, None, Y23): Decimal("150000"),
        (ADD, vehicles, None, Y23): Decimal("60000"),
        (ADD, None, None, Y23): Decimal("210000"),
        (DISPOSE, BUILDINGS, None, Y23): Decimal("0"),
        (DISPOSE, vehicles, None, Y23): Decimal("20000"),
        (DISPOSE, None, None, Y23): Decimal("20000"),
        (DEPRECIATE, BUILDINGS, None, Y23): Decimal("50000"),
        (DEPRECIATE, vehicles, None, Y23): Decimal("40000"),
        (DEPRECIATE, None, None, Y23): Decimal("90000"),
        (PPE, BUILDINGS, None, I23): Decimal("1100000"),
        (PPE, vehicles, None, I23): Decimal("200000"),
        (PPE, None, None, I23): Decimal("1300000"),
        (PPE, BUILDINGS, COST, I23): Decimal("1350000"),
        (PPE, vehicles, COST, I23): Decimal("320000"),
        (PPE, None, COST, I23): Decimal("1670000"),
        (PPE, BUILDINGS, ACCUMULATED, I23): Decimal("-250000"),
        (PPE, vehicles, ACCUMULATED, I23): Decimal("-120000"),
        (PPE, None, ACCUMULATED, I23): Decimal("-370000"),
    }
    assert {f.unit for f in _movement_facts(result)} == {"HKD"}
    assert not [f for f in result.findings if f.code.startswith(("movement", "note-row"))]


HANS_INCOME = """合并利润表
截至2023年12月31日止年度

2023年 2022年
附注 人民币千元 人民币千元

收入 880,000 790,000
销售成本 (520,000) (470,000)

毛利 360,000 320,000

财务报表附注

1 一般资料

本公司于开曼群岛注册成立，主要在中国内地从事数据服务业务。

"""

# A class header wrapped over lines; a class of the entity's own; transfers out of
# construction in progress; exchange differences either way.
HANS_PPE = """10 物业、厂房及设备

机器

数据中心
设施

在建工程 合计

人民币千元 人民币千元 人民币千元 人民币千元

于2023年1月1日
成本 800 500 90 1,390
累计折旧 (300) (100) – (400)
账面净值 500 400 90 990

截至2023年12月31日止年度
期初账面净值 500 400 90 990
增加 40 – 110 150
转拨 60 80 (140) –
汇兑差额 (5) 3 – (2)
折旧费用 (70) (45) – (115)
期末账面净值 525 438 60 1,023

于2023年12月31日
成本 895 583 60 1,538
累计折旧 (370) (145) – (515)
账面净值 525 438 60 1,023
"""


def test_simplified_wrapped_header_with_a_class_of_the_entitys_own(tmp_path):
    result = _tag_text(tmp_path, HANS_INCOME + HANS_PPE, "hans")
    machines, own = "ifrs-full:MachineryMember", "ext:ShuJuZhongXinSheShiMember"
    values = _values(result)
    assert len(values) == 4 * 10  # 13 rows; 期初 and 期末 print balances printed above
    assert values[(TRANSFER, machines, None, Y23)] == Decimal("60000")
    assert values[(TRANSFER, own, None, Y23)] == Decimal("80000")
    assert values[(TRANSFER, CIP, None, Y23)] == Decimal("-140000")
    assert values[(TRANSFER, None, None, Y23)] == Decimal("0")
    assert values[(EXCHANGE, machines, None, Y23)] == Decimal("-5000")
    assert values[(EXCHANGE, own, None, Y23)] == Decimal("3000")
    assert values[(DEPRECIATE, None, None, Y23)] == Decimal("115000")
    assert values[(ADD, own, None, Y23)] == Decimal("0")
    assert values[(PPE, own, ACCUMULATED, I22)] == Decimal("-100000")
    assert values[(PPE, None, None, I23)] == Decimal("1023000")
    assert [(m.name, m.label) for m in result.members if m.axis == CLASS] == [
        ("ShuJuZhongXinSheShiMember", "数据中心设施")
    ]


def _codes(result) -> Counter:
    return Counter(f.code for f in result.findings if f.code.startswith(("movement", "note-")))


def test_figures_that_do_not_roll_forward_are_left_untagged_and_reported(tmp_path):
    # 汽車's additions 70 (and the total 220): the year's movements no longer end in the
    # closing carrying amounts printed.
    broken = HK_PPE.replace("添置 150 60 210", "添置 150 70 220")
    result = _tag_text(tmp_path, INCOME + broken, "broken")
    assert _movement_facts(result) == []
    assert _codes(result) == Counter({"movement-does-not-add-up": 11 * 3})
    reported = {f.message for f in result.findings if f.code == "movement-does-not-add-up"}
    assert reported == {"opening plus movements is not the closing carrying amount"}


def test_a_total_that_is_not_the_sum_of_its_classes_is_left_untagged(tmp_path):
    broken = HK_PPE.replace("成本 1,350 320 1,670", "成本 1,350 320 1,760")
    result = _tag_text(tmp_path, INCOME + broken, "total")
    assert _movement_facts(result) == []
    assert _codes(result) == Counter({"movement-does-not-add-up": 11 * 3})


def test_a_header_that_cannot_be_read_as_one_name_per_column_is_reported(tmp_path):
    unread = HK_PPE.replace("樓宇 汽車 總計", "樓宇\n汽車 其他\n總計")
    result = _tag_text(tmp_path, INCOME + unread, "header")
    assert _movement_facts(result) == []
    assert _codes(result) == Counter({"movement-columns-unclear": 11 * 3})


def test_a_row_of_unknown_meaning_goes_to_review_and_the_others_are_tagged(tmp_path):
    reclassified = (
        HK_PPE.replace(
            "折舊 (50) (40) (90)\n", "折舊 (50) (40) (90)\n重新分類至投資物業 (100) – (100)\n"
        )
        .replace("期末賬面淨值 1,100 200 1,300", "期末賬面淨值 1,000 200 1,200")
        .replace("成本 1,350 320 1,670", "成本 1,250 320 1,570")
        .replace("賬面淨值 1,100 200 1,300", "賬面淨值 1,000 200 1,200")
    )
    result = _tag_text(tmp_path, INCOME + reclassified, "unknown")
    assert _codes(result) == Counter({"note-row-unclear": 3})
    unclear = {f.printed for f in result.findings if f.code == "note-row-unclear"}
    assert unclear == {"(100)", "–"}
    values = _values(result)
    assert values[(PPE, BUILDINGS, None, I23)] == Decimal("1000000")
    assert len(values) == 3 * 9


# Intangible assets: accumulated amortisation printed positive and taken off the cost.
INTANGIBLES = """12 無形資產

軟件 專利權 總計
千港元 千港元 千港元

於2023年1月1日
成本 400 250 650
累計攤銷 100 50 150
賬面淨值 300 200 500

截至2023年12月31日止年度
期初賬面淨值 300 200 500
添置 80 – 80
攤銷 (60) (25) (85)
期末賬面淨值 320 175 495

於2023年12月31日
成本 480 250 730
累計攤銷 160 75 235
賬面淨值 320 175 495
"""


def test_intangible_assets_with_accumulated_amortisation_printed_positive(tmp_path):
    result = _tag_text(tmp_path, INCOME + INTANGIBLES, "intangibles")
    software = "ifrs-full:ComputerSoftwareMember"
    patents = (
        "ifrs-full:CopyrightsPatentsAndOtherIndustrialPropertyRightsServiceAndOperatingRightsMember"
    )
    values = _values(result, INTANGIBLE_CLASS)
    asset = "IntangibleAssetsOtherThanGoodwill"
    assert values[(asset, software, ACCUMULATED, I22)] == Decimal("-100000")
    assert values[(asset, None, ACCUMULATED, I23)] == Decimal("-235000")
    assert values[(asset, patents, COST, I23)] == Decimal("250000")
    assert values[("AmortisationIntangibleAssetsOtherThanGoodwill", software, None, Y23)] == (
        Decimal("60000")
    )
    assert values[
        (
            "AdditionsOtherThanThroughBusinessCombinationsIntangibleAssetsOtherThanGoodwill",
            None,
            None,
            Y23,
        )
    ] == Decimal("80000")
    assert values[(asset, None, None, I23)] == Decimal("495000")
    assert len(values) == 3 * 8


def test_goodwill_beside_the_intangible_assets_is_no_class_of_theirs(tmp_path):
    with_goodwill = INTANGIBLES.replace("軟件 專利權 總計", "軟件 商譽 總計")
    result = _tag_text(tmp_path, INCOME + with_goodwill, "goodwill")
    assert _movement_facts(result) == []
    assert _codes(result) == Counter({"movement-columns-unclear": 10 * 3})


# The cost and the accumulated depreciation each rolled forward by date rows: a layout not
# read here, left to coverage as any note table.
COST_FIRST = """8 物業、廠房及設備

樓宇 汽車 總計
千港元 千港元 千港元

成本
於2023年1月1日 1,200 300 1,500
添置 150 60 210
於2023年12月31日 1,350 360 1,710

累計折舊
於2023年1月1日 200 100 300
年內折舊 50 40 90
於2023年12月31日 250 140 390
"""


def test_balances_by_date_rows_are_left_to_coverage(tmp_path):
    result = _tag_text(tmp_path, INCOME + COST_FIRST, "cost-first")
    assert _movement_facts(result) == []
    assert _codes(result) == Counter()
    untagged = [f for f in result.findings if f.code == "untagged-note-table"]
    assert len(untagged) == 6 * 3


def test_the_report_prints_one_class_name_over_each_column(example):
    """The wrapped fragments (樓宇及 / 設施 (a) …) become one heading per amount column, as
    printed (the 2022 block's 算機及 too), and the balance dates stand above their rows."""
    from lxml import etree

    page = next(d for n, d in example.package.files.items() if n.endswith(".xhtml"))
    root = etree.fromstring(page)
    xhtml = "{http://www.w3.org/1999/xhtml}"
    headers = [
        [th.text for th in tr.iter(f"{xhtml}th")]
        for tr in root.iter(f"{xhtml}tr")
        if any(th.text == "大型電子設備" for th in tr.iter(f"{xhtml}th"))
    ]
    classes = ["物業裝修", "大型電子設備"]
    assert [h[1:4] for h in headers] == [["樓宇及設施(a)", *classes]] * 2
    assert [h[4] for h in headers] == ["計算機及相關設備", "算機及相關設備"]
    assert all(h[-1] == "總計" and len(h) == 10 for h in headers)
    labels = [
        "".join(td.itertext()) for td in root.iter(f"{xhtml}td") if td.get("class") == "label"
    ]
    assert "於2023年1月1日成本" in labels and "於2022年12月31日成本" in labels
    shown = "".join(p.text or "" for p in root.iter(f"{xhtml}p"))
    assert "大型電子設備" not in shown  # no longer a paragraph above the table


def test_accumulated_depreciation_and_impairment_printed_apart_take_their_own_members(tmp_path):
    apart = HK_PPE.replace(
        "累計折舊 (200) (100) (300)\n", "累計折舊 (150) (100) (250)\n累計減值 (50) – (50)\n"
    )
    result = _tag_text(tmp_path, INCOME + apart, "apart")
    values = _values(result)
    depreciation = "ifrs-full:AccumulatedDepreciationAndAmortisationMember"
    impairment = "ifrs-full:AccumulatedImpairmentMember"
    assert values[(PPE, BUILDINGS, depreciation, I22)] == Decimal("-150000")
    assert values[(PPE, BUILDINGS, impairment, I22)] == Decimal("-50000")
    assert values[(PPE, None, impairment, I22)] == Decimal("-50000")
    assert (PPE, BUILDINGS, ACCUMULATED, I22) not in values
    assert values[(PPE, BUILDINGS, ACCUMULATED, I23)] == Decimal("-250000")  # the only one


def test_invented_movement_tables_are_arelle_clean(tmp_path):
    """Classes of both axes, IFRS and the entity's own members, HK$ and RMB: no error,
    inconsistency or warning (the notes' hypercube holds the class and carrying-amount axes)."""
    from tagger.report import write_report
    from tagger.validation import validate_report

    for name, text in (
        ("hk", INCOME + HK_PPE + "\n" + INTANGIBLES),
        ("hans", HANS_INCOME + HANS_PPE),
    ):
        result = _tag_text(tmp_path, text, name)
        assert len(_movement_facts(result)) >= 30
        written = write_report(result, tmp_path / name)
        summary = validate_report(written.package)
        assert summary.clean, summary.one_line()  # clean: not even a warning


# Dated carrying amounts and no year printed: the movements run between the two dates.
DATED = """8 物業、廠房及設備

樓宇 汽車 總計
千港元 千港元 千港元

於2023年1月1日的賬面淨值 1,000 200 1,200
添置 150 60 210
折舊 (50) (40) (90)
於2023年12月31日的賬面淨值 1,100 220 1,320
"""


def test_dated_carrying_amounts_give_the_movements_their_year(tmp_path):
    result = _tag_text(tmp_path, INCOME + DATED, "dated")
    vehicles = "ifrs-full:MotorVehiclesMember"
    assert _values(result) == {
        (PPE, BUILDINGS, None, I22): Decimal("1000000"),
        (PPE, vehicles, None, I22): Decimal("200000"),
        (PPE, None, None, I22): Decimal("1200000"),
        (ADD, BUILDINGS, None, Y23): Decimal("150000"),
        (ADD, vehicles, None, Y23): Decimal("60000"),
        (ADD, None, None, Y23): Decimal("210000"),
        (DEPRECIATE, BUILDINGS, None, Y23): Decimal("50000"),
        (DEPRECIATE, vehicles, None, Y23): Decimal("40000"),
        (DEPRECIATE, None, None, Y23): Decimal("90000"),
        (PPE, BUILDINGS, None, I23): Decimal("1100000"),
        (PPE, vehicles, None, I23): Decimal("220000"),
        (PPE, None, None, I23): Decimal("1320000"),
    }


# The cost-first layout: the cost and the accumulated depreciation each rolled forward by
# date rows over two years, then the carrying amounts at the year ends (invented figures).
# 於2022年12月31日及2023年1月1日 is the 2022-12-31 instant.
COST_FIRST_TWO_YEARS = """8 物業、廠房及設備

樓宇 傢俬、裝置及設備 汽車 總計
千港元 千港元 千港元 千港元

成本
於2022年1月1日 10,000 4,000 1,200 15,200
添置 – 800 300 1,100
出售 – (200) – (200)
於2022年12月31日及2023年1月1日 10,000 4,600 1,500 16,100
添置 500 300 – 800
於2023年12月31日 10,500 4,900 1,500 16,900

累計折舊
於2022年1月1日 2,000 1,500 400 3,900
年內支出 500 600 250 1,350
出售時撇銷 – (150) – (150)
於2022年12月31日及2023年1月1日 2,500 1,950 650 5,100
年內支出 525 650 300 1,475
於2023年12月31日 3,025 2,600 950 6,575

賬面值
於2023年12月31日 7,475 2,300 550 10,325
於2022年12月31日 7,500 2,650 850 11,000
"""

FIXTURES = "ifrs-full:FixturesAndFittingsMember"
VEHICLES = "ifrs-full:MotorVehiclesMember"


def _expect(out: dict, concept: str, amount, period: str, classes, printed: str, sign=1):
    """One printed row read by hand: each class's value in full units (thousands printed)."""
    for member, value in zip(classes, printed.split(), strict=True):
        out[(concept, member, amount, period)] = sign * Decimal(value) * 1000


def test_cost_first_two_years_hong_kong_dollars(tmp_path):
    result = _tag_text(tmp_path, INCOME + COST_FIRST_TWO_YEARS, "cost-first-two")
    classes = (BUILDINGS, FIXTURES, VEHICLES, None)
    want: dict = {}
    # the cost, and its movements on the gross carrying amount (disposals positive)
    _expect(want, PPE, COST, I21, classes, "10000 4000 1200 15200")
    _expect(want, ADD, COST, Y22, classes, "0 800 300 1100")
    _expect(want, DISPOSE, COST, Y22, classes, "0 200 0 200")
    _expect(want, PPE, COST, I22, classes, "10000 4600 1500 16100")
    _expect(want, ADD, COST, Y23, classes, "500 300 0 800")
    _expect(want, PPE, COST, I23, classes, "10500 4900 1500 16900")
    # the accumulated depreciation, printed positive, negative on its member; the charge
    # positive (it lowers the member), the write-back on disposal negative (it raises it)
    _expect(want, PPE, ACCUMULATED, I21, classes, "-2000 -1500 -400 -3900")
    _expect(want, DEPRECIATE, ACCUMULATED, Y22, classes, "500 600 250 1350")
    _expect(want, DISPOSE, ACCUMULATED, Y22, classes, "0 -150 0 -150")
    _expect(want, PPE, ACCUMULATED, I22, classes, "-2500 -1950 -650 -5100")
    _expect(want, DEPRECIATE, ACCUMULATED, Y23, classes, "525 650 300 1475")
    _expect(want, PPE, ACCUMULATED, I23, classes, "-3025 -2600 -950 -6575")
    # the carrying amounts: no member of the carrying-amount axis
    _expect(want, PPE, None, I23, classes, "7475 2300 550 10325")
    _expect(want, PPE, None, I22, classes, "7500 2650 850 11000")
    assert _values(result) == want
    facts = _movement_facts(result)
    assert len(facts) == 14 * 4
    assert {(f.unit, f.decimals) for f in facts} == {("HKD", -3)}
    assert not [f for f in result.findings if f.code.startswith(("movement", "note-"))]
    # the disposal of the carrying amount is the sum of the two members' (200 - 150)
    assert want[(DISPOSE, FIXTURES, COST, Y22)] + want[(DISPOSE, FIXTURES, ACCUMULATED, Y22)] == (
        Decimal("50000")
    )


# One year, Simplified Chinese, RMB thousands; exchange differences either way on both.
COST_FIRST_HANS = """10 物业、厂房及设备

楼宇 机器 合计
人民币千元 人民币千元 人民币千元

成本
于2023年1月1日 5,000 2,000 7,000
添置 200 300 500
出售 – (100) (100)
汇兑差额 (50) 10 (40)
于2023年12月31日 5,150 2,210 7,360

累计折旧
于2023年1月1日 1,000 800 1,800
年内折旧 150 220 370
出售时撇销 – (60) (60)
汇兑差额 (10) 2 (8)
于2023年12月31日 1,140 962 2,102

账面值
于2023年12月31日 4,010 1,248 5,258
于2022年12月31日 4,000 1,200 5,200
"""


def test_cost_first_one_year_simplified_rmb(tmp_path):
    result = _tag_text(tmp_path, HANS_INCOME + COST_FIRST_HANS, "cost-first-hans")
    classes = (BUILDINGS, "ifrs-full:MachineryMember", None)
    want: dict = {}
    _expect(want, PPE, COST, I22, classes, "5000 2000 7000")
    _expect(want, ADD, COST, Y23, classes, "200 300 500")
    _expect(want, DISPOSE, COST, Y23, classes, "0 100 100")
    _expect(want, EXCHANGE, COST, Y23, classes, "-50 10 -40")
    _expect(want, PPE, COST, I23, classes, "5150 2210 7360")
    _expect(want, PPE, ACCUMULATED, I22, classes, "-1000 -800 -1800")
    _expect(want, DEPRECIATE, ACCUMULATED, Y23, classes, "150 220 370")
    _expect(want, DISPOSE, ACCUMULATED, Y23, classes, "0 -60 -60")
    # (10) printed: 10 less accumulated depreciation, the member 10 higher; 2: 2 lower
    _expect(want, EXCHANGE, ACCUMULATED, Y23, classes, "10 -2 8")
    _expect(want, PPE, ACCUMULATED, I23, classes, "-1140 -962 -2102")
    _expect(want, PPE, None, I23, classes, "4010 1248 5258")
    _expect(want, PPE, None, I22, classes, "4000 1200 5200")
    assert _values(result) == want
    assert {(f.unit, f.decimals) for f in _movement_facts(result)} == {("CNY", -3)}
    assert not [f for f in result.findings if f.code.startswith(("movement", "note-"))]


def test_cost_first_accumulated_depreciation_that_does_not_roll_forward_is_reported(tmp_path):
    # 傢俬's 2023 charge 660 (and the total 1,485): the classes still add up to the total,
    # but 1,950 + 660 is not the 2,600 printed at the year end.
    broken = COST_FIRST_TWO_YEARS.replace(
        "年內支出 525 650 300 1,475", "年內支出 525 660 300 1,485"
    )
    result = _tag_text(tmp_path, INCOME + broken, "cost-first-broken")
    assert _movement_facts(result) == []
    assert _codes(result) == Counter({"movement-does-not-add-up": 14 * 4})
    reported = {f.message for f in result.findings if f.code == "movement-does-not-add-up"}
    assert reported == {"the accumulated depreciation before plus movements is not the one after"}


def test_cost_first_carrying_amounts_that_cost_and_depreciation_do_not_make_are_reported(
    tmp_path,
):
    broken = COST_FIRST_TWO_YEARS.replace(
        "於2022年12月31日 7,500 2,650", "於2022年12月31日 7,500 2,560"
    )
    broken = broken.replace("850 11,000", "850 10,910")
    result = _tag_text(tmp_path, INCOME + broken, "cost-first-carrying")
    assert _movement_facts(result) == []
    assert _codes(result) == Counter({"movement-does-not-add-up": 14 * 4})


# Bilingual headings beside the Chinese; one year; intangible assets' wording (攤銷).
COST_FIRST_BILINGUAL = """8 物業、廠房及設備

樓宇 汽車 總計
千港元 千港元 千港元

成本 COST
於2023年1月1日 3,000 900 3,900
添置 – 240 240
於2023年12月31日 3,000 1,140 4,140

累計折舊 ACCUMULATED DEPRECIATION
於2023年1月1日 600 300 900
年內支出 100 180 280
於2023年12月31日 700 480 1,180

賬面值 CARRYING AMOUNTS
於2023年12月31日 2,300 660 2,960
於2022年12月31日 2,400 600 3,000
"""


def test_cost_first_with_english_headings(tmp_path):
    # English beside the movements' wordings too
    text = COST_FIRST_BILINGUAL.replace("添置 –", "添置 Additions –").replace(
        "年內支出 100", "年內支出 Charge for the year 100"
    )
    result = _tag_text(tmp_path, INCOME + text, "cost-first-bilingual")
    classes = (BUILDINGS, VEHICLES, None)
    want: dict = {}
    _expect(want, PPE, COST, I22, classes, "3000 900 3900")
    _expect(want, ADD, COST, Y23, classes, "0 240 240")
    _expect(want, PPE, COST, I23, classes, "3000 1140 4140")
    _expect(want, PPE, ACCUMULATED, I22, classes, "-600 -300 -900")
    _expect(want, DEPRECIATE, ACCUMULATED, Y23, classes, "100 180 280")
    _expect(want, PPE, ACCUMULATED, I23, classes, "-700 -480 -1180")
    _expect(want, PPE, None, I23, classes, "2300 660 2960")
    _expect(want, PPE, None, I22, classes, "2400 600 3000")
    assert _values(result) == want
    assert not [f for f in result.findings if f.code.startswith(("movement", "note-"))]


def test_a_depreciation_charge_among_the_cost_is_reported_not_tagged(tmp_path):
    misplaced = COST_FIRST_BILINGUAL.replace(
        "添置 – 240 240\n於2023年12月31日 3,000 1,140 4,140",
        "添置 – 240 240\n年內支出 – (40) (40)\n於2023年12月31日 3,000 1,100 4,100",
    ).replace("480 1,180\n\n賬面值", "440 1,140\n\n賬面值")
    misplaced = misplaced.replace("年內支出 100 180 280", "年內支出 100 140 240")
    result = _tag_text(tmp_path, INCOME + misplaced, "cost-first-misplaced")
    assert _codes(result) == Counter({"note-row-unclear": 3})
    values = _values(result)
    assert (DEPRECIATE, VEHICLES, COST, Y23) not in values
    assert values[(DEPRECIATE, VEHICLES, ACCUMULATED, Y23)] == Decimal("140000")
    assert len(values) == 3 * 8  # the other rows tagged: every section still proves out


def test_invented_cost_first_tables_are_arelle_clean(tmp_path):
    from tagger.report import write_report
    from tagger.validation import validate_report

    for name, text in (
        ("two-years", INCOME + COST_FIRST_TWO_YEARS),
        ("hans", HANS_INCOME + COST_FIRST_HANS),
        ("bilingual", INCOME + COST_FIRST_BILINGUAL),
    ):
        result = _tag_text(tmp_path, text, name)
        assert len(_movement_facts(result)) >= 24
        written = write_report(result, tmp_path / name)
        summary = validate_report(written.package)
        assert summary.clean, summary.one_line()


def test_cost_first_balance_printed_twice_at_one_instant(tmp_path):
    # 於2022年12月31日 then 於2023年1月1日, the same amounts: one balance, tagged twice alike
    twice = COST_FIRST_TWO_YEARS
    for amounts in ("10,000 4,600 1,500 16,100", "2,500 1,950 650 5,100"):
        twice = twice.replace(
            f"於2022年12月31日及2023年1月1日 {amounts}",
            f"於2022年12月31日 {amounts}\n於2023年1月1日 {amounts}",
        )
    result = _tag_text(tmp_path, INCOME + twice, "cost-first-twice")
    once = _tag_text(tmp_path, INCOME + COST_FIRST_TWO_YEARS, "cost-first-once")
    assert _values(result) == _values(once)
    assert len(_movement_facts(result)) == 16 * 4
    assert not [f for f in result.findings if f.code.startswith(("movement", "note-"))]


COST_FIRST_INTANGIBLES = """12 無形資產

軟件 專利權 總計
千港元 千港元 千港元

成本
於2023年1月1日 800 500 1,300
添置 120 – 120
於2023年12月31日 920 500 1,420

累計攤銷
於2023年1月1日 300 100 400
年內攤銷 90 50 140
於2023年12月31日 390 150 540

賬面值
於2023年12月31日 530 350 880
於2022年12月31日 500 400 900
"""


def test_cost_first_intangible_assets_and_arelle(tmp_path):
    from tagger.report import write_report
    from tagger.validation import validate_report

    result = _tag_text(tmp_path, INCOME + COST_FIRST_INTANGIBLES, "cost-first-intangibles")
    asset = "IntangibleAssetsOtherThanGoodwill"
    classes = (
        "ifrs-full:ComputerSoftwareMember",
        "ifrs-full:CopyrightsPatentsAndOtherIndustrialPropertyRightsServiceAndOperatingRightsMember",
        None,
    )
    want: dict = {}
    _expect(want, asset, COST, I22, classes, "800 500 1300")
    _expect(
        want,
        "AdditionsOtherThanThroughBusinessCombinationsIntangibleAssetsOtherThanGoodwill",
        COST,
        Y23,
        classes,
        "120 0 120",
    )
    _expect(want, asset, COST, I23, classes, "920 500 1420")
    _expect(want, asset, ACCUMULATED, I22, classes, "-300 -100 -400")
    _expect(
        want,
        "AmortisationIntangibleAssetsOtherThanGoodwill",
        ACCUMULATED,
        Y23,
        classes,
        "90 50 140",
    )
    _expect(want, asset, ACCUMULATED, I23, classes, "-390 -150 -540")
    _expect(want, asset, None, I23, classes, "530 350 880")
    _expect(want, asset, None, I22, classes, "500 400 900")
    assert _values(result, INTANGIBLE_CLASS) == want
    summary = validate_report(write_report(result, tmp_path / "intangibles").package)
    assert summary.clean, summary.one_line()


def test_cost_first_accumulated_depreciation_of_unproven_sign_is_reported(tmp_path):
    # Nil accumulated depreciation at the only date with a carrying amount: 300 + 0 and
    # 300 - 0 both make it, so whether the 100 written back counts for or against the cost
    # is not proved.
    unproven = """8 物業、廠房及設備

汽車 總計
千港元 千港元

成本
於2023年1月1日 400 400
出售 (100) (100)
於2023年12月31日 300 300

累計折舊
於2023年1月1日 100 100
出售時撇銷 (100) (100)
於2023年12月31日 – –

賬面值
於2023年12月31日 300 300
"""
    result = _tag_text(tmp_path, INCOME + unproven, "cost-first-sign")
    assert _movement_facts(result) == []
    reported = {f.message for f in result.findings if f.code == "movement-does-not-add-up"}
    assert reported == {"the accumulated depreciation's sign is unproven"}
