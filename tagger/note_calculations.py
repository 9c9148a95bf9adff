"""Rule: the notes' printed totals -> Calculations 1.1, as the statements' are.

A note table whose rows the notes' rules tagged adds up as printed (the expenses by nature to
their total, the parts of a gross amount to it, non-current and current borrowings to the
whole): each total all of whose rows are tagged is a summation in the notes' role, with
weights from the signs the facts were given. A row that restates the total's own concept on
another member (gross, less the allowance, is the net amount: one concept on the carrying
amount axis) is no summation of concepts, and is left out. The arithmetic stage keeps only
the summations that hold in every context where the report binds them.
"""

from __future__ import annotations

from collections import defaultdict

from tagger.arithmetic import Summation, summations
from tagger.facts import Fact
from tagger.model import Table

NOTES = "notes"  # the notes' statement (tagger.notes.NOTES), whose role takes these


def note_summations(tables: list[Table], facts: list[Fact]) -> list[Summation]:
    concepts: dict[int, dict[int, object]] = defaultdict(dict)
    factors: dict[int, dict[int, int]] = defaultdict(dict)
    for fact in facts:
        if fact.statement != NOTES or tables[fact.table].statement:
            continue
        concepts[fact.table][fact.row] = fact.concept
        if fact.cell.value and fact.value:
            factors[fact.table][fact.row] = 1 if (fact.value > 0) == (fact.cell.value > 0) else -1
    found: list[Summation] = []
    for index in sorted(concepts):
        table = tables[index]
        table_sums, _ = summations(table, index, concepts[index], factors[index], NOTES)
        for summation in table_sums:
            items = [c.qname for c, _ in summation.items]
            if summation.total.qname not in items and len(set(items)) == len(items):
                found.append(summation)
    return found
