"""Rule: note tables of one concept by time band, or with only their total to tag
(``band_tables.toml``).

    未確認遞延稅項資產的未動用稅項虧損的到期日如下：      本集團有下列未提取銀行信貸：
              2023年     2022年                            人民幣信貸 8,153,792
    2024年    87,797     87,797                            美元信貸     108,203
    …                                                                8,261,995
    無限期  1,384,363    911,467
           13,475,204  7,696,160

Tagged only when the heading names the concept, every row but the last is read (a band, an
expiry year, or for rows = "total" anything), the rows add up to the last row in every
column, and the total agrees with any fact another table tagged for the concept (and, where
the data says ``stated``, is one). Each column's date is the instant of its facts.

Bands go on ifrs-full:MaturityAxis. Rows of calendar expiry years are bands too, seen from
the column's date: from 2023-12-31, losses expiring during 2025 are later than one year and
not later than two, which is exactly IFRS's member; the same row in the 2022 column is a
band a year further out. That is why the axis is MaturityAxis and not an axis of calendar
years of the filing's own: the IFRS members say what the years mean to a reader comparing
filings, and each fact's band is exact. Where IFRS has no member for the band (later than
five years and not later than six; not later than six months; no expiry date) the band is a
member of the filing's own, placed under the narrowest IFRS member that holds it. Lease
liabilities and other undiscounted cash-flow tables are not read: their total is not the
carrying amount.
"""

from __future__ import annotations

import functools
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from tagger.arithmetic import TOTAL_WORDS
from tagger.bands import (
    Band,
    band_label,
    band_name,
    contains,
    expiry_band,
    expiry_year,
    member_band,
    read_band,
)
from tagger.extensions import EXTENSION_PREFIX, ConceptRef, ExtensionMember, concept_ref
from tagger.facts import Fact, agrees, cell_source
from tagger.findings import Finding, finding
from tagger.identity_memo import by_identity
from tagger.model import Cell, Period, Table
from tagger.notes import NOTES
from tagger.units import fact_unit_kind, unit_id
from tagger.vocabulary import Vocabulary, compact
from taxonomy.loader import DATA_DIR, simplified
from taxonomy.models import ConceptMap

AXIS = "ifrs-full:MaturityAxis"
# Contractual undiscounted cash flows (lease liabilities, liquidity tables): not the
# carrying amount the concept is, so never read as its bands.
_UNDISCOUNTED = ("未貼現", "未折現", "未贴现", "未折现", "合約現金流量", "合约现金流量")


class BandTable(NamedTuple):
    concept: str
    headings: tuple[tuple[str, ...], ...]  # each: words that must all be in the heading
    rows: str  # "bands" or "total"
    stated: bool = False
    own_wordings: bool = True  # the concept's own wordings name the table too


@functools.cache
def band_tables(data_dir: Path = DATA_DIR) -> tuple[BandTable, ...]:
    """The kinds a concept map data folder lists; none when it has no band_tables.toml."""
    path = data_dir / "band_tables.toml"
    if not path.is_file():
        return ()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    kinds = []
    for entry in data.get("table", []):
        wordings = [tuple(compact(w) for w in h.split("+")) for h in entry.get("headings", [])]
        wordings += [tuple(simplified(w) for w in words) for words in wordings]
        kinds.append(
            BandTable(
                entry["concept"],
                tuple(wordings),
                entry["rows"],
                entry.get("stated", False),
                entry.get("own-wordings", True),
            )
        )
    return tuple(kinds)


@by_identity  # the map is the process's: its members are read once, not per document
def _ifrs_bands(cmap: ConceptMap) -> dict[Band, str]:
    """IFRS's MaturityAxis members, by the band each name spans."""
    return {
        band: name
        for name, member in cmap.members.items()
        if member.axis == AXIS.split(":")[1] and (band := member_band(name))
    }


class _Members:
    """MaturityAxis members: IFRS's by the band their names span, else the filing's own."""

    def __init__(self, cmap: ConceptMap, taken: frozenset[str], script: str):
        self.ifrs = _ifrs_bands(cmap)
        axis = cmap.axes.get(AXIS.split(":")[1])
        self.domain = axis.default_member if axis else None  # None: no bands to tag
        self.taken, self.script = taken, script
        self.made: dict[str, ExtensionMember] = {}

    def qname(self, band: Band) -> str | None:
        """The band's member; None when its own member's name is taken by something else."""
        if band in self.ifrs:
            return f"ifrs-full:{self.ifrs[band]}"
        name = band_name(band)
        return None if name in self.taken else f"{EXTENSION_PREFIX}:{name}"

    def keep(self, band: Band) -> None:
        """Declare the band's own member: called only for facts that are kept."""
        name = band_name(band)
        if band in self.ifrs or name in self.made:
            return
        holders = [b for b in self.ifrs if contains(b, band)]
        narrowest = min(holders, key=lambda b: (b.upto or 10**6) - b.after, default=None)
        parent = self.ifrs[narrowest] if narrowest else self.domain
        label = band_label(band)
        self.made[name] = ExtensionMember(
            name=name,
            label=simplified(label) if self.script == "zh-Hans" else label,
            axis=AXIS,
            parent=f"ifrs-full:{parent}",
        )


def _regions(table: Table) -> list[tuple[str, list[int]]]:
    """(heading text, amount rows) of each part of the table under one heading row."""
    above = compact("".join([table.title, table.context, table.lead_in, *table.header_lines]))
    parts: dict[str | None, list[int]] = {}
    for index, row in enumerate(table.rows):
        if row.cells:
            parts.setdefault(row.heading, []).append(index)
    return [(compact(h) if h else above, rows) for h, rows in parts.items()]


def _namings(
    vocab: Vocabulary, kinds: tuple[BandTable, ...]
) -> list[tuple[BandTable, tuple[tuple[str, ...], ...]]]:
    """Each kind whose concept the map has, at a date, with the sets of words (each to be
    all in a heading) that name it: worked out once per document, not per table."""
    namings = []
    for kind in kinds:
        concept = vocab.concept_map.concepts.get(kind.concept)
        if concept is None or concept.facts.period_type != "instant":
            continue  # a concept map that does not have it; the facts are at a date
        own = ()
        if kind.own_wordings:
            own = tuple((compact(w),) for w in concept.labels.all_wordings())
        namings.append((kind, (*kind.headings, *own)))
    return namings


def _kind(heading: str, namings) -> BandTable | None:
    if any(w in heading for w in _UNDISCOUNTED):
        return None
    named = [
        kind
        for kind, wordings in namings
        if any(all(w in heading for w in words) for words in wordings)
    ]
    return named[0] if len(named) == 1 else None


class BandResult(NamedTuple):
    facts: list[Fact]
    findings: list[Finding]
    members: list[ExtensionMember]


def _is_total(label: str) -> bool:
    return not label or any(w in label for w in TOTAL_WORDS)


def _row_band(label: str, period: Period) -> Band | None:
    if expiry_year(label) is not None:
        return expiry_band(label, period.end)
    return read_band(label)


class BandReader:
    """Reads one document's band tables; names its own members once."""

    def __init__(
        self, facts: list[Fact], vocab: Vocabulary, taken: frozenset[str], script: str, kinds
    ):
        self.vocab, self.namings = vocab, _namings(vocab, kinds)
        self.members = _Members(vocab.concept_map, taken, script)
        self.tagged: dict[tuple, list[Fact]] = {}  # (concept, instant, unit) -> facts
        for fact in facts:
            if not fact.dims:
                key = (fact.concept.qname, fact.period.end, fact.unit)
                self.tagged.setdefault(key, []).append(fact)
        self.findings: list[Finding] = []

    def read(self, index: int, table: Table) -> list[Fact]:
        if not table.is_note_by_period():
            return []
        facts = []
        for heading, rows in _regions(table):
            kind = _kind(heading, self.namings)
            if kind is not None and len(rows) >= 2 and _is_total(table.rows[rows[-1]].label):
                facts += self._region(index, table, kind, rows)
        return facts

    def _region(self, index: int, table: Table, kind: BandTable, rows: list[int]) -> list[Fact]:
        """The region's facts, or none (and its amounts reported) when its proof fails."""
        *items, total = rows
        width = len(table.columns)
        if any(len(table.rows[r].cells) != width for r in rows):
            return []
        bands = self._bands(table, kind, items)
        if bands is None:
            return []
        why = self._unproved(table, kind, items, total)
        if why:
            for row in rows:
                for cell in table.rows[row].cells:
                    self.findings.append(
                        finding("note-total-unproved", why, cell_source(table, cell), cell.text)
                    )
            return []
        for band in bands.values():
            self.members.keep(band)
        dims = {at: ((AXIS, self.members.qname(band)),) for at, band in bands.items()}
        tagged = [*dims, *((total, c) for c in range(width))]
        facts = [self._fact(index, table, kind, r, c, dims.get((r, c), ())) for r, c in tagged]
        if not bands:
            self._rows_left(table, items)
        return facts

    def _bands(self, table: Table, kind: BandTable, items: list[int]) -> dict | None:
        """{(row, column): band}; None when a row names no exact band or two rows of a column
        name one. A totals-only table whose rows are all bands has them tagged too; else {}."""
        bands = self._read_bands(table, items)
        if bands is None and kind.rows == "total":
            return {}
        return bands

    def _read_bands(self, table: Table, items: list[int]) -> dict | None:
        if self.members.domain is None:  # a concept map without the maturity axis
            return None
        bands = {}
        for column, spec in enumerate(table.columns):
            for row in items:
                band = _row_band(table.rows[row].label, spec.period)
                if band is None or self.members.qname(band) is None:
                    return None  # a row that is no exact band: not this rule's table
                bands[(row, column)] = band
            if len({bands[(row, column)] for row in items}) != len(items):
                return None
        return bands

    def _unproved(self, table: Table, kind: BandTable, items: list[int], total: int) -> str:
        """Why the region's total is not proved, or '' when it is."""
        concept = kind.concept
        for column, spec in enumerate(table.columns):
            cells = [table.rows[r].cells[column] for r in (*items, total)]
            if any(c.value is None or c.value < 0 for c in cells):
                return f"a row of the {concept} table is blank or negative"
            if sum(c.value for c in cells[:-1]) != cells[-1].value:
                return f"the rows of the {concept} table do not add up to its total"
            value = cells[-1].value * Decimal(10) ** table.unit.scale
            decimals = cells[-1].places - table.unit.scale
            key = (self._concept(kind).qname, spec.period.end, table.unit.currency)
            others = self.tagged.get(key, [])
            if any(not agrees(f, value, decimals) for f in others) or (kind.stated and not others):
                return f"the total is not the {concept} another table tagged for {spec.period.end}"
        return ""

    def _rows_left(self, table: Table, items: list[int]) -> None:
        why = "a row of a tagged total along something IFRS has no axis for"
        for row in items:
            for cell in table.rows[row].cells:
                source = cell_source(table, cell)
                self.findings.append(finding("note-row-no-axis", why, source, cell.text))

    def _concept(self, kind: BandTable) -> ConceptRef:
        return concept_ref(self.vocab.concept_map.concepts[kind.concept])

    def _fact(self, index: int, table: Table, kind: BandTable, row: int, column: int, dims):
        concept = self._concept(kind)
        cell: Cell = table.rows[row].cells[column]
        currency = table.unit.currency
        return Fact(
            concept=concept,
            period=Period(end=table.columns[column].period.end),
            dims=dims,
            unit=unit_id(fact_unit_kind(concept.type), currency),
            currency=currency,
            decimals=cell.places - table.unit.scale,
            scale=table.unit.scale,
            value=cell.value * Decimal(10) ** table.unit.scale or Decimal(0),
            cell=cell,
            table=index,
            row=row,
            column=column,
            statement=NOTES,
            label=table.rows[row].printed_label,
            method="bands",
            confidence=1.0,
            evidence="rows add up to the total; the heading names the concept",
            wording=concept.label,
        )


def band_facts(
    tables: list[Table],
    facts: list[Fact],
    vocab: Vocabulary,
    taken: frozenset[str],
    script: str,
    data_dir: Path | None = None,
) -> BandResult:
    """The stage: facts of the note tables by time band and of the totals-only tables, the
    findings of those that do not prove themselves, and the members of the filing's own.
    ``data_dir``: the concept map's data folder (default: the shipped one)."""
    reader = BandReader(facts, vocab, taken, script, band_tables(data_dir or DATA_DIR))
    read = {f.table for f in facts}  # a table another rule has read stays as it is
    found = [
        fact
        for index, table in enumerate(tables)
        if index not in read
        for fact in reader.read(index, table)
    ]
    return BandResult(found, reader.findings, list(reader.members.made.values()))
