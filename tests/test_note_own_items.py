"""Rows of a note that name no IFRS line item, read where the printed arithmetic places them
(tagger/note_own_items.py): the filing's own line items, narrower than the note's total (or
the IFRS concept their words name), and deductions (減：) of an item the kind names.

Values read by hand from the example's printed notes (人民幣千元, so × 1,000); invented
excerpts in other issuers' wordings with figures that add up, and ones that must stay
untagged."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tagger.pipeline import tag

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / "sensetime-2023-annual-results.zh-Hant.txt"
)
CARRYING = "ifrs-full:" + (
    "CarryingAmountAccumulatedDepreciationAmortisationAndImpairmentAndGrossCarryingAmountAxis"
)
GROSS = "ifrs-full:GrossCarryingAmountMember"
ALLOWANCE = "ifrs-full:AccumulatedImpairmentMember"
Y23, Y22 = "d20230101-20231231", "d20220101-20221231"
I23, I22 = "i20231231", "i20221231"
IFRS = "ifrs-full:"

# (label of the extension, anchor, member, period, value), read from the printed notes
EXAMPLE_OWN = [
    # 5 按性質劃分的開支: 硬件成本及項目分包服務費 1,537,925 1,118,932
    ("硬件成本及項目分包服務費", "ExpenseByNature", None, Y23, "1537925000"),
    ("硬件成本及項目分包服務費", "ExpenseByNature", None, Y22, "1118932000"),
    # 研發工具及消耗品 37,305 42,509
    ("研發工具及消耗品", "ExpenseByNature", None, Y22, "42509000"),
    # 6 其他虧損－淨額 (808,244): credits printed positive, so a bracketed row is a loss
    # 有限合夥人應佔的投資基金資產淨值變動 (10,363) (17,188)
    ("有限合夥人應佔的投資基金資產淨值變動", "OtherGainsLosses", None, Y23, "-10363000"),
    # 提早終止租賃合約的（虧損）╱利得 (2,372) 3,296
    ("提早終止租賃合約的（虧損）╱利得", "OtherGainsLosses", None, Y23, "-2372000"),
    ("提早終止租賃合約的（虧損）╱利得", "OtherGainsLosses", None, Y22, "3296000"),
    # 其他 2,156 (816): the catch-all, named after its total
    ("其他（其他收益淨額）", "OtherGainsLosses", None, Y23, "2156000"),
    ("其他（其他收益淨額）", "OtherGainsLosses", None, Y22, "-816000"),
    # 11: 應收票據(i) 62,236 / 減值撥備 (49,021) / 13,215, a part of the total 5,159,278
    ("應收票據", "TradeAndOtherCurrentReceivables", GROSS, I23, "62236000"),
    ("應收票據", "TradeAndOtherCurrentReceivables", ALLOWANCE, I23, "-49021000"),
    ("應收票據", "TradeAndOtherCurrentReceivables", None, I23, "13215000"),
    ("應收票據", "TradeAndOtherCurrentReceivables", None, I22, "31642000"),
    # 貿易應收款項(ii) －應收關聯方款項 2,992 47,405: parts of the gross 7,912,019
    ("貿易應收款項－應收關聯方款項", "CurrentTradeReceivables", GROSS, I23, "2992000"),
    ("貿易應收款項－應收第三方款項", "CurrentTradeReceivables", GROSS, I22, "7748873000"),
    # 其他應收款項(iii) －貸款予關聯方(b) 666 15,959; －其他(d) 74,865 73,237
    ("其他應收款項－貸款予關聯方", "OtherCurrentReceivables", GROSS, I23, "666000"),
    ("其他應收款項－其他", "OtherCurrentReceivables", GROSS, I23, "74865000"),
    # 12 FVTPL: 債務投資(a) －非上市 3,486,248; 股權投資(b) －非上市 348,755 (two concepts)
    ("債務投資－非上市", "FinancialAssetsAtFairValueThroughProfitOrLoss", None, I23, "3486248000"),
    ("股權投資－非上市", "FinancialAssetsAtFairValueThroughProfitOrLoss", None, I23, "348755000"),
    ("結構性存款", "FinancialAssetsAtFairValueThroughProfitOrLoss", None, I22, "632124000"),
    # 13 應付票據 – 1,691: the dash a zero
    ("應付票據", "TradeAndOtherCurrentPayables", None, I23, "0"),
    ("應付票據", "TradeAndOtherCurrentPayables", None, I22, "1691000"),
    ("其他應付款項－關聯方", "TradeAndOtherCurrentPayables", None, I23, "6641000"),
    ("1年內到期的長期應付款項", "TradeAndOtherCurrentPayables", None, I23, "16000000"),
    # 14 借款 非流動: 銀行借款－有抵押 3,532,070, a part of the secured bank loans (the
    # current 短期借款－有抵押 40,000 is secured too), before the current portion
    ("銀行借款－有抵押", "SecuredBankLoansReceived", None, I23, "3532070000"),
    ("銀行借款－有擔保", "Borrowings", None, I22, "0"),
    # 流動 短期借款－有擔保 132,760 (the section heading run into the label is no part of it)
    ("短期借款－有擔保", "Borrowings", None, I23, "132760000"),
    # 4(e) 合約負債 流動: 遞延服務費收入 31,934, 客戶預付款 234,025 = 265,959
    ("遞延服務費收入", "ContractLiabilities", None, I23, "31934000"),
    ("客戶預付款", "ContractLiabilities", None, I22, "156692000"),
]


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


def _own(result, label, period, member):
    return [
        f
        for f in result.facts
        if f.concept.extension
        and f.concept.label == label
        and f.period.key() == period
        and f.dims == (((CARRYING, member),) if member else ())
        and f.statement == "notes"
    ]


@pytest.mark.parametrize(("label", "anchor", "member", "period", "value"), EXAMPLE_OWN)
def test_example_own_items_read_by_hand(example, label, anchor, member, period, value):
    found = _own(example, label, period, member)
    assert found and {f.value for f in found} == {Decimal(value)}, found
    assert {f.concept.anchor for f in found} == {IFRS + anchor}
    assert {(f.unit, f.decimals) for f in found} == {("CNY", -3)}


def test_example_deduction_is_the_current_portion_positive(example):
    # 減：非流動借款的即期部分 (17,730) (2,300), and among the current borrowings
    # 非流動借款的即期部分 17,730 2,300: one value each year, positive (a liability)
    found = [f for f in example.facts if f.concept.name == "CurrentPortionOfLongtermBorrowings"]
    by_text = {(f.cell.text, f.period.key()): f.value for f in found}
    assert by_text == {
        ("(17,730)", I23): Decimal("17730000"),
        ("(2,300)", I22): Decimal("2300000"),
        ("17,730", I23): Decimal("17730000"),
        ("2,300", I22): Decimal("2300000"),
    }


def test_example_own_items_add_up_to_their_totals(example):
    """The parts each note prints add up, with the tagged values, to its tagged total."""
    facts = [f for f in example.facts if f.statement == "notes" and f.unit]

    def value(concept, period, label=None, member=None):
        dims = ((CARRYING, member),) if member else ()
        got = {
            f.value
            for f in facts
            if (f.concept.name == concept or f.concept.label == label)
            and f.period.key() == period
            and f.dims == dims
        }
        assert len(got) == 1, (concept, label, period, got)
        return got.pop()

    expenses = [f for f in facts if f.period.key() == Y23 and "expenses_by_nature" in f.evidence]
    total = value("ExpenseByNature", Y23)
    assert sum(f.value for f in expenses if f.concept.name != "ExpenseByNature") == total
    gross = value("CurrentTradeReceivables", I23, member=GROSS)
    parts = ["貿易應收款項－應收關聯方款項", "貿易應收款項－應收第三方款項"]
    assert sum(value("", I23, p, GROSS) for p in parts) == gross
    long_term = value("LongtermBorrowings", I23)
    secured = value("", I23, "銀行借款－有抵押") + value("", I23, "銀行借款－有擔保")
    assert secured - value("CurrentPortionOfLongtermBorrowings", I23) == long_term


def test_example_leaves_no_row_in_doubt(example):
    # 非流動 遞延服務費收入 24,650 74,553 is printed alone under its heading: a part of no
    # printed total, not an own item; it prints the non-current contract liabilities, the
    # whole section (tagger.section_rows, tests/test_section_rows.py)
    unclear = {f.printed for f in example.findings if f.code == "note-row-unclear"}
    assert unclear == set()
    assert not [f for f in example.findings if f.code == "extension-names-ifrs-concept"]


HK_OWN = """綜合財務狀況表
於2023年12月31日

2023年 2022年
附註 千港元 千港元

流動資產
應收賬款及其他應收款項 9 31,540 28,770
現金及現金等價物 18,200 16,900

流動負債
銀行及其他借款 12 26,300 24,000

非流動負債
銀行及其他借款 12 12,500 14,800

財務報表附註

1 一般資料

本公司於百慕達註冊成立，主要從事成衣貿易。除另有說明者外，財務資料以千港元呈列。

9 應收賬款及其他應收款項

於12月31日
2023年 2022年
千港元 千港元

應收票據 4,800 3,900
減：減值撥備 (300) (200)

4,500 3,700

貿易應收款項
－第三方 19,600 17,800
－關聯公司 1,240 1,070

貿易應收款項總額 20,840 18,870
減：減值撥備 (1,800) (1,500)

19,040 17,370
租金按金 2,600 2,500
預付款項 5,400 5,200

31,540 28,770

12 銀行及其他借款

於12月31日
2023年 2022年
千港元 千港元

非流動
銀行貸款－有抵押 15,000 17,000
減：非流動借款的即期部分 (2,500) (2,200)

12,500 14,800

流動
信託收據貸款 23,800 21,800
非流動借款的即期部分 2,500 2,200

26,300 24,000

總計 38,800 38,800
"""


def _tag_text(tmp_path, text: str, name: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path)


def _values(result) -> dict[tuple, Decimal]:
    out: dict[tuple, Decimal] = {}
    for f in result.facts:
        if f.statement != "notes" or not f.unit:
            continue
        key = (
            f.concept.label if f.concept.extension else f.concept.name,
            f.dims[0][1] if f.dims else None,
            f.period.key(),
        )
        assert key not in out or out[key] == f.value, key
        out[key] = f.value
    return out


def test_hong_kong_dollars_notes_receivable_parties_and_a_deduction(tmp_path):
    result = _tag_text(tmp_path, HK_OWN, "hk")
    values = _values(result)
    expected = {
        # 應收票據 4,800 / 減：減值撥備 (300) / 4,500: an item of no IFRS concept, gross
        # and allowance on the carrying amount axis, net without a member
        ("應收票據", GROSS, I23): Decimal("4800000"),
        ("應收票據", ALLOWANCE, I23): Decimal("-300000"),
        ("應收票據", None, I23): Decimal("4500000"),
        ("應收票據", None, I22): Decimal("3700000"),
        # －第三方 / －關聯公司 under 貿易應收款項: parts of its gross amount
        ("貿易應收款項－第三方", GROSS, I23): Decimal("19600000"),
        ("貿易應收款項－關聯公司", GROSS, I22): Decimal("1070000"),
        ("租金按金", None, I23): Decimal("2600000"),
        # 減：非流動借款的即期部分 (2,500): the current portion, a positive liability
        ("CurrentPortionOfLongtermBorrowings", None, I23): Decimal("2500000"),
        ("CurrentPortionOfLongtermBorrowings", None, I22): Decimal("2200000"),
        ("銀行貸款－有抵押", None, I23): Decimal("15000000"),
        ("信託收據貸款", None, I22): Decimal("21800000"),
        ("LongtermBorrowings", None, I23): Decimal("12500000"),
        ("Borrowings", None, I23): Decimal("38800000"),
    }
    assert {k: values.get(k) for k in expected} == expected
    assert {f.unit for f in result.facts if f.statement == "notes" and f.unit} == {"HKD"}
    assert not [f for f in result.findings if f.code.startswith("note-")]
    anchors = {f.concept.label: f.concept.anchor for f in result.facts if f.concept.extension}
    assert anchors["應收票據"] == IFRS + "TradeAndOtherCurrentReceivables"
    assert anchors["貿易應收款項－第三方"] == IFRS + "CurrentTradeReceivables"
    assert anchors["信託收據貸款"] == IFRS + "Borrowings"


HANS_OWN = """合并利润表
截至2023年12月31日止年度

2023年 2022年
附注 人民币千元 人民币千元

收入 612,000 574,000
销售成本 (410,000) (391,000)

毛利 202,000 183,000
其他收益净额 6 5,700 (2,300)

财务报表附注

1 一般资料

本公司于开曼群岛注册成立，主要在中国内地从事医疗器械业务。除另有说明者外，财务资料以人民币千元呈列。

5 按性质划分的费用

截至12月31日止年度
2023年 2022年
人民币千元 人民币千元

员工福利开支 96,000 88,000
原材料及耗材采购 240,000 231,000
临床试验费用 31,500 27,400
其他开支 4,500 3,600

372,000 350,000

6 其他收益净额

截至12月31日止年度
2023年 2022年
人民币千元 人民币千元

汇兑收益净额 3,100 (4,000)
理财产品投资收益 2,900 1,900
其他 (300) (200)

5,700 (2,300)
"""


def test_simplified_expenses_and_gains_with_rows_of_their_own(tmp_path):
    result = _tag_text(tmp_path, HANS_OWN, "hans")
    values = _values(result)
    expected = {
        ("临床试验费用", None, Y23): Decimal("31500000"),
        ("临床试验费用", None, Y22): Decimal("27400000"),
        ("ExpenseByNature", None, Y23): Decimal("372000000"),
        # 其他收益净额 5,700 is the statement's gain: gains printed positive
        ("理财产品投资收益", None, Y23): Decimal("2900000"),
        ("其他（其他收益淨額）", None, Y23): Decimal("-300000"),
        ("其他（其他收益淨額）", None, Y22): Decimal("-200000"),
        ("OtherGainsLosses", None, Y22): Decimal("-2300000"),
    }
    assert {k: values.get(k) for k in expected} == expected
    anchors = {f.concept.label: f.concept.anchor for f in result.facts if f.concept.extension}
    assert anchors["临床试验费用"] == IFRS + "ExpenseByNature"
    assert anchors["理财产品投资收益"] == IFRS + "OtherGainsLosses"


# A row that must stay untagged: a bracketed row among positive parts that names nothing
# of the kind (a deduction of what?).
DOUBTFUL = """綜合財務狀況表
於2023年12月31日

2023年 2022年
附註 人民幣千元 人民幣千元

流動負債
貿易及其他應付款項 11 18,300 16,900

財務報表附註

1 一般資料

本公司於開曼群島註冊成立，主要從事物流業務。除另有說明者外，財務資料以人民幣千元呈列。

11 貿易及其他應付款項

於12月31日
2023年 2022年
人民幣千元 人民幣千元

貿易應付款項 12,400 11,000
應付票據 6,900 6,600
已付供應商按金 (1,000) (700)

18,300 16,900
"""


def test_rows_in_doubt_stay_untagged(tmp_path):
    result = _tag_text(tmp_path, DOUBTFUL, "doubt")
    values = _values(result)
    # 應付票據 is a part of the proved total; the bracketed 已付供應商按金 is not read
    assert values[("應付票據", None, I23)] == Decimal("6900000")
    assert values[("TradeAndOtherCurrentPayablesToTradeSuppliers", None, I23)] == Decimal(
        "12400000"
    )
    unclear = {f.printed for f in result.findings if f.code == "note-row-unclear"}
    assert {"(1,000)", "(700)"} <= unclear
    assert not any("已付供應商按金" in k[0] for k in values)


def _sums(result) -> dict[str, dict[str, int]]:
    return {
        s.total.name: {c.label if c.extension else c.name: w for c, w in s.items}
        for s in result.summations
        if s.statement == "notes"
    }


def test_example_notes_totals_are_calculations(example):
    """Each note total whose rows are all tagged is a Calculations 1.1 summation in the
    notes' role, own items included, with the weights the facts' signs give."""
    sums = _sums(example)
    expenses = sums["ExpenseByNature"]
    assert len(expenses) == 13 and set(expenses.values()) == {1}
    assert expenses["硬件成本及項目分包服務費"] == 1
    gains = sums["OtherGainsLosses"]
    # 捐款 (902) is an expense (debit) beside gains (credit): it weighs -1
    assert gains["DonationsAndSubsidiesExpense"] == -1
    assert gains["其他（其他收益淨額）"] == 1 and len(gains) == 7
    assert sums["CurrentTradeReceivables"] == {
        "貿易應收款項－應收關聯方款項": 1,
        "貿易應收款項－應收第三方款項": 1,
    }
    assert sums["TradeAndOtherCurrentReceivables"]["應收票據"] == 1
    # net = gross + allowance is one concept on two members: no summation of concepts
    assert all(n not in items for n, items in sums.items())
    # secured + guaranteed − the current portion: a credit item weighing -1 beside credits,
    # which XBRL 2.1 calls inconsistent, so the non-current subtotal is not written
    assert "LongtermBorrowings" not in sums
    assert sums["Borrowings"] == {
        "LongtermBorrowings": 1,
        "CurrentBorrowingsAndCurrentPortionOfNoncurrentBorrowings": 1,
    }


def test_simplified_note_totals_are_calculations(tmp_path):
    result = _tag_text(tmp_path, HANS_OWN, "hans")
    sums = _sums(result)
    assert sums["ExpenseByNature"]["临床试验费用"] == 1
    assert sums["OtherGainsLosses"] == {
        "GainsLossesOnExchangeDifferencesOnTranslationRecognisedInProfitOrLoss": 1,
        "理财产品投资收益": 1,
        "其他（其他收益淨額）": 1,
    }


@pytest.mark.parametrize("text", [HK_OWN, HANS_OWN], ids=["hk", "hans"])
def test_own_items_and_their_calculations_validate_clean(tmp_path, text):
    """Own items (anchored), gross and allowance members of an own item, the notes'
    calculations: Arelle finds no error, inconsistency or warning."""
    from tagger.report import write_report
    from tagger.validation import validate_report

    written = write_report(_tag_text(tmp_path, text, "excerpt"), tmp_path)
    summary = validate_report(written.package)
    assert summary.clean and not summary.counts.get("WARNING")


def test_example_revenue_from_the_opening_contract_liabilities(example):
    # 4(e): 年初計入合約負債的已確認收入 108,720 118,647 (截至12月31日止年度), revenue: credit,
    # positive
    found = {
        f.period.key(): f.value
        for f in example.facts
        if f.concept.name == "RevenueThatWasIncludedInContractLiabilityBalanceAtBeginningOfPeriod"
    }
    assert found == {Y23: Decimal("108720000"), Y22: Decimal("118647000")}


OPENING_REVENUE = """綜合損益表
截至2023年12月31日止年度

2023年 2022年
附註 千港元 千港元

收益 96,400 88,100
銷售成本 (61,200) (57,300)

財務報表附註

1 一般資料

本公司於香港註冊成立，主要從事教育服務。除另有說明者外，財務資料以千港元呈列。

5 合約負債

下表列示於本年度確認並計入年初合約負債結餘的收入：

截至12月31日止年度
2023年 2022年
千港元 千港元

計入年初合約負債結餘的已確認收入 {a} {b}
"""


def test_revenue_from_opening_contract_liabilities_in_hong_kong_dollars(tmp_path):
    result = _tag_text(tmp_path, OPENING_REVENUE.format(a="12,300", b="9,800"), "hk")
    assert _values(result) == {
        ("RevenueThatWasIncludedInContractLiabilityBalanceAtBeginningOfPeriod", None, Y23): (
            Decimal("12300000")
        ),
        ("RevenueThatWasIncludedInContractLiabilityBalanceAtBeginningOfPeriod", None, Y22): (
            Decimal("9800000")
        ),
    }


def test_revenue_from_opening_contract_liabilities_printed_negative_stays_untagged(tmp_path):
    # a bracketed amount of a never-negative line: which way the note prints is unknown
    result = _tag_text(tmp_path, OPENING_REVENUE.format(a="(12,300)", b="9,800"), "odd")
    assert _values(result) == {}
    doubt = {f.printed for f in result.findings if f.code == "note-sign-unclear"}
    assert doubt == {"(12,300)", "9,800"}


HANS_OPENING_REVENUE = """合并利润表
截至2023年12月31日止年度

2023年 2022年
附注 人民币千元 人民币千元

收入 250,600 231,900
销售成本 (160,400) (149,700)

财务报表附注

1 一般资料

本公司于开曼群岛注册成立，主要在中国内地从事软件开发业务。除另有说明者外，财务资料以人民币千元呈列。

4 收入

下表列示本年度确认并计入期初合约负债结余的收入：

截至12月31日止年度
2023年 2022年
人民币千元 人民币千元

计入期初合约负债的已确认收入 21,450 18,020
"""


def test_revenue_from_opening_contract_liabilities_in_simplified(tmp_path):
    result = _tag_text(tmp_path, HANS_OPENING_REVENUE, "hans")
    name = "RevenueThatWasIncludedInContractLiabilityBalanceAtBeginningOfPeriod"
    assert _values(result) == {
        (name, None, Y23): Decimal("21450000"),
        (name, None, Y22): Decimal("18020000"),
    }
    assert {f.unit for f in result.facts if f.concept.name == name} == {"CNY"}


# The receivables, then (with no heading between) the same balance by currency and by age:
# each analysis adds up to the statement's line, so its total is the balance; its rows are
# currencies and ageing bands (members of no IFRS axis), not line items: untagged.
BY_CURRENCY = """綜合財務狀況表
於2023年12月31日

2023年 2022年
附註 千港元 千港元

流動資產
貿易及其他應收款項 9 25,600 23,100

財務報表附註

1 一般資料

本公司於香港註冊成立，主要從事電子零件貿易。除另有說明者外，財務資料以千港元呈列。

9 貿易及其他應收款項

於12月31日
2023年 2022年
千港元 千港元

貿易應收款項 20,000 18,300
預付款項 5,600 4,800

25,600 23,100

港元 14,200 13,000
美元 9,800 8,900
其他 1,600 1,200

25,600 23,100

最多3個月 21,000 19,200
3至6個月 3,100 2,900
6個月以上 1,500 1,000

25,600 23,100
"""


def test_analyses_by_currency_or_band_are_not_own_items(tmp_path):
    result = _tag_text(tmp_path, BY_CURRENCY, "currency")
    own = [f for f in result.facts if f.concept.extension and f.statement == "notes"]
    assert own == []
    values = _values(result)
    assert values[("CurrentTradeReceivables", None, I23)] == Decimal("20000000")
    unclear = {f.printed for f in result.findings if f.code == "note-row-unclear"}
    assert {"14,200", "1,600", "21,000", "1,500"} <= unclear
