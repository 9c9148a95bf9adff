"""Statements typeset as PDFs the way issuers print them, read back by `ixtag tag x.pdf`:
the example in Simplified Chinese gives the facts of its Simplified text, and a statement of
changes in equity with a header on several baselines, columns left blank and a second page
gives its facts in their columns (figures invented, each row adding up)."""

from __future__ import annotations

from decimal import Decimal

import opencc
import pytest

from tagger.pipeline import tag
from tests.pdf_builder import PdfLayout, PdfRow, build_pdf, reportlab_missing
from tests.test_pdf_in import EXAMPLE, _typeset, assert_movements_reported

_CANNOT_BUILD = reportlab_missing()
needs_builder = pytest.mark.skipif(_CANNOT_BUILD is not None, reason=_CANNOT_BUILD or "")


@needs_builder
def test_the_example_in_simplified_chinese_typeset_as_a_pdf_gives_its_text_facts(tmp_path):
    text = opencc.OpenCC("t2s").convert(EXAMPLE.read_text(encoding="utf-8"))
    source = tmp_path / "example-hans.txt"
    source.write_text(text, encoding="utf-8")
    from_pdf = tag(_typeset(text.splitlines(), tmp_path / "example-hans.pdf"))
    from_text = tag(source)
    assert len(from_text.facts) > 380
    assert_movements_reported(from_pdf, from_text)


# 股本 股份溢價 權益儲備 累計虧損 總計, with 可換股債券 printed above 權益儲備: five columns,
# right-aligned; a movement prints only the columns it changes, the others left blank.
EQUITY_LAYOUT = PdfLayout(
    title="綜合權益變動表",
    subtitles=("截至2024年6月30日止年度",),
    headers=(
        ("", "", "可換股債券", "", ""),
        ("股本", "股份溢價", "權益儲備", "累計虧損", "總計"),
        ("千港元",) * 5,
    ),
    note_header="",
    column_width=70,
    page_size=(842.0, 595.0),
)
EQUITY_PAGES = [
    [
        PdfRow("於2022年7月1日", "", ("10,000", "50,000", None, "(20,000)", "40,000")),
        PdfRow("年度全面開支總額", "", (None, None, None, "(6,000)", "(6,000)")),
        PdfRow("發行股份", "", ("1,000", "1,500", None, None, "2,500")),
        PdfRow("於2023年6月30日", "", ("11,000", "51,500", None, "(26,000)", "36,500")),
    ],
    [  # the next page: its header again, and first a row that leaves three columns blank
        PdfRow("年度全面開支總額", "", (None, None, None, "(9,000)", "(9,000)")),
        PdfRow("發行股份", "", ("4,000", "12,000", None, None, "16,000")),
        PdfRow("確認可換股債券權益部分", "", (None, None, "3,000", None, "3,000")),
        PdfRow("於2024年6月30日", "", ("15,000", "63,500", "3,000", "(35,000)", "46,500")),
    ],
]
ISSUED, PREMIUM, RETAINED = (
    "ifrs-full:IssuedCapitalMember",
    "ifrs-full:SharePremiumMember",
    "ifrs-full:RetainedEarningsMember",
)


def _member(fact) -> str:
    return fact.dims[0][1] if fact.dims else ""


@needs_builder
def test_an_equity_statement_pdf_keeps_each_amount_in_its_column(tmp_path):
    pdf = build_pdf(EQUITY_PAGES, tmp_path / "equity.pdf", EQUITY_LAYOUT)
    result = tag(pdf)
    facts = {(f.concept.name, f.period.key(), _member(f)): f.value for f in result.facts}
    # 25 printed amounts (13 on the first page, 12 on the second), each one fact; blanks none.
    assert len(result.facts) == 25
    assert facts[("Equity", "i20220630", ISSUED)] == Decimal(10_000_000)
    assert facts[("Equity", "i20220630", "")] == Decimal(40_000_000)
    assert facts[("ComprehensiveIncome", "d20220701-20230630", RETAINED)] == Decimal(-6_000_000)
    assert facts[("IssueOfEquity", "d20220701-20230630", PREMIUM)] == Decimal(1_500_000)
    assert facts[("IssueOfEquity", "d20230701-20240630", "")] == Decimal(16_000_000)
    # the first row of the second page: its two amounts in the last two columns
    assert facts[("ComprehensiveIncome", "d20230701-20240630", RETAINED)] == Decimal(-9_000_000)
    assert facts[("ComprehensiveIncome", "d20230701-20240630", "")] == Decimal(-9_000_000)
    # 可換股債券 / 權益儲備 stacked in one column: one component, with no IFRS member
    reserve = [f for f in result.facts if f.dims and f.dims[0][1].startswith("ext:")]
    assert {(f.period.key(), f.value) for f in reserve} == {
        ("d20230701-20240630", Decimal(3_000_000)),
        ("i20240630", Decimal(3_000_000)),
    }
    assert {m.label for m in result.members} == {"可換股債券權益儲備"}
    assert not [f for f in result.findings if f.code in ("ambiguous-layout", "unreadable-columns")]
