"""Rule: movement tables of an asset (property, plant and equipment, intangible assets …), as
``movement_kinds.toml`` describes them.

    樓宇及設施  物業裝修 …  在建工程  總計        <- the classes (tagger.movement_header)
    人民幣千元 …
    於2023年1月1日
    成本          4,561,346 …  439,678  8,726,312  <- balances at an instant
    累計折舊      (146,898) …        –  (1,727,302)
    賬面淨值      4,414,448 …  439,678  6,999,010
    截至2023年12月31日止年度
    期初賬面淨值  4,414,448 …           6,999,010
    增加 / 內部轉移 / 出售 / 折舊費用 …           <- movements of the year
    期末賬面淨值  4,290,065 …           7,378,707

A table of a note whose heading names one kind, with no period columns and the same number
of amounts on every row, is read when all of this holds: its class header gives exactly one
name per column; every row is a balance (a member of the carrying-amount axis by its
wording: 成本, 累計折舊, 賬面淨值, with 期初/期末 before the year's movements) or one of the
kind's movements; every column rolls forward (the carrying amount before the movements plus
the movements is the carrying amount after them); cost and accumulated depreciation make the
carrying amount; and the 總計 column is the sum of the classes. Else every amount is reported
(``movement-does-not-add-up``, ``movement-columns-unclear``) and none is tagged.

Facts: the asset's concept at each balance's instant on the class axis (an IFRS member by the
class's wording, else the entity's own; 總計: no member) and on the carrying-amount axis (成本:
GrossCarryingAmountMember; the accumulated depreciation: AccumulatedDepreciationAmortisation-
AndImpairmentMember when it is the only deduction, else each deduction's own member, valued
negative so that gross + accumulated = carrying, as the IFRS Taxonomy's members are used and
the XBRL US DQC rule DQC_IFRS_0092 checks; 賬面淨值: no member). Movements: each line's concept
over the year, valued by its effect (a decrease printed (900,163) is 900,163). A row whose
meaning is unknown, or whose value would run against its concept, stays untagged, reported.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from tagger.errors import IxtagError
from tagger.extensions import ExtensionMember, concept_ref
from tagger.facts import Fact, cell_source
from tagger.findings import Finding, finding
from tagger.lines import arabic_dates, is_unit_line, period_end_of, safe_date
from tagger.model import Document, Period, Row, SourceLine, Table
from tagger.movement_header import class_names
from tagger.note_regions import kinds_named
from tagger.note_rows import core_label
from tagger.notes import NOTES, _Members
from tagger.periods import column_period, opening_instant
from tagger.units import unit_id
from tagger.vocabulary import Vocabulary, compact
from taxonomy.models import IFRS_PREFIX, MovementKind, MovementLine

CARRYING_AXIS = (
    "CarryingAmountAccumulatedDepreciationAmortisationAndImpairmentAndGrossCarryingAmountAxis"
)
_CARRYING = "CarryingAmountMember"
_GROSS = "GrossCarryingAmountMember"
_ACCUMULATED = "AccumulatedDepreciationAmortisationAndImpairmentMember"
_ROLES = {
    "gross": "cost",
    "deduction": "accumulated depreciation",
    "carrying": "carrying amount",
    "movement": "movement",
}
_TOTAL_WORDS = ("總計", "合計", "總額", "总计", "合计", "总额")
_OPENING = ("期初", "年初")
_CLOSING = ("期末", "年末")
_AT = re.compile(r"[於于](\d{4})年(\d{1,2})月(\d{1,2})日")
_DATES = re.compile(r"(?:[於于]|截至)?\d{4}年\d{1,2}月\d{1,2}日(?:止(?:年度|六個月)?)?")


class MovementResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    facts: list[Fact]
    findings: list[Finding]
    members: list[ExtensionMember]


class _Unproven(IxtagError):
    """A table that is not read: the reason, reported for each of its amounts (caught here,
    never raised out of this module)."""

    def __init__(self, code: str, why: str):
        super().__init__(why)
        self.code = code


@dataclass(frozen=True)
class _Reading:
    index: int  # the row in the table
    role: str  # gross, deduction, carrying, movement, unclear
    period: Period | None = None
    member: str = ""  # a deduction's member on the carrying-amount axis
    line: MovementLine | None = None
    doubt: str = ""
    sign: int = 1  # a deduction printed positive counts against the cost: -1


def _dates(text: str, instant: date | None, duration: Period | None):
    """The balance date (於…) and year (截至…止年度) a row is under, after ``text``: the later
    printed of the two counts (a year heading ends the balance date above it)."""
    text = compact(arabic_dates(text))
    at = list(_AT.finditer(text))
    at_position = at[-1].start() if at else -1
    end = period_end_of(text)
    year_position = text.rfind("截至") if end is not None and end[0] is not None else -1
    if year_position >= 0:
        year, month, day, months = end
        duration = column_period(year, month, day, months)
        if year_position > at_position:
            instant = None
    if at_position > year_position:
        day = safe_date(int(at[-1][1]), int(at[-1][2]), int(at[-1][3]))
        instant = opening_instant(day) if day else instant
    return instant, duration


def _role(core: str, kind: MovementKind, vocab: Vocabulary) -> tuple[str, str, MovementLine | None]:
    for member in vocab.members_for(core):
        if member.axis == CARRYING_AXIS:
            role = {_CARRYING: "carrying", _GROSS: "gross"}.get(member.name, "deduction")
            return role, member.name, None
    for line in kind.lines:
        if core in (compact(w) for w in line.wordings):
            return "movement", "", line
    return "unclear", "", None


def _read_row(row: Row, index: int, kind, vocab, instant, duration) -> _Reading:
    core = core_label(_DATES.sub("", compact(arabic_dates(row.label))))
    edge = next((w for w in (*_OPENING, *_CLOSING) if core.startswith(w)), "")
    role, member, line = _role(core[len(edge) :], kind, vocab)
    if edge and role != "carrying":
        role, line = "unclear", None
    doubt = "" if role != "unclear" else f"names no balance or movement of a {kind.name} table"
    if role == "movement" or role == "unclear":
        return _Reading(index, role, duration, line=line, doubt=doubt)
    if edge and duration is None:
        raise _Unproven("movement-does-not-add-up", "an opening or closing balance of no year")
    if edge:
        end = duration.start - timedelta(days=1) if edge in _OPENING else duration.end
        return _Reading(index, role, Period(end=end), member=member)
    if instant is None:
        raise _Unproven("movement-does-not-add-up", "a balance with no date printed above it")
    return _Reading(index, role, Period(end=instant), member=member)


def read_rows(
    table: Table, kind: MovementKind, vocab: Vocabulary, texts: dict[int, str]
) -> list[_Reading]:
    """Each amount row's role and period, the dates read from the lines above it."""
    out: list[_Reading] = []
    instant: date | None = None
    duration: Period | None = None
    last = table.lines[0]
    for index, row in enumerate(table.rows):
        above = "".join(texts.get(n, "") for n in range(last + 1, row.lines[0]))
        instant, duration = _dates(above + row.label, instant, duration)
        last = row.lines[-1]
        if not row.cells:
            continue
        reading = _read_row(row, index, kind, vocab, instant, duration)
        if reading.role in ("movement", "unclear"):
            instant = None  # the movements end a balance's block
        out.append(reading)
    return out


def _amounts(table: Table, reading: _Reading) -> list[Decimal]:
    return [c.value for c in table.rows[reading.index].cells]


def _check_total(table: Table, readings: list[_Reading], names: list[str]) -> int | None:
    """The 總計 column, proven the sum of the classes on every row; None when none is printed."""
    totals = [i for i, name in enumerate(names) if compact(name) in _TOTAL_WORDS]
    if not totals:
        return None
    if len(totals) > 1:
        raise _Unproven("movement-columns-unclear", "more than one total column")
    total = totals[0]
    for reading in readings:
        values = _amounts(table, reading)
        if values[total] != sum(v for i, v in enumerate(values) if i != total):
            raise _Unproven(
                "movement-does-not-add-up", "the total column is not the sum of the classes"
            )
    return total


def _check_balances(table: Table, readings: list[_Reading]) -> list[_Reading]:
    """Cost and accumulated depreciation at one instant make its carrying amount: the sign of
    the deductions (printed in brackets, or printed positive and taken off)."""
    out = list(readings)
    blocks: list[list[int]] = []
    for position, reading in enumerate(readings):
        balance = reading.role in ("gross", "deduction", "carrying")
        previous = readings[position - 1] if position else None
        same = previous is not None and previous.period == reading.period and blocks
        if balance and same and previous.role in ("gross", "deduction", "carrying"):
            blocks[-1].append(position)
        elif balance:
            blocks.append([position])
    for block in blocks:
        roles = [readings[p].role for p in block]
        carried = {
            tuple(_amounts(table, readings[p]))
            for p in block
            if roles[block.index(p)] == "carrying"
        }
        if len(carried) > 1:  # 賬面淨值 then 期初賬面淨值: the one amount printed twice
            raise _Unproven("movement-does-not-add-up", "two carrying amounts at one date")
        if roles.count("gross") == 0 and roles.count("deduction") == 0:
            continue
        if roles.count("gross") != 1 or not carried or "deduction" not in roles:
            raise _Unproven(
                "movement-does-not-add-up",
                "a cost with no accumulated depreciation or carrying amount",
            )
        gross, carrying = (
            next(p for p in block if readings[p].role == r) for r in ("gross", "carrying")
        )
        deductions = [p for p in block if readings[p].role == "deduction"]
        sums = [
            sum(col)
            for col in zip(*(_amounts(table, readings[p]) for p in deductions), strict=True)
        ]
        pairs = list(
            zip(
                _amounts(table, readings[gross]),
                sums,
                _amounts(table, readings[carrying]),
                strict=True,
            )
        )
        sign = next((s for s in (1, -1) if all(g + s * d == c for g, d, c in pairs)), None)
        if sign is None:
            raise _Unproven(
                "movement-does-not-add-up",
                "cost and accumulated depreciation do not make the carrying amount",
            )
        only = len(deductions) == 1
        for p in deductions:
            member = _ACCUMULATED if only else readings[p].member
            out[p] = replace(readings[p], sign=sign, member=member)
        if not only and len({readings[p].member for p in deductions}) != len(deductions):
            raise _Unproven("movement-does-not-add-up", "two deductions of the same kind")
    return out


def _check_roll_forward(table: Table, readings: list[_Reading]) -> list[_Reading]:
    """Every column: the carrying amount before the movements plus the movements is the one
    after them; the movements' period runs between the two balances."""
    out = list(readings)
    before: _Reading | None = None
    moves: list[int] = []
    rolled = False
    for position, reading in enumerate(readings):
        if reading.role in ("movement", "unclear"):
            moves.append(position)
            continue
        if reading.role != "carrying" and moves:
            raise _Unproven(
                "movement-does-not-add-up", "movements with no carrying amount after them"
            )
        if reading.role != "carrying":
            continue
        if moves:
            if before is None:
                raise _Unproven(
                    "movement-does-not-add-up", "movements with no opening carrying amount"
                )
            columns = zip(
                _amounts(table, before),
                _amounts(table, reading),
                *(_amounts(table, readings[p]) for p in moves),
                strict=True,
            )
            if any(opening + sum(rest) != closing for opening, closing, *rest in columns):
                raise _Unproven(
                    "movement-does-not-add-up",
                    "opening plus movements is not the closing carrying amount",
                )
            period = Period(start=before.period.end + timedelta(days=1), end=reading.period.end)
            if period.start > period.end:
                raise _Unproven(
                    "movement-does-not-add-up", "the movements' balances are out of order"
                )
            for p in moves:
                if readings[p].period not in (None, period):
                    raise _Unproven(
                        "movement-does-not-add-up", "the year printed is not the balances'"
                    )
                out[p] = replace(readings[p], period=period)
            moves, rolled = [], True
        before = reading
    if moves or not rolled:
        raise _Unproven(
            "movement-does-not-add-up", "movements that do not end in a carrying amount"
        )
    return out


def _signed(reading: _Reading, printed: Decimal) -> Decimal | None:
    """The fact's value of a printed amount; None when it would run against the concept (an
    addition that takes off, a depreciation that adds)."""
    if reading.role == "deduction":
        return reading.sign * printed
    if reading.role != "movement":
        return printed
    value = -printed if reading.line.effect == "decrease" else printed
    if reading.line.effect != "signed" and value < 0:
        return None
    return value


class _MovementTagger:
    def __init__(self, tables: list[Table], facts: list[Fact], vocab: Vocabulary, taken):
        self.tables = tables
        self.vocab = vocab
        self.reported = {(f.concept.qname, f.context_key(), f.unit): f for f in facts}
        self.members = _Members(taken)
        self.facts: list[Fact] = []
        self.findings: list[Finding] = []

    def table(self, index: int, kind: MovementKind, names: list[str] | None, texts) -> None:
        table = self.tables[index]
        try:
            readings = read_rows(table, kind, self.vocab, texts)
            roles = {r.role for r in readings}
            if "carrying" not in roles or "movement" not in roles:
                return  # not the layout read here (成本 / 於… rows): coverage reports it
            if names is None:
                raise _Unproven(
                    "movement-columns-unclear", "the class header gives no name per column"
                )
            if any(w in compact(n) for n in names for w in map(compact, kind.not_classes)):
                raise _Unproven(
                    "movement-columns-unclear", f"a column that is no class of {kind.axis}"
                )
            if any(c.value is None for r in readings for c in table.rows[r.index].cells):
                raise _Unproven("movement-does-not-add-up", "a mark among the amounts")
            total = _check_total(table, readings, names)
            readings = _check_roll_forward(table, _check_balances(table, readings))
        except _Unproven as unproven:
            for row in table.rows:
                for cell in row.cells:
                    self._doubt(unproven.code, str(unproven), table, cell)
            return
        columns = [self._class(kind, name, column == total) for column, name in enumerate(names)]
        for reading in readings:
            self._row(index, kind, reading, columns)

    def _class(self, kind: MovementKind, name: str, total: bool) -> str | None:
        """The class column's member qname; None for the total."""
        if total:
            return None
        for member in self.vocab.members_for(name):
            if (
                member.axis == kind.axis
                and member.name != self.vocab.concept_map.axes[kind.axis].default_member
            ):
                return f"{IFRS_PREFIX}:{member.name}"
        return self.members.qname(kind.axis, compact(name))

    def _row(self, index: int, kind: MovementKind, reading: _Reading, columns) -> None:
        table = self.tables[index]
        row = table.rows[reading.index]
        for column, cell in enumerate(row.cells):
            if reading.role == "unclear":
                self._doubt("note-row-unclear", reading.doubt, table, cell)
                continue
            value = _signed(reading, cell.value * Decimal(10) ** table.unit.scale)
            if value is None:
                why = f"a {reading.line.effect} of {reading.line.concept} printed the other way"
                self._doubt("note-sign-unclear", why, table, cell)
                continue
            dims = []
            if columns[column] is not None:
                dims.append((f"{IFRS_PREFIX}:{kind.axis}", columns[column]))
            if reading.role in ("gross", "deduction"):
                member = _GROSS if reading.role == "gross" else reading.member
                dims.append((f"{IFRS_PREFIX}:{CARRYING_AXIS}", f"{IFRS_PREFIX}:{member}"))
            name = reading.line.concept if reading.line else kind.concept
            value = value if value else abs(value)  # no -0
            self._add(index, reading, column, (name, kind.name), tuple(sorted(dims)), value)

    def _doubt(self, code: str, why: str, table: Table, cell) -> None:
        if not cell.blank:
            self.findings.append(finding(code, why, cell_source(table, cell), cell.text))

    def _add(self, index, reading: _Reading, column: int, names, dims, value: Decimal) -> None:
        """``names``: the concept's and the movement kind's."""
        name, kind = names
        table = self.tables[index]
        row = table.rows[reading.index]
        cell = row.cells[column]
        concept = self.vocab.concept_map.concepts[name]
        fact = Fact(
            concept=concept_ref(concept),
            period=reading.period,
            dims=dims,
            unit=unit_id("monetary", table.unit.currency),
            currency=table.unit.currency,
            decimals=cell.places - table.unit.scale,
            scale=table.unit.scale,
            value=value,
            cell=cell,
            table=index,
            row=reading.index,
            column=column,
            statement=NOTES,
            label=row.printed_label,
            method="note",
            confidence=1.0,
            evidence=f"movement table ({kind}: {_ROLES[reading.role]})",
            wording=concept.labels.zh_hant,
        )
        key = (fact.concept.qname, fact.context_key(), fact.unit)
        earlier = self.reported.get(key)
        if earlier is not None and not earlier.agrees_with(fact):
            why = f"{fact.concept.qname} is already tagged for this period with another amount"
            self._doubt("note-conflicts", why, table, cell)
            return
        self.reported.setdefault(key, fact)
        self.facts.append(fact)


def _candidates(document: Document, kinds) -> list[tuple[int, MovementKind, bool]]:
    """Tables outside the statements with no period columns under a heading that names one
    movement kind; with whether they print the same number of amounts on every row (only
    those are read; the others still show which classes the note's header names)."""
    out = []
    for index, table in enumerate(document.tables()):
        if table.statement is not None or table.problem or table.columns or table.unit is None:
            continue
        named = kinds_named(table.context, kinds)
        if len(named) != 1 or not any(r.cells for r in table.rows):
            continue
        widths = {len(r.cells) for r in table.rows if r.cells}
        even = len(widths) == 1 and min(widths) >= 2 and not any(r.problem for r in table.rows)
        out.append((index, named[0], even))
    return out


def _header(
    table: Table, lines: dict[int, SourceLine], kind: MovementKind, vocab: Vocabulary
) -> list[str] | None:
    first = min(r.lines[0] for r in table.rows if r.cells)
    units = (
        [n for n in range(table.lines[0], first) if is_unit_line(lines[n].text)]
        if first in lines
        else []
    )
    if not units:
        return None
    width = Counter(len(r.cells) for r in table.rows if r.cells).most_common(1)[0][0]
    above = [lines[n] for n in range(max(1, units[-1] - 40), units[-1] + 1) if n in lines]

    def known(name: str) -> bool:
        key = compact(name)
        return key in _TOTAL_WORDS or any(m.axis == kind.axis for m in vocab.members_for(key))

    return class_names(above, width, known)


def _same_classes(
    found: dict[int, list[str] | None], tables: list[Table]
) -> dict[int, list[str] | None]:
    """Tables of one note with as many columns print the same classes: where one prints a
    name the extractor cut short (算機及相關設備 for 計算機及相關設備) the longer is read."""
    out = dict(found)
    for index, names in found.items():
        if names is None:
            continue
        others = [
            n
            for i, n in found.items()
            if n and len(n) == len(names) and tables[i].context == tables[index].context
        ]
        out[index] = [
            max((o[k] for o in others if names[k] in o[k]), key=len) for k in range(len(names))
        ]
    return out


def tag_movements(
    document: Document,
    lines: tuple[SourceLine, ...],
    facts: list[Fact],
    vocab: Vocabulary,
    taken: frozenset[str],
) -> MovementResult:
    """Facts of the movement tables the taxonomy data describes (see module docstring);
    ``facts``: the facts so far, which must not be contradicted; ``taken``: names in use."""
    tagger = _MovementTagger(document.tables(), facts, vocab, taken)
    kinds = vocab.concept_map.movement_kinds
    candidates = _candidates(document, kinds) if kinds else []
    by_number = {line.number: line for line in lines}
    texts = {n: line.text for n, line in by_number.items() if not line.furniture}
    names = _same_classes(
        {i: _header(tagger.tables[i], by_number, k, vocab) for i, k, _ in candidates},
        tagger.tables,
    )
    for index, kind, even in candidates:
        if even:
            tagger.table(index, kind, names[index], texts)
    return MovementResult(
        facts=tagger.facts,
        findings=tagger.findings,
        members=list(tagger.members.made.values()),
    )
