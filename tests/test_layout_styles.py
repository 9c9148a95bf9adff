"""The example re-laid out as other extractors print it (tests/relayout.py) gives exactly
the example's facts: one cell per line, label and amounts on separate lines, CJK characters
spaced out, amount columns run together, and a whole statement on one long line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tagger.pipeline import tag
from tests import relayout

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
STYLES = [
    relayout.one_cell_per_line,
    relayout.label_then_amounts,
    relayout.spaced,
    relayout.glued,
    relayout.one_line_per_statement,
]


def _facts(
    result, in_text: bool = False, line: int | None = None, notes: bool | None = None
) -> Counter:
    """The facts of the tables (or, ``in_text``, of running text, which depends on where its
    lines break and its headings stand, not on the tables' layout); ``line``: printed there;
    ``notes``: of the notes' tables (tagger.notes), rows restating them and age bands
    proved by their totals (tagger.ageing), or not."""
    return Counter(
        (f.concept.qname, f.period.key(), f.dims, f.unit, f.decimals, f.value)
        for f in result.facts
        if (f.in_text is not None) == in_text
        and (line is None or f.cell.line == line)
        and (notes is None or _of_notes(f) == notes)
    )


def _of_notes(fact) -> bool:
    return (
        fact.statement == "notes"
        or fact.evidence.startswith("restates a tagged row")
        or fact.method in ("ageing", "ecl-matrix")
    )


@pytest.fixture(scope="module")
def original():
    return tag(EXAMPLE)


@pytest.mark.parametrize("style", STYLES, ids=lambda f: f.__name__)
def test_every_layout_gives_the_same_facts(original, tmp_path, style):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    relaid = style(lines)
    assert relaid != lines
    path = tmp_path / f"{style.__name__}.txt"
    path.write_text("\n".join(relaid) + "\n", encoding="utf-8")
    result = tag(path)
    # Every table is re-laid. Columns of amounts beside their shares of the year's total (the
    # highlights, revenue by business line) are read from whole rows; the forms that break
    # the rows apart leave those tables unread, as tables with unknown columns: their facts
    # are then missing. A note row whose amounts run together two ways leaves its note's
    # total unconfirmed: fewer note facts then. Never other facts.
    assert _facts(result) - _facts(original) == Counter()
    missing = _facts(original) - _facts(result)
    shares = {
        i for i, t in enumerate(original.document.tables()) if any(c.ratio for c in t.columns)
    }
    share_lines = {f.cell.line for f in original.facts if f.table in shares}
    allowed = {key for line in share_lines for key in _facts(original, line=line)}
    if style is relayout.glued:
        allowed |= set(_facts(original, notes=True))
    if style in (relayout.spaced, relayout.one_cell_per_line):
        # A movement table's class header (樓宇及 / 設施 …) is read from where its words
        # stand apart: spaced out character by character it cannot be, and one cell per
        # line runs the 2023 table's last row into the page number below it. Those tables
        # are left untagged and reported, never tagged with other columns' names. One cell
        # per line runs note 12's balances into its first roll-forward, whose classes are
        # then left to coverage; so is the depreciation by function, whose total is the
        # movement table's charge.
        allowed |= {
            (f.concept.qname, f.period.key(), f.dims, f.unit, f.decimals, f.value)
            for f in original.facts
            if f.evidence.startswith(("movement table", "roll-forward of one balance"))
            or "ext:ExpenseByFunctionAxis" in dict(f.dims)
        }
    if style in (relayout.one_cell_per_line, relayout.label_then_amounts, relayout.glued):
        # A provision matrix (tagger.ecl_matrix) is read where its rows and its header of
        # bands stay whole; the forms that break them apart leave it to coverage, reported.
        allowed |= {
            (f.concept.qname, f.period.key(), f.dims, f.unit, f.decimals, f.value)
            for f in original.facts
            if f.method == "ecl-matrix"
        }
    if style is relayout.one_cell_per_line:
        # One cell per line runs the one-row table of the remaining performance obligations
        # into the revenue table above it, whose kind names no such row: it is reported.
        allowed |= {
            (f.concept.qname, f.period.key(), f.dims, f.unit, f.decimals, f.value)
            for f in original.facts
            if f.concept.name == "TransactionPriceAllocatedToRemainingPerformanceObligations"
        }
    assert share_lines and set(missing) <= allowed
    # A table of ageing bands whose rows print their units is read only where its header
    # stays on lines of its own: elsewhere its amounts are figures of running text.
    others = (
        "columns-not-periods",
        "untagged-note-table",
        "untagged-text-figure",
        "percentage-column",
        "note-row-unclear",
        "note-sign-unclear",
        "movement-columns-unclear",
        "note-total-unproved",  # a glued row that cannot be split leaves its note's total unproved
        "note-row-no-axis",  # rows of a tagged total that no IFRS axis splits
        # ageing analyses left untagged (sub-headings, an unproved total, a copy that differs)
        "ageing-bands-unclear",
        "ageing-total-unproved",
        "ageing-duplicate-differs",
        "ecl-matrix-rate",  # a provision matrix's rates: no IFRS concept
    )
    codes = Counter(f.code for f in result.findings if f.code not in others)
    assert codes == Counter({"below-unit-mark": 2, "calculation-left-out": 1})


def test_the_layouts_that_keep_rows_whole_read_the_highlights_too(original, tmp_path):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    for style in (relayout.spaced, relayout.glued):
        path = tmp_path / f"{style.__name__}.txt"
        path.write_text("\n".join(style(lines)) + "\n", encoding="utf-8")
        # (the glued form leaves some notes' totals unconfirmed: see above; such a note's
        # total is then read as a restated statement line, at the same value)
        # (spaced leaves the movement tables untagged, and so the depreciation by function
        # whose total is their charge)
        got = _facts(tag(path), notes=False)
        missing = _facts(original, notes=False) - got
        assert all("ext:ExpenseByFunctionAxis" in dict(key[2]) for key in missing), style.__name__
        assert set(got - _facts(original, notes=False)) <= set(_facts(original, notes=True))


def test_amounts_that_run_together_two_ways_are_reported_not_guessed(tmp_path):
    """12345 in a two-column table could be 1|2345, 12|345 or 123|45: never guessed."""
    text = (
        "綜合收益表\n截至2023年12月31日止年度\n2023年 2022年\n人民幣千元 人民幣千元\n"
        "收入 1,2001,000\n銷售成本 (700)(600)\n毛利 12345\n"
    )
    path = tmp_path / "ambiguous.txt"
    path.write_text(text, encoding="utf-8")
    result = tag(path)
    values = {(f.concept.name, f.period.end.year): f.value for f in result.facts}
    assert values[("Revenue", 2023)] == 1200000 and values[("Revenue", 2022)] == 1000000
    assert values[("CostOfSales", 2022)] == 600000
    assert not [f for f in result.facts if f.concept.name == "GrossProfit"]
    found = [f for f in result.findings if f.code == "ambiguous-layout"]
    assert [(f.printed, f.source.line) for f in found] == [("12345", 7)]
    assert "more than one way" in found[0].message
