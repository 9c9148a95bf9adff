"""Rule: the inputs of earnings per share, as the EPS note prints them in a table whose rows
print their own units (``tagger.row_units``):

    歸屬於本公司權益持有人的虧損（人民幣千元）   (6,440,159) (6,044,796)
    已發行普通股加權平均數（千股）               32,222,681  31,932,411
    每股基本虧損（以每股人民幣元表示）             (0.20)      (0.19)

A row is read by its label's wording (the unit words set aside) and must print the unit its
concept takes: the profit attributable to the owners (money) is the numerator,
``ProfitLossAttributableToOrdinaryEquityHoldersOfParentEntity``; the weighted average number
of shares (a share count) is ``WeightedAverageShares``, or ``AdjustedWeightedAverageShares``
under a diluted heading; EPS (per share) is basic or diluted as its label says. Nothing is
taken on the label alone:

- the profit must be the statements' profit attributable to the owners of the period, within
  rounding and with the same sign; the EPS the statements' EPS (then a consistent duplicate);
- the share count is tagged only where the same column proves the table is the EPS
  computation: profit (the note's, else the statements') divided by the shares is the EPS
  printed, to its printed precision;
- anything else is left untagged, a finding saying why. A profit row under a diluted heading
  (the numerator after dilutive effects) is left too: it is another concept.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from tagger.extensions import concept_ref
from tagger.facts import Fact, agrees, cell_source
from tagger.findings import Finding, finding
from tagger.model import Cell, Period, Row, Table
from tagger.notes import NOTES
from tagger.periods import row_periods
from tagger.row_units import prints_row_units
from tagger.units import PER_SHARE, SHARES, unit_id, without_row_unit
from tagger.vocabulary import Vocabulary

PROFIT = "ProfitLossAttributableToOrdinaryEquityHoldersOfParentEntity"
_OWNERS = "ProfitLossAttributableToOwnersOfParent"
_BASIC, _DILUTED = "BasicEarningsLossPerShare", "DilutedEarningsLossPerShare"
_SHARES, _ADJUSTED = "WeightedAverageShares", "AdjustedWeightedAverageShares"
# What each row is, by the concepts its wording names, and the unit it must print.
_ROLES = {
    PROFIT: ("profit", "money"),
    _OWNERS: ("profit", "money"),
    _SHARES: ("shares", SHARES),
    _ADJUSTED: ("shares", SHARES),
    _BASIC: ("eps", PER_SHARE),
    _DILUTED: ("eps", PER_SHARE),
}
_DILUTED_WORDS = ("攤薄", "摊薄", "稀釋", "稀释", "diluted", "Diluted")
_BASIC_WORDS = ("基本", "basic", "Basic")
_LOSS_WORDS = ("虧損", "亏损", "loss", "Loss")
_PROFIT_WORDS = ("溢利", "盈利", "利潤", "利润", "收益", "profit", "Profit", "earnings", "Earnings")


class EpsInputs(NamedTuple):  # a stage's result: no model class to build or validate
    facts: list[Fact]
    findings: list[Finding]


class _Reading(NamedTuple):
    role: str  # profit, shares or eps
    concept: str  # the concept the row is tagged with
    checked: str  # the statements' concept its amounts must equal ("" for shares)


def _diluted(table: Table, row: Row) -> bool:
    """Whether the row stands under a diluted heading: the nearest of its own heading, the
    table's and the sentence introducing it that names basic or diluted decides; one naming
    both (基本及攤薄) is not diluted alone."""
    for words in (row.heading or "", table.context, table.lead_in):
        diluted = any(w in words for w in _DILUTED_WORDS)
        basic = any(w in words for w in _BASIC_WORDS)
        if diluted or basic:
            return diluted and not basic
    return False


def _readings(table: Table, row: Row, vocab: Vocabulary) -> tuple[list[_Reading], str]:
    """What the row is (one reading, two for 每股基本及攤薄), or why it is in doubt; no
    reading and no doubt when it is no EPS input or does not print the unit one takes."""
    names = [c.name for c in vocab.concepts_for(without_row_unit(row.label))]
    roles = {(_ROLES[n], n) for n in names if n in _ROLES}
    if not roles or row.unit is None:
        return [], ""
    kinds = {role for (role, _), _ in roles}
    if len(kinds) != 1 or next(iter({unit for (_, unit), _ in roles})) != row.unit.kind:
        return [], ""
    kind = kinds.pop()
    diluted = _diluted(table, row)
    if kind == "profit":
        if diluted:
            return [], "a profit under a diluted heading: the numerator after dilutive effects"
        return [_Reading("profit", PROFIT, _OWNERS)], ""
    if kind == "shares":
        return [_Reading("shares", _ADJUSTED if diluted else _SHARES, "")], ""
    eps = sorted(n for _, n in roles)
    if diluted and eps == [_BASIC]:
        return [], "a row worded as basic EPS under a diluted heading"
    return [_Reading("eps", n, n) for n in eps], ""


def _signed(row: Row, value: Decimal) -> Decimal:
    """A loss printed without brackets under a label that says loss (本公司擁有人應佔虧損
    6,440,159, 每股基本虧損 0.20) is negative; a label that also says profit keeps the
    printed sign."""
    label = without_row_unit(row.label)
    loss = any(w in label for w in _LOSS_WORDS) and not any(w in label for w in _PROFIT_WORDS)
    return -value if loss and value > 0 else value


def _statement_values(facts: list[Fact]) -> dict[tuple[str, str], list[Fact]]:
    index: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        if not fact.dims and fact.statement in ("income", "comprehensive_income"):
            index.setdefault((fact.concept.name, fact.period.key()), []).append(fact)
    return index


class _Table:
    """One table's EPS rows, column by column."""

    def __init__(self, index: int, table: Table, statements, vocab: Vocabulary):
        self.index, self.table, self.vocab = index, table, vocab
        self.statements = statements
        self.facts: list[Fact] = []
        self.findings: list[Finding] = []

    def doubt(self, code: str, why: str, cell: Cell) -> None:
        self.findings.append(finding(code, why, cell_source(self.table, cell), cell.text))

    def _value(self, row: Row, cell: Cell) -> Decimal:
        return _signed(row, cell.value) * Decimal(10) ** row.unit.scale

    def _statement(self, concept: str, period: Period) -> list[Fact]:
        key = period.key()
        found = self.statements.get((concept, key), [])
        if concept == _OWNERS:
            found = found + self.statements.get((PROFIT, key), [])
        return found

    def _fact(self, row_index: int, column: int, reading: _Reading, period: Period) -> Fact:
        row = self.table.rows[row_index]
        cell = row.cells[column]
        concept = concept_ref(self.vocab.concept_map.concepts[reading.concept])
        currency = None if row.unit.kind == SHARES else row.unit.currency
        value = self._value(row, cell)
        return Fact(
            concept=concept,
            period=period,
            unit=unit_id(row.unit.kind, currency),
            currency=currency,
            decimals=cell.places - row.unit.scale,
            scale=row.unit.scale,
            value=value if value else abs(value),
            cell=cell,
            table=self.index,
            row=row_index,
            column=column,
            statement=NOTES,
            label=row.printed_label,
            method="row unit",
            confidence=1.0,
            evidence=_EVIDENCE[reading.role],
            wording=without_row_unit(row.label),
        )

    def column(self, column: int, rows: dict[int, list[_Reading]]) -> None:
        verified: dict[str, tuple[Decimal, int]] = {}  # concept -> (value, decimals)
        pending: list[tuple[int, _Reading, Period]] = []
        for row_index, readings in rows.items():
            row = self.table.rows[row_index]
            cell = row.cells[column]
            period = row_periods(self.table, row_index, False)[column]
            if cell.value is None or period is None:
                continue  # a mark: coverage reports it
            for reading in readings:
                if reading.role == "shares":
                    pending.append((row_index, reading, period))
                    continue
                self._checked(row_index, column, reading, period, verified)
        for row_index, reading, period in pending:
            self._shares(row_index, column, reading, period, verified)

    def _checked(self, row_index, column, reading: _Reading, period, verified) -> None:
        row = self.table.rows[row_index]
        cell = row.cells[column]
        value, decimals = self._value(row, cell), cell.places - row.unit.scale
        same = self._statement(reading.checked, period)
        if not same:
            why = f"the statements print no {reading.checked} for this period to check it by"
            self.doubt("eps-input-unclear", why, cell)
            return
        if not any(agrees(f, value, decimals) for f in same):
            printed = ", ".join(sorted({f.cell.text for f in same}))
            why = f"differs from the statements' {reading.checked} ({printed}) beyond rounding"
            self.doubt("eps-input-differs", why, cell)
            return
        verified.setdefault(reading.concept, (value, decimals))
        self.facts.append(self._fact(row_index, column, reading, period))

    def _shares(self, row_index, column, reading: _Reading, period, verified) -> None:
        row = self.table.rows[row_index]
        cell = row.cells[column]
        shares = self._value(row, cell)
        eps = verified.get(_DILUTED if reading.concept == _ADJUSTED else _BASIC)
        profit = verified.get(PROFIT)
        if profit is None and eps is not None:
            owners = self._statement(_OWNERS, period)
            profit = (owners[0].value, owners[0].decimals) if owners else None
        if eps is None or profit is None or shares <= 0:
            why = "no EPS and profit of this column prove the share count"
            self.doubt("eps-input-unclear", why, cell)
            return
        step = Decimal(10) ** -eps[1]
        quotient = (profit[0] / shares / step).to_integral_value(ROUND_HALF_UP) * step
        if quotient != eps[0]:
            why = f"the profit divided by these shares is {quotient}, not the EPS {eps[0]}"
            self.doubt("eps-input-differs", why, cell)
            return
        self.facts.append(self._fact(row_index, column, reading, period))


_EVIDENCE = {
    "profit": "EPS note: the statements' profit attributable to the owners",
    "shares": "EPS note: the profit divided by these shares is the EPS printed",
    "eps": "EPS note: the statements' EPS",
}


def eps_inputs(tables: list[Table], facts: list[Fact], vocab: Vocabulary) -> EpsInputs:
    """The EPS note's facts (see the module docstring); ``facts``: the statements' facts."""
    statements = _statement_values(facts)
    out_facts: list[Fact] = []
    out_findings: list[Finding] = []
    for index, table in enumerate(tables):
        if table.statement is not None or table.problem or not prints_row_units(table):
            continue
        reader = _Table(index, table, statements, vocab)
        rows = {}
        for i, row in enumerate(table.rows):
            if not row.cells or row.problem or len(row.cells) != len(table.columns):
                continue
            readings, doubt = _readings(table, row, vocab)
            if readings:
                rows[i] = readings
            for cell in row.cells if doubt else ():
                reader.doubt("eps-input-unclear", doubt, cell)
        for column in range(len(table.columns)):
            reader.column(column, rows)
        out_facts += reader.facts
        out_findings += reader.findings
    return EpsInputs(facts=out_facts, findings=out_findings)
