"""Stage: coverage. Every printed amount is either tagged or a finding saying why not.

The statements' cells that could not be tagged are reported by the facts stage; this stage
reports the amounts of every other table that no rule tagged, and the figures printed in
running text (收入為人民幣3,405.8百萬元) that the text figures rule did not tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tagger.facts import Fact
from tagger.findings import Finding, Source, finding
from tagger.lines import NOT_APPLICABLE
from tagger.model import Document, SourceLine, Table
from tagger.regex_cache import regex
from tagger.row_units import NOT_PERIODS

# A figure in running text: an amount grouped by thousands (3,405.8, 4,531), or any amount
# followed by a currency unit (394.7百萬元, 12億港元); not years, dates or percentages. The
# lookahead, implied by both, turns away each other character at once: the pattern is tried
# at every character of the text.
_TEXT_FIGURE = regex(
    r"(?=[(（\d])"
    r"(?:(?<![\d,.])[(（]?\d{1,3}(?:,\d{3})+(?:\.\d+)?[)）]?(?![\d,])"
    r"|(?<![\d,.])\d+(?:\.\d+)?(?=\s*(?:百萬|百万|千|億|亿|萬|万)?(?:港元|美元|元)))"
)
_DIGIT = regex(r"\d")


def untagged_cells(
    tables: list[Table], facts: list[Fact], reported: list[Finding]
) -> list[Finding]:
    """Amounts of non-statement tables that are neither tagged nor already reported (say as
    an ambiguous row): each is reported once, with the first reason found."""
    tagged = {(f.table, f.row, f.column) for f in facts}
    said = {(f.source.line, f.printed) for f in reported if f.source}
    return [
        _untagged(table, column, cell)
        for index, table in enumerate(tables)
        if table.statement is None
        for row_index, row in enumerate(table.rows)
        for column, cell in enumerate(row.cells)
        if (index, row_index, column) not in tagged
        and not cell.blank
        and cell.text not in NOT_APPLICABLE  # a mark printed in place of an amount
        and (cell.line, cell.text) not in said
    ]


def _untagged(table: Table, column: int, cell) -> Finding:
    source = Source(line=cell.line, table=table.title or table.context)
    if table.problem == NOT_PERIODS:
        return finding("columns-not-periods", NOT_PERIODS, source, cell.text)
    ratio = table.columns[column].ratio if column < len(table.columns) else None
    if ratio is not None:
        what = "share of the year's total" if ratio == "share" else "change on the year"
        return finding("percentage-column", f"a {what}, beside the amounts", source, cell.text)
    return finding(
        "untagged-note-table", "amount in a table outside the primary statements", source, cell.text
    )


def untagged_text_figures(
    document: Document, lines: tuple[SourceLine, ...], tagged: list[Fact] = ()
) -> list[Finding]:
    """The figures printed in the document's headings, paragraphs and tables' footnotes
    (* 指金額低於人民幣1,000元) that no rule tagged (``tagged``: the facts of running
    text), each reported once."""
    texts = {line.number: line.text for line in lines}
    done = {(f.cell.line, f.cell.text) for f in tagged}
    return [
        finding(
            "untagged-text-figure",
            "a figure in running text",
            Source(line=number),
            match.group(),
        )
        for block in document.blocks
        for number in _text_lines(block, texts)
        for match in _figures(texts.get(number, ""))
        if (number, match.group().strip("()（）")) not in done
    ]


def _figures(text: str) -> Iterator[re.Match]:
    """The text's figures; a text with no digit (most lines of prose) is not searched."""
    return _TEXT_FIGURE.finditer(text) if _DIGIT.search(text) else iter(())


def _text_lines(block, texts: dict[int, str]) -> tuple[int, ...]:
    if block.kind in ("paragraph", "heading"):
        return block.lines
    if block.table is not None:
        return tuple(n for n in block.lines if texts.get(n) in block.table.footnotes)
    return ()
