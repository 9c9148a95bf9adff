"""Rule: movement tables of one balance with period columns, as ``balance_movements.toml``
describes them.

    (a) 債務投資                                  <- the class (sub-heading or lead-in)
    債務投資變動分析如下：
                  截至12月31日止年度
                  2023年      2022年              <- each column one year
    於年度初      5,798,760   3,665,678           <- the class's balance before the year
    增加 / 出售 / 公允價值變動 / 貨幣換算差額      <- the year's movements
    於年度末      5,766,378   5,798,760           <- and at its end

A table of a note of the kind's ``note`` (by its numbered heading), with a column per year,
its first row an opening balance and its last a closing one, is tagged when all of this
holds: every column rolls forward (tagger.movement_rows.rolls_forward); a year's opening is
the closing of the year before where both are printed; and, at each year end the note's
total is tagged, the closing balances of all the note's classes add up to it (a class that is
the whole note's balance equals it). Else every amount of the note's movement tables is
reported (``movement-does-not-add-up``) and none is tagged.

Facts: a class's balance is the filing's own concept narrower than the note's balance (the
balance itself for the whole); its movements are the filing's own concepts named after the
class and the row, narrower than the line's IFRS concept, valued by the line's effect (a
disposal printed (5,627) is 5,627). A table printing, by class, the movement a line names
exactly (the fair value changes recognised in profit or loss), its total a fact tagged
already, prints those facts again: its class rows are tagged with them.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from tagger.extensions import ConceptRef, concept_ref
from tagger.facts import Fact, by_key, cell_source
from tagger.findings import Finding, finding
from tagger.model import Document, Period, SourceLine, Table
from tagger.movement_rows import Reading, Unproven, rolls_forward
from tagger.note_regions import Region, bare_heading, is_sub_heading, kinds_named, note_regions
from tagger.note_rows import core_label
from tagger.notes import NOTES, Members, conflict
from tagger.regex_cache import regex
from tagger.units import unit_id
from tagger.vocabulary import Vocabulary, compact
from taxonomy.models import BalanceKind, BalanceLine, NoteKind

# 債務投資變動分析如下： / 理財產品的變動如下 -> the class printed before it
_LEAD_IN = regex(
    r"(?:的|之)?[變变][動动](?:分析|情況|情况|明細|明细)?(?:載列|载列)?(?:如下)?[:：]?$"
)


class BalanceResult(NamedTuple):  # a stage's result: no model class to build or validate
    facts: list[Fact]
    findings: list[Finding]


class _Table(NamedTuple):  # not a dataclass: 0.3 ms less at import
    """One movement table read: its class, its rows' readings and the lines they name."""

    index: int
    region: Region
    name: str  # the class, compacted
    readings: list[Reading]
    lines: dict[int, BalanceLine]  # row -> movement line


def _class_name(region: Region, table: Table) -> str:
    """The class a table rolls forward: its sub-heading, else its lead-in's subject."""
    for heading in region.headings:
        if is_sub_heading(heading):
            return core_label(_LEAD_IN.sub("", bare_heading(heading)))
    for text in (table.context, table.lead_in, *region.headings):
        name = _LEAD_IN.sub("", compact(text))
        if name and name != compact(text):
            return core_label(name)
    return ""


def _edge(label: str, wordings: tuple[str, ...]) -> bool:
    return core_label(label) in {compact(w) for w in wordings}


def _read(index: int, region: Region, table: Table, kind: BalanceKind) -> _Table | None:
    """The table's readings when it is of the layout read here (None: not one)."""
    rows = [i for i in region.rows if table.rows[i].cells]
    periods = [c.period for c in table.columns]
    if len(rows) < 3 or any(p is None or p.start is None for p in periods):
        return None
    if any(len(table.rows[i].cells) != len(periods) for i in rows):
        return None  # a row printing fewer or more amounts than the years
    first, last = table.rows[rows[0]], table.rows[rows[-1]]
    if not _edge(first.label, kind.opening) or not _edge(last.label, kind.closing):
        return None
    name = _class_name(region, table)
    if not name:
        return None
    read = _Table(index, region, name, [Reading(rows[0], "carrying")], {})
    for row in rows[1:-1]:
        core = core_label(table.rows[row].label)
        line = next((ln for ln in kind.lines if core in map(compact, ln.wordings)), None)
        doubt = "" if line else f"names no movement of a {kind.name} balance"
        read.readings.append(Reading(row, "movement" if line else "unclear", doubt=doubt))
        if line is not None:
            read.lines[row] = line
    read.readings.append(Reading(rows[-1], "carrying"))
    return read


def _prove_table(table: Table, read: _Table) -> None:
    """Each column rolls forward, and a year opens with the closing of the year before."""
    if any(c.value is None for r in read.readings for c in table.rows[r.index].cells):
        raise Unproven("movement-does-not-add-up", "a mark among the amounts")
    opening, *moves, closing = read.readings
    if not rolls_forward(table, opening, closing, moves):
        raise Unproven("movement-does-not-add-up", "opening plus movements is not the closing")
    values = {
        column.period.end: table.rows[closing.index].cells[i].value
        for i, column in enumerate(table.columns)
    }
    for i, column in enumerate(table.columns):
        before = values.get(column.period.start - timedelta(days=1))
        if before is not None and before != table.rows[opening.index].cells[i].value:
            raise Unproven(
                "movement-does-not-add-up", "a year opens with another amount than the last closed"
            )


def _closings(tables: list[Table], reads: list[_Table]) -> dict[str, dict[date, Decimal]]:
    """Class -> year end -> its closing balance in full units."""
    out: dict[str, dict[date, Decimal]] = {}
    for read in reads:
        table = tables[read.index]
        cells = table.rows[read.readings[-1].index].cells
        scale = Decimal(10) ** table.unit.scale
        for column, cell in zip(table.columns, cells, strict=True):
            out.setdefault(read.name, {})[column.period.end] = cell.value * scale
    return out


def _printed_balances(tables: list[Table], regions: list[Region]) -> dict[str, dict[date, Decimal]]:
    """Row wording -> year end -> amount in full units, of the note's tables at year ends."""
    out: dict[str, dict[date, Decimal]] = {}
    for region in regions:
        table = tables[region.table]
        if not table.columns or any(c.period is None or c.period.start for c in table.columns):
            continue
        scale = Decimal(10) ** table.unit.scale
        for i in region.rows:
            row = table.rows[i]
            if row.cells and all(c.value is not None for c in row.cells):
                values = out.setdefault(core_label(row.label), {})
                for column, cell in zip(table.columns, row.cells, strict=False):
                    values[column.period.end] = cell.value * scale
    return out


def _totals(kind: BalanceKind, whole: NoteKind, facts: list[Fact], currency) -> dict:
    """Year end -> the note's balance: tagged as such, else the sum of its current and
    non-current lines in the statement of financial position (which prints every asset: a
    part it does not print is nil)."""
    unit = unit_id("monetary", currency)
    instants = [f for f in facts if not f.dims and f.period.start is None and f.unit == unit]
    out: dict[date, Decimal] = {}
    parts: dict[date, dict[str, Decimal]] = {}
    for fact in instants:
        if fact.concept.name == kind.concept:
            out.setdefault(fact.period.end, fact.value)
        elif fact.concept.name in whole.subtotals and fact.statement == "financial_position":
            parts.setdefault(fact.period.end, {}).setdefault(fact.concept.name, fact.value)
    for end, values in parts.items():
        out.setdefault(end, sum(values.values()))
    return out


def _prove_classes(
    kind: BalanceKind, whole: NoteKind, reads: list[_Table], tables, facts: list[Fact], regions
) -> set[str]:
    """The classes whose closing balances are confirmed: all of them when they add up to the
    note's total tagged at each year end (at least one); else each one printed on a row of
    the note naming its class at every year end. A class printed there with other amounts
    contradicts its table: raised. The others are left to coverage."""
    names = [r.name for r in reads]
    if len(set(names)) != len(names):
        raise Unproven("movement-does-not-add-up", "two movement tables of one class")
    wholes = {compact(h) for h in whole.headings}
    if any(n in wholes for n in names) and len(names) > 1:
        raise Unproven("movement-does-not-add-up", "the whole's movements beside a class's")
    closings = _closings(tables, reads)
    totals = _totals(kind, whole, facts, tables[reads[0].index].unit.currency)
    ends = {end for values in closings.values() for end in values}
    proven = [end for end in ends if end in totals]
    added = [sum(v.get(end, Decimal(0)) for v in closings.values()) for end in proven]
    if proven and added == [totals[end] for end in proven]:
        return set(names)
    printed = _printed_balances(tables, regions)
    confirmed = set()
    for name, values in closings.items():
        rows = printed.get(name, {})
        if any(rows.get(end, value) != value for end, value in values.items()):
            why = f"the closing balance is not the amount the note prints for {name}"
            raise Unproven("movement-does-not-add-up", why)
        if all(end in rows for end in values):
            confirmed.add(name)
    return confirmed


class _BalanceTagger:
    def __init__(self, document: Document, facts: list[Fact], vocab: Vocabulary, taken):
        self.tables = document.tables()
        self.vocab = vocab
        self.facts_so_far = facts
        self.reported = by_key(facts)
        self.members = Members(taken)
        self.facts: list[Fact] = []
        self.findings: list[Finding] = []
        # (note, class, line wording) -> the class's facts of that line, by period
        self.moved: dict[tuple[str, str, str], dict[Period, Fact]] = {}
        self.kind_name = ""

    def note(self, kind: BalanceKind, whole: NoteKind, regions: list[Region]) -> None:
        """Tag one note's movement tables, or report why not (figures that contradict one
        another); a class nothing confirms is left to coverage."""
        reads = [r for r in (_read(g.table, g, self.tables[g.table], kind) for g in regions) if r]
        if not reads:
            return
        try:
            for read in reads:
                _prove_table(self.tables[read.index], read)
            confirmed = _prove_classes(kind, whole, reads, self.tables, self.facts_so_far, regions)
        except Unproven as unproven:
            for read in reads:
                for reading in read.readings:
                    for cell in self.tables[read.index].rows[reading.index].cells:
                        self._doubt(unproven.code, str(unproven), read.index, cell)
            return
        wholes = {compact(h) for h in whole.headings}
        self.kind_name = kind.name
        for read in reads:
            if read.name in confirmed:
                self._table(kind, read, read.name in wholes)

    def _table(self, kind: BalanceKind, read: _Table, is_whole: bool) -> None:
        table = self.tables[read.index]
        base = concept_ref(self.vocab.concept_map.concepts[kind.concept])
        balance = base if is_whole else self._class_concept(read.name, base)
        for reading in read.readings:
            row = table.rows[reading.index]
            if reading.role == "unclear":
                for cell in row.cells:
                    self._doubt("note-row-unclear", reading.doubt, read.index, cell)
                continue
            line = read.lines.get(reading.index)
            concept = balance if line is None else self._movement(read, line, row, is_whole)
            for column, cell in enumerate(row.cells):
                period = table.columns[column].period
                if line is None:
                    first = reading is read.readings[0]
                    end = period.start - timedelta(days=1) if first else period.end
                    period = Period(end=end)
                printed = cell.value * Decimal(10) ** table.unit.scale
                value = -printed if line is not None and line.effect == "decrease" else printed
                if line is not None and line.effect != "signed" and value < 0:
                    why = f"a {line.effect} printed the other way"
                    self._doubt("note-sign-unclear", why, read.index, cell)
                    continue
                fact = self._fact(read.index, reading.index, column, concept, period, value)
                if fact is not None and line is not None:
                    key = (read.region.note, read.name, line.wordings[0])
                    self.moved.setdefault(key, {})[period] = fact

    def _class_concept(self, name: str, base: ConceptRef) -> ConceptRef:
        """The class's balance: the filing's own concept a note rule already made for the
        row printing it (結構性存款(c) among the note's rows), so one class is one concept;
        else one of its own, narrower than the note's balance."""
        for fact in self.facts_so_far:
            made = fact.concept
            if made.extension and fact.period.is_instant and core_label(made.label) == name:
                return made
        return self.members.concept(name, base)

    def _movement(self, read: _Table, line: BalanceLine, row, is_whole: bool) -> ConceptRef:
        """The line's IFRS concept for the whole; else the class's own, narrower than it."""
        name = line.concept or line.anchor
        ifrs = concept_ref(self.vocab.concept_map.concepts[name])
        if is_whole and line.concept:
            return ifrs
        return self.members.concept(read.name + core_label(row.label), ifrs)

    def restated(self, kind: BalanceKind, regions: list[Region], notes: set[str]) -> None:
        """Tables of a note tagged here printing one exact line by class (債務投資 (555,787) /
        股權投资 … / total): each class row is that class's fact, printed again, when the
        class rows add up to the total row and the total is that line's fact tagged already."""
        self.kind_name = kind.name
        for region in regions:
            if region.note not in notes:
                continue
            for line in (ln for ln in kind.lines if ln.concept):
                self._restate(region, line)

    def _restate(self, region: Region, line: BalanceLine) -> None:
        table = self.tables[region.table]
        rows = [i for i in region.rows if table.rows[i].cells]
        if len(rows) < 3 or core_label(table.rows[rows[-1]].label):
            return
        *parts, total = rows
        keys = [(region.note, core_label(table.rows[i].label), line.wordings[0]) for i in parts]
        if any(k not in self.moved for k in keys):
            return
        qname = concept_ref(self.vocab.concept_map.concepts[line.concept]).qname
        for column, cell in enumerate(table.rows[total].cells):
            period = table.columns[column].period if column < len(table.columns) else None
            scale = Decimal(10) ** table.unit.scale
            unit = unit_id("monetary", table.unit.currency)
            tagged = self.reported.get((qname, (period.key(), ()), unit)) if period else None
            earlier = [self.moved[k].get(period) for k in keys]
            if (
                tagged is None
                or tagged.value != cell.value * scale
                or any(f is None for f in earlier)
                or sum(f.value for f in earlier) != tagged.value
                or any(
                    f.value != table.rows[i].cells[column].value * scale
                    for f, i in zip(earlier, parts, strict=True)
                )
            ):
                return
        for i, key in zip(parts, keys, strict=True):
            for column in range(len(table.rows[i].cells)):
                fact = self.moved[key][table.columns[column].period]
                self._fact(region.table, i, column, fact.concept, fact.period, fact.value)

    def _doubt(self, code: str, why: str, index: int, cell) -> None:
        if not cell.blank:
            table = self.tables[index]
            self.findings.append(finding(code, why, cell_source(table, cell), cell.text))

    def _fact(self, index, row_index, column, concept: ConceptRef, period, value) -> Fact | None:
        table = self.tables[index]
        row = table.rows[row_index]
        cell = row.cells[column]
        fact = Fact(
            concept=concept,
            period=period,
            unit=unit_id("monetary", table.unit.currency),
            currency=table.unit.currency,
            decimals=cell.places - table.unit.scale,
            scale=table.unit.scale,
            value=value if value else abs(value),  # no -0
            cell=cell,
            table=index,
            row=row_index,
            column=column,
            statement=NOTES,
            label=row.printed_label,
            method="note",
            confidence=1.0,
            evidence=f"roll-forward of one balance ({self.kind_name})",
            wording=concept.label,
        )
        why = conflict(self.reported, fact)
        if why:
            self._doubt("note-conflicts", why, index, cell)
            return None
        self.facts.append(fact)
        return fact


def tag_balance_movements(
    document: Document,
    lines: tuple[SourceLine, ...],
    facts: list[Fact],
    vocab: Vocabulary,
    taken: frozenset[str],
) -> BalanceResult:
    """Facts of the movement tables of one balance (see module docstring); ``facts``: the
    facts so far, which give the note's totals and must not be contradicted; ``taken``:
    names in use."""
    cmap = vocab.concept_map
    if not cmap.balance_kinds:
        return BalanceResult(facts=[], findings=[])
    tagger = _BalanceTagger(document, facts, vocab, taken)
    regions = note_regions(document, lines)
    notes_by_kind = {k.name: k for k in cmap.note_kinds}
    for kind in cmap.balance_kinds:
        whole = notes_by_kind.get(kind.note)
        if whole is None:
            continue
        by_note: dict[str, list[Region]] = {}
        for region in regions:
            if kinds_named(region.note, (whole,)) and not tagger.tables[region.table].statement:
                by_note.setdefault(region.note, []).append(region)
        for note_regions_of in by_note.values():
            tagger.note(kind, whole, note_regions_of)
        tagged = {n for n, _, _ in tagger.moved}
        tagger.restated(kind, regions, tagged)
    return BalanceResult(facts=tagger.facts, findings=tagger.findings)


def names_made(result: BalanceResult) -> set[str]:
    """The names of the filing's own concepts the rule made."""
    return {f.concept.name for f in result.facts if f.concept.extension}
