"""Rule: a note table (or a part of one under its own heading) of a single row that prints a
fact another table tagged.

    (b) 長期應付款項
                    於12月31日
                  2023年   2022年
    長期應付款項    5,294   11,611

Tagged only when the row's label is a concept's own wording (no fuzzy match; the statement
may have matched its line by its section, which a note's row does not have) and, in every
column, its amount is that concept's fact for the column's date with no dimension, within
the rounding of the two, for exactly one concept. The row is then that fact printed again,
a consistent duplicate. A row that names a concept but prints another figure (the fair value
of the non-current borrowings beside their carrying amount) is left to the review.
"""

from __future__ import annotations

from decimal import Decimal

from tagger.facts import Fact, agrees
from tagger.model import Table
from tagger.notes import NOTES
from tagger.vocabulary import Vocabulary
from tagger.wording import core_wording


def _parts(table: Table) -> list[list[int]]:
    """The amount rows of each part of the table under one heading row."""
    parts: dict[str | None, list[int]] = {}
    for index, row in enumerate(table.rows):
        if row.cells:
            parts.setdefault(row.heading, []).append(index)
    return list(parts.values())


class SingleRows:
    def __init__(self, facts: list[Fact], vocab: Vocabulary):
        self.vocab = vocab
        self.tagged: dict[tuple, list[Fact]] = {}  # (concept name, date, unit) -> facts
        for fact in facts:
            if not fact.dims and not fact.concept.extension:
                key = (fact.concept.name, fact.period.end, fact.unit)
                self.tagged.setdefault(key, []).append(fact)

    def read(self, index: int, table: Table) -> list[Fact]:
        if not table.is_note_by_period():
            return []
        facts = []
        for rows in _parts(table):
            if len(rows) == 1:
                facts += self._row(index, table, rows[0])
        return facts

    def _row(self, index: int, table: Table, row_index: int) -> list[Fact]:
        row = table.rows[row_index]
        if len(row.cells) != len(table.columns) or any(c.value is None for c in row.cells):
            return []
        found: dict[str, list[Fact]] = {}
        for concept in self.vocab.concepts_for(core_wording(row.label)):
            stated = [
                self._stated(concept.name, table, column, cell)
                for column, cell in enumerate(row.cells)
            ]
            if all(stated):
                found[concept.name] = stated
        if len(found) != 1:
            return []
        (stated,) = found.values()
        return self._facts(index, table, row_index, stated)

    def _facts(self, index: int, table: Table, row_index: int, stated: list[Fact]) -> list[Fact]:
        row = table.rows[row_index]
        return [
            fact.model_copy(
                update={
                    "value": cell.value * Decimal(10) ** table.unit.scale or Decimal(0),
                    "decimals": cell.places - table.unit.scale,
                    "scale": table.unit.scale,
                    "cell": cell,
                    "table": index,
                    "row": row_index,
                    "column": column,
                    "statement": NOTES,
                    "label": row.printed_label,
                    "method": "single-row",
                    "confidence": 1.0,
                    "evidence": f"the note's one row prints the {fact.label} another table tagged",
                    "in_text": None,
                }
            )
            for column, (cell, fact) in enumerate(zip(row.cells, stated, strict=True))
        ]

    def _stated(self, name: str, table: Table, column: int, cell) -> Fact | None:
        """The tagged fact of the concept, for the column's date with no dimension, that the
        cell prints; None unless every such fact agrees with it (and there is one)."""
        period = table.columns[column].period
        tagged = self.tagged.get((name, period.end, table.unit.currency), [])
        value = cell.value * Decimal(10) ** table.unit.scale
        decimals = cell.places - table.unit.scale
        if not tagged or not all(agrees(f, value, decimals) for f in tagged):
            return None
        fits = [f for f in tagged if f.period == period or f.concept.period_type == "instant"]
        return fits[0] if fits else None


def unread_rows_facts(reader: SingleRows, tables: list[Table], facts: list[Fact]) -> list[Fact]:
    """The facts ``reader`` reads in rows no other rule has read (such a row stays as it is)."""
    read = {(f.table, f.row) for f in facts}
    return [
        fact
        for index, table in enumerate(tables)
        for fact in reader.read(index, table)
        if (index, fact.row) not in read
    ]


def single_row_facts(tables: list[Table], facts: list[Fact], vocab: Vocabulary) -> list[Fact]:
    """The stage: facts of the one-row note tables that print a fact already tagged."""
    return unread_rows_facts(SingleRows(facts, vocab), tables, facts)
