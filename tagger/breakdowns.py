"""Rule: a note table that breaks a statement line down along an axis.

    (a) 按地區劃分的收入                     來自客戶合約的收入按收入確認的時間劃分：
    中國內地 2,907,390 3,168,880            －按時間點確認 2,823,288 3,543,301
    東北亞     343,040   521,866            －按時間段確認   582,554   265,209
    …                                                      3,405,842 3,808,510
            3,405,842 3,808,510

Tagged only when all of this is printed: the table's heading names an axis in the taxonomy's
wording (按地區劃分, 按收入確認的時間劃分) and the line (收入); its rows add up to a total
row in every column; and that total is, in every column, the figure the statements print
for that line and period. Each row is then the line's fact on the axis: an IFRS member where
the taxonomy has one for the row's wording (按時間點確認), else a member of the filing's own
(中國內地). The total row is the statement's own fact. Anything short of that leaves the
table to the review, as before.
"""

from __future__ import annotations

from decimal import Decimal

from tagger.arithmetic import TOTAL_WORDS, table_structure
from tagger.extensions import ExtensionRegistry
from tagger.facts import AmountIndex, Fact, agrees, printed_again
from tagger.identity_memo import by_identity
from tagger.model import Table
from tagger.vocabulary import Vocabulary, compact
from tagger.wording import core_wording
from taxonomy.models import EQUITY_AXIS, SEPARATE_AXIS, Axis, ConceptMap

_PRIMARY = ("income", "comprehensive_income", "financial_position", "cash_flows")
_SHORTEST_WORDING = 4  # 地區 alone is too common in headings to name the axis
_NOT_BREAKDOWNS = (EQUITY_AXIS.split(":")[1], SEPARATE_AXIS.split(":")[1])


def _names_a_total(label: str) -> bool:
    return any(word in label for word in TOTAL_WORDS)


@by_identity  # the map is the process's: its axes' wordings are gathered once
def _axis_wordings(cmap: ConceptMap) -> list[tuple[Axis, tuple[str, ...]]]:
    """The axes a breakdown may be along, each with its wordings long enough to name it."""
    return [
        (axis, tuple(compact(w) for w in axis.labels.all_wordings() if len(w) >= _SHORTEST_WORDING))
        for axis in cmap.axes.values()
        if axis.name not in _NOT_BREAKDOWNS
    ]


def _axis(text: str, vocab: Vocabulary) -> Axis | None:
    """The one axis a heading names in the taxonomy's wording, if exactly one."""
    named = [
        axis
        for axis, wordings in _axis_wordings(vocab.concept_map)
        if any(w in text for w in wordings)
    ]
    return named[0] if len(named) == 1 else None


class Breakdowns:
    """Finds the breakdowns of one document's note tables; names its own members."""

    def __init__(self, facts: list[Fact], vocab: Vocabulary, taken: frozenset[str]):
        self.vocab = vocab
        self.registry = ExtensionRegistry(taken)
        # the statements' facts with no dimension, by period and value
        self.amounts = AmountIndex([f for f in facts if f.statement in _PRIMARY and not f.dims])

    def _line(self, table: Table, total: int, text: str) -> tuple[Fact, int] | None:
        """The statement fact the total row is, in every column, and the sign that turns the
        printed total into it; None unless exactly one line fits and the heading names it."""
        row = table.rows[total]
        scale = Decimal(10) ** table.unit.scale
        candidates: set[str] | None = None
        first: dict[str, tuple[Fact, int]] = {}
        for column, cell in enumerate(row.cells):
            if column < len(table.columns) and table.columns[column].ratio:
                continue  # a percentage beside the amounts
            period = table.columns[column].period if column < len(table.columns) else None
            if period is None or cell.value is None or not cell.value:
                return None
            found = {}
            printed = cell.value * scale
            decimals = cell.places - table.unit.scale
            for sign in (1, -1):
                for fact in self.amounts.near(period, sign * printed, decimals):
                    if agrees(fact, sign * printed, decimals):
                        found.setdefault(fact.concept.qname, (fact, sign))
            candidates = set(found) if candidates is None else candidates & set(found)
            for qname, hit in found.items():
                first.setdefault(qname, hit)
        if not candidates or len(candidates) != 1:
            return None
        fact, sign = first[candidates.pop()]
        concept = self.vocab.concept_map.concepts.get(fact.concept.name)
        wordings = concept.labels.all_wordings() if concept else ()
        if not any(compact(w) in text for w in wordings):
            return None  # the heading does not name the line its total is
        return fact, sign

    def _member(self, axis: Axis, label: str) -> str | None:
        wording = core_wording(label).rstrip("*＊")
        if not wording:
            return None
        known = [m for m in self.vocab.members_for(wording) if m.axis == axis.name]
        if known:
            return f"ifrs-full:{known[0].name}"
        return self.registry.axis_member(wording, f"ifrs-full:{axis.name}")

    def read(self, index: int, table: Table) -> list[Fact]:
        if table.statement is not None or table.problem or table.unit is None:
            return []
        if not table.columns or any(c.period is None and not c.ratio for c in table.columns):
            return []
        text = compact("".join([table.title, table.context, table.lead_in, *table.header_lines]))
        axis = _axis(text, self.vocab)
        if axis is None:
            return []
        totals, _ = table_structure(table)
        for total, items in totals.items():
            label = table.rows[total].label
            if any(weight != 1 for _, weight in items) or (label and not _names_a_total(label)):
                continue
            line = self._line(table, total, text)
            if line is not None:
                return self._facts(index, table, axis, total, [i for i, _ in items], *line)
        return []

    def _facts(self, index, table, axis, total, items, stated: Fact, sign: int) -> list[Fact]:
        members = {row: self._member(axis, table.rows[row].label) for row in items}
        if None in members.values() or len(set(members.values())) != len(members):
            return []  # a row with no name, or two rows with one: not a breakdown to tag
        scale = table.unit.scale
        facts = []
        for row, member in [*members.items(), (total, None)]:
            for column, cell in enumerate(table.rows[row].cells):
                if cell.value is None or table.columns[column].ratio:
                    continue
                dims = ((f"ifrs-full:{axis.name}", member),) if member else ()
                facts.append(
                    printed_again(
                        stated,
                        cell,
                        (index, row, column),
                        sign=sign,
                        scale=scale,
                        label=table.rows[row].printed_label,
                        method="breakdown",
                        evidence=f"rows add up to the statement's {stated.label}",
                        period=table.columns[column].period,
                        dims=dims,
                    )
                )
        return facts


def breakdown_facts(
    tables: list[Table], facts: list[Fact], vocab: Vocabulary, taken: frozenset[str]
) -> tuple[list[Fact], list]:
    """The stage: facts of the note tables that break a statement line down along an axis,
    and the members of the filing's own they need."""
    reader = Breakdowns(facts, vocab, taken)
    tagged = {f.table for f in facts}  # a note table another rule has read stays as it is
    found = [
        fact
        for index, table in enumerate(tables)
        if index not in tagged
        for fact in reader.read(index, table)
    ]
    return found, list(reader.registry.members.values())
