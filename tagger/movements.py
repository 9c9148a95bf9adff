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

from collections import Counter
from decimal import Decimal
from typing import NamedTuple

from tagger.extensions import ExtensionMember, concept_ref
from tagger.facts import Fact, by_key, cell_source
from tagger.findings import Finding, finding
from tagger.lines import is_unit_line
from tagger.model import Document, SourceLine, Table, trusted
from tagger.movement_header import ClassHeader, class_names
from tagger.movement_rows import (
    CARRYING_AXIS,
    GROSS,
    TOTAL_WORDS,
    Reading,
    Unproven,
    balance_dates,
    check_balances,
    check_roll_forward,
    check_total,
    looks_like,
    read_rows,
)
from tagger.movement_sections import looks_cost_first, read_sections
from tagger.note_regions import kinds_named
from tagger.notes import NOTES, Members, conflict
from tagger.units import unit_id
from tagger.vocabulary import Vocabulary, compact
from tagger.wording import numbered_heading
from taxonomy.models import IFRS_PREFIX, MovementKind

_ROLES = {
    "gross": "cost",
    "deduction": "accumulated depreciation",
    "carrying": "carrying amount",
    "movement": "movement",
}


class MovementResult(NamedTuple):  # a stage's result: no model class to build or validate
    facts: list[Fact]
    findings: list[Finding]
    members: list[ExtensionMember]
    headers: dict[int, ClassHeader]  # table index -> its class header, of tables tagged
    # table index -> row -> the balance dates printed above the row (於2023年1月1日)
    dates: dict[int, dict[int, tuple[str, ...]]]


def _signed(reading: Reading, printed: Decimal) -> Decimal | None:
    """The fact's value of a printed amount; None when it would run against the concept (an
    addition that takes off, a depreciation that adds). A movement of the cost-first layout
    moves its section's balance by ``sign * printed`` (tagger.movement_sections); on the
    accumulated depreciation's member the sign its concept may take there is the data's."""
    if reading.role == "deduction":
        return reading.sign * printed
    if reading.role != "movement":
        return printed
    moved = reading.sign * printed
    value = -moved if reading.line.effect == "decrease" else moved
    if reading.member not in ("", GROSS):
        allowed = reading.line.accumulated
        against = allowed == "positive" and value < 0 or allowed == "negative" and value > 0
        return None if allowed is None or against else value
    if reading.line.effect != "signed" and value < 0:
        return None
    return value


class _MovementTagger:
    def __init__(self, tables: list[Table], facts: list[Fact], vocab: Vocabulary, taken):
        self.tables = tables
        self.vocab = vocab
        self.reported = by_key(facts)
        self.members = Members(taken)
        self.facts: list[Fact] = []
        self.findings: list[Finding] = []

    def table(self, index: int, kind: MovementKind, names: list[str] | None, texts) -> bool:
        """Tag one table, or report why not; whether it was tagged."""
        table = self.tables[index]
        cost_first = looks_cost_first(table, kind, self.vocab, texts)
        if not cost_first and not looks_like(table, kind, self.vocab):
            return False  # not a layout read here: coverage reports it
        try:
            if names is None:
                raise Unproven(
                    "movement-columns-unclear", "the class header gives no name per column"
                )
            if any(w in compact(n) for n in names for w in map(compact, kind.not_classes)):
                raise Unproven(
                    "movement-columns-unclear", f"a column that is no class of {kind.axis}"
                )
            if any(c.value is None for r in table.rows for c in r.cells):
                raise Unproven("movement-does-not-add-up", "a mark among the amounts")
            if cost_first:
                readings = read_sections(table, kind, self.vocab, texts)
                total = check_total(table, readings, names)
            else:
                readings = read_rows(table, kind, self.vocab, texts)
                total = check_total(table, readings, names)
                readings = check_roll_forward(table, check_balances(table, readings))
        except Unproven as unproven:
            for row in table.rows:
                for cell in row.cells:
                    self._doubt(unproven.code, str(unproven), table, cell)
            return False
        columns = [self._class(kind, name, column == total) for column, name in enumerate(names)]
        for reading in readings:
            self._row(index, kind, reading, columns)
        return True

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

    def _row(self, index: int, kind: MovementKind, reading: Reading, columns) -> None:
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
            if (
                reading.role in ("gross", "deduction")
                or reading.role == "movement"
                and reading.member
            ):
                member = GROSS if reading.role == "gross" else reading.member
                dims.append((f"{IFRS_PREFIX}:{CARRYING_AXIS}", f"{IFRS_PREFIX}:{member}"))
            name = reading.line.concept if reading.line else kind.concept
            value = value if value else abs(value)  # no -0
            self._add(index, reading, column, (name, kind.name), tuple(sorted(dims)), value)

    def _doubt(self, code: str, why: str, table: Table, cell) -> None:
        if not cell.blank:
            self.findings.append(finding(code, why, cell_source(table, cell), cell.text))

    def _add(self, index, reading: Reading, column: int, names, dims, value: Decimal) -> None:
        """``names``: the concept's and the movement kind's."""
        name, kind = names
        table = self.tables[index]
        row = table.rows[reading.index]
        cell = row.cells[column]
        concept = self.vocab.concept_map.concepts[name]
        fact = trusted(  # our own values, typed as Fact declares them: no validation
            Fact,
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
            in_text=None,
        )
        why = conflict(self.reported, fact)
        if why:
            self._doubt("note-conflicts", why, table, cell)
            return
        self.facts.append(fact)


def _candidates(document: Document, kinds) -> list[tuple[int, MovementKind, bool]]:
    """Tables outside the statements with no period columns under a heading that names one
    movement kind; with whether they print the same number of amounts on every row (only
    those are read; the others still show which classes the note's header names)."""
    out = []
    headings = _headings(document)
    for index, table in enumerate(document.tables()):
        if table.statement is not None or table.problem or table.columns or table.unit is None:
            continue
        named = kinds_named(table.context, kinds) or kinds_named(headings[index], kinds)
        if len(named) != 1 or not any(r.cells for r in table.rows):
            continue
        widths = {len(r.cells) for r in table.rows if r.cells}
        even = len(widths) == 1 and min(widths) >= 2 and not any(r.problem for r in table.rows)
        out.append((index, named[0], even))
    return out


def _headings(document: Document) -> list[str]:
    """Each table's heading: its context; or, where that is a line just above the table and
    no numbered heading (a class header too long to be read as the column header: 樓宇
    傢俬、裝置及設備 汽車 總計), the numbered heading a few lines above it."""
    out: list[str] = []
    above: list[str] = []
    for block in document.blocks:
        if block.kind in ("heading", "paragraph"):
            above.append(block.text)
        elif block.kind == "table" and block.table is not None:
            context = block.table.context
            if above and above[-1] == context and numbered_heading(context) is None:
                numbered = [t for t in above[-4:] if numbered_heading(t) is not None]
                context = numbered[-1] if numbered else context
            out.append(context)
            above = []
    return out


def _header(
    table: Table, lines: dict[int, SourceLine], kind: MovementKind, vocab: Vocabulary
) -> ClassHeader | None:
    first = min(r.lines[0] for r in table.rows if r.cells)
    units = [n for n in range(table.lines[0], first) if n in lines and is_unit_line(lines[n].text)]
    if not units:
        return None
    width = Counter(len(r.cells) for r in table.rows if r.cells).most_common(1)[0][0]
    above = [lines[n] for n in range(max(1, units[-1] - 40), units[-1] + 1) if n in lines]

    def known(name: str) -> bool:
        key = compact(name)
        return key in TOTAL_WORDS or any(m.axis == kind.axis for m in vocab.members_for(key))

    return class_names(above, width, known)


def _same_classes(
    headers: dict[int, ClassHeader | None], tables: list[Table]
) -> dict[int, list[str] | None]:
    """Tables of one note with as many columns that print one row alike (the year-end
    carrying amounts) print the same classes: where one prints a name the extractor cut short
    (算機及相關設備 for 計算機及相關設備) the longer is read."""
    found = {i: list(h.names) if h else None for i, h in headers.items()}
    out = dict(found)
    for index, names in found.items():
        if names is None:
            continue
        others = [
            n
            for i, n in found.items()
            if n
            and len(n) == len(names)
            and tables[i].context == tables[index].context
            and (i == index or _share_a_row(tables[i], tables[index]))
        ]
        out[index] = [
            max((o[k] for o in others if names[k] in o[k]), key=len) for k in range(len(names))
        ]
    return out


def _share_a_row(one: Table, other: Table) -> bool:
    """Whether two tables print one row of amounts alike in every column (the carrying
    amounts closing one year and opening the next): the same classes, in the same order."""
    rows = {tuple(c.value for c in r.cells) for r in one.rows if r.cells}
    return any(
        tuple(c.value for c in r.cells) in rows and any(c.value for c in r.cells)
        for r in other.rows
        if r.cells
    )


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
    headers = {i: _header(tagger.tables[i], by_number, k, vocab) for i, k, _ in candidates}
    names = _same_classes(headers, tagger.tables)
    tagged = {}
    for index, kind, even in candidates:
        if even and tagger.table(index, kind, names[index], texts):
            tagged[index] = headers[index]
    return MovementResult(
        facts=tagger.facts,
        findings=tagger.findings,
        members=list(tagger.members.made.values()),
        headers=tagged,
        dates={i: balance_dates(tagger.tables[i], texts) for i in tagged},
    )


def with_class_headers(document: Document, result: MovementResult) -> Document:
    """The document as the report prints it: a movement table's class header one name above
    each column (as printed, fragments joined) over its unit line, in place of the wrapped
    fragments, which the segmenter read as lines of the header or as paragraphs above it; the
    balance dates (於2023年1月1日) above the rows they date."""
    headers = result.headers
    if not headers:
        return document
    fragments = {n for header in headers.values() for n in header.lines}
    blocks, index = [], -1
    for block in document.blocks:
        if block.table is not None:
            index += 1
            header = headers.get(index)
            if header is not None:
                table = block.table
                kept = [ln for ln in table.header_lines if ln.strip() not in header.texts]
                units = [ln for ln in kept if is_unit_line(ln)]
                lines = [ln for ln in kept if ln not in units] + [" ".join(header.printed), *units]
                dates = result.dates.get(index, {})
                rows = tuple(
                    r.model_copy(update={"printed_label": "\n".join([*dates[i], r.printed_label])})
                    if i in dates
                    else r
                    for i, r in enumerate(table.rows)
                )
                update = {"header_lines": tuple(lines), "rows": rows}
                block = block.model_copy(update={"table": table.model_copy(update=update)})
        elif block.kind == "paragraph" and block.lines and set(block.lines) <= fragments:
            continue
        blocks.append(block)
    return document.model_copy(update={"blocks": tuple(blocks)})
