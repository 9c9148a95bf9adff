"""Rule: the one row of a note's section that prints the whole of that section's balance.

    (e) 合約負債
    流動
    遞延服務費收入     31,934     50,879
    客戶預付款        234,025    156,692
                     265,959    207,571
    非流動
    遞延服務費收入     24,650     74,553

The layout runs the section word into the row below it (非流動遞延服務費收入). No total
follows the non-current row: nothing in the note proves what it is a part of. Its amounts
are, in every column, the fact another table tagged for the concept the section word and the
note's balance name together (非流動 + 合約負債: NoncurrentContractLiabilities): the row is
the whole non-current balance, printed again with what it consists of. It is tagged as that
concept, a consistent duplicate, rather than as an item of the filing's own: such an item
would always equal the IFRS concept, and the current section's row of the same label is
another amount. A row that prints any other figure is left to the review.
"""

from __future__ import annotations

import re

from tagger.facts import Fact
from tagger.model import Table
from tagger.regex_cache import regex
from tagger.single_rows import SingleRows, unread_rows_facts
from tagger.vocabulary import Vocabulary, compact

# a note's or item's number before its title: (e), 7, 7., 2.1, a.
_ITEM_MARK = regex(
    r"^(?:[(（][0-9a-zA-Zivx]{1,4}[)）]|[0-9]{1,2}(?:\.[0-9]{1,2})?[.．、]?|[a-zA-Z][.．、])"
)


def _balance_names(table: Table, row_index: int) -> set[str]:
    """What the note's heading above the row calls its balance ((e) 合約負債 -> 合約負債)."""
    texts = (table.rows[row_index].heading or "", table.context, table.title)
    return {_ITEM_MARK.sub("", compact(t)) for t in texts if t}


class SectionRows(SingleRows):
    def __init__(self, facts: list[Fact], vocab: Vocabulary):
        super().__init__(facts, vocab)
        words = {w for kind in vocab.concept_map.note_kinds for w in kind.section_words}
        sections = sorted({compact(w) for w in words}, key=lambda w: (-len(w), w))
        # the longest section word a label starts with, in one match rather than a scan
        self.section_word = regex("|".join(map(re.escape, sections))) if sections else None

    def read(self, index: int, table: Table) -> list[Fact]:
        if not table.is_note_by_period():
            return []
        amounts = [i for i, row in enumerate(table.rows) if row.cells]
        facts = []
        for position, row_index in enumerate(amounts):
            after = amounts[position + 1 : position + 2]
            if after and not compact(table.rows[after[0]].label):
                continue  # a total follows: the row is one of its parts
            facts += self._section_row(index, table, row_index)
        return facts

    def _section_row(self, index: int, table: Table, row_index: int) -> list[Fact]:
        row = table.rows[row_index]
        if len(row.cells) != len(table.columns) or any(c.value is None for c in row.cells):
            return []
        label = compact(row.label)
        starts = self.section_word.match(label) if self.section_word else None
        if starts is None or len(label) == starts.end():
            return []
        word = starts.group()
        names = {
            c.name
            for name in _balance_names(table, row_index)
            for c in self.vocab.concepts_for(word + name)
        }
        if len(names) != 1:
            return []
        (name,) = names
        stated = [self._stated(name, table, column, cell) for column, cell in enumerate(row.cells)]
        if not all(stated):
            return []
        return [
            fact.model_copy(
                update={
                    "method": "section-row",
                    "evidence": f"the section's one row prints the {fact.label} another "
                    "table tagged",
                }
            )
            for fact in self._facts(index, table, row_index, stated)
        ]


def section_row_facts(tables: list[Table], facts: list[Fact], vocab: Vocabulary) -> list[Fact]:
    """The stage: facts of the rows that are a section's whole balance, already tagged."""
    return unread_rows_facts(SectionRows(facts, vocab), tables, facts)
