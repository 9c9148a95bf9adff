"""Rule: a row of a table outside the statements that restates a statement line.

    下表載列截至2023年及2022年12月31日止年度的綜合收益表概要：
    收入       3,405,842   3,808,510
    銷售成本  (1,905,055) (1,266,243)

A row is tagged only when its label is a statement line in the taxonomy's own wording (no
fuzzy match) and, in every column with a period, its amount is the statements' figure for
that line and period within the rounding of the two: it then takes that fact's concept,
period and sign, at its own precision. A row that names a line but prints another figure is
left to the review, untagged; so is every row no other rule has tagged.

A row may also restate a row of a note's table that another rule has tagged (the discussion's
trade receivables in 百萬元, the note's in 千元): it takes that row's concept and members when
its label is that row's label as printed and, in every column, its amount is that row's for
the period within the rounding of the two, and exactly one tagged row answers so. A total row
printed with no name (總計, or nothing) restates the one tagged amount of another table it is
in every column, if exactly one. A column
headed by a year (截至12月31日止年度) over balances restates them at the year's end, when the
amounts say so.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from tagger.facts import OTHER_TABLE, Fact, agrees
from tagger.matcher import Matcher
from tagger.model import Period, Table
from tagger.vocabulary import Vocabulary, compact
from taxonomy.models import StatementKind

_PRIMARY: tuple[StatementKind, ...] = (
    "income",
    "comprehensive_income",
    "financial_position",
    "cash_flows",
)
_SURE = 0.9
# labels a total row prints instead of a name (or none at all)
_TOTAL_WORDS = ("", "總計", "合計", "总计", "合计", "總額", "总额", "總數", "总数")


# A period as the rule's indexes key it, (start, end): hashing and comparing a Period model
# costs many times what a tuple of two dates does, and the indexes take thousands of keys.
Span = tuple[date | None, date]


def _span(period: Period) -> Span:
    return (period.start, period.end)


@functools.lru_cache(maxsize=4096)
def _statement_lines(vocab: Vocabulary, label: str) -> tuple[str, ...]:
    """The statement lines (qnames) a label names in the taxonomy's own wording. A pure
    function of a vocabulary that never changes, so memoised for the process (by the
    vocabulary's identity), as the matcher's candidate lists are: each label costs eight
    matches, and most labels (收入, 其他) recur from one table and announcement to the next."""
    matcher = Matcher(vocab)
    found = []
    for kind in _PRIMARY:
        for instant in (False, True):
            match = matcher.match_row(label, kind, None, instant, fuzzy=False)
            if match.concept is not None and match.confidence >= _SURE:
                found.append(f"{match.concept.prefix}:{match.concept.name}")
    return tuple(dict.fromkeys(found))


class Restatements:
    def __init__(self, facts: list[Fact], vocab: Vocabulary):
        self.vocab = vocab
        self.stated: dict[tuple[str, Span], Fact] = {}
        # rows of other tables tagged by another rule: label -> (concept, members) -> period
        self.rows: dict[str, dict[tuple, dict[Span, Fact]]] = {}
        # every tagged amount of a table, by (concept, members): what a total row may restate
        self.lines: dict[tuple, dict[Span, Fact]] = {}
        self.line_tables: dict[tuple, set[int]] = {}
        self._by_value: dict[Span, tuple[list[Decimal], list[tuple]]] | None = None  # _near's
        self._label_values: dict[str, _RowValues] = {}  # _candidates's, by label
        for fact in facts:
            qname, span = fact.concept.qname, _span(fact.period)
            tagged_cell = fact.table >= 0 and fact.in_text is None
            if tagged_cell:
                key = (qname, fact.dims)
                self.lines.setdefault(key, {}).setdefault(span, fact)
                self.line_tables.setdefault(key, set()).add(fact.table)
            if fact.statement in _PRIMARY and not fact.dims:
                self.stated.setdefault((qname, span), fact)
            elif tagged_cell and fact.statement not in _PRIMARY:
                label = _row_label(fact.label)
                if label:
                    line = self.rows.setdefault(label, {}).setdefault(
                        (qname, fact.dims, fact.table), {}
                    )
                    line.setdefault(span, fact)

    def read(self, index: int, table: Table, taken: set[tuple[int, int]]) -> list[Fact]:
        if table.statement is not None or table.problem or table.unit is None:
            return []
        scale = table.unit.scale
        facts: list[Fact] = []
        for row_index, row in enumerate(table.rows):
            if (index, row_index) in taken or not row.cells or row.problem:
                continue
            if _row_label(row.label) in _TOTAL_WORDS:
                facts += self._total_row(index, table, row_index, scale)
                continue
            for qname in _statement_lines(self.vocab, row.label):
                row_facts = self._row(index, table, row_index, self._stated(qname), scale)
                if row_facts:
                    facts += row_facts
                    break
            else:
                facts += self._restated_row(index, table, row_index, scale)
        return facts

    def _stated(self, qname: str):
        return lambda period: self.stated.get((qname, period))

    def _total_row(self, index: int, table: Table, row_index: int, scale: int) -> list[Fact]:
        """A total printed with no name of its own (總計, or nothing) restates the one tagged
        amount of another table that it is in every column, or nothing."""
        found = [
            (proof, next(iter(periods.values())))
            for key in self._amounts_like(table, row_index, scale)
            if self.line_tables[key] != {index}
            and (periods := self.lines[key])
            and (proof := self._proof(table, row_index, periods.get, scale))
        ]
        if len(found) != 1:
            return []
        proof, source = found[0]
        facts = self._restating(index, table, row_index, proof, scale)
        if source.statement in _PRIMARY:
            return facts
        # what it restates is a note's row (or a movement table's), not a statement's line
        of = " of a movement table" if source.evidence.startswith("movement table") else ""
        return [
            f.model_copy(
                update={"evidence": f"restates a tagged row of line {f.evidence.split()[-1]}{of}"}
            )
            for f in facts
        ]

    def _amounts_like(self, table: Table, row_index: int, scale: int) -> list[tuple]:
        """The tagged amounts (concept, members) that the row's first amount could be: those
        printed as finely or more, equal to it at its precision, for its column's period or
        the balance at its end. Looked up, not searched, so a long document is no slower per
        row (the proof of every column is ``_row``'s)."""
        for _, cell, period in _amount_cells(table, row_index):
            if period is None:
                return []
            decimals = cell.places - scale
            amount = abs(cell.value * Decimal(10) ** scale)
            keys = self._near(_span(period), amount, decimals)
            if period.start is not None:
                keys += self._near((None, period.end), amount, decimals)
            return list(dict.fromkeys(keys))
        return []

    def _near(self, span: Span, amount: Decimal, decimals: int) -> list[tuple]:
        """The tagged amounts (concept, members) of the period printed to ``decimals`` or
        finer that round to ``amount`` at ``decimals``: found by their value, in a window of
        a step either side (the rounding decides), not by rounding every amount."""
        if self._by_value is None:
            self._by_value = self._value_index()
        values, entries = self._by_value.get(span, ((), ()))
        step = Decimal(10) ** -decimals
        window = entries[bisect_left(values, amount - step) : bisect_right(values, amount + step)]
        return [
            key
            for value, key, fact in window
            if fact.decimals >= decimals
            and (value / step).to_integral_value(ROUND_HALF_UP) * step == amount
        ]

    def _value_index(self) -> dict[Span, tuple[list[Decimal], list[tuple]]]:
        """(sorted amounts, (amount, key, fact) in that order) of each period's tagged
        amounts, the amounts unsigned."""
        by_span: dict[Span, list[tuple]] = defaultdict(list)
        for key, periods in self.lines.items():
            for span, fact in periods.items():
                by_span[span].append((abs(fact.value), key, fact))
        index = {}
        for span, entries in by_span.items():
            entries.sort(key=lambda entry: entry[0])
            index[span] = ([value for value, _, _ in entries], entries)
        return index

    def _restated_row(self, index: int, table: Table, row_index: int, scale: int) -> list[Fact]:
        """The row restates exactly one tagged row of another table, or nothing."""
        found = []
        for at, periods in self._candidates(table, row_index, scale):
            if at != index and (proof := self._proof(table, row_index, periods.get, scale)):
                found.append(proof)
                if len(found) > 1:
                    return []  # restates more than one row: which, cannot be told
        if len(found) != 1:
            return []
        return [
            f.model_copy(
                update={"evidence": f"restates a tagged row of line {f.evidence.split()[-1]}"}
            )
            for f in self._restating(index, table, row_index, found[0], scale)
        ]

    def _candidates(self, table: Table, row_index: int, scale: int) -> list[tuple[int, dict]]:
        """(table, facts by period) of the tagged rows with the row's label whose amount could
        be the row's first: a label such as 其他 recurs in many tables of a long document,
        and proving the row against each made the rule quadratic. A row that passes
        ``_proof`` is always among them (they are looked up by value, a step either side)."""
        label = _row_label(table.rows[row_index].label)
        rows = self.rows.get(label)
        if not rows:
            return []
        first = next(_amount_cells(table, row_index), None)
        if first is None or first[2] is None:
            return []  # no amount, or one with no period: no row is proved restated
        _, cell, period = first
        if label not in self._label_values:
            self._label_values[label] = _RowValues(rows)
        decimals = cell.places - scale
        return self._label_values[label].near(
            _span(period), abs(cell.value * Decimal(10) ** scale), decimals
        )

    def _row(self, index: int, table: Table, row_index: int, stated_for, scale: int):
        """The row's facts when every amount restates the fact ``stated_for`` its period."""
        proof = self._proof(table, row_index, stated_for, scale)
        return self._restating(index, table, row_index, proof, scale) if proof else []

    def _proof(self, table: Table, row_index: int, stated_for, scale: int) -> list[tuple]:
        """(column, cell, stated fact, signed amount) of each amount of the row, or [] when
        one does not print its period's stated figure: checked before any fact is made, as
        most rows a label could restate do not (a long document's labels recur)."""
        proof = []
        for column, cell, period in _amount_cells(table, row_index):
            if period is None:
                return []
            stated = stated_for(_span(period))
            if stated is None and period.start is not None:
                # a balance under a year's heading (截至12月31日止年度 over a receivables
                # table): the balance at the year's end, when the amounts say so
                stated = stated_for((None, period.end))
            if stated is None:
                return []
            printed = cell.value * Decimal(10) ** scale
            sign = next(
                (s for s in (1, -1) if agrees(stated, s * printed, cell.places - scale)), None
            )
            if sign is None:
                return []  # names the line, prints another figure
            proof.append((column, cell, stated, sign * printed or Decimal(0)))
        return proof

    @staticmethod
    def _restating(
        index: int, table: Table, row_index: int, proof: list[tuple], scale: int
    ) -> list[Fact]:
        row = table.rows[row_index]
        return [
            stated.model_copy(
                update={
                    "decimals": cell.places - scale,
                    "scale": scale,
                    "value": value,
                    "cell": cell,
                    "table": index,
                    "row": row_index,
                    "column": column,
                    "statement": OTHER_TABLE,
                    "label": row.printed_label,
                    "method": "restatement",
                    "confidence": 1.0,
                    "evidence": f"restates the line {stated.cell.line}",
                    "in_text": None,
                }
            )
            for column, cell, stated, value in proof
        ]


class _RowValues:
    """The tagged rows of one label, by period and unsigned amount: ``near`` gives those whose
    fact for a period (or, having none, for the balance at its end, as ``_proof`` reads
    them) is within a step of an amount, in the rows' order."""

    def __init__(self, rows: dict[tuple, dict[Span, Fact]]):
        self.rows = [(at, periods) for (_, _, at), periods in rows.items()]
        self.finest = min(f.decimals for _, periods in self.rows for f in periods.values())
        entries: dict[Span, list[tuple[Decimal, int]]] = defaultdict(list)
        for order, (_, periods) in enumerate(self.rows):
            for span, fact in periods.items():
                entries[span].append((abs(fact.value), order))
        self.by_span = {
            span: ([value for value, _ in found], [order for _, order in found])
            for span, found in ((k, sorted(v)) for k, v in entries.items())
        }

    def near(self, span: Span, amount: Decimal, decimals: int) -> list[tuple[int, dict]]:
        # two figures that agree differ by less than a step of the coarser precision
        step = Decimal(10) ** -min(self.finest, decimals)
        orders = set(self._within(span, amount, step))
        if span[0] is not None:
            end = (None, span[1])
            orders |= {o for o in self._within(end, amount, step) if span not in self.rows[o][1]}
        return [self.rows[order] for order in sorted(orders)]

    def _within(self, span: Span, amount: Decimal, step: Decimal) -> list[int]:
        values, orders = self.by_span.get(span, ((), ()))
        return orders[bisect_left(values, amount - step) : bisect_right(values, amount + step)]


def _amount_cells(table: Table, row_index: int):
    """(column, cell, period) of the row's amounts, shares of a total left aside; the period
    is None where the column has none or the cell no amount (the row is then no
    restatement)."""
    for column, cell in enumerate(table.rows[row_index].cells):
        if column < len(table.columns) and not table.columns[column].ratio:
            period = table.columns[column].period
            yield column, cell, period if cell.value is not None else None


def _row_label(label: str) -> str:
    """A row's label as another table prints it: no dash, note mark or note number."""
    return compact(label or "").strip("－-–—*＊ ")


def restated_facts(tables: list[Table], facts: list[Fact], vocab: Vocabulary) -> list[Fact]:
    """The stage: facts of rows outside the statements that print a statement line's figure
    (rows already tagged by another rule, in ``facts``, are left as they are)."""
    taken = {(f.table, f.row) for f in facts}
    reader = Restatements(facts, vocab)
    return [fact for index, table in enumerate(tables) for fact in reader.read(index, table, taken)]
