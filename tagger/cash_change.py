"""Rule: the net change in cash of a statement that prints no exchange-rate line.

現金及現金等價物增加淨額 matches the change before the effect of exchange rate changes, as
most statements print that effect on the next line. Where the opening cash plus the printed
change is the closing cash in every column, nothing stands between them: the change is the
whole change in cash (IncreaseDecreaseInCashAndCashEquivalents). The printed figures decide,
never the absence of a wording, so an exchange-rate line the matcher did not know still keeps
the before-exchange concept.
"""

from __future__ import annotations

from tagger.extensions import ConceptRef, concept_ref
from tagger.model import Table
from taxonomy.models import ConceptMap

_BEFORE = "IncreaseDecreaseInCashAndCashEquivalentsBeforeEffectOfExchangeRateChanges"
_WHOLE = "IncreaseDecreaseInCashAndCashEquivalents"
_CASH = "CashAndCashEquivalents"


def whole_change(
    table: Table, concepts: dict[int, ConceptRef], concept_map: ConceptMap
) -> dict[int, ConceptRef]:
    """row -> the whole change in cash, for a before-exchange change that the opening cash
    and the row after it (the closing cash) printed right below it show to be the whole
    change."""
    whole = concept_map.concepts.get(_WHOLE)
    if whole is None or any(c.name == _WHOLE for c in concepts.values()):
        return {}
    swapped = {}
    for index in (i for i, c in concepts.items() if c.name == _BEFORE):
        below = [i for i in sorted(concepts) if i > index][:2]
        # The closing cash may be printed under a label of its own (－以銀行結餘及現金呈列):
        # its figures say what it is.
        if len(below) == 2 and concepts[below[0]].name == _CASH:
            change, opening, closing = (table.rows[i].cells for i in (index, *below))
            if _adds_up(opening, change, closing):
                swapped[index] = concept_ref(whole)
    return swapped


def _adds_up(opening, change, closing) -> bool:
    if not (len(opening) == len(change) == len(closing)) or not change:
        return False
    for a, b, c in zip(opening, change, closing, strict=True):
        if None in (a.value, b.value, c.value) or a.value + b.value != c.value:
            return False
    return True
