"""Rule: non-IFRS measures outside the primary statements.

Only rows that print one of ixtag's own measures (EBITDA, 經調整EBITDA, 經調整虧損淨額 …)
exactly are matched, wherever the table stands: the measure's sign is its own, whatever the
table around it prints. Other rows of such tables are left to review.
"""

from __future__ import annotations

from tagger.matcher import Match
from tagger.model import Table
from tagger.vocabulary import Vocabulary
from xbrl.urls import IXTAG_PREFIX


def measure_matches(table: Table, vocab: Vocabulary) -> dict[int, Match]:
    """Row index -> exact match, for the rows of a non-statement table that print one of
    ixtag's non-IFRS measures."""
    if table.statement is not None or table.problem or not table.columns:
        return {}
    found = {}
    for index, row in enumerate(table.rows):
        own = [c for c in vocab.concepts_for(row.label) if c.prefix == IXTAG_PREFIX]
        if row.cells and len(own) == 1:
            found[index] = Match(concept=own[0], method="exact", confidence=1.0, wording=row.label)
    return found
