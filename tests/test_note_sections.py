"""The numbered notes as sections, and as the report's text blocks: read by hand from the
example (examples/…zh-Hant.txt, lines 1269–2486) and from small notes written for the
rules (invented figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tagger.arelle_runner import run_arelle
from tagger.note_sections import note_sections
from tagger.pipeline import tag
from tagger.report import write_report
from taxonomy.builder import shipped_packages
from taxonomy.loader import default_concept_map
from tests.stage_inputs import INCOME, source, with_columns

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / ("sensetime-2023-annual-results.zh-Hant.txt")
)
GENERAL = "DisclosureOfNotesAndOtherExplanatoryInformationExplanatory"


def _sections(text: str):
    return note_sections(with_columns(text), source(text).lines, default_concept_map().notes)


@pytest.fixture(scope="module")
def example():
    result = tag(EXAMPLE)
    lines = source(EXAMPLE.read_text(encoding="utf-8")).lines
    return result, note_sections(result.document, lines, result.concept_map.notes)


def test_the_examples_notes_are_its_fifteen_numbered_notes_and_two_sub_notes(example):
    _, sections = example
    numbers = [s.number for s in sections]
    assert numbers == ["1", "2", "2.1", "2.2", *map(str, range(3, 16))]
    by_number = {s.number: s for s in sections}
    assert (by_number["1"].first_line, by_number["1"].last_line) == (1271, 1293)
    assert by_number["3"].first_line == 1398  # printed right under note 2.2's last sentence
    # the last note ends before 購買、出售或贖回本公司的上市證券, the first heading after the notes
    assert (by_number["15"].first_line, by_number["15"].last_line) == (2481, 2485)


def test_each_note_takes_the_concept_its_title_names_or_the_general_one(example):
    _, sections = example
    concepts = {s.number: s.concept for s in sections}
    assert concepts["1"] == "DisclosureOfGeneralInformationAboutFinancialStatementsExplanatory"
    assert concepts["2.1"] == "DisclosureOfBasisOfPreparationOfFinancialStatementsExplanatory"
    assert concepts["4"] == "DisclosureOfRevenueFromContractsWithCustomersExplanatory"
    assert concepts["7"] == "DisclosureOfIncomeTaxExplanatory"  # 所得稅抵免
    assert concepts["8"] == "DisclosureOfEarningsPerShareExplanatory"  # 每股虧損
    assert concepts["14"] == "DisclosureOfBorrowingsExplanatory"
    assert concepts["15"] == "DisclosureOfEventsAfterReportingPeriodExplanatory"
    # 編製基準以及會計政策及披露變動, 其他虧損－淨額, 貿易及其他應付款項及長期應付款項: no
    # concept names exactly these, so none is stretched to fit
    assert [n for n, c in concepts.items() if c == GENERAL] == ["2", "6", "13"]


_NOTES = (
    INCOME
    + """
財務報表附註

1. 一般資料
本公司於開曼群島註冊成立。

2. 收入
貨品銷售 1,200 1,000

3. 貿易應收款項
賬齡分析如下：
6 個月內 300 280
6 個月至1年 20 15
4 其他收入
政府補助 10 8

5. 收入
重複的標題由一般附註承載。

審核委員會
審核委員會已審閱本集團的年度業績。
"""
)


def test_a_figure_starting_a_line_is_no_note_and_the_notes_end_before_what_follows():
    sections = _sections(_NOTES)
    assert [(s.number, s.title) for s in sections] == [
        ("1", "一般資料"),
        ("2", "收入"),
        ("3", "貿易應收款項"),  # no concept names it: the general one
        ("4", "其他收入"),
        ("5", "收入"),  # 收入 again: the concept is the first note's
    ]
    concepts = [s.concept for s in sections]
    assert concepts[1] == "DisclosureOfRevenueFromContractsWithCustomersExplanatory"
    assert concepts[2] == concepts[3] == concepts[4] == GENERAL
    lines = _NOTES.split("\n")
    last = sections[-1].last_line
    assert lines[last - 1] == ""  # 審核委員會 (after the notes) is left out
    assert lines[last] == "審核委員會"


def test_fewer_than_three_numbered_lines_are_not_notes():
    text = INCOME + "\n1. 一般資料\n本公司於開曼群島註冊成立。\n\n2. 收入\n貨品銷售。\n"
    assert _sections(text) == ()


def test_the_report_carries_each_note_as_a_text_block_continued_across_notes(tmp_path, example):
    result, sections = example
    written = write_report(result, tmp_path)

    def text_blocks(models):
        return {
            f.concept.qname.localName: (f.contextID, f.value)
            for model in models
            for f in model.facts
            if f.concept is not None and f.concept.qname.localName.startswith("Disclosure")
        }

    run = run_arelle(written.package, shipped_packages(), inspect=text_blocks)
    assert run.clean, [m.line() for m in run.problems]
    blocks = run.inspected
    assert len(blocks) == 15 == len({s.concept for s in sections})
    assert {context for context, _ in blocks.values()} == {"C_d20230101-20231231"}
    dividends = blocks["DisclosureOfDividendsExplanatory"][1]
    assert "9 股息" in dividends and "本公司並無宣派或支付股息" in dividends
    general = blocks[GENERAL][1]
    headings = ["2 編製基準以及會計政策及披露變動", "6 其他虧損－淨額", "13 貿易及其他應付款項"]
    positions = [general.find(h) for h in headings]
    assert -1 not in positions and positions == sorted(positions)  # one fact, in note order
    assert "購買、出售或贖回" not in blocks["DisclosureOfEventsAfterReportingPeriodExplanatory"][1]
    # note 10 runs over the page numbered – 43 – (line 1841): one fact, continued after it
    equipment = blocks["DisclosureOfPropertyPlantAndEquipmentExplanatory"][1]
    assert "10 物業、廠房及設備" in equipment and "884,596" in equipment  # after the break
    assert "– 43 –" not in equipment


def test_bilingual_headings_are_read_by_their_chinese():
    text = INCOME + (
        "\n1. GENERAL 1. 一般資料\n本公司於百慕達註冊成立。\n\n"
        "2. REVENUE 2. 收入\n貨品銷售。\n\n"
        "3. INCOME TAX EXPENSE 3. 所得稅開支\n香港利得稅。\n\n"
        "1 於2024年1月1日或之後開始之年度期間生效\n"
    )
    sections = _sections(text)
    assert [(s.number, s.title, s.concept) for s in sections] == [
        ("1", "一般資料", "DisclosureOfGeneralInformationAboutFinancialStatementsExplanatory"),
        ("2", "收入", "DisclosureOfRevenueFromContractsWithCustomersExplanatory"),
        ("3", "所得稅開支", "DisclosureOfIncomeTaxExplanatory"),
    ]  # a date listed after a figure is no note


def test_the_mainland_numbers_its_notes_afresh_in_each_part_of_the_report():
    from taxonomy.loader import simplified

    text = simplified(INCOME) + (
        "\n六、税项\n1 主要税种及税率\n增值税按13%计缴。\n2 税收优惠\n无。\n3 其他\n无。\n"
        "七、合并财务报表项目注释\n1 货币资金\n库存现金。\n2 应收账款\n账龄如下。\n"
    )
    sections = _sections(text)
    assert [(s.number, s.title) for s in sections] == [
        ("1", "主要税种及税率"),
        ("2", "税收优惠"),
        ("3", "其他"),
        ("1", "货币资金"),
        ("2", "应收账款"),
    ]
    lines = text.split("\n")
    other = sections[2]
    assert lines[other.last_line] == "七、合并财务报表项目注释"  # the new part ends note 3
