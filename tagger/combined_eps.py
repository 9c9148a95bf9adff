"""Rule: 每股基本及攤薄虧損 is printed once for two concepts, so both are tagged.

IFRS 2022 has no combined basic-and-diluted concept: a row whose label says 基本及攤薄 (or
its variants) and matched one of BasicEarningsLossPerShare / DilutedEarningsLossPerShare
gives the other one too, on the same printed number.
"""

from __future__ import annotations

from itertools import groupby

from tagger.extensions import concept_ref
from tagger.facts import Fact
from taxonomy.models import ConceptMap

_COMBINED = ("基本及攤薄", "基本及稀釋", "基本及稀释", "基本和稀释", "基本及摊薄")
_KINDS = ("", "FromContinuingOperations", "FromDiscontinuedOperations")
_PAIR = {
    **{f"BasicEarningsLossPerShare{k}": f"DilutedEarningsLossPerShare{k}" for k in _KINDS},
    **{f"DilutedEarningsLossPerShare{k}": f"BasicEarningsLossPerShare{k}" for k in _KINDS},
}


def _other(fact: Fact, concept_map: ConceptMap) -> Fact | None:
    other = _PAIR.get(fact.concept.name)
    if other is None or not any(w in fact.label.replace("\n", "") for w in _COMBINED):
        return None
    concept = concept_map.concepts.get(other)
    return fact.model_copy(update={"concept": concept_ref(concept)}) if concept else None


def add_combined_eps(facts: list[Fact], concept_map: ConceptMap) -> list[Fact]:
    """The facts, each row's facts followed by the other EPS concept's facts it prints."""
    out: list[Fact] = []
    for _, group in groupby(facts, key=lambda f: (f.table, f.row)):
        row_facts = list(group)
        out += row_facts
        out += [other for f in row_facts if (other := _other(f, concept_map))]
    return out
