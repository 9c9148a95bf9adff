"""The balance an ageing analysis adds up to, when the note prints it only as its parts.

    貿易應付款項                            貿易應付款項及應付票據基於購買日期的賬齡分析如下：
    －第三方      840,767   842,792         最多6個月   599,714   718,327
    －關聯方          790     4,378         …
    應付票據            –     1,691                     841,557   848,861

No tagged amount is 841,557: the note lists the trade payables under their heading with no
subtotal. The total is still proved when the tagged rows of one note table whose balance
(a list item's heading, else the row's own label) the ageing sentence names add up to it
in every column: every balance of that table the sentence names, no more and no less, and
one table only. The total is then that balance: the IFRS concept the heading's words name
when the sentence names one heading (貿易應付款項), else the filing's own concept for the
balances as the sentence joins them (貿易應付款項及應付票據), narrower than the concept
every part is narrower than. Anything else proves nothing and the ageing rule reports it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tagger.extensions import EXTENSION_PREFIX, ConceptRef, concept_ref, pinyin_name
from tagger.facts import Fact
from tagger.model import Period
from tagger.regex_cache import regex
from tagger.vocabulary import Vocabulary, compact

_SHORTEST_NAME = 3  # a balance's name: 應付票據, 貿易應付款項
_LIST_MARKS = "－-–—"  # compact reads － as -; a list item's heading comes before it
_JOINS = regex(r"^[及和與与、,，]*$")  # what may stand between the names the sentence joins
_CLAUSE_END = regex(r"[。；;：:]")


def clause(text: str, ageing_words: tuple[str, ...]) -> str:
    """The clause of a compacted lead-in that names the ageing analysis (the balance it is
    of stands before 賬齡分析), so that a table's title (貿易及其他應付款項) names nothing."""
    for part in _CLAUSE_END.split(text):
        if any(w in part for w in ageing_words):
            return part
    return ""


def balance_name(fact: Fact) -> str:
    """The balance a tagged row is a part of: a list item's heading, else its own label."""
    label = compact(fact.concept.label if fact.concept.extension else fact.label)
    for mark in _LIST_MARKS:
        if mark in label:
            return label.split(mark)[0]
    return label


class PartsTotal:
    """Finds the tagged parts an ageing total is the sum of, and the concept of that sum."""

    def __init__(self, balances: dict[date, list[Fact]], vocab: Vocabulary, taken: set[str]):
        self.balances = balances
        self.vocab = vocab
        self.taken = taken  # names of the filing's own, shared with the ageing bands
        self.made: dict[str, ConceptRef] = {}
        self._named: dict[str, list[tuple[int, Fact]]] | None = None  # made at first ask

    def stated(
        self, table: int, totals: dict[int, tuple[Period, Decimal]], sentence: str
    ) -> dict[int, Fact] | None:
        """Per column, a fact standing for the balance the totals are (value and period of
        the column), or None unless exactly one note table's named rows add up to them."""
        found = []
        for parts in self._named_parts(table, sentence).values():
            if all(self._adds_up(parts, at, total) for at, total in totals.values()):
                found.append(parts)
        if len(found) != 1:
            return None
        parts = found[0]
        concept = self._concept(parts, sentence)
        if concept is None:
            return None
        out = {}
        for column, (at, total) in totals.items():
            like = next(f for f in parts if f.period == at)
            out[column] = like.model_copy(
                update={"concept": concept, "label": concept.label, "value": total, "dims": ()}
            )
        return out

    def _named_parts(self, table: int, sentence: str) -> dict[int, list[Fact]]:
        """The tagged rows, by note table, whose balance the sentence names."""
        named = [
            entry
            for name, entries in self._names().items()
            if name in sentence
            for entry in entries
        ]
        by_table: dict[int, list[Fact]] = {}
        for _, fact in sorted(named, key=lambda entry: entry[0]):  # in the balances' order
            if fact.table != table:
                by_table.setdefault(fact.table, []).append(fact)
        return by_table

    def _names(self) -> dict[str, list[tuple[int, Fact]]]:
        """(place in the balances, fact) of the rows a sentence may name, by balance name:
        named once for all the document's ageing sentences, and looked up by name (each
        sentence asking every row made a long document's rule quadratic)."""
        if self._named is None:
            self._named = {}
            facts = (f for group in self.balances.values() for f in group)
            for place, fact in enumerate(facts):
                if fact.dims or fact.in_text is not None:
                    continue
                name = balance_name(fact)
                if len(name) >= _SHORTEST_NAME:
                    self._named.setdefault(name, []).append((place, fact))
        return self._named

    @staticmethod
    def _adds_up(parts: list[Fact], at: Period, total: Decimal) -> bool:
        here = [f for f in parts if f.period == at]
        return bool(here) and sum((f.value for f in here), Decimal(0)) == total

    def _concept(self, parts: list[Fact], sentence: str) -> ConceptRef | None:
        names = sorted({balance_name(f) for f in parts}, key=sentence.find)
        if len(names) == 1:
            concepts = [
                c for c in self.vocab.concepts_for(names[0]) if c.facts.period_type == "instant"
            ]
            return concept_ref(concepts[0]) if len(concepts) == 1 else None
        start = sentence.find(names[0])
        end = max(sentence.find(n) + len(n) for n in names)
        label = sentence[start:end]
        rest = label
        for name in sorted(names, key=len, reverse=True):
            rest = rest.replace(name, "")
        if not _JOINS.match(rest):
            return None  # the sentence names them apart, not as one balance
        anchors = {f.concept.anchor if f.concept.extension else f.concept.qname for f in parts}
        balances = {f.concept.balance for f in parts}
        if len(anchors) != 1 or None in anchors or len(balances) != 1:
            return None
        if label not in self.made:
            base = name = pinyin_name(label)
            n = 2
            while name in self.taken:
                name, n = f"{base}{n}", n + 1
            self.taken.add(name)
            self.made[label] = ConceptRef(
                prefix=EXTENSION_PREFIX,
                name=name,
                type="xbrli:monetaryItemType",
                period_type="instant",
                balance=balances.pop(),
                label=label,
                extension=True,
                anchor=anchors.pop(),
            )
        return self.made[label]
