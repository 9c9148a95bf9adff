"""Stage 2, layout: a line -> its label and its trailing amount cells."""

from __future__ import annotations

from decimal import Decimal

from tagger.layout import lay_out
from tests.stage_inputs import INCOME, source


def test_each_line_gives_label_and_amounts():
    laid = lay_out(source(INCOME))
    by_text = {line.text: line for line in laid.lines}
    cost = by_text["銷售成本 5 (700) (600)"]
    # the note number is still among the cells: the header tells it apart (segment stage)
    assert cost.label == "銷售成本"
    assert [c.text for c in cost.cells] == ["5", "(700)", "(600)"]
    assert [c.value for c in cost.cells] == [Decimal(5), Decimal(-700), Decimal(-600)]
    title = by_text["綜合收益表"]
    assert title.label == "綜合收益表" and title.cells == ()


def test_line_numbers_and_sources_are_kept():
    laid = lay_out(source(INCOME))
    assert [line.number for line in laid.lines] == list(range(1, len(laid.lines) + 1))
    assert all(c.line == line.number for line in laid.lines for c in line.cells)


def test_a_one_column_table_with_label_only_rows_among_glued_ones():
    """Found on a real annual report's text: a one-column table whose rows ran together,
    with a heading row in between, once raised an internal error."""
    text = "概要\n2023年\n人民幣千元\n收入 1,2001,000\n小計\n銷售成本 (700)(600)\n毛利 500\n"
    laid = lay_out(source(text))
    assert [line.label for line in laid.lines if line.label == "小計"] == ["小計"]


def test_the_chinese_label_printed_below_a_long_english_one_joins_its_row():
    from tagger.vocabulary import default_vocabulary

    text = (
        "2021 2020\nNotes HK$'000 HK$'000\n"
        "Impairment allowance on property and equipment 17 (2,833) –\n物業及設備之減值撥備\n"
        "Total current assets 1,000 900\n流動負債\nBank borrowings 銀行借款 50 40\n"
    )
    rows = {line.label: line for line in lay_out(source(text), default_vocabulary()).lines}
    joined = rows["Impairment allowance on property and equipment 物業及設備之減值撥備"]
    assert [c.text for c in joined.cells] == ["17", "(2,833)", "–"] and joined.inferred
    # a section heading below an English row opens the next section: it is not joined
    assert "流動負債" in rows and rows["Total current assets"].cells
