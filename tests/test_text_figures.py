"""Figures in running text that restate a statement line: read by hand from the example's
management discussion (lines 61, 455–588) and from small texts written for the rules."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from tagger.pipeline import tag
from tests.stage_inputs import BALANCE, INCOME

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / ("sensetime-2023-annual-results.zh-Hant.txt")
)
Y2023, Y2022 = "2023-12-31", "2022-12-31"
DEPOSITS = "ShorttermDepositsNotClassifiedAsCashEquivalents"
IMPAIRMENT = (
    "ImpairmentLossImpairmentGainAndReversalOfImpairmentLossDeterminedInAccordanceWithIFRS9"
)


def _in_text(result):
    return sorted(
        (f.concept.name, f.period.end.isoformat(), f.value, f.decimals, f.cell.line)
        for f in result.facts
        if f.in_text is not None and not f.dims and f.concept.name != "NumberOfEmployees"
    )


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


def test_the_example_discussion_restates_forty_five_figures_of_its_tables(example):
    m = Decimal(10) ** 6
    assert _in_text(example) == sorted(
        [
            ("Revenue", Y2023, Decimal("3405.8") * m, -5, 61),  # 集團總收入為人民幣 3,405.8百萬元
            ("Revenue", Y2022, Decimal("3808.5") * m, -5, 455),
            ("Revenue", Y2023, Decimal("3405.8") * m, -5, 455),
            # 2023年集團總收入為…，同比下降 10.6%，毛利潤為1,500.8百萬元人民幣: the year
            # leads the sentence
            ("GrossProfit", Y2023, Decimal("1500.8") * m, -5, 62),
            ("GrossProfit", Y2022, Decimal("2542.3") * m, -5, 529),  # 毛利從2022年的…
            ("GrossProfit", Y2023, Decimal("1500.8") * m, -5, 529),
            ("SellingExpense", Y2022, Decimal("900.8") * m, -5, 544),
            ("SellingExpense", Y2023, Decimal("818.7") * m, -5, 544),
            ("OtherIncome", Y2022, Decimal("447.3") * m, -5, 561),
            ("OtherIncome", Y2023, Decimal("291.5") * m, -5, 561),
            ("OtherGainsLosses", Y2023, Decimal("-808.2") * m, -5, 567),  # 其他虧損淨額
            ("OtherGainsLosses", Y2022, Decimal("-1367.3") * m, -5, 568),
            (
                "GainsLossesOnFinancialLiabilitiesAtFairValueThroughProfitOrLoss",
                Y2022,
                Decimal("-7.2") * m,
                -5,
                581,
            ),  # 優先股的公允價值虧損
            (
                "GainsLossesOnFinancialLiabilitiesAtFairValueThroughProfitOrLoss",
                Y2023,
                Decimal("-32.1") * m,
                -5,
                581,
            ),
            ("IncomeTaxExpenseContinuingOperations", Y2023, Decimal("-9.5") * m, -5, 587),  # 抵免
            ("IncomeTaxExpenseContinuingOperations", Y2022, Decimal("-239.8") * m, -5, 588),
            # 由 2022年的人民幣 1,266.2百萬元 (spaces around the year) … 至2023年的人民幣
            ("CostOfSales", Y2022, Decimal("1266.2") * m, -5, 497),
            ("CostOfSales", Y2023, Decimal("1905.1") * m, -5, 498),
            ("ResearchAndDevelopmentExpense", Y2022, Decimal("4014.3") * m, -5, 538),
            ("ResearchAndDevelopmentExpense", Y2023, Decimal("3465.8") * m, -5, 539),
            ("AdministrativeExpense", Y2022, Decimal("1567.7") * m, -5, 549),
            ("AdministrativeExpense", Y2023, Decimal("1510.9") * m, -5, 550),
            # 金融資產及合約資產減值虧損: the statement's line with 淨額 left out
            (IMPAIRMENT, Y2022, Decimal("1667.7") * m, -5, 555),
            (IMPAIRMENT, Y2023, Decimal("1835.2") * m, -5, 557),
            # 截至2023年12月31日止年度，經營活動所用現金淨額為人民幣 3,234.3百萬元: an outflow
            ("CashFlowsFromUsedInOperatingActivities", Y2023, Decimal("-3234.3") * m, -5, 764),
            ("CashFlowsFromUsedInInvestingActivities", Y2023, Decimal("3458.4") * m, -5, 771),
            ("CashFlowsFromUsedInFinancingActivities", Y2023, Decimal("1083.6") * m, -5, 778),
            # 本集團EBITDA（虧損）為5,449.6百萬元人民幣，同比減少2.2%，虧損淨額為6,494.7百萬元
            # 人民幣: no year printed, 同比 says the reporting year; EBITDA as the non-IFRS
            # reconciliation tags it, a loss whatever the text prints
            ("EBITDA", Y2023, Decimal("-5449.6") * m, -5, 66),
            ("ProfitLoss", Y2023, Decimal("-6494.7") * m, -5, 66),
            # 我們於2023年的虧損為人民幣6,494.7百萬元，2022年虧損則為人民幣6,093.0百萬元
            ("ProfitLoss", Y2023, Decimal("-6494.7") * m, -5, 591),
            ("ProfitLoss", Y2022, Decimal("-6093.0") * m, -5, 592),
            # 我們的貿易、其他應收款項及預付款項主要包括貿易應收款項，由截至2022年12月31日的
            # 人民幣 6,071.7百萬元減少至截至 2023年12月31日的人民幣 5,159.3百萬元
            ("TradeAndOtherCurrentReceivables", Y2022, Decimal("6071.7") * m, -5, 671),
            ("TradeAndOtherCurrentReceivables", Y2023, Decimal("5159.3") * m, -5, 671),
            # 截至2023年12月31日，我們擁有現金及現金等價物人民幣 9,423.5百萬元以及定期存款
            # 人民幣 1,099.9百萬元，而截至2022年12月31日的結餘分別為人民幣7,962.8百萬元及
            # 人民幣6,212.9百萬元
            ("CashAndCashEquivalents", Y2023, Decimal("9423.5") * m, -5, 731),
            (DEPOSITS, Y2023, Decimal("1099.9") * m, -5, 731),
            ("CashAndCashEquivalents", Y2022, Decimal("7962.8") * m, -5, 732),
            (DEPOSITS, Y2022, Decimal("6212.9") * m, -5, 732),
            # 截至2022年12月31日及2023年12月31日，我們的總借款分別為人民幣3,228.6百萬元及
            # 人民幣 4,473.1百萬元: the total of note 14 (4,473,115 and 3,228,614 千元)
            ("Borrowings", Y2022, Decimal("3228.6") * m, -5, 783),
            ("Borrowings", Y2023, Decimal("4473.1") * m, -5, 784),
        ]
    )


def test_a_business_line_named_before_the_line_takes_the_rows_member(example):
    # 我們的生成式AI收入由2022年的人民幣394.7百萬元增長至2023年的人民幣1,183.7百萬元: the
    # discussion's table prints 生成式AI as a row of revenue by business line
    m = Decimal(10) ** 6
    lines = sorted(
        (f.dims[0][1], f.period.end.isoformat(), f.value, f.decimals, f.cell.line)
        for f in example.facts
        if f.in_text is not None and f.dims and f.statement == "text"
    )
    assert all(
        f.dims[0][0] == "ifrs-full:ProductsAndServicesAxis"
        for f in example.facts
        if f.in_text is not None and f.dims and f.statement == "text"
    )
    assert lines == [
        ("ext:ChuanTongAiMember", Y2022, Decimal("3121.1") * m, -5, 486),
        ("ext:ChuanTongAiMember", Y2023, Decimal("1838.4") * m, -5, 487),
        ("ext:ShengChengShiAiMember", Y2022, Decimal("394.7") * m, -5, 480),
        ("ext:ShengChengShiAiMember", Y2023, Decimal("1183.7") * m, -5, 480),
        ("ext:ZhiNengQiCheMember", Y2022, Decimal("292.7") * m, -5, 491),
        ("ext:ZhiNengQiCheMember", Y2023, Decimal("383.7") * m, -5, 492),
    ]


def test_a_figure_is_tagged_in_its_sentence_with_the_words_around_it_as_printed(example):
    page = next(d for n, d in example.package.files.items() if n.endswith(".xhtml"))
    root = etree.fromstring(page)
    tags = [
        t
        for t in root.iter("{http://www.xbrl.org/2013/inlineXBRL}nonFraction")
        if t.getparent().tag.endswith("}p")
        and t.get("name")
        not in (
            "ifrs-full:NumberOfEmployees",
            "ifrs-full:PropertyPlantAndEquipmentPledgedAsSecurity",
        )
    ]
    assert len(tags) == 45
    other_losses = next(t for t in tags if t.text == "808.2")
    assert other_losses.get("name") == "ifrs-full:OtherGainsLosses"
    assert other_losses.get("sign") == "-" and other_losses.get("scale") == "6"
    assert other_losses.get("decimals") == "-5"
    assert other_losses.getparent().text.endswith("其他虧損淨額為人民幣")
    assert other_losses.tail.startswith("百萬元")
    ebitda = next(t for t in tags if t.get("name") == "ixtag:EBITDA")
    assert ebitda.text == "5,449.6" and ebitda.get("sign") == "-"


def test_approximations_and_figures_of_no_statement_line_stay_reported(example):
    # 收取的所得款項淨額…約為6,351.0百萬港元; 生成式AI收入突破1,183.7百萬元人民幣; 長期應付
    # 款項公允價值為人民幣5,190,000元 (no line of a statement)
    left = {f.printed for f in example.findings if f.code == "untagged-text-figure"}
    assert {"6,351.0", "6,306.2", "1,183.7", "5,190,000"} <= left
    assert not [f for f in example.facts if f.in_text and f.cell.text in ("6,351.0", "6,306.2")]


def _tag_text(tmp_path, text: str):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path)


def test_only_a_figure_naming_a_statement_line_and_year_that_agrees_is_tagged(tmp_path):
    text = (
        "管理層討論及分析\n\n"
        "我們的收入由2022年的人民幣1.0百萬元增加20.0%至2023年的人民幣1.2百萬元。\n\n"
        "我們於2023年的年度溢利為人民幣0.4百萬元。\n\n"  # the statement prints 300 千元
        "我們的產品收入由2022年的人民幣0.6百萬元增加至2023年的人民幣0.7百萬元。\n\n" + INCOME
    )
    result = _tag_text(tmp_path, text)
    assert _in_text(result) == [
        ("Revenue", Y2022, Decimal("1000000"), -5, 3),
        ("Revenue", Y2023, Decimal("1200000"), -5, 3),
    ]
    differs = [f for f in result.findings if f.code == "text-figure-differs"]
    assert [(f.printed, f.source.line) for f in differs] == [("0.4", 5)]
    left = {f.printed for f in result.findings if f.code == "untagged-text-figure"}
    assert {"0.6", "0.7"} <= left  # 產品收入 is no statement line: reported, not tagged


def test_simplified_text_reads_the_same(tmp_path):
    from taxonomy.loader import simplified

    text = (
        "我们的收入由2022年的人民币1.0百万元增加20.0%至2023年的人民币1.2百万元。\n\n"
        + simplified(INCOME)
    )
    result = _tag_text(tmp_path, text)
    assert [(c, y, v) for c, y, v, _, _ in _in_text(result)] == [
        ("Revenue", Y2022, Decimal("1000000")),
        ("Revenue", Y2023, Decimal("1200000")),
    ]


def test_a_date_names_a_balance_and_a_year_to_its_end_names_the_year(tmp_path):
    text = (
        "管理層討論及分析\n\n"
        "於2023年12月31日，我們的現金及現金等價物為人民幣0.2百萬元。\n\n"
        "物業、廠房及設備由截至2022年12月31日的人民幣0.7百萬元增加至截至 2023年12月31日的"
        "人民幣0.8百萬元。\n\n"
        "截至2023年12月31日止年度，行政開支為人民幣0.15百萬元。\n\n"
        "於2023年12月31日，收入為人民幣1.2百萬元。\n\n"  # a date is no year's revenue
        + INCOME
        + "\n"
        + BALANCE
    )
    result = _tag_text(tmp_path, text)
    instants = sorted(
        (f.concept.name, f.period.end.isoformat(), f.value, f.decimals, f.cell.line)
        for f in result.facts
        if f.in_text is not None and f.period.is_instant
    )
    assert instants == [
        ("CashAndCashEquivalents", Y2023, Decimal("200000"), -5, 3),
        ("PropertyPlantAndEquipment", Y2022, Decimal("700000"), -5, 5),
        ("PropertyPlantAndEquipment", Y2023, Decimal("800000"), -5, 5),
    ]
    years = [row for row in _in_text(result) if row not in instants]
    assert years == [("AdministrativeExpense", Y2023, Decimal("150000"), -4, 7)]
    left = {f.printed for f in result.findings if f.code == "untagged-text-figure"}
    assert "1.2" in left


def test_a_comparative_in_brackets_is_the_year_before(tmp_path):
    text = (
        "管理層討論及分析\n\n"
        "本集團的收入為人民幣1.2百萬元（2022年：人民幣1.0百萬元），"
        "毛利為人民幣0.5百萬元（2022年：人民幣0.41百萬元）。\n\n"  # the statement prints 400
        "於2023年12月31日，現金及現金等價物為人民幣0.2百萬元（2022年：人民幣0.15百萬元）。\n\n"
        # 2021 is not the year before 2023: neither figure is read
        "2023年的行政開支為人民幣0.15百萬元（2021年：人民幣0.12百萬元）。\n\n"
        + INCOME
        + "\n"
        + BALANCE
    )
    result = _tag_text(tmp_path, text)
    read = sorted(
        (f.concept.name, f.period.key(), f.value, f.decimals, f.cell.line)
        for f in result.facts
        if f.in_text is not None
    )
    assert read == [
        ("CashAndCashEquivalents", "i20221231", Decimal("150000"), -4, 5),
        ("CashAndCashEquivalents", "i20231231", Decimal("200000"), -5, 5),
        ("GrossProfit", "d20230101-20231231", Decimal("500000"), -5, 3),
        ("Revenue", "d20220101-20221231", Decimal("1000000"), -5, 3),
        ("Revenue", "d20230101-20231231", Decimal("1200000"), -5, 3),
    ]
    differs = [f.printed for f in result.findings if f.code == "text-figure-differs"]
    assert differs == ["0.41"]
    left = {f.printed for f in result.findings if f.code == "untagged-text-figure"}
    assert {"0.15", "0.12"} <= left


def test_the_currency_after_the_amount_as_mainland_issuers_print_it(tmp_path):
    from taxonomy.loader import simplified

    text = "我们2023年的收入为1.2百万元人民币，2022年的毛利为0.4百万元人民币。\n\n"
    result = _tag_text(tmp_path, text + simplified(INCOME))
    assert [(c, y, v, d) for c, y, v, d, _ in _in_text(result)] == [
        ("GrossProfit", Y2022, Decimal("400000"), -5),
        ("Revenue", Y2023, Decimal("1200000"), -5),
    ]


def test_a_period_leading_its_sentence_holds_for_its_later_clauses(tmp_path):
    text = (
        "業績摘要\n\n"
        "2023年，本集團收入為人民幣1.2百萬元，同比增長20.0%，毛利為人民幣0.5百萬元，"
        "去年毛利為人民幣0.4百萬元。\n\n"  # another period named: not the sentence's
        "本集團的毛利為人民幣0.5百萬元，行政開支為人民幣0.15百萬元。\n\n"  # no period: none
        + INCOME
    )
    result = _tag_text(tmp_path, text)
    assert _in_text(result) == [
        ("GrossProfit", Y2023, Decimal("500000"), -5, 3),
        ("Revenue", Y2023, Decimal("1200000"), -5, 3),
    ]
    assert not [f for f in result.findings if f.code == "text-figure-differs"]


# a Hong Kong issuer's balance sheet in 千港元 (invented; it adds up)
BALANCE_HKD = """綜合財務狀況表
於2023年12月31日

2023年 2022年
千港元 千港元
非流動資產
物業、廠房及設備 800 700
流動資產
定期存款 300 250
現金及現金等價物 1,200 900
資產總額 2,300 1,850
權益
股本 10 10
保留盈利 1,990 1,540
權益總額 2,000 1,550
流動負債
貿易及其他應付款項 300 300
負債總額 300 300
"""


def _listed(result):
    return sorted(
        (f.concept.name, f.period.end.isoformat(), f.value, f.decimals, f.cell.line)
        for f in result.facts
        if f.in_text is not None
    )


def test_subjects_listed_with_their_amounts_and_their_balances_respectively(tmp_path):
    text = (
        "流動資金\n\n"
        "於2023年12月31日，本集團擁有現金及現金等價物1.2百萬港元以及定期存款0.3百萬港元，"
        "而於2022年12月31日的結餘分別為0.9百萬港元及0.25百萬港元。\n\n"
        # three amounts for two subjects: which is which cannot be told, none is read
        "於2023年12月31日，本集團擁有現金及現金等價物1.2百萬港元以及定期存款0.3百萬港元，"
        "而於2022年12月31日的結餘分別為0.9百萬港元、0.25百萬港元及0.1百萬港元。\n\n"
        # the later date first, amounts in 千港元: in the order printed
        "於2023年12月31日及2022年12月31日，本集團的定期存款分別為300千港元及250千港元。\n\n"
        + BALANCE_HKD
    )
    result = _tag_text(tmp_path, text)
    assert _listed(result) == [
        ("CashAndCashEquivalents", Y2022, Decimal("900000"), -5, 3),
        ("CashAndCashEquivalents", Y2023, Decimal("1200000"), -5, 3),
        (DEPOSITS, Y2022, Decimal("250000"), -4, 3),
        (DEPOSITS, Y2022, Decimal("250000"), -3, 7),
        (DEPOSITS, Y2023, Decimal("300000"), -5, 3),
        (DEPOSITS, Y2023, Decimal("300000"), -3, 7),
    ]
    assert all(f.currency == "HKD" for f in result.facts if f.in_text is not None)
    left = [f.printed for f in result.findings if f.code == "untagged-text-figure"]
    assert sorted(left) == ["0.1", "0.25", "0.3", "0.9", "1.2"]


BALANCE_RMB_MILLIONS = """合并资产负债表
于2023年12月31日

2023年 2022年
人民币百万元 人民币百万元
非流动资产
物业、厂房及设备 2,770 2,095
流动资产
现金及现金等价物 1,230 905
资产总额 4,000 3,000
权益
股本 100 100
保留盈利 2,900 2,100
权益总额 3,000 2,200
流动负债
贸易及其他应付款项 1,000 800
负债总额 1,000 800
"""


def test_two_dates_and_their_amounts_respectively_in_simplified_and_in_yi(tmp_path):
    text = (
        "财务资源\n\n"
        "截至2022年12月31日及2023年12月31日，我们的现金及现金等价物分别为人民币9.05亿元"
        "及人民币12.3亿元。\n\n"
        # years the statements do not print; about (约); two dates and three amounts
        "截至2020年12月31日及2021年12月31日，我们的现金及现金等价物分别为人民币5.1亿元"
        "及人民币6.2亿元。\n\n"
        "截至2022年12月31日及2023年12月31日，我们的物业、厂房及设备分别约为人民币20.95亿元"
        "及人民币27.7亿元。\n\n"
        "截至2022年12月31日及2023年12月31日，我们的物业、厂房及设备分别为人民币20.95亿元、"
        "人民币27.7亿元及人民币1.0亿元。\n\n" + BALANCE_RMB_MILLIONS
    )
    result = _tag_text(tmp_path, text)
    assert _listed(result) == [
        ("CashAndCashEquivalents", Y2022, Decimal("905000000"), -6, 3),
        ("CashAndCashEquivalents", Y2023, Decimal("1230000000"), -7, 3),
    ]
    left = {f.printed for f in result.findings if f.code == "untagged-text-figure"}
    assert {"5.1", "6.2", "20.95", "27.7", "1.0"} <= left


def test_a_second_year_then_the_sentence_subject_and_year_on_year(tmp_path):
    text = (
        "年度溢利\n\n"
        # 2022年溢利則為: a later clause naming its own year; 溢利 is the year's profit
        "由於上文所述，我們於2023年的溢利為人民幣0.3百萬元，2022年溢利則為人民幣0.24百萬元。\n\n"
        # 由… begins a clause: the sentence's subject is what moved
        "我們的物業、廠房及設備主要包括樓宇，由截至2022年12月31日的人民幣0.7百萬元增加至"
        "截至2023年12月31日的人民幣0.8百萬元。\n\n"
        # 同比 with no year printed: the reporting year
        "本集團毛利為人民幣0.5百萬元，同比增長25.0%。\n\n"
        # a year printed in the sentence, or another period named: 同比 says nothing
        "本集團行政開支為人民幣0.15百萬元，較2022年同比增長25.0%。\n\n"
        "去年同期毛利為人民幣0.4百萬元，同比下降。\n\n"
        # a quarter's figure, although it equals the year's
        "第四季度，本集團毛利為人民幣0.5百萬元，同比增長25.0%。\n\n"
        # about, and 突破 (over): no amount the statements print
        "2023年的收入約為人民幣1.2百萬元。收入突破人民幣1.2百萬元，同比增長20.0%。\n\n"
        + INCOME
        + "\n"
        + BALANCE
    )
    result = _tag_text(tmp_path, text)
    assert _listed(result) == [
        ("GrossProfit", Y2023, Decimal("500000"), -5, 7),
        ("ProfitLoss", Y2022, Decimal("240000"), -4, 3),
        ("ProfitLoss", Y2023, Decimal("300000"), -5, 3),
        ("PropertyPlantAndEquipment", Y2022, Decimal("700000"), -5, 5),
        ("PropertyPlantAndEquipment", Y2023, Decimal("800000"), -5, 5),
    ]
    left = {(f.printed, f.source.line) for f in result.findings if f.code == "untagged-text-figure"}
    assert {("0.15", 9), ("0.4", 11), ("0.5", 13), ("1.2", 15)} <= left
