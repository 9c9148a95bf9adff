"""Stage 3, segment: titles, tables, rows, notes, sections."""

from __future__ import annotations

from tests.stage_inputs import BALANCE, INCOME, segmented


def test_a_statement_table_with_its_rows_and_notes():
    document = segmented("本公司公佈年度業績如下。\n\n" + INCOME)
    kinds = [b.kind for b in document.blocks]
    assert kinds[0] == "paragraph" and "table" in kinds
    table = document.tables()[0]
    assert table.statement == "income" and table.title == "綜合收益表"
    assert table.note_column
    rows = {r.label: r for r in table.rows}
    assert rows["收入"].note == "4" and [c.text for c in rows["收入"].cells] == ["1,200", "1,000"]
    assert rows["毛利"].note is None and len(rows["毛利"].cells) == 2
    assert rows["所得稅開支"].note == "6"


def test_sections_follow_their_headings():
    table = segmented(BALANCE).tables()[0]
    assert table.statement == "financial_position"
    borrowings = [(r.section, [c.text for c in r.cells]) for r in table.rows if r.label == "借款"]
    assert borrowings == [
        ("noncurrent_liabilities", ["100", "120"]),
        ("current_liabilities", ["200", "180"]),
    ]


def test_a_row_with_fewer_amounts_than_columns_is_a_problem_not_a_guess():
    table = segmented(INCOME.replace("毛利 500 400", "毛利 500")).tables()[0]
    gross = next(r for r in table.rows if r.label == "毛利")
    assert gross.problem and "1 amounts for 2 columns" in gross.problem


def test_two_statements_are_two_tables():
    tables = segmented(INCOME + "\n" + BALANCE).tables()
    assert [t.statement for t in tables] == ["income", "financial_position"]


def test_a_note_run_into_its_label_is_split_as_the_pattern_it_replaces_splits_it():
    import re

    from tagger.segmenter import glued_note

    pattern = re.compile(r"^(.*[\u3400-\u9fff）)])(\d{1,2}(?:\([a-z]{1,3}\)?)?)$")
    tokens = [
        *("收入4", "收入12", "收入123", "貿易應收款項5(a)", "貿易應收款項5(a", "存貨）7"),
        *("收入4(a)1", "（附註）12(abc)", "收入", "4", "收入a4", "收入4(A)", "收入(a)"),
        *("收入12(abcd)", "收入４", "ab)3", "現金）", "1收入2", "", "收", "收入1(a)(b)"),
    ]
    for token in tokens:
        match = pattern.match(token)
        assert glued_note(token) == (match.groups() if match else None), token
