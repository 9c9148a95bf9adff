"""Rule: other comprehensive income items printed before tax.

A statement may print each item of other comprehensive income before tax and the income tax
relating to them on a line of its own (與可能重新分類至損益的項目有關的所得稅). In a section that
prints such a tax line, the items are the before-tax concepts (OtherComprehensiveIncome-
BeforeTax…), not the net-of-tax ones their wording matches.
"""

from __future__ import annotations

from tagger.extensions import ConceptRef, concept_ref
from tagger.model import Table
from taxonomy.models import ConceptMap

_NET, _BEFORE = "OtherComprehensiveIncomeNetOfTax", "OtherComprehensiveIncomeBeforeTax"
_TAX = "IncomeTaxRelatingToComponentsOfOtherComprehensiveIncome"


def before_tax(
    table: Table, concepts: dict[int, ConceptRef], concept_map: ConceptMap
) -> dict[int, ConceptRef]:
    """row -> the before-tax concept, for the net-of-tax matches of sections with a tax line."""
    taxed = {table.rows[i].section for i, c in concepts.items() if c.name.startswith(_TAX)} - {None}
    swapped = {}
    for index, concept in concepts.items():
        if table.rows[index].section in taxed and concept.name.startswith(_NET):
            partner = concept_map.concepts.get(concept.name.replace(_NET, _BEFORE, 1))
            if partner is not None:
                swapped[index] = concept_ref(partner)
    return swapped
