"""Rule: an expense analysed by the function line it was charged to, on an axis of its own.

    折舊費用於綜合收益表中按以下類別列支：
                   2023年      2022年
    －銷售成本     184,580      39,409
    －行政開支     191,724     126,389
    －研發開支     503,596     458,755
                   879,900     624,553

Tagged only when all of this is printed: the heading or the sentence above says where the
expense was charged (列支, 計入 …); every row but the last names exactly one function line of
the statement of profit or loss (taxonomy data: expense_functions.toml), and the statement
tags that line for the column's period, at least as large as the row; the rows add up to the
last row in every column; and the last row is, in every column, one amount another rule
tagged already with no members (the depreciation charge, say). Each row is then that
amount's concept on ``ext:ExpenseByFunctionAxis`` (IFRS 2022 has no axis for the line an
expense was charged to), with the function line's member. Anything short of that leaves the
table to the coverage stage, which reports its amounts.
"""

from __future__ import annotations

import functools
import tomllib
from decimal import Decimal
from typing import NamedTuple

from tagger.arithmetic import TOTAL_WORDS
from tagger.extensions import EXTENSION_PREFIX, ExtensionMember
from tagger.facts import Fact, printed_again
from tagger.model import Table
from tagger.note_rows import core_label
from tagger.vocabulary import Vocabulary, compact
from taxonomy.loader import DATA_DIR, simplified


class FunctionResult(NamedTuple):  # a stage's result: no model class to build or validate
    facts: list[Fact]
    members: list[ExtensionMember]  # the axis, its domain and the functions used


@functools.cache
def _data() -> dict:
    return tomllib.loads((DATA_DIR / "expense_functions.toml").read_text(encoding="utf-8"))


def _axis() -> tuple[ExtensionMember, ExtensionMember]:
    data = _data()["axis"]
    axis = f"{EXTENSION_PREFIX}:{data['name']}"
    return (
        ExtensionMember(name=data["name"], label=data["zh-Hant"], axis=axis, kind="axis"),
        ExtensionMember(
            name=data["domain"], label=data["domain-zh-Hant"], axis=axis, kind="domain"
        ),
    )


@functools.cache
def _headings() -> tuple[str, ...]:
    words = _data()["axis"]["headings"]
    return tuple(dict.fromkeys([*words, *(simplified(w) for w in words)]))


def _charged(table: Table) -> bool:
    """The table's heading or lead-in says where an expense was charged."""
    text = compact(table.lead_in + table.context + table.title)
    return any(word in text for word in _headings())


class _Functions:
    """The member of each function line used in one run, named after its IFRS concept."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.made: dict[str, ExtensionMember] = {}

    def concept_of(self, label: str) -> str | None:
        """The function line a row's label names exactly (－銷售成本 -> CostOfSales)."""
        allowed = set(_data()["axis"]["functions"])
        named = {c.name for c in self.vocab.concepts_for(core_label(label))} & allowed
        return named.pop() if len(named) == 1 else None

    def qname(self, concept: str) -> str:
        if concept not in self.made:
            axis, domain = _axis()
            self.made[concept] = ExtensionMember(
                name=f"{concept}Member",
                label=self.vocab.concept_map.concepts[concept].labels.zh_hant,
                axis=axis.axis,
                parent=f"{EXTENSION_PREFIX}:{domain.name}",
            )
        return f"{EXTENSION_PREFIX}:{self.made[concept].name}"

    def members(self, script: str) -> list[ExtensionMember]:
        if not self.made:
            return []
        own = [*_axis(), *self.made.values()]
        if script == "zh-Hans":
            own = [m.model_copy(update={"label": simplified(m.label)}) for m in own]
        return own


def _is_total(label: str) -> bool:
    text = core_label(label)
    return not text or text in TOTAL_WORDS


class _Reader:
    def __init__(self, facts: list[Fact], functions: _Functions):
        self.functions = functions
        # (period key, value) -> the facts with no members tagged at that amount
        self.by_amount: dict[tuple[str, Decimal], list[Fact]] = {}
        # (concept name, period key) -> the statement's function line
        self.lines: dict[tuple[str, str], Fact] = {}
        for fact in facts:
            if fact.dims or fact.period.is_instant:
                continue
            if fact.statement == "cash_flows" or fact.concept.name.startswith("AdjustmentsFor"):
                continue  # a cash flow or an adjustment to one is not an expense to analyse
            self.by_amount.setdefault((fact.period.key(), fact.value), []).append(fact)
            if fact.statement == "income":
                self.lines.setdefault((fact.concept.name, fact.period.key()), fact)

    def read(self, index: int, table: Table) -> list[Fact]:
        if not table.is_note_by_period():
            return []
        rows = [i for i, row in enumerate(table.rows) if row.cells]
        if len(rows) < 3 or not _is_total(table.rows[rows[-1]].label) or not _charged(table):
            return []
        parts = rows[:-1]
        named = [self.functions.concept_of(table.rows[i].label) for i in parts]
        if None in named or len(set(named)) != len(named):
            return []
        totals = self._totals(table, parts, rows[-1], named)
        if totals is None:
            return []
        facts = []
        for row, concept in zip(parts, named, strict=True):
            member = self.functions.qname(concept)
            for column, (stated, sign) in totals.items():
                facts.append(self._fact(stated, sign, (table, index, row, column), member))
        return facts

    def _totals(self, table, parts, total_row, named) -> dict[int, tuple[Fact, int]] | None:
        """The fact the last row prints in each column, when the parts add up to it and each
        part is no more than the function line the statement tags for the period."""
        scale = Decimal(10) ** table.unit.scale
        totals: dict[int, Fact] = {}
        for column, info in enumerate(table.columns):
            total = table.rows[total_row].cells[column].value
            values = [table.rows[i].cells[column].value for i in parts]
            if total is None or None in values or sum(values) != total or total == 0:
                return None
            key = info.period.key()
            # the expense as tagged, in its concept's direction, whatever the note prints
            stated = [
                (f, sign)
                for sign in (1, -1)
                for f in self.by_amount.get((key, sign * total * scale), [])
            ]
            if len({f.concept.qname for f, _ in stated}) != 1:
                return None
            for value, concept in zip(values, named, strict=True):
                line = self.lines.get((concept, key))
                if line is None or abs(value * scale) > abs(line.value):
                    return None
            totals[column] = stated[0]
        return totals

    def _fact(self, stated: Fact, sign: int, where: tuple, member: str) -> Fact:
        table, index, row, column = where
        cell = table.rows[row].cells[column]
        return printed_again(
            stated,
            cell,
            (index, row, column),
            sign=sign,
            scale=table.unit.scale,
            label=table.rows[row].printed_label,
            method="function",
            evidence=f"function lines adding up to the amount of line {stated.cell.line}",
            period=table.columns[column].period,
            dims=((_axis()[0].axis, member),),
        )


def function_facts(
    tables: list[Table], facts: list[Fact], vocab: Vocabulary, script: str
) -> FunctionResult:
    """Facts of the tables analysing a tagged expense by function line (module docstring);
    ``facts``: every fact so far."""
    functions = _Functions(vocab)
    reader = _Reader(facts, functions)
    made = [fact for index, table in enumerate(tables) for fact in reader.read(index, table)]
    return FunctionResult(facts=made, members=functions.members(script))
