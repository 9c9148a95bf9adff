"""Rule: property, plant and equipment a note's sentence says is pledged as security.

    於2023年12月31日，若干賬面價值為人民幣4,272,828,000元（2022年12月31日：人民幣
    4,376,326,000元）的樓宇作為本集團借款的抵押品。

The amount is ``ifrs-full:PropertyPlantAndEquipmentPledgedAsSecurity`` at the date, on the
class of property, plant and equipment the sentence names in so many words (樓宇: buildings).
It is read only where the class's carrying amount at that date is tagged and is no less than
what is pledged: the note's table then proves the class, and its hypercube holds the fact. A
sentence naming more than one class (若干樓宇及土地使用權), or an amount pledged for one
borrowing among others (…的銀行借款以賬面值為…的若干樓宇作抵押), is left reported.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tagger.extensions import concept_ref
from tagger.facts import Fact
from tagger.model import Cell, Document
from tagger.regex_cache import regex
from tagger.text_amounts import Figure, amount, matches, period_key, when
from tagger.text_figures import line_of, line_starts
from tagger.vocabulary import Vocabulary
from taxonomy.models import Concept

_CONCEPT = "PropertyPlantAndEquipmentPledgedAsSecurity"
_CLASS_OF = "PropertyPlantAndEquipment"
_AXIS = "ifrs-full:ClassesOfPropertyPlantAndEquipmentAxis"
_CARRYING = r"(?:賬面|账面)(?:淨值|净值|價值|价值|值)(?:為|为)"
_PLEDGED = (
    r"(?:已?作為|已?作为)[^。；，,]{0,12}?(?:抵押品|質押品|质押品)"
    r"|(?:已|已被|被)(?:抵押|質押|质押)"
)
_SENTENCE = regex(
    rf"{when(1)}[，,]\s*(?:本集團|本集团|我們|我们)?的?(?:若干)?{_CARRYING}\s*{amount(1)}"
    rf"(?:\s*[（(]\s*{when(2)}\s*[：:]\s*{amount(2)}\s*[）)])?\s*元?\s*的\s*(?:若干)?"
    rf"(?P<asset>[^，。；,;（(\d]{{1,12}}?)\s*(?:{_PLEDGED})"
)

_SAYS_CARRYING = regex(_CARRYING)  # words every sentence the rule reads prints


def _dates(match: re.Match) -> list:
    """The sentence's date, and the comparative's: a date, or a year (2022年：) taken to
    the same day; a comparative that is not the year before is not read."""
    first = period_key(match, 1)
    if first is None or first[0] != "at":
        return []
    if match.group("year2") is None:
        return [first[1]]
    second = period_key(match, 2)
    if second is None or int(match.group("year2")) != first[1].year - 1:
        return [first[1]]
    try:
        return [first[1], second[1] if second[0] == "at" else first[1].replace(year=second[1])]
    except ValueError:  # 29 February
        return [first[1]]


class PledgedText:
    """The pledged amounts of one document's notes, proved by the class's carrying amount."""

    def __init__(self, facts: list[Fact], vocab: Vocabulary):
        self.vocab = vocab
        # the carrying amount of each class of property, plant and equipment at each date
        self.carrying = {
            (f.dims[0][1], f.period.end): f
            for f in facts
            if f.concept.name == _CLASS_OF
            and f.period.is_instant
            and len(f.dims) == 1
            and f.dims[0][0] == _AXIS
            and f.in_text is None
        }

    def _member(self, asset: str) -> str | None:
        found = [
            m
            for m in self.vocab.members_for(asset)
            if f"{m.prefix}:{m.axis}" == _AXIS and m.parent is not None
        ]
        return f"{found[0].prefix}:{found[0].name}" if len(found) == 1 else None

    def read(self, document: Document, lines: dict[int, str]) -> list[Fact]:
        concept = self.vocab.concept_map.concepts.get(_CONCEPT)
        if concept is None:
            return []
        facts = []
        for index, block in enumerate(document.blocks):
            if block.kind != "paragraph":
                continue
            for match in matches(_SENTENCE, block.text, _SAYS_CARRYING):
                starts = line_starts(block.lines, lines)
                member = self._member(match.group("asset"))
                for n, day in enumerate(_dates(match) if member else [], start=1):
                    figure = Figure(match, n, ("at", day))
                    held = self.carrying.get((member, day))
                    if held is None or held.currency != figure.currency:
                        continue
                    fact = _pledged(
                        held, concept, figure, line_of(figure.start, starts), match.group("asset")
                    )
                    if fact.value <= held.value:
                        facts.append(fact.model_copy(update={"in_text": (index, figure.start)}))
        return _one_amount_each(facts)


def _one_amount_each(facts: list[Fact]) -> list[Fact]:
    """Two sentences pledging different amounts of one class at one date (for two
    borrowings) say neither is the class's whole pledge: none is kept."""
    values: dict[tuple, set[Decimal]] = {}
    for fact in facts:
        values.setdefault((fact.dims, fact.period.end), set()).add(fact.value)
    return [f for f in facts if len(values[(f.dims, f.period.end)]) == 1]


def _pledged(held: Fact, concept: Concept, figure: Figure, line: int, asset: str) -> Fact:
    """The pledged amount on the class, its date and unit those of the carrying amount."""
    cell = Cell(text=figure.number, line=line, value=figure.amount, places=figure.places)
    return held.model_copy(
        update={
            "concept": concept_ref(concept),
            "decimals": figure.places - figure.scale,
            "scale": figure.scale,
            "value": figure.amount * Decimal(10) ** figure.scale,
            "cell": cell,
            "table": -1,
            "row": -1,
            "column": -1,
            "label": asset,
            "method": "text",
            "confidence": 1.0,
            "evidence": f"pledged; the class's carrying amount is line {held.cell.line}",
            "wording": concept.labels.zh_hant,
        }
    )


def pledged_facts(
    document: Document, facts: list[Fact], vocab: Vocabulary, lines: dict[int, str]
) -> list[Fact]:
    """The stage: facts for property, plant and equipment the notes' sentences say is
    pledged, on the class they name."""
    return PledgedText(facts, vocab).read(document, lines)
