"""The SenseTime FY2023 announcement, tagged: facts checked against values read by hand from
the printed statements (examples/sensetime-2023-annual-results.zh-Hant.txt, lines 937-1268),
Arelle's verdict on the package, and byte-identical output."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tagger.options import TagOptions
from tagger.pipeline import tag
from tagger.report import write_report

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
Y23 = (date(2023, 1, 1), date(2023, 12, 31))
Y22 = (date(2022, 1, 1), date(2022, 12, 31))
END23, END22, END21 = (
    (None, date(2023, 12, 31)),
    (None, date(2022, 12, 31)),
    (None, date(2021, 12, 31)),
)
EQ = "ifrs-full:ComponentsOfEquityAxis"
# 其他儲備 as printed beside 貨幣換算儲備: other reserves excluding the translation reserve,
# which IFRS's member tree puts under OtherReservesMember (an extension under it).
OTHER_RESERVES = "ext:QiTaChuBeiBuBaoKuoHuoBiHuanSuanChuBeiMember"


@pytest.fixture(scope="module")
def result():
    return tag(EXAMPLE, TagOptions(stem="sensetime"))


@pytest.fixture(scope="module")
def written(result, tmp_path_factory):
    return write_report(result, tmp_path_factory.mktemp("out"))


def _facts(result, name, period, member=None):
    dims = ((EQ, member),) if member else ()
    return [
        f
        for f in result.facts
        if f.concept.name == name and (f.period.start, f.period.end) == period and f.dims == dims
    ]


# (concept, period, equity component member or None, value in full units), read by hand.
HAND_READ = [
    # 綜合收益表: expenses positive, losses negative, a tax credit is a negative tax expense
    ("Revenue", Y23, None, "3405842000"),
    ("Revenue", Y22, None, "3808510000"),
    ("CostOfSales", Y23, None, "1905055000"),
    ("CostOfSales", Y22, None, "1266243000"),
    ("GrossProfit", Y23, None, "1500787000"),
    ("SellingExpense", Y23, None, "818731000"),
    ("AdministrativeExpense", Y22, None, "1567739000"),
    ("ResearchAndDevelopmentExpense", Y23, None, "3465766000"),
    ("OtherIncome", Y23, None, "291500000"),
    ("OtherGainsLosses", Y23, None, "-808244000"),
    ("ProfitLossFromOperatingActivities", Y23, None, "-6646555000"),
    ("FinanceIncome", Y23, None, "341977000"),
    ("FinanceCosts", Y23, None, "146661000"),
    ("ProfitLossBeforeTax", Y23, None, "-6504162000"),
    ("ProfitLossBeforeTax", Y22, None, "-6332812000"),
    ("IncomeTaxExpenseContinuingOperations", Y23, None, "-9492000"),
    ("IncomeTaxExpenseContinuingOperations", Y22, None, "-239822000"),
    ("ProfitLoss", Y23, None, "-6494670000"),
    ("ProfitLoss", Y22, None, "-6092990000"),
    ("ProfitLossAttributableToOwnersOfParent", Y23, None, "-6440159000"),
    ("ProfitLossAttributableToNoncontrollingInterests", Y22, None, "-48194000"),
    ("BasicEarningsLossPerShare", Y23, None, "-0.20"),
    ("DilutedEarningsLossPerShare", Y23, None, "-0.20"),
    ("BasicEarningsLossPerShare", Y22, None, "-0.19"),
    ("DilutedEarningsLossPerShare", Y22, None, "-0.19"),
    # 綜合全面虧損表
    ("OtherComprehensiveIncomeNetOfTaxExchangeDifferencesOnTranslation", Y23, None, "-516492000"),
    # under 不會重新分至損益的項目 (printed without 類): found by fuzzy heading matching
    (
        "OtherComprehensiveIncomeNetOfTaxExchangeDifferencesOnTranslationOtherThanTranslationOfForeignOperations",
        Y22,
        None,
        "3516694000",
    ),
    ("OtherComprehensiveIncome", Y23, None, "214309000"),
    ("OtherComprehensiveIncome", Y22, None, "1945337000"),
    ("ComprehensiveIncome", Y23, None, "-6280361000"),
    ("ComprehensiveIncome", Y22, None, "-4147653000"),
    ("ComprehensiveIncomeAttributableToOwnersOfParent", Y23, None, "-6232073000"),
    ("ComprehensiveIncomeAttributableToNoncontrollingInterests", Y22, None, "-50937000"),
    # 綜合資產負債表
    ("PropertyPlantAndEquipment", END23, None, "7378707000"),
    ("NoncurrentAssets", END23, None, "15947550000"),
    ("CurrentAssets", END22, None, "21524179000"),
    ("CashAndCashEquivalents", END23, None, "9423495000"),
    ("Assets", END23, None, "32888024000"),
    ("Assets", END22, None, "37426993000"),
    ("IssuedCapital", END23, None, "5000"),
    ("QiTaChuBeiBuBaoKuoHuoBiHuanSuanChuBei", END23, None, "71666422000"),  # 其他儲備
    ("ReserveOfExchangeDifferencesOnTranslation", END23, None, "4127161000"),
    ("RetainedEarnings", END23, None, "-52634168000"),
    ("EquityAttributableToOwnersOfParent", END23, None, "23159420000"),
    ("NoncontrollingInterests", END23, None, "-3947000"),
    ("NoncontrollingInterests", END22, None, "43636000"),
    ("Equity", END23, None, "23155473000"),
    ("Equity", END22, None, "29013860000"),
    ("NoncurrentLiabilities", END23, None, "6445243000"),
    ("CurrentLiabilities", END23, None, "3287308000"),
    # 賣出選擇權負債, the only other financial liability of 流動負債; printed "–" for 2022
    ("OtherCurrentFinancialLiabilities", END23, None, "283308000"),
    ("OtherCurrentFinancialLiabilities", END22, None, "0"),
    ("Liabilities", END22, None, "8413133000"),
    ("EquityAndLiabilities", END23, None, "32888024000"),
    ("CurrentAssetsLiabilities", END23, None, "13653166000"),
    # 綜合權益變動表: opening balances at the previous year end, both years, by component
    ("Equity", END22, "ifrs-full:IssuedCapitalMember", "5000"),
    ("Equity", END22, "ifrs-full:RetainedEarningsMember", "-46194009000"),
    ("Equity", END21, OTHER_RESERVES, "70077626000"),
    ("Equity", END21, "ifrs-full:ReserveOfExchangeDifferencesOnTranslationMember", "1964093000"),
    ("Equity", END21, None, "31987084000"),
    ("Equity", END23, "ifrs-full:NoncontrollingInterestsMember", "-3947000"),
    ("Equity", END23, "ifrs-full:EquityAttributableToOwnersOfParentMember", "23159420000"),
    ("ProfitLoss", Y23, "ifrs-full:RetainedEarningsMember", "-6440159000"),
    ("ProfitLoss", Y23, "ifrs-full:NoncontrollingInterestsMember", "-54511000"),
    ("ProfitLoss", Y23, "ifrs-full:IssuedCapitalMember", "0"),
    (
        "ComprehensiveIncome",
        Y22,
        "ifrs-full:ReserveOfExchangeDifferencesOnTranslationMember",
        "1951235000",
    ),
    (
        "IncreaseDecreaseThroughSharebasedPaymentTransactions",
        Y23,
        OTHER_RESERVES,
        "323995000",
    ),
    (
        "IncreaseDecreaseThroughSharebasedPaymentTransactions",
        Y22,
        OTHER_RESERVES,
        "464473000",
    ),
    # 綜合現金流量表: inflows positive; payments tagged with credit concepts are positive
    ("CashFlowsFromUsedInOperatingActivities", Y23, None, "-3234260000"),
    ("CashFlowsFromUsedInInvestingActivities", Y23, None, "3458373000"),
    ("CashFlowsFromUsedInInvestingActivities", Y22, None, "-9298217000"),
    ("CashFlowsFromUsedInFinancingActivities", Y23, None, "1083583000"),
    ("PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities", Y23, None, "1356449000"),
    ("EffectOfExchangeRateChangesOnCashAndCashEquivalents", Y22, None, "486864000"),
    ("CashAndCashEquivalents", END22, None, "7962813000"),
    ("CashAndCashEquivalents", END21, None, "16529506000"),
]


@pytest.mark.parametrize(("name", "period", "member", "value"), HAND_READ)
def test_fact_read_by_hand(result, name, period, member, value):
    found = _facts(result, name, period, member)
    assert found, f"no {name} for {period} {member}"
    # The statement's own figure; the MD&A prints some again in 百萬元, consistently.
    finest = max(f.decimals for f in found)
    assert {f.value for f in found if f.decimals == finest} == {Decimal(value)}
    assert all(f.agrees_with(found[0]) for f in found)


def test_every_amount_in_the_five_statements_is_tagged(result):
    statements = [t for t in result.document.tables() if t.statement]
    assert {t.statement for t in statements} == {
        "income",
        "comprehensive_income",
        "financial_position",
        "changes_in_equity",
        "cash_flows",
    }
    tagged = {(f.cell.line, f.cell.text, f.column) for f in result.facts}
    missing = [
        (c.line, c.text)
        for t in statements
        for r in t.rows
        for i, c in enumerate(r.cells)
        if c.value is not None and (c.line, c.text, i) not in tagged
    ]
    assert missing == []


def test_marks_that_are_not_amounts_are_reported(result):
    # 行使超額配股權 and 回購普通股 print "*" (below RMB1,000) in the share capital column.
    marks = [r for r in result.findings if r.code == "below-unit-mark"]
    assert sorted((r.source.line, r.printed) for r in marks) == [(1171, "*"), (1173, "(*)")]


def test_decimals_units_and_dash(result):
    revenue = _facts(result, "Revenue", Y23)[0]
    assert (revenue.decimals, revenue.scale, revenue.unit) == (-3, 3, "CNY")
    eps = _facts(result, "BasicEarningsLossPerShare", Y23)[0]
    assert (eps.decimals, eps.scale, eps.unit) == (2, 0, "CNY_per_share")
    dash = [f for f in result.facts if f.cell.line == 1091 and f.period.end == date(2023, 12, 31)]
    assert dash and dash[0].cell.dash and dash[0].value == 0  # 賣出選擇權負債 – (non-current)


def test_calculations_come_from_the_printed_totals(result):
    sums = [(s.statement, s.total.name, {c.name: w for c, w in s.items}) for s in result.summations]
    assert ("income", "GrossProfit", {"Revenue": 1, "CostOfSales": -1}) in sums
    assert (
        "income",
        "ProfitLoss",
        {"ProfitLossBeforeTax": 1, "IncomeTaxExpenseContinuingOperations": -1},
    ) in sums
    assert ("financial_position", "Assets", {"NoncurrentAssets": 1, "CurrentAssets": 1}) in sums
    assert (
        "financial_position",
        "CurrentAssetsLiabilities",
        {"CurrentAssets": 1, "CurrentLiabilities": -1},
    ) in sums


def test_no_printed_total_fails_to_add_up(result):
    assert [r for r in result.findings if r.code == "total-adds-to-nothing"] == []


def test_arelle_finds_the_package_clean(written):
    from tagger.validation import validate_report

    summary = validate_report(written.package)
    problems = [m.line() for m in summary.run.problems]
    assert problems == []
    assert summary.passed and summary.clean


def test_same_input_same_bytes(written, tmp_path):
    again = write_report(tag(EXAMPLE, TagOptions(stem="sensetime")), tmp_path)
    assert again.package.read_bytes() == written.package.read_bytes()
    assert again.facts_csv.read_bytes() == written.facts_csv.read_bytes()


def test_entity_identifier_from_the_stock_code(written):
    import zipfile

    with zipfile.ZipFile(written.package) as archive:
        # ESEF 2.6.3 names the report {base}-{date}-{version}-{lang}; the base is the stock code
        xhtml = archive.read("sensetime/reports/00020-2023-12-31-1-zh-Hant.xhtml").decode()
    assert 'scheme="https://www.hkex.com.hk/stock-code">00020<' in xhtml  # as HKEX prints it
    assert 'xml:lang="zh-Hant"' in xhtml


def _definition_arcs(definitions: bytes, arcrole_end: str) -> list[tuple[str, str]]:
    """(from, to) element ids of the definition linkbase's arcs of one arcrole."""
    from lxml import etree

    xlink = "{http://www.w3.org/1999/xlink}"
    root = etree.fromstring(definitions)
    hrefs = {
        loc.get(f"{xlink}label"): loc.get(f"{xlink}href").split("#")[1]
        for loc in root.iter("{http://www.xbrl.org/2003/linkbase}loc")
    }
    return [
        (hrefs[arc.get(f"{xlink}from")], hrefs[arc.get(f"{xlink}to")])
        for arc in root.iter("{http://www.xbrl.org/2003/linkbase}definitionArc")
        if arc.get(f"{xlink}arcrole").endswith(arcrole_end)
    ]


def test_extension_concepts_labelled_in_both_scripts_and_anchored_to_the_closest(written):
    import zipfile

    with zipfile.ZipFile(written.package) as archive:
        # ESEF 3.1.5 names: {base}-{date}, one label linkbase per language
        stem = "sensetime/extension/00020-2023-12-31"
        labels = archive.read(f"{stem}_lab-zh-Hant.xml").decode()
        labels += archive.read(f"{stem}_lab-zh-Hans.xml").decode()
        definitions = archive.read(f"{stem}_def.xml")
    # 賣出選擇權負債 is printed under both 非流動負債 and 流動負債; the current one is
    # OtherCurrentFinancialLiabilities, the non-current one an extension (優先股及其他金融負債
    # is OtherNoncurrentFinancialLiabilities).
    assert "賣出選擇權負債（非流動負債）" in labels and "卖出选择权负债（非流动负债）" in labels
    assert "其他儲備（不包括貨幣換算儲備）" in labels
    anchors = set(_definition_arcs(definitions, "esef/arcrole/wider-narrower"))
    ext = "ext_"
    ifrs = "ifrs-full_"
    # the notes' own line items (tests/test_note_own_items.py checks them by hand): 34, each
    # narrower than its note's total or the IFRS concept its words name; and the classes
    # note 12's roll-forwards name with no row of their own (債務投資, 股權投資: 2); the trade
    # payables and bills payable the payables' ageing adds up to (tests/test_ageing_parts.py)
    totals = {
        "ExpenseByNature", "OtherGainsLosses", "TradeAndOtherCurrentReceivables",
        "CurrentTradeReceivables", "OtherCurrentReceivables", "TradeAndOtherCurrentPayables",
        "FinancialAssetsAtFairValueThroughProfitOrLoss", "SecuredBankLoansReceived",
        "Borrowings", "ContractLiabilities",
    }  # fmt: skip
    own = {(w, n) for w, n in anchors if w.removeprefix(ifrs) in totals}
    classes = {f"{ext}{c}" for c in ("ZhaiWuTouZi", "GuQuanTouZi", "JieGouXingCunKuan")}
    assert classes <= {n for _, n in own}  # 結構性存款(c) is both a row and a class
    assert (
        f"{ifrs}TradeAndOtherCurrentPayables",
        f"{ext}MaoYiYingFuKuanXiangJiYingFuPiaoJu",
    ) in own
    assert len(own) == 34 + 2 + 1 and all(n.startswith(ext) for _, n in own)
    anchors -= own
    # (wider, narrower), read from the announcement: each extension's closest IFRS concept
    assert anchors == {
        (f"{ifrs}OtherReserves", f"{ext}QiTaChuBeiBuBaoKuoHuoBiHuanSuanChuBei"),
        (
            f"{ifrs}OtherNoncurrentFinancialLiabilities",
            f"{ext}MaiChuXuanZeQuanFuZhaiFeiLiuDongFuZhai",
        ),
        (f"{ifrs}OtherComprehensiveIncome", f"{ext}HuanSuanJingWaiYeWuChanShengDeHuiDuiChaE"),
        # 已收…股息及利息 is wider than each of dividends and interest received
        (
            f"{ext}YiShouLaiZiAnGongYunJiaZhiJiLiangQieBianDongJiRuSunYiDeJinRongZiChanDeGuXiJiLiXi",
            f"{ifrs}DividendsReceivedClassifiedAsInvestingActivities",
        ),
        (
            f"{ext}YiShouLaiZiAnGongYunJiaZhiJiLiangQieBianDongJiRuSunYiDeJinRongZiChanDeGuXiJiLiXi",
            f"{ifrs}InterestReceivedClassifiedAsInvestingActivities",
        ),
        (
            f"{ifrs}PurchaseOfFinancialInstrumentsClassifiedAsInvestingActivities",
            f"{ext}GouMaiJieGouXingCunKuan",
        ),
        (
            f"{ifrs}ProceedsFromSalesOrMaturityOfFinancialInstrumentsClassifiedAsInvestingActivities",
            f"{ext}ChuZhiJieGouXingCunKuan",
        ),
        (
            f"{ifrs}OtherInflowsOutflowsOfCashClassifiedAsInvestingActivities",
            f"{ext}YiFuGouMaiBanGongWuYeYiXiangJin",
        ),
        (
            f"{ifrs}OtherInflowsOutflowsOfCashClassifiedAsInvestingActivities",
            f"{ext}TuiHuanGouMaiBanGongWuYeYiXiangJin",
        ),
        (f"{ifrs}InterestPaidClassifiedAsFinancingActivities", f"{ext}ZuLinFuKuanDeLiXiBuFen"),
        (
            f"{ifrs}OtherInflowsOutflowsOfCashClassifiedAsFinancingActivities",
            f"{ext}YouXianHeHuoRenXiangJiTuanKongZhiDeTouZiJiJinChuZi",
        ),
        # the increase and the decrease of restricted cash, printed apart: parts of the change
        (
            f"{ifrs}CashFlowsFromUsedInDecreaseIncreaseInRestrictedCashAndCashEquivalents",
            f"{ext}FaXingYinHangJieKuanDeShouXianZhiXianJinZengJia",
        ),
        (
            f"{ifrs}CashFlowsFromUsedInDecreaseIncreaseInRestrictedCashAndCashEquivalents",
            f"{ext}FaXingYinHangJieKuanDeShouXianZhiXianJinJianShao",
        ),
        # note 7's reconciliation: tax effects IFRS has no concept for, the filing's own
        *(
            (f"{ifrs}OtherTaxEffectsForReconciliationBetweenAccountingProfitAndTaxExpenseIncome", e)
            for e in (
                f"{ext}YanFaKaiZhiChaoEDiKou",
                f"{ext}LianYingGongSiJiHeZiQiYeBaoGaoDeShuiHouYeJi",
                f"{ext}WeiQueRenDiYanSuoDeShuiZiChanDeQiTaZanShiXingChaYi",
                f"{ext}YingJiYuKouShui",
                f"{ext}JiuShuiXiangKuiSunBoHuiZaoQianQueRenDeDiYanShuiXiangZiChanJiLinShiChaE",
            )
        ),
        # the movements of note 12's classes of financial assets at fair value through
        # profit or loss (the classes themselves are counted above): each the filing's own,
        # narrower than the whole's
        *(
            (f"{ifrs}{wider}", f"{ext}{c}{own}")
            for c in ("ZhaiWuTouZi", "GuQuanTouZi", "JieGouXingCunKuan")
            for wider, own in (
                ("PurchasesFairValueMeasurementAssets", "ZengJia"),
                ("SalesFairValueMeasurementAssets", "ChuShou"),
                (
                    "GainsLossesOnFinancialAssetsAtFairValueThroughProfitOrLoss",
                    "GongYunJiaZhiBianDong",
                ),
                ("IncreaseDecreaseInFairValueMeasurementAssets", "HuoBiHuanSuanChaE"),
            )
            if (c, own) != ("JieGouXingCunKuan", "HuoBiHuanSuanChaE")  # none printed
        ),
    }
    assert "研發開支超額抵扣" in labels and "研发开支超额抵扣" in labels


def test_the_printed_other_reserves_column_holds_no_printed_sibling(written):
    """The member tree follows what is printed: the 其他儲備 column is a member under
    OtherReservesMember, beside (not above) the translation reserve printed next to it."""
    import zipfile

    with zipfile.ZipFile(written.package) as archive:
        definitions = archive.read("sensetime/extension/00020-2023-12-31_def.xml")
    parent = {
        member: whole
        for whole, member in _definition_arcs(definitions, "/domain-member")
        if member.endswith("Member")
    }

    def ancestors(member: str) -> list[str]:
        out = []
        while member in parent:
            member = parent[member]
            out.append(member)
        return out

    printed = OTHER_RESERVES.replace(":", "_")
    assert parent[printed] == "ifrs-full_OtherReservesMember"
    assert printed not in ancestors("ifrs-full_ReserveOfExchangeDifferencesOnTranslationMember")


def test_garbled_equity_header_is_reported_not_guessed(tmp_path):
    """With a header line of the statement of changes in equity lost in extraction, its
    columns cannot be told apart: nothing in it is tagged, every cell says why, and the
    report stays valid."""
    from tagger.validation import validate_report

    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    first_header = lines.index("股本 其他儲備")  # the first of the two identical headers
    del lines[first_header]
    path = tmp_path / "garbled.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = tag(path)
    equity = next(t for t in result.document.tables() if t.statement == "changes_in_equity")
    assert equity.problem and "equity components" in equity.problem
    assert not [f for f in result.facts if f.statement == "changes_in_equity"]
    found = {(r.code, r.message) for r in result.findings if r.source.table == equity.title}
    assert found == {("unreadable-columns", equity.problem)}
    written = write_report(result, tmp_path)
    assert validate_report(written.package).clean


def test_the_whole_announcement_is_in_the_report(written):
    """Nothing the user gave is lost: every printed line's text is in the rendered XHTML."""
    import re
    import zipfile

    from lxml import etree

    from tagger.reader import read_text

    with zipfile.ZipFile(written.package) as archive:
        root = etree.fromstring(archive.read("sensetime/reports/00020-2023-12-31-1-zh-Hant.xhtml"))
    body = root.find("{http://www.w3.org/1999/xhtml}body")
    shown = "".join("".join(el.itertext()) for el in body if el.get("style") != "display:none")
    shown = re.sub(r"\s", "", shown)
    lines = read_text(EXAMPLE).lines
    missing = [ln.number for ln in lines if re.sub(r"\s", "", ln.text) not in shown]
    assert missing == [] and len(lines) > 2600


NON_IFRS = [
    # 非國際財務報告準則計量 under the MD&A income statement (人民幣千元, line 450)
    ("AdjustedEBITDA", Y23, "-4369023000", -3),
    ("AdjustedNetProfitLoss", Y22, "-4736199000", -3),
    # the EBITDA reconciliation, 人民幣 / 百萬元 stacked one per column (line 630)
    ("EBITDA", Y23, "-5449600000", -5),
    ("EBITDA", Y22, "-5570200000", -5),
]


@pytest.mark.parametrize(("name", "period", "value", "decimals"), NON_IFRS)
def test_non_ifrs_measures_in_ixtag_concepts(result, name, period, value, decimals):
    found = [f for f in _facts(result, name, period) if f.decimals == decimals]
    assert found and found[0].concept.prefix == "ixtag"
    assert {f.value for f in found} == {Decimal(value)}


def test_one_measure_printed_at_two_precisions_is_one_consistent_fact(result):
    """經調整EBITDA is printed in 千元 (4,369,023) and in 百萬元 (4,369.0): both tagged, no
    conflict reported, and Arelle accepts them as consistent duplicates (see the clean test)."""
    adjusted = _facts(result, "AdjustedEBITDA", Y23)
    assert sorted(f.decimals for f in adjusted) == [-5, -3]
    assert not [r for r in result.findings if r.code.startswith("conflicting-duplicate")]
