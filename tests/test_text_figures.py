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


def test_the_example_discussion_restates_thirty_three_figures_of_its_tables(example):
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
        ]
    )


def test_a_business_line_named_before_the_line_takes_the_rows_member(example):
    # 我們的生成式AI收入由2022年的人民幣394.7百萬元增長至2023年的人民幣1,183.7百萬元: the
    # discussion's table prints 生成式AI as a row of revenue by business line
    m = Decimal(10) ** 6
    lines = sorted(
        (f.dims[0][1], f.period.end.isoformat(), f.value, f.decimals, f.cell.line)
        for f in example.facts
        if f.in_text is not None and f.dims
    )
    assert all(
        f.dims[0][0] == "ifrs-full:ProductsAndServicesAxis"
        for f in example.facts
        if f.in_text is not None and f.dims
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
        if t.getparent().tag.endswith("}p") and t.get("name") != "ifrs-full:NumberOfEmployees"
    ]
    assert len(tags) == 33
    other_losses = next(t for t in tags if t.text == "808.2")
    assert other_losses.get("name") == "ifrs-full:OtherGainsLosses"
    assert other_losses.get("sign") == "-" and other_losses.get("scale") == "6"
    assert other_losses.get("decimals") == "-5"
    assert other_losses.getparent().text.endswith("其他虧損淨額為人民幣")
    assert other_losses.tail.startswith("百萬元")


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
