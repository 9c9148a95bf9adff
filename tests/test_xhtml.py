"""Stage 11, write: the XHTML keeps every printed character and tags amounts in place."""

from __future__ import annotations

from lxml import etree

from tagger.facts import build_facts
from tagger.matching import match_document
from tagger.vocabulary import default_vocabulary
from tagger.xhtml import NS, write_xhtml
from tests.stage_inputs import INCOME, with_columns

IX = "{http://www.xbrl.org/2013/inlineXBRL}"


def _xhtml(text: str) -> etree._Element:
    return etree.fromstring(_written(text))


def _written(text: str) -> bytes:
    document = with_columns(text)
    tables = document.tables()
    facts, _ = build_facts(tables, match_document(tables, default_vocabulary()))
    return write_xhtml(
        document,
        facts,
        schema_href="../extension/x.xsd",
        scheme="https://www.hkex.com.hk/stock-code",
        identifier="09999",
        extension_ns="https://filings.ixtag.org/09999/2023-12-31",
        title="測試",
    )


def test_brackets_stay_outside_and_the_sign_goes_in_the_tag():
    root = _xhtml(INCOME.replace("年度溢利 300 240", "年度溢利 (300) 240"))
    tags = {(t.get("name"), t.text): t for t in root.iter(f"{IX}nonFraction")}
    cost = tags[("ifrs-full:CostOfSales", "700")]
    assert cost.get("sign") is None  # an expense printed in brackets is a positive cost
    assert cost.getparent().text == "(" and cost.tail == ")"
    loss = tags[("ifrs-full:ProfitLoss", "300")]
    assert loss.get("sign") == "-" and loss.get("scale") == "3" and loss.get("decimals") == "-3"
    assert loss.get("format") == "ixt:num-dot-decimal"


def test_every_printed_line_is_in_the_page_and_contexts_are_declared():
    root = _xhtml("本公司董事會宣佈年度業績。\n\n" + INCOME)
    text = "".join(root.itertext())
    for line in ("本公司董事會宣佈年度業績。", "收入", "1,200", "(700)", "綜合收益表"):
        assert line in text
    ids = {c.get("id") for c in root.iter("{http://www.xbrl.org/2003/instance}context")}
    refs = {t.get("contextRef") for t in root.iter(f"{IX}nonFraction")}
    assert refs and refs <= ids


def test_a_dash_is_a_fixed_zero_and_a_percentage_keeps_its_sign_outside():
    root = _xhtml(INCOME.replace("行政開支 (150) (120)", "行政開支 – (120)"))
    dash = next(t for t in root.iter(f"{IX}nonFraction") if t.text == "–")
    assert dash.get("format") == "ixt:fixed-zero"
    ratio = _xhtml(
        "主要財務比率\n於2023年12月31日\n2023年 2022年\n人民幣千元 人民幣千元\n"
        "資本負債比率 35.2% 28.1%\n"
    )
    tag = next(t for t in ratio.iter(f"{IX}nonFraction") if t.get("name") == "ixtag:GearingRatio")
    assert tag.text == "35.2" and tag.tail == "%" and tag.get("unitRef") == "pure"
    unit = next(
        u for u in ratio.iter("{http://www.xbrl.org/2003/instance}unit") if u.get("id") == "pure"
    )
    assert [m.text for m in unit.iter("{http://www.xbrl.org/2003/instance}measure")] == [
        "xbrli:pure"
    ]


def test_page_breaks_of_the_printed_document_are_marked():
    root = _xhtml("第一頁的文字。\n\f" + INCOME)
    breaks = [
        e for e in root.iter("{http://www.w3.org/1999/xhtml}hr") if e.get("class") == "page-break"
    ]
    assert [e.get("title") for e in breaks] == ["page 2"]


def test_the_page_title_is_the_announcements_own():
    from tagger.report import announcement_title
    from tests.stage_inputs import segmented

    text = (
        "示例集團有限公司\n\n截至2023年12月31日止年度之\n年度業績公告\n\n"
        "董事會欣然公佈本集團截至2023年12月31日止年度之業績。\n"
    )
    assert announcement_title(segmented(text)) == "截至2023年12月31日止年度之年度業績公告"
    assert announcement_title(segmented("董事會欣然公佈本集團之業績。\n")) is None


def test_the_stock_code_is_read_from_the_cover_as_its_exchange_prints_it():
    from tagger.report import stock_code
    from tests.stage_inputs import segmented

    cover = "示例證券集團有限公司\n\n（股份代號：717）\n\n"
    biography = "\n".join(["董事會報告。"] * 90) + "\n\n另一公司（股份代號：163）之董事。\n"
    assert stock_code(segmented(cover + biography)) == "00717"
    assert stock_code(segmented(biography)) is None  # another company's code, further on
    assert stock_code(segmented("公司代码：600201 公司简称：生物股份\n")) == "600201"


def test_an_equity_header_names_each_component_whole_under_the_owners_heading():
    """tests/corpus/34: 本公司擁有人應佔 over 股本 … 小計 (five columns), then one name
    and one unit above each of the seven columns."""
    from pathlib import Path

    from tagger.pipeline import tag

    corpus = Path(__file__).resolve().parent / "corpus" / "34-equity-statement-hkd.txt"
    package = tag(corpus).package
    page = next(data for name, data in package.files.items() if name.endswith(".xhtml"))
    table = etree.fromstring(page).find(".//{*}table")
    rows = [
        [(th.text, th.get("colspan")) for th in tr.findall("{*}th")] for tr in table.iter("{*}tr")
    ]
    header = [row for row in rows if row]
    assert header[0] == [("截至2023年12月31日止年度", "8")]
    assert header[1] == [(None, "1"), ("本公司擁有人應佔", "5"), (None, "2")]
    names = ["股本", "股份溢價", "其他儲備", "保留盈利", "小計", "非控股權益", "總計"]
    assert header[2] == [(None, None), *((name, None) for name in names)]
    assert header[3] == [(None, None), *(("港幣千元", None) for _ in names)]
    assert len(header) == 4


def test_rows_the_rows_above_add_up_to_are_ruled_as_totals():
    """The example's cash flow statement: each section's net cash and the closing cash are
    ruled; the lines they add up are not."""
    from pathlib import Path

    from tagger.pipeline import tag

    example = Path(__file__).resolve().parent.parent / "examples"
    package = tag(example / "sensetime-2023-annual-results.zh-Hant.txt").package
    page = next(data for name, data in package.files.items() if name.endswith(".xhtml"))
    table = next(
        t
        for t in etree.fromstring(page).iter("{*}table")
        if t.findtext("{*}caption") == "綜合現金流量表"
    )
    kinds = {
        "".join(tr.find("{*}td").itertext()): tr.get("class")
        for tr in table.iter("{*}tr")
        if tr.find("{*}td") is not None
    }
    for total in ("經營活動所用現金淨額", "融資活動所得現金淨額", "年末現金及現金等價物"):
        assert kinds[total] == "total", total
    assert kinds["投資活動所得╱（所用）現金淨額"] == "total"  # printed with ╱
    for item in ("已付所得稅", "購買無形資產", "借款所得款項", "匯率變動的影響"):
        assert kinds[item] is None, item
    assert kinds["經營活動現金流量"] == "heading"


def test_the_page_written_as_text_is_what_lxml_writes_of_its_tree():
    written = _written('董事會宣佈 & 報告 <年度> "業績"\n\n' + INCOME)
    tree = etree.fromstring(written)
    for element in tree.iter():  # empty, written open and closed (xhtml.write_xhtml)
        void = element.tag in {f"{{{NS[None]}}}{tag}" for tag in ("br", "hr", "meta")}
        if len(element) == 0 and element.text is None and not void:
            element.text = ""
    assert b"&amp;" in written and b"&lt;" in written
    assert etree.tostring(tree, encoding="utf-8") == written
