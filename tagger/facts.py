"""Stage 6, facts: matched rows -> facts (concept, period, dimensions, unit, value).

One place decides, per printed cell: the period (``tagger.periods``), the unit and decimals,
the value in full units with the sign rule of ``tagger.signs``. Cells that cannot be tagged
become findings with the reason.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from tagger.extensions import ConceptRef
from tagger.findings import Finding, Source, finding
from tagger.matching import Matching, RowConcept
from tagger.model import Cell, Period, Row, Table
from tagger.periods import row_periods
from tagger.signs import sign_factor
from tagger.units import CENT_WORDS, PURE, SHARES, fact_unit_kind, share_scale, unit_id
from taxonomy.models import EQUITY_AXIS, SEPARATE_AXIS, SEPARATE_MEMBER

OTHER_TABLE = "other"
# The mainland template's note on a line printed in the statement's direction:
# 投资收益（损失以"－"号填列）.
_SIGN_NOTES = ("填列",)  # the statement of a fact from a table outside the primary statements


class Fact(BaseModel):
    model_config = ConfigDict(frozen=True)

    concept: ConceptRef
    period: Period
    dims: tuple[tuple[str, str], ...] = ()  # (axis qname, member qname)
    unit: str  # unit id in the report: CNY, CNY_per_share, pure, shares
    currency: str | None = None
    decimals: int
    scale: int
    value: Decimal  # full units, signed
    cell: Cell
    table: int
    row: int
    column: int
    statement: str
    label: str  # the printed row label
    method: str
    confidence: float  # 0..1: how sure the concept and the reading of the row are
    evidence: str = ""  # why this concept: label, synonym, section rule, fuzzy 0.93, …
    wording: str = ""  # the taxonomy wording the label matched
    # A figure in running text (table, row and column are then -1): its block and where its
    # number starts in the block's text.
    in_text: tuple[int, int] | None = None

    def context_key(self) -> tuple:
        return (self.period.key(), self.dims)

    def agrees_with(self, other: Fact) -> bool:
        """Consistent duplicates: equal once rounded to the coarser of the two precisions
        (4,369.0 百萬元 and 4,369,023 千元 are one amount printed twice)."""
        if self.value == other.value:
            return True  # equal values round alike (most often: a fact and itself)
        step = Decimal(10) ** -min(self.decimals, other.decimals)
        return (self.value / step).to_integral_value(ROUND_HALF_UP) == (
            other.value / step
        ).to_integral_value(ROUND_HALF_UP)


def fact_key(fact: Fact) -> tuple:
    """What two facts share when one duplicates the other: concept, context and unit."""
    return (fact.concept.qname, fact.context_key(), fact.unit)


def fact_keys(facts: list[Fact]) -> list[tuple]:
    """``fact_key`` of each fact; a period's key, which formats its dates, is made once per
    period (the facts of a column share one)."""
    periods: dict[int, str] = {}
    keys = []
    for fact in facts:
        period = fact.period
        key = periods.get(id(period))
        if key is None:
            key = periods[id(period)] = period.key()
        keys.append((fact.concept.qname, (key, fact.dims), fact.unit))
    return keys


def by_key(facts: list[Fact]) -> dict[tuple, Fact]:
    """The facts by ``fact_key``: the last of those that share one."""
    return dict(zip(fact_keys(facts), facts, strict=True))


def agrees(fact: Fact, value: Decimal, decimals: int) -> bool:
    """A fact and a figure printed elsewhere, equal once rounded to the coarser of the two
    precisions (3,405,842 千元 and 3,405.8 百萬元)."""
    if fact.value == value:
        return True  # equal values round alike
    step = Decimal(10) ** -min(fact.decimals, decimals)
    rounded = (fact.value / step).to_integral_value(ROUND_HALF_UP)
    return rounded == (value / step).to_integral_value(ROUND_HALF_UP)


class AmountIndex:
    """Facts by period, sorted by value, so that the facts equal to a printed amount within
    rounding are looked up in a window rather than searched: a long document's many tables
    are each no slower to prove. Of facts with one concept, members and value, the first
    stands for all (a document printing a table again adds no candidates)."""

    def __init__(self, facts: list[Fact]):
        grouped: dict[Period, dict[tuple, Fact]] = {}
        for fact in facts:
            key = (fact.concept.qname, fact.dims, fact.value, fact.decimals)
            grouped.setdefault(fact.period, {}).setdefault(key, fact)
        self.by_period: dict[Period, tuple[list[Decimal], list[Fact], int]] = {}
        for period, kept in grouped.items():
            ordered = sorted(kept.values(), key=lambda f: f.value)
            coarsest = min(f.decimals for f in ordered)
            self.by_period[period] = ([f.value for f in ordered], ordered, coarsest)

    def near(self, period: Period, value: Decimal, decimals: int) -> list[Fact]:
        """The facts of ``period`` that may agree with ``value`` printed to ``decimals``
        (``agrees`` decides), in their order of value."""
        if period not in self.by_period:
            return []
        values, ordered, coarsest = self.by_period[period]
        step = Decimal(10) ** -min(decimals, coarsest)
        return ordered[bisect_left(values, value - step) : bisect_right(values, value + step)]


def printed_again(
    stated: Fact,
    cell: Cell,
    where: tuple[int, int, int],
    *,
    sign: int,
    scale: int,
    label: str,
    method: str,
    evidence: str,
    **changes,
) -> Fact:
    """``stated``'s concept and context (``changes``: other dimensions, another period) for
    the amount a cell of another table prints: the cell's value, signed to the concept by
    ``sign``, and its precision; ``where``: (table, row, column); why, in ``evidence``."""
    table, row, column = where
    return stated.model_copy(
        update={
            "decimals": cell.places - scale,
            "scale": scale,
            "value": sign * cell.value * Decimal(10) ** scale or Decimal(0),
            "cell": cell,
            "table": table,
            "row": row,
            "column": column,
            "statement": OTHER_TABLE,
            "label": label,
            "method": method,
            "confidence": 1.0,
            "evidence": evidence,
            "in_text": None,
            **changes,
        }
    )


def cell_source(table: Table, cell: Cell) -> Source:
    return Source(line=cell.line, table=table.title or table.context)


def _untaggable(
    table: Table, row: Row, cell: Cell, period: Period | None, column: int
) -> Finding | None:
    why = _why_untaggable(table, row, cell, period, column)
    if why is None:
        return None
    code, message = why
    return finding(code, message, cell_source(table, cell), cell.text)


def _why_untaggable(
    table: Table, row: Row, cell: Cell, period: Period | None, column: int
) -> tuple[str, str] | None:
    """(code, message) of why a cell cannot be tagged, or None."""
    if table.problem:
        return "unreadable-columns", table.problem
    if row.problem:
        return "ambiguous-layout", row.problem
    if cell.value is None:
        return "below-unit-mark", "a mark, not an amount"
    ratio = table.columns[column].ratio if column < len(table.columns) else None
    if ratio is not None:
        what = "share of the year's total" if ratio == "share" else "change on the year"
        return "percentage-column", f"a {what}, beside the amounts"
    if period is None:
        return "no-period", "no period for this column"
    return None


def _no_unit(table: Table, planned: RowConcept, cell: Cell) -> Finding | None:
    """Money needs the table's printed unit; ratios and share counts carry their own."""
    kind = fact_unit_kind(planned.concept.type)
    if table.unit is None and kind not in (PURE, SHARES):
        return finding("no-unit", "no unit for this table", cell_source(table, cell), cell.text)
    return None


def _in_cents(table: Table, row: Row) -> bool:
    """Whether a per-share row is printed in cents (港仙, 人民幣分): its label, its amounts,
    or the headings above the earnings-per-share block say so."""
    printed = row.label + (row.heading or "") + "".join(c.text for c in row.cells)
    if any(w in printed for w in CENT_WORDS):
        return True
    index = table.rows.index(row)
    for above in reversed(table.rows[max(0, index - 8) : index]):
        if any(w in above.label for w in CENT_WORDS):
            return True
        if "每股" in above.label:
            break
    return False


def _scale(kind: str, table: Table, row: Row) -> int:
    """Per-share amounts are printed in 元 (or 仙 / 分, hundredths) whatever the table's
    unit; a percentage is hundredths of one; share counts take the scale their label prints
    (（千股）); money takes the table's scale."""
    if kind == "per_share":
        return -2 if _in_cents(table, row) else 0
    if kind == PURE:
        return -2 if "%" in row.label or any("%" in c.text for c in row.cells) else 0
    if kind == SHARES:
        return share_scale(row.label)
    return table.unit.scale


class _RowFacts(NamedTuple):  # a NamedTuple: a dataclass costs 0.4 ms at import
    """What every fact of one matched row shares: worked out once per row, at its first
    cell that can be tagged (a row whose cells cannot be may have no unit to read)."""

    scale: int
    power: Decimal  # 10 ** scale
    statement: str | None
    factor: int  # the sign rule's
    currency: str | None
    unit: str
    confidence: float
    evidence: str


def _row_facts(table: Table, row: Row, planned: RowConcept) -> _RowFacts:
    concept = planned.concept
    kind = fact_unit_kind(concept.type)
    scale = _scale(kind, table, row)
    statement = planned.statement or table.statement
    factor = sign_factor(statement, concept.balance, concept.name)
    if table.natural_signs and not any(w in row.label for w in _SIGN_NOTES):
        factor = 1  # printed with its own sign; a line marked 以"－"号填列 is not
    currency = None if kind in (PURE, SHARES) else table.unit.currency
    return _RowFacts(
        scale=scale,
        power=Decimal(10) ** scale,
        statement=statement,
        factor=factor,
        currency=currency,
        unit=unit_id(kind, currency),
        confidence=confidence(planned, row.inferred),
        evidence=evidence(planned, row.inferred),
    )


def _fact(
    table: Table,
    index: tuple[int, int, int],
    planned: RowConcept,
    shared: _RowFacts,
    period: Period,
    member: str | None,
) -> Fact:
    table_index, row_index, column_index = index
    row = table.rows[row_index]
    cell = row.cells[column_index]
    value = cell.value * shared.factor * shared.power
    if column_index < len(table.columns) and table.columns[column_index].deducted:
        value = -value  # 减：库存股 139,995: treasury shares of -139,995 in equity
    if planned.deduction:
        value = abs(value)
    if planned.negated:
        value = -abs(value)  # 流動負債淨額 9,096: net current assets of -9,096
    value = value if value else abs(value)  # a printed zero is 0, never -0
    return Fact(
        concept=planned.concept,
        period=period,
        dims=_dims(table.separate, member),
        unit=shared.unit,
        currency=shared.currency,
        decimals=cell.places - shared.scale,
        scale=shared.scale,
        value=value,
        cell=cell,
        table=table_index,
        row=row_index,
        column=column_index,
        statement=shared.statement or OTHER_TABLE,
        label=row.printed_label,
        method=planned.match.method,
        confidence=shared.confidence,
        evidence=shared.evidence,
        wording=planned.match.wording,
    )


# What each match method says about a row, and how sure it is when the match itself gives
# no score: an extension keeps the printed label and value, but an IFRS concept may be missed.
_EVIDENCE = {
    "section": "section rule",
    "stripped": "variant of a wording",
    "balance": "balance row",
    "extension": "no IFRS wording: extension",
    "hint": "closest concept of its wording, no other line has it",
    "part-beside": "a part of it printed beside it: extension narrower than the concept",
}
EXTENSION_CONFIDENCE = 0.6
LAYOUT_FACTOR = 0.95  # a row the layout stage put together from what the extractor printed


def evidence(planned: RowConcept, inferred: bool) -> str:
    match = planned.match
    if match.method == "attribution":
        said = "attribution: the total it divides"
    elif match.method == "exact":
        labels = match.concept.labels if match.concept else None
        standard = labels is not None and match.wording in (labels.zh_hant, labels.zh_hans)
        said = "label" if standard else "synonym"
    elif match.method == "fuzzy":
        said = f"fuzzy {match.confidence:.2f}"
    else:
        said = _EVIDENCE.get(match.method, match.method)
    return f"{said}; layout inferred" if inferred else said


def confidence(planned: RowConcept, inferred: bool) -> float:
    base = EXTENSION_CONFIDENCE if planned.concept.extension else planned.match.confidence
    return round(base * (LAYOUT_FACTOR if inferred else 1.0), 2)


@functools.lru_cache(maxsize=256)  # a few members, asked for at every cell
def _dims(separate: bool, member: str | None) -> tuple[tuple[str, str], ...]:
    dims = [(EQUITY_AXIS, member)] if member else []
    if separate:
        dims.append((SEPARATE_AXIS, SEPARATE_MEMBER))
    return tuple(sorted(dims))


def build_facts(tables: list[Table], matching: Matching) -> tuple[list[Fact], list[Finding]]:
    """Every cell of every matched row as a fact, or a finding saying why not."""
    facts: list[Fact] = []
    findings: list[Finding] = [
        finding("attribution-unclear", reason, cell_source(tables[t], cell), cell.text)
        for (t, r), reason in matching.unclear.items()
        for cell in tables[t].rows[r].cells
    ]
    for (table_index, row_index), planned in matching.rows.items():
        table = tables[table_index]
        row = table.rows[row_index]
        periods = row_periods(table, row_index, planned.concept.period_type == "instant")
        if (
            table.columns
            and not (table.problem or row.problem)
            and len(row.cells) > len(table.columns)
        ):
            # More amounts than the headers give columns: which amount stands under which
            # header is not printed, so none is taken for a period's.
            problem = f"{len(row.cells)} amounts under {len(table.columns)} columns"
            findings.extend(
                finding("ambiguous-layout", problem, cell_source(table, cell), cell.text)
                for cell in row.cells
                if not cell.blank
            )
            continue
        shared = None
        for column_index, cell in enumerate(row.cells):
            if cell.blank:
                continue  # nothing printed in this column: nothing to tag or to report
            period = periods[column_index] if column_index < len(periods) else None
            problem = _untaggable(table, row, cell, period, column_index) or _no_unit(
                table, planned, cell
            )
            if problem is not None:
                findings.append(problem)
                continue
            if shared is None:
                shared = _row_facts(table, row, planned)
            member = matching.members.get((table_index, column_index))
            index = (table_index, row_index, column_index)
            facts.append(_fact(table, index, planned, shared, period, member))
    return facts, findings


def sentence_fact(
    concept: ConceptRef,
    period: Period,
    unit: str,
    cell: Cell,
    scale: int,
    sentence: str,
    evidence: str,
    at: tuple[int, int],
    currency: str | None = None,
) -> Fact:
    """A fact a sentence of running text states on its own (no table holds it): its figure
    as printed in ``cell``, at ``scale``; ``at``: the block and offset where it is printed."""
    return Fact(
        concept=concept,
        period=period,
        unit=unit,
        currency=currency,
        decimals=cell.places - scale,
        scale=scale,
        value=cell.value * Decimal(10) ** scale,
        cell=cell,
        table=-1,
        row=-1,
        column=-1,
        statement="text",
        label=sentence,
        method="text",
        confidence=1.0,
        evidence=evidence,
        wording=concept.label,
        in_text=at,
    )
