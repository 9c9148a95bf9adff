"""Stage 6b, notes: the tables of the numbered notes -> facts, by the kinds of note the
taxonomy data describes (``note_kinds.toml``: revenue by region or by timing, expenses by
nature, other gains and losses, income tax …).

A region of a note table (``tagger.note_regions``) is of the kind its headings name that
reads most of its rows (``tagger.note_rows``). Periods and units are the table's columns, as
for a statement. Signs follow each concept, whatever direction the note prints in; that
direction is read from the note's total: the same amount in a statement (its sign is the
statement's), else, for a total that is never negative (revenue, expenses, assets), its
printed sign. A note whose direction cannot be told, a row whose meaning is in doubt, and an
amount that disagrees with one already tagged for its concept and period stay untagged, each
a finding. An amount equal to a statement fact (the revenue by region adds up to Revenue) is
a consistent duplicate of it.

A table is tagged only when its totals are proved: every row printed as a total is the sum
of rows above it, a total the statements print equals the statement's figure, and a balance
kind (``statement_proof``) prints at least one total or subtotal that is a statement's
figure; otherwise every amount of the table is a ``note-total-unproved`` finding. An
unlabelled subtotal is the kind's subtotal concept whose statement figures it prints.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import NamedTuple

from tagger.extensions import (
    EXTENSION_PREFIX,
    ConceptRef,
    ExtensionMember,
    concept_ref,
    pinyin_name,
)
from tagger.facts import Fact, cell_source, fact_key, fact_keys
from tagger.findings import Finding, finding
from tagger.model import Cell, Document, Period, SourceLine, Table, trusted
from tagger.note_own_items import own_items
from tagger.note_regions import Region, kinds_named, note_regions
from tagger.note_rows import RowReading, fits, read_rows, region_structure
from tagger.periods import row_periods
from tagger.units import PURE, SHARES, fact_unit_kind, unit_id
from tagger.vocabulary import Vocabulary
from taxonomy.models import IFRS_PREFIX, NoteKind

NOTES = "notes"  # the statement a note fact belongs to in the report
_EVIDENCE = {
    "exact": "note line item",
    "heading": "note line item under its heading",
    "member": "note member",
    "total": "note total",
    "subtotal": "note subtotal equal to the statement's line",
    "gross": "note gross amount",
    "allowance": "note allowance",
    "net": "note net amount",
    "other": "note's catch-all line item",
    "extension": "note line item of the filing's own, narrower than its anchor",
    "own": "note line item of the filing's own, a part of the total it adds up to",
    "deduction": "note line item printed as deducted from its subtotal",
}


class NoteResult(NamedTuple):  # a stage's result: no model class to build or validate
    facts: list[Fact]
    findings: list[Finding]
    members: list[ExtensionMember]  # the entity's own members (regions) the notes name


# The entity's own names, by printed label: pure, and the labels (其他, 中國內地) recur from
# one announcement to the next (measured: tag_notes 0.7 ms faster on the example, run again).
_pinyin_name = functools.lru_cache(maxsize=1 << 12)(pinyin_name)


class Members:
    """The entity's own members (one per axis and printed label) and line items (one per
    printed label), with names unique among the names earlier stages gave."""

    def __init__(self, taken: frozenset[str]):
        self.taken = set(taken)
        self.made: dict[tuple[str, str], ExtensionMember] = {}
        self.concepts: dict[tuple[str, str], ConceptRef] = {}

    def qname(self, axis: str, label: str) -> str:
        if (axis, label) not in self.made:
            base = _pinyin_name(label, "Member")
            name, n = base, 2
            while name in self.taken:
                name, n = f"{base}{n}", n + 1
            self.taken.add(name)
            self.made[(axis, label)] = ExtensionMember(
                name=name, label=label, axis=f"{IFRS_PREFIX}:{axis}"
            )
        return f"{EXTENSION_PREFIX}:{self.made[(axis, label)].name}"

    def concept(self, label: str, anchor: ConceptRef) -> ConceptRef:
        """The filing's own line item printed ``label``, narrower than ``anchor``, with its
        period type and balance."""
        key = (label, anchor.qname)  # one printed label under two totals: two concepts
        if key not in self.concepts:
            base = _pinyin_name(label)
            name, n = base, 2
            while name in self.taken:
                name, n = f"{base}{n}", n + 1
            self.taken.add(name)
            self.concepts[key] = anchor.model_copy(
                update={
                    "prefix": EXTENSION_PREFIX,
                    "name": name,
                    "label": label,
                    "extension": True,
                    "anchor": anchor.qname,
                    "closest": True,
                }
            )
        return self.concepts[key]


def _kind(
    region: Region, table: Table, kinds, vocab, prove
) -> tuple[NoteKind, dict, dict[int, list[int]]] | None:
    """The kind the region's headings name that reads most of its rows (``prove``: the
    readings with the subtotals the statements prove), with the region's structure; the
    enclosing note's heading may name only kinds whose rows name themselves (no entity
    members)."""
    named: dict[str, NoteKind] = {}
    for heading in region.headings:
        named.update({k.name: k for k in kinds_named(heading, kinds)})
    for kind in kinds_named(region.note, kinds):
        if not kind.entity_members:
            named.setdefault(kind.name, kind)
    if not named:
        return None
    structure = region_structure(table, region.rows)  # the same under every kind
    best = None
    for kind in named.values():
        read = read_rows(table, region.rows, kind, vocab, region.labels, structure)
        readings = prove(table, read, kind)
        if fits(readings) and (best is None or fits(readings) > fits(best[1])):
            best = (kind, readings, structure)
    return best


def _statement_values(facts: list[Fact], keys: list[tuple]) -> dict[tuple, list[Decimal]]:
    """The values of the facts with no dimensions by (concept name, period key); ``keys``:
    the facts' ``fact_keys``, which hold their periods' keys."""
    index: dict[tuple, list[Decimal]] = {}
    for fact, (_, (period, _), _) in zip(facts, keys, strict=True):
        if not fact.dims:
            index.setdefault((fact.concept.name, period), []).append(fact.value)
    return index


def _factor(concept: ConceptRef, direction: int) -> int:
    """Printed amount -> value: ``direction`` +1 when the note prints debits positive."""
    if concept.balance is None:
        return 1
    return direction if concept.balance == "debit" else -direction


def _direction(
    table: Table, readings: dict[int, RowReading], kind: NoteKind, periods, known
) -> int | None:
    """+1 (debits printed positive), -1 (credits positive), or None when it cannot be told."""
    seen: set[int] = set()
    # a subtotal a statement proves (流動 contract liabilities) says it as well as a total
    totals = [
        (i, r)
        for i, r in readings.items()
        if (r.total or r.method == "subtotal") and r.concept is not None
    ]
    for index, reading in totals:
        cells = table.rows[index].cells[: len(table.columns)]
        for column, cell in enumerate(cells):
            period = periods[index][column] if column < len(periods[index]) else None
            if not cell.value or period is None:
                continue
            values = known.get((reading.concept.name, period.key()), [])
            scaled = abs(cell.value) * Decimal(10) ** table.unit.scale
            same = [v for v in values if abs(v) == scaled and v]
            if same:
                balance = 1 if reading.concept.facts.balance != "credit" else -1
                seen.add(balance * (1 if (same[0] > 0) == (cell.value > 0) else -1))
    if seen:
        return seen.pop() if len(seen) == 1 else None
    if not totals and kind.natural and not kind.signed:
        return _natural_direction(table, readings)
    if kind.signed or not totals:
        return None
    signs = {c.value > 0 for i, _ in totals for c in table.rows[i].cells if c.value}
    if len(signs) != 1:
        return None
    natural = 1 if totals[0][1].concept.facts.balance != "credit" else -1
    return natural if signs.pop() else -natural


def _natural_direction(table: Table, readings: dict[int, RowReading]) -> int | None:
    """A table of rows of one never-negative concept, every amount printed positive: the
    concept's own direction (+1 for a debit)."""
    read = [(i, r) for i, r in readings.items() if r.concept is not None]
    balances = {r.concept.facts.balance for _, r in read}
    values = [c.value for i, _ in read for c in table.rows[i].cells if c.value is not None]
    if len(balances) != 1 or not values or any(v < 0 for v in values):
        return None
    return -1 if balances.pop() == "credit" else 1


def _gross_and_allowance(kind: NoteKind, concept, parts: tuple[int, ...]) -> dict:
    gross, allowance = parts
    axis = kind.carrying_axis
    return {
        gross: RowReading(concept, kind.gross_member, axis=axis, method="gross"),
        allowance: RowReading(concept, kind.allowance_member, axis=axis, method="allowance"),
    }


class _NoteTagger:
    def __init__(self, tables: list[Table], facts: list[Fact], vocab: Vocabulary, taken):
        self.tables = tables
        self.vocab = vocab
        keys = fact_keys(facts)
        self.known = _statement_values(facts, keys)
        self.reported = dict(zip(keys, facts, strict=True))
        self.members = Members(taken)
        self.facts: list[Fact] = []
        self.findings: list[Finding] = []

    def region(self, region: Region) -> None:
        table = self.tables[region.table]
        if table.unit is None:
            return  # no unit: its amounts stay with coverage
        kinds = self.vocab.concept_map.note_kinds
        chosen = _kind(region, table, kinds, self.vocab, self._proved_subtotals)
        if chosen is None:
            return  # not a note ixtag knows: its amounts stay with coverage
        kind, readings, structure = chosen
        readings = own_items(
            table, region.rows, readings, kind, self.vocab, region.labels, structure
        )
        why = self._unproved(table, readings)
        if not why and kind.statement_proof and not self._on_statement(table, readings):
            why = "no total or subtotal of the table is a statement's line: left untagged"
        if why:
            for index in readings:
                for cell in table.rows[index].cells:
                    if not cell.blank:
                        self._doubt("note-total-unproved", why, table, cell)
            return
        periods = {
            i: row_periods(table, i, r.concept.facts.period_type == "instant")
            for i, r in readings.items()
            if r.concept is not None
        }
        direction = _direction(table, readings, kind, periods, self.known)
        for index, reading in readings.items():
            row = table.rows[index]
            concept = None  # the row's, made at its first amount (an extension takes a name)
            for column, cell in enumerate(row.cells):
                if cell.blank:
                    continue
                if reading.concept is None:
                    self._doubt("note-row-unclear", reading.doubt, table, cell)
                    continue
                if concept is None:
                    concept = self._ref(reading)
                period = periods[index][column] if column < len(periods[index]) else None
                where = (region.table, index, column)
                self._cell(table, where, reading, concept, kind, period, direction)

    def _statement_cells(self, table: Table, index: int, concept) -> list[bool] | None:
        """For each amount of the row, whether the statements print it for ``concept`` in
        its column's period (None where a column has no period)."""
        periods = row_periods(table, index, concept.facts.period_type == "instant")
        out = []
        for column, cell in enumerate(table.rows[index].cells[: len(table.columns)]):
            if cell.value is None:
                continue
            period = periods[column] if column < len(periods) else None
            if period is None:
                return None
            scaled = abs(cell.value) * Decimal(10) ** table.unit.scale
            values = self.known.get((concept.name, period.key()))
            out.append(None if values is None else any(abs(v) == scaled for v in values))
        return out

    def _proved_subtotals(self, table: Table, readings: dict, kind: NoteKind) -> dict:
        """An unlabelled subtotal is the one of the kind's subtotals whose statement figures
        it prints in every column; else it stays in doubt."""
        out = dict(readings)
        for index, reading in readings.items():
            if reading.total and reading.concept is not None and kind.subtotals:
                # a top total that a statement shows is one part only (流動 contract
                # liabilities printed alone) is that part, not the whole
                whole = self._statement_cells(table, index, reading.concept)
                if whole and all(whole):
                    continue
            elif not reading.subtotal:
                continue
            for name in kind.subtotals:
                concept = self.vocab.concept_map.concepts[name]
                seen = self._statement_cells(table, index, concept)
                if seen and all(seen):
                    out[index] = RowReading(concept=concept, method="subtotal")
                    if reading.parts:
                        out.update(_gross_and_allowance(kind, concept, reading.parts))
                    break
        if kind.statement_proof:
            out.update(self._unproved_totals(table, out))
        return out

    def _unproved_totals(self, table: Table, readings: dict) -> dict:
        """A balance's total the statements do not print is read only as the sum of a
        subtotal they prove and other rows (non-current and current borrowings); the total
        of a maturity or currency analysis is not the balance, however it adds up."""
        out = {}
        for index, reading in readings.items():
            if not reading.total or reading.concept is None:
                continue
            seen = self._statement_cells(table, index, reading.concept) or []
            if any(s is not None for s in seen):
                continue  # printed in a statement: equal, or reported as differing
            parts = [readings.get(i) for i in reading.items]
            if not any(p and p.method == "subtotal" for p in parts):
                out[index] = RowReading(doubt="a total of the balance no statement line proves")
        return out

    def _on_statement(self, table: Table, readings: dict) -> bool:
        """Whether a total or subtotal of the table prints a statement's figures."""
        for index, reading in readings.items():
            if reading.concept is not None and (reading.total or reading.method == "subtotal"):
                seen = self._statement_cells(table, index, reading.concept)
                if seen and all(seen):
                    return True
        return False

    def _unproved(self, table: Table, readings: dict) -> str:
        """Why the region's total is not proved: a row printed as a total that the rows
        above do not add up to, or a total whose statement line prints another amount."""
        if any(r.unproved for r in readings.values()):
            return "a total of the note does not add up: the table is left untagged"
        for index, reading in readings.items():
            if reading.total and reading.concept is not None:
                seen = self._statement_cells(table, index, reading.concept) or []
                if any(s is False for s in seen):
                    return (
                        f"the note's total differs from the statement's {reading.concept.name}: "
                        "the table is left untagged"
                    )
        return ""

    def _ref(self, reading: RowReading) -> ConceptRef:
        concept = concept_ref(reading.concept)
        return self.members.concept(reading.extension, concept) if reading.extension else concept

    def _doubt(self, code: str, why: str, table: Table, cell: Cell) -> None:
        self.findings.append(finding(code, why, cell_source(table, cell), cell.text))

    def _cell(self, table, index, reading: RowReading, concept, kind, period, direction) -> None:
        cell = table.rows[index[1]].cells[index[2]]
        if (
            cell.value is None
            or period is None
            or len(table.rows[index[1]].cells) > len(table.columns)
        ):
            return  # a mark, or a column without a period: coverage reports it
        if (period.start is None) != (concept.period_type == "instant"):
            self._doubt("note-row-unclear", "the column's period does not fit", table, cell)
            return
        scaled = cell.value * Decimal(10) ** table.unit.scale
        restated = [
            v
            for v in self.known.get((concept.name, period.key()), [])
            if abs(v) == abs(scaled) and not reading.member
        ]
        if restated:
            value = restated[0]  # a statement's amount printed again: the statement's sign
        elif direction is None:
            why = f"which way the {kind.name} note prints its amounts cannot be told"
            self._doubt("note-sign-unclear", why, table, cell)
            return
        else:
            value = scaled * _factor(concept, direction) * (-1 if reading.deduction else 1)
        self._add(table, index, reading, concept, kind, period, value if value else abs(value))

    def _add(self, table, index, reading, concept, kind, period: Period, value: Decimal) -> None:
        table_index, row_index, column = index
        row = table.rows[row_index]
        cell = row.cells[column]
        dims: tuple[tuple[str, str], ...] = ()
        if reading.member:
            axis_name = reading.axis or kind.axis
            axis = f"{IFRS_PREFIX}:{axis_name}"
            member = (
                self.members.qname(axis_name, reading.member)
                if reading.entity
                else f"{IFRS_PREFIX}:{reading.member}"
            )
            dims = ((axis, member),)
        kind_of_unit = fact_unit_kind(concept.type)
        # as the facts stage decides: ratios and share counts carry no currency
        currency = None if kind_of_unit in (PURE, SHARES) else table.unit.currency
        fact = trusted(  # our own values, typed as Fact declares them: no validation
            Fact,
            concept=concept,
            period=period,
            dims=dims,
            unit=unit_id(kind_of_unit, currency),
            currency=currency,
            decimals=cell.places - table.unit.scale,
            scale=table.unit.scale,
            value=value,
            cell=cell,
            table=table_index,
            row=row_index,
            column=column,
            statement=NOTES,
            label=row.printed_label,
            method="note",
            confidence=0.9 if reading.method == "heading" else 1.0,
            evidence=f"{_EVIDENCE[reading.method]} ({kind.name})",
            wording=reading.concept.labels.zh_hant,
            in_text=None,
        )
        why = conflict(self.reported, fact)
        if why:
            self._doubt("note-conflicts", why, table, cell)
            return
        self.facts.append(fact)


def conflict(reported: dict[tuple, Fact], fact: Fact) -> str | None:
    """Why a note's fact cannot be kept: its concept is tagged for the same context and unit
    with another amount. None keeps it, and records it in ``reported``."""
    key = fact_key(fact)
    earlier = reported.get(key)
    if earlier is not None and not earlier.agrees_with(fact):
        return f"{fact.concept.qname} is already tagged for this period with another amount"
    reported.setdefault(key, fact)
    return None


def tag_notes(
    document: Document,
    lines: tuple[SourceLine, ...],
    facts: list[Fact],
    vocab: Vocabulary,
    taken: frozenset[str],
) -> NoteResult:
    """Facts of the note tables whose kind the taxonomy data knows (see module docstring);
    ``facts``: the statements' facts, which give signs and must not be contradicted."""
    tagger = _NoteTagger(document.tables(), facts, vocab, taken)
    if vocab.concept_map.note_kinds:
        for region in note_regions(document, lines):
            tagger.region(region)
    return NoteResult(
        facts=tagger.facts,
        findings=tagger.findings,
        members=list(tagger.members.made.values()),
    )
