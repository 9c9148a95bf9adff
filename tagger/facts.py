"""Stage 4: matched statement rows -> facts (concept, period, dimensions, unit, value).

One place decides, per printed cell: the period (columns, or balance rows of a statement of
changes in equity), the unit and decimals, the value in full units with the sign rule of
``tagger.signs``. Cells that cannot be tagged become review items with the reason.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict

from tagger.extensions import ConceptRef, ExtensionRegistry, concept_ref
from tagger.lines import balance_date_of
from tagger.matcher import Match, match_row, nearest_concept
from tagger.model import Cell, Period, Row, Table
from tagger.signs import extension_balance, sign_factor
from tagger.vocabulary import Vocabulary, compact

EQUITY_AXIS = "ifrs-full:ComponentsOfEquityAxis"
OTHER_TABLE = "other"  # the statement of a fact from a table outside the primary statements
_CENTS = ("仙", "分")
_OPENING_WORDS = ("年初", "期初")  # an instant line in a duration column: opening balance
_SUBTOTAL = "小計"  # label of an unlabelled total that no heading or earlier row names


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
    confidence: float
    wording: str = ""  # the taxonomy wording the label matched

    def context_key(self) -> tuple:
        return (self.period.key(), self.dims)

    def agrees_with(self, other: Fact) -> bool:
        """Consistent duplicates: equal once rounded to the coarser of the two precisions
        (4,369.0 百萬元 and 4,369,023 千元 are one amount printed twice)."""
        step = Decimal(10) ** -min(self.decimals, other.decimals)
        return (self.value / step).to_integral_value(ROUND_HALF_UP) == (
            other.value / step
        ).to_integral_value(ROUND_HALF_UP)


class ReviewItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str  # untagged | inconsistent_total | conflict | note
    line: int
    text: str
    reason: str
    table: str = ""


class _RowPlan(BaseModel):
    """What one row's cells become: concept, periods per column."""

    concept: ConceptRef
    match: Match
    periods: list[Period | None]


def _in_two_sections(table: Table, row: Row) -> bool:
    """The same printed label in two sections of the table (current and non-current)."""
    return any(o.label == row.label and o.section != row.section for o in table.rows if o.cells)


def _opening_instant(day: date) -> date:
    # 於2023年1月1日 is the opening balance: the instant at the previous day's close.
    return day - timedelta(days=1) if day.day == 1 else day


def _equity_periods(table: Table, row_index: int) -> tuple[Period | None, bool]:
    """(period, is_balance_row) for a row of a statement of changes in equity."""
    row = table.rows[row_index]
    day = balance_date_of(row.label)
    if day:
        return Period(end=_opening_instant(day)), True
    opening = next(
        (d for r in reversed(table.rows[:row_index]) if (d := balance_date_of(r.label))), None
    )
    closing = next(
        (d for r in table.rows[row_index + 1 :] if (d := balance_date_of(r.label))), None
    )
    if opening and closing and opening < closing:
        return Period(start=opening, end=closing), False
    return None, False


def _row_periods(table: Table, row_index: int, instant: bool) -> list[Period | None]:
    """Period per column; an instant concept in a duration column takes the opening
    instant when its label says 年初/期初, else the closing one."""
    if table.statement == "changes_in_equity":
        period, _ = _equity_periods(table, row_index)
        return [period] * len(table.columns)
    label = table.rows[row_index].label
    out: list[Period | None] = []
    for column in table.columns:
        period = column.period
        if period is not None and instant and period.start is not None:
            opening = any(w in label for w in _OPENING_WORDS)
            end = period.start - timedelta(days=1) if opening else period.end
            period = Period(end=end)
        out.append(period)
    return out


class FactBuilder:
    def __init__(self, vocab: Vocabulary, extensions: ExtensionRegistry):
        self.vocab = vocab
        self.extensions = extensions
        self.facts: list[Fact] = []
        self.review: list[ReviewItem] = []

    def _section_heading(self, section: str | None) -> str | None:
        for heading in self.vocab.concept_map.sections:
            if heading.section == section:
                return heading.headings[0]
        return None

    def _instant_hint(self, table: Table, row_index: int) -> bool | None:
        if table.statement == "financial_position":
            return True
        if table.statement == "changes_in_equity":
            return _equity_periods(table, row_index)[1]
        return None

    def _plan(
        self, table: Table, row_index: int, label: str, known: Match | None = None
    ) -> _RowPlan:
        row = table.rows[row_index]
        instant = self._instant_hint(table, row_index)
        equity = self.vocab.concept_map.concepts.get("Equity")
        if known is not None:
            match = known
        elif table.statement == "changes_in_equity" and instant and equity is not None:
            # A dated balance row (於2023年1月1日) of this statement is equity at that date.
            match = Match(concept=equity, method="balance", confidence=1.0, wording=label)
        else:
            match = match_row(self.vocab, label, table.statement, row.section, instant, row.heading)
        if match.concept is not None:
            concept = concept_ref(match.concept)
        else:
            anchor = nearest_concept(self.vocab, label, table.statement, instant)
            concept = self.extensions.concept(
                label=row.printed_label.replace("\n", "") or label or _SUBTOTAL,
                statement=table.statement,
                instant=bool(instant),
                balance=extension_balance(
                    table.statement,
                    row.section,
                    [c.value for c in row.cells if c.value is not None],
                ),
                anchor=anchor,
                section=self._section_heading(row.section)
                if _in_two_sections(table, row)
                else None,
            )
        periods = _row_periods(table, row_index, concept.period_type == "instant")
        return _RowPlan(concept=concept, match=match, periods=periods)

    def add_row(
        self,
        table: Table,
        table_index: int,
        row_index: int,
        label: str | None = None,
        known: Match | None = None,
    ) -> None:
        """Tag the row's cells; ``known``: a match made by the caller (no matching here)."""
        row = table.rows[row_index]
        plan = self._plan(table, row_index, label if label is not None else row.label, known)
        for column_index, cell in enumerate(row.cells):
            period = plan.periods[column_index] if column_index < len(plan.periods) else None
            reason = self._untaggable(table, row, cell, period)
            if reason:
                self.review.append(
                    ReviewItem(
                        kind="untagged",
                        line=cell.line,
                        text=cell.text,
                        reason=reason,
                        table=table.title,
                    )
                )
                continue
            self.facts.append(self._fact(table, table_index, row_index, column_index, plan))

    def _untaggable(self, table: Table, row: Row, cell: Cell, period: Period | None) -> str:
        if table.problem or row.problem:
            return table.problem or row.problem
        if cell.value is None:
            return "printed as a mark, not an amount (e.g. * for an amount below the unit)"
        if period is None:
            return "no period could be read from the column headers (give --period-end)"
        if table.unit is None:
            return "no unit (currency and scale) is printed for this table"
        return ""

    def _fact(
        self, table: Table, table_index: int, row_index: int, column_index: int, plan: _RowPlan
    ) -> Fact:
        row = table.rows[row_index]
        cell = row.cells[column_index]
        concept = plan.concept
        unit = table.unit
        per_share = concept.type.endswith("perShareItemType")
        scale = unit.scale
        if per_share:  # printed in 元 (or 仙 / 分, hundredths) per share, whatever the table's unit
            scale = -2 if any(w in row.label for w in _CENTS) else 0
        factor = sign_factor(table.statement, concept.balance)
        value = cell.value * factor * (Decimal(10) ** scale)
        value = value if value else abs(value)  # a printed zero is 0, never -0
        column = table.columns[column_index]
        dims = ()
        if table.statement == "changes_in_equity" and column.member != "EquityMember":
            dims = ((EQUITY_AXIS, self.extensions.member_qname(column.member, column.label)),)
        return Fact(
            concept=concept,
            period=plan.periods[column_index],
            dims=dims,
            unit=f"{unit.currency}_per_share" if per_share else unit.currency,
            currency=unit.currency,
            decimals=cell.places - scale,
            scale=scale,
            value=value,
            cell=cell,
            table=table_index,
            row=row_index,
            column=column_index,
            statement=table.statement or OTHER_TABLE,
            label=row.printed_label,
            method=plan.match.method,
            confidence=plan.match.confidence,
            wording=plan.match.wording,
        )


def unlabelled_label(table: Table, row_index: int) -> str:
    """What an unlabelled total stands for: an earlier row with the same amounts (the same
    total printed again; the one the heading names, e.g. 以下應佔期內溢利 -> 期內溢利, else the
    nearest), failing that the heading it closes."""
    from rapidfuzz import fuzz

    row = table.rows[row_index]
    values = [c.value for c in row.cells]
    same = [
        earlier.label
        for earlier in reversed(table.rows[:row_index])
        if earlier.label and earlier.cells and [c.value for c in earlier.cells] == values
    ]
    heading = compact(row.heading or "")
    if same:
        return max(same, key=lambda label: fuzz.partial_ratio(label, heading) if heading else 0)
    return heading
