"""Concept choice on small invented statements whose figures add up
(tests/fixtures/concept-choice.zh-Hant.txt and variants written here), values read by hand:

- an extension only where no IFRS concept of the same meaning is free in the statement;
- each extension anchored to its closest IFRS concept, wider or narrower (anchors.toml);
- a printed whole beside a printed part of it (其他儲備 beside 貨幣換算儲備) is narrower than
  the IFRS concept, and the member tree never puts the printed part under the printed whole;
- an extension labelled with a fitting IFRS wording is reported.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tagger.extension_checks import missed_concepts
from tagger.options import TagOptions
from tagger.pipeline import tag
from tagger.report import write_report

FIXTURE = Path(__file__).parent / "fixtures" / "concept-choice.zh-Hant.txt"
Y23 = (date(2023, 1, 1), date(2023, 12, 31))
Y22 = (date(2022, 1, 1), date(2022, 12, 31))
END23 = (None, date(2023, 12, 31))
END22 = (None, date(2022, 12, 31))
EXCLUDING = "QiTaChuBeiBuBaoKuoHuoBiHuanSuanChuBei"  # 其他儲備（不包括貨幣換算儲備）


@pytest.fixture(scope="module")
def result():
    return tag(FIXTURE, TagOptions(entity_id="9999"))


def _values(result, qname: str, period, member: str | None = None) -> set[Decimal]:
    start, end = period
    return {
        f.value
        for f in result.facts
        if f.concept.qname == qname
        and f.period.end == end
        and (start is None or f.period.start == start)
        and dict(f.dims).get("ifrs-full:ComponentsOfEquityAxis") == member
    }


def _extension(result, label: str):
    return next(f.concept for f in result.facts if f.concept.extension and f.label == label)


@pytest.mark.parametrize(
    ("qname", "period", "member", "value"),
    [
        # 其他儲備 printed beside 貨幣換算儲備: not OtherReserves, which includes it
        (f"ext:{EXCLUDING}", END23, None, "500000"),
        (f"ext:{EXCLUDING}", END22, None, "480000"),
        ("ifrs-full:ReserveOfExchangeDifferencesOnTranslation", END23, None, "40000"),
        ("ifrs-full:OtherReserves", END23, None, None),
        # the only other financial liability of 流動負債: the IFRS concept, "–" is 0
        ("ifrs-full:OtherCurrentFinancialLiabilities", END22, None, "100000"),
        ("ifrs-full:OtherCurrentFinancialLiabilities", END23, None, "0"),
        # 其他金融負債 has OtherNoncurrentFinancialLiabilities: 賣出選擇權負債 is a part of it
        ("ifrs-full:OtherNoncurrentFinancialLiabilities", END23, None, "300000"),
        ("ext:MaiChuXuanZeQuanFuZhaiFeiLiuDongFuZhai", END23, None, "100000"),
        # the equity statement's columns, the whole as an extension member
        ("ifrs-full:Equity", END22, f"ext:{EXCLUDING}Member", "480000"),
        ("ifrs-full:Equity", END23, f"ext:{EXCLUDING}Member", "500000"),
        (
            "ifrs-full:Equity",
            END23,
            "ifrs-full:ReserveOfExchangeDifferencesOnTranslationMember",
            "40000",
        ),
        ("ifrs-full:Equity", END23, "ifrs-full:OtherReservesMember", None),
        (
            "ifrs-full:IncreaseDecreaseThroughSharebasedPaymentTransactions",
            Y23,
            f"ext:{EXCLUDING}Member",
            "20000",
        ),
        # 受限制現金增加 printed alone: the change in restricted cash, an increase negative
        (
            "ifrs-full:CashFlowsFromUsedInDecreaseIncreaseInRestrictedCashAndCashEquivalents",
            Y23,
            None,
            "-30000",
        ),
        (
            "ifrs-full:CashFlowsFromUsedInDecreaseIncreaseInRestrictedCashAndCashEquivalents",
            Y22,
            None,
            "-10000",
        ),
        ("ifrs-full:InterestReceivedClassifiedAsInvestingActivities", Y23, None, "10000"),
        ("ifrs-full:InterestPaidClassifiedAsFinancingActivities", Y23, None, "20000"),
    ],
)
def test_concepts_read_by_hand(result, qname, period, member, value):
    assert _values(result, qname, period, member) == ({Decimal(value)} if value else set())


@pytest.mark.parametrize(
    ("label", "wider", "narrower"),
    [
        ("其他儲備", "ifrs-full:OtherReserves", ()),
        ("賣出選擇權負債", "ifrs-full:OtherNoncurrentFinancialLiabilities", ()),
        ("換算境外業務產生的匯兌差額", "ifrs-full:OtherComprehensiveIncome", ()),
        (
            "已收股息及利息",
            None,
            (
                "ifrs-full:DividendsReceivedClassifiedAsInvestingActivities",
                "ifrs-full:InterestReceivedClassifiedAsInvestingActivities",
            ),
        ),
        (
            "購買結構性存款",
            "ifrs-full:PurchaseOfFinancialInstrumentsClassifiedAsInvestingActivities",
            (),
        ),
        (
            "贖回結構性存款",
            "ifrs-full:ProceedsFromSalesOrMaturityOfFinancialInstrumentsClassifiedAsInvestingActivities",
            (),
        ),
        (
            "已付購買物業意向金",
            "ifrs-full:OtherInflowsOutflowsOfCashClassifiedAsInvestingActivities",
            (),
        ),
        (
            "退還購買物業意向金",
            "ifrs-full:OtherInflowsOutflowsOfCashClassifiedAsInvestingActivities",
            (),
        ),
        ("租賃付款的利息部分", "ifrs-full:InterestPaidClassifiedAsFinancingActivities", ()),
    ],
)
def test_each_extension_is_anchored_to_its_closest_concept(result, label, wider, narrower):
    concept = _extension(result, label)
    assert (concept.anchor, concept.narrower) == (wider, narrower)


def test_every_extension_is_one_the_rules_expect(result):
    """Nothing else became an extension: every other line has an IFRS concept."""
    made = {f.label for f in result.facts if f.concept.extension}
    assert made == {
        "其他儲備",
        "賣出選擇權負債",
        "換算境外業務產生的匯兌差額",
        "已收股息及利息",
        "購買結構性存款",
        "贖回結構性存款",
        "已付購買物業意向金",
        "退還購買物業意向金",
        "租賃付款的利息部分",
    }
    assert not [f for f in result.findings if f.code == "extension-names-ifrs-concept"]


def test_the_printed_whole_is_a_member_under_the_ifrs_whole_beside_the_part(result):
    (member,) = result.members
    assert member.label == "其他儲備（不包括貨幣換算儲備）"
    assert member.parent == "ifrs-full:OtherReservesMember"


def test_the_report_is_arelle_clean_with_the_anchors_and_member_tree(result, tmp_path):
    from lxml import etree

    from tagger.validation import validate_report

    written = write_report(result, tmp_path)
    summary = validate_report(written.package)
    assert summary.clean, summary.one_line()
    import zipfile

    with zipfile.ZipFile(written.package) as archive:
        name = next(n for n in archive.namelist() if n.endswith("_def.xml"))
        root = etree.fromstring(archive.read(name))
    xlink = "{http://www.w3.org/1999/xlink}"
    hrefs = {
        loc.get(f"{xlink}label"): loc.get(f"{xlink}href").split("#")[1]
        for loc in root.iter("{http://www.xbrl.org/2003/linkbase}loc")
    }
    arcs = {
        (arc.get(f"{xlink}arcrole").rsplit("/", 1)[1], hrefs[arc.get(f"{xlink}from")])
        for arc in root.iter("{http://www.xbrl.org/2003/linkbase}definitionArc")
        if hrefs[arc.get(f"{xlink}to")] == f"ext_{EXCLUDING}Member"
    }
    assert arcs == {("domain-member", "ifrs-full_OtherReservesMember")}


def _tag_text(tmp_path, text: str):
    path = tmp_path / "statement.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path, TagOptions(entity_id="9999"))


BALANCE_SHEET_ONE_RESERVE = """綜合財務狀況表
於2023年12月31日
2023年 2022年
人民幣千元 人民幣千元
現金及現金等價物 560 490
總資產 560 490
股本 10 10
其他儲備 550 480
總權益 560 490
"""


def test_other_reserves_printed_alone_is_the_ifrs_concept(tmp_path):
    result = _tag_text(tmp_path, BALANCE_SHEET_ONE_RESERVE)
    assert _values(result, "ifrs-full:OtherReserves", END23) == {Decimal("550000")}
    assert not [f for f in result.facts if f.concept.extension]


EQUITY_ONE_RESERVE = """綜合權益變動表
截至2023年12月31日止年度
股本 其他儲備 累計虧損 總權益
人民幣千元 人民幣千元 人民幣千元 人民幣千元
於2023年1月1日 10 510 (120) 400
年度虧損 – – (80) (80)
於2023年12月31日 10 510 (200) 320
"""


def test_other_reserves_column_printed_alone_is_the_ifrs_member(tmp_path):
    result = _tag_text(tmp_path, EQUITY_ONE_RESERVE)
    assert _values(result, "ifrs-full:Equity", END23, "ifrs-full:OtherReservesMember") == {
        Decimal("510000")
    }
    assert result.members == []


CASH_FLOWS_BOTH_WAYS = """綜合現金流量表
截至2023年12月31日止年度
2023年 2022年
人民幣千元 人民幣千元
經營活動現金流量
經營所得現金 100 80
經營活動所得現金淨額 100 80
投資活動現金流量
已付購買物業意向金 (40) –
投資活動所用現金淨額 (40) –
融資活動現金流量
受限制現金增加 (30) (10)
受限制現金減少 20 5
融資活動所用現金淨額 (10) (5)
現金及現金等價物增加淨額 50 75
"""


def test_increase_and_decrease_printed_apart_are_parts_of_the_change(tmp_path):
    """Either line alone would misstate the net change (-10 for 2023): both are extensions
    narrower than it. The one deposit line of 投資活動 is the section's other cash flows."""
    result = _tag_text(tmp_path, CASH_FLOWS_BOTH_WAYS)
    restricted = "ifrs-full:CashFlowsFromUsedInDecreaseIncreaseInRestrictedCashAndCashEquivalents"
    assert _values(result, restricted, Y23) == set()
    for label in ("受限制現金增加", "受限制現金減少"):
        assert (_extension(result, label).anchor, _extension(result, label).closest) == (
            restricted,
            True,
        )
    other = "ifrs-full:OtherInflowsOutflowsOfCashClassifiedAsInvestingActivities"
    assert _values(result, other, Y23) == {Decimal("-40000")}


def test_an_extension_named_with_an_ifrs_wording_is_reported(result):
    """The check catches a missed concept: an extension whose label is 已收利息 (the wording
    of InterestReceivedClassifiedAsInvestingActivities, a debit duration line of cash flows)."""
    fact = next(f for f in result.facts if f.label == "已收股息及利息")
    missed = fact.model_copy(
        update={"concept": fact.concept.model_copy(update={"label": "已收利息"}), "label": "x"}
    )
    tables = result.document.tables()
    (found,) = missed_concepts([missed], tables, result.concept_map)
    assert found.code == "extension-names-ifrs-concept" and found.severity == "warning"
    assert "InterestReceivedClassifiedAsInvestingActivities" in found.message
    # the same label on a duration line of another statement fits nothing there
    other = missed.model_copy(update={"statement": "financial_position"})
    assert missed_concepts([other], tables, result.concept_map) == []


def test_no_extension_of_the_example_or_the_corpus_names_an_ifrs_concept():
    """The rules leave no over-extension the check can see, on every bundled input."""
    root = Path(__file__).resolve().parents[1]
    inputs = [
        *sorted((root / "tests" / "corpus").glob("*.txt")),
        *(root / "examples").glob("*.txt"),
    ]
    for path in inputs:
        found = [f.message for f in tag(path).findings if f.code == "extension-names-ifrs-concept"]
        assert found == [], path.name
