"""Rule: an ageing analysis of a balance, tagged on an axis of the filing's own.

    貿易應收款項基於收入確認日期的賬齡分析如下：
                   2023年      2022年
    最多6個月   1,039,742   1,995,560
    6個月至1年    242,863     746,068
    …
    超過3年     1,541,637     629,753
                7,912,019   7,796,278

Tagged only when all of this is printed: the heading or the sentence above says 賬齡分析; the
rows down to the total are age bands (tagger.age_bands) that cover the ages with no gap and
no overlap; they add up to the printed total in every column; and that total is, in every
column, one amount another rule tagged for the column's date (found by value and period, the
heading naming its concept or its printed line). Each band is then that amount's concept,
with its members, on ``ext:AgeingBandsAxis`` (IFRS has no axis for invoice-date age); the
total row is the amount itself. A band printed in another table too (the discussion's copy
in 百萬元) must agree with it at the coarser precision, else that cell is reported. Anything
short of that is reported with a code saying what failed.
"""

from __future__ import annotations

import functools
import tomllib
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from tagger.age_bands import ASIDE as _ASIDE
from tagger.age_bands import Band, covers_ages, names_an_ageing, read_band, words
from tagger.ageing_parts import PartsTotal, clause
from tagger.arithmetic import TOTAL_WORDS
from tagger.extensions import EXTENSION_PREFIX, ExtensionMember, pinyin_name
from tagger.facts import AmountIndex, Fact, agrees, cell_source, printed_again
from tagger.findings import Finding, Source, finding
from tagger.model import Period, Table
from tagger.vocabulary import Vocabulary, compact
from tagger.wording import core_wording
from taxonomy.loader import DATA_DIR, simplified

_SHORTEST_NAME = 3  # a balance's name in a heading: 應收票據, 貿易應收款項


class AgeingResult(NamedTuple):  # a stage's result: no model class to build or validate
    facts: list[Fact]
    findings: list[Finding]
    members: list[ExtensionMember]  # the axis, its domain and the bands used


@functools.cache
def _axis_data() -> dict:
    return tomllib.loads((DATA_DIR / "ageing.toml").read_text(encoding="utf-8"))["axis"]


def _axis() -> tuple[ExtensionMember, ExtensionMember]:
    """The ageing axis and its domain (the default: the balance itself), from ageing.toml."""
    data = _axis_data()
    axis = f"{EXTENSION_PREFIX}:{data['name']}"
    return (
        ExtensionMember(name=data["name"], label=data["zh-Hant"], axis=axis, kind="axis"),
        ExtensionMember(
            name=data["domain"], label=data["domain-zh-Hant"], axis=axis, kind="domain"
        ),
    )


def ageing_axis() -> str:
    return _axis()[0].axis


class Bands:
    """The band members of one run: one per band, named after its first printed wording."""

    def __init__(self, taken: frozenset[str]):
        axis, domain = _axis()
        self.taken = set(taken) | {axis.name, domain.name}
        self.made: dict[tuple, ExtensionMember] = {}

    def qname(self, band: Band, wording: str) -> str:
        if band.key() not in self.made:
            base = name = pinyin_name(_axis_data()["member-prefix"] + wording, "Member")
            n = 2
            while name in self.taken:
                name, n = f"{base}{n}", n + 1
            self.taken.add(name)
            axis, domain = _axis()
            self.made[band.key()] = ExtensionMember(
                name=name,
                label=wording,
                axis=axis.axis,
                parent=f"{EXTENSION_PREFIX}:{domain.name}",
            )
        return f"{EXTENSION_PREFIX}:{self.made[band.key()].name}"

    def members(self, script: str) -> list[ExtensionMember]:
        """The axis and its domain labelled in the report's script, and the bands made."""
        if not self.made:
            return []
        own = [
            m.model_copy(update={"label": simplified(m.label)}) if script == "zh-Hans" else m
            for m in _axis()
        ]
        return [*own, *self.made.values()]


class _Layout(NamedTuple):  # a stage's own value: no model class to build at import
    """An ageing table's band rows (index, band, wording) and its total row, if printed."""

    bands: list[tuple[int, Band, str]]
    total: int | None


def _layout(table: Table) -> _Layout | str:
    """The band rows down to the first total, or why the rows are no ageing analysis. Rows
    after the total belong to what follows the table (a long-term payable)."""
    bands: list[tuple[int, Band, str]] = []
    for index, row in enumerate(table.rows):
        if not row.cells:
            if bands or any(r.cells for r in table.rows[:index]):
                return "a sub-heading among the bands: parts of the balance, not bands"
            continue
        wording = compact(row.label).lstrip("－-–—·")
        band = read_band(wording)
        if band is not None:
            bands.append((index, band, wording))
            continue
        if bands and (not wording or wording in TOTAL_WORDS):
            return _checked(bands, index)
        return f"a row that is no age band: {row.label or '(no label)'}"
    return _checked(bands, None)


def _checked(bands: list[tuple[int, Band, str]], total: int | None) -> _Layout | str:
    if len(bands) < 2:
        return "fewer than two age bands"
    return _Layout(bands=bands, total=total)


class Ageing:
    """Reads one document's ageing tables against the amounts other rules tagged."""

    def __init__(self, facts: list[Fact], vocab: Vocabulary, taken: frozenset[str]):
        self.vocab = vocab
        self.index = -1  # the table being read
        self.bands = Bands(taken)
        self.tagged = {(f.table, f.row, f.column) for f in facts}
        # amounts of tables (a statement's line or a note's row), by their instant (its
        # date: hashing and comparing Period models costs many times more)
        self.balances: dict[date, list[Fact]] = {}
        for fact in facts:
            if fact.in_text is None and fact.period.start is None and fact.table >= 0:
                self.balances.setdefault(fact.period.end, []).append(fact)
        self.amounts = AmountIndex([f for group in self.balances.values() for f in group])
        self.parts = PartsTotal(self.balances, vocab, self.bands.taken)

    def read(self, index: int, table: Table) -> tuple[list[Fact], list[Finding]]:
        self.index = index
        if table.statement is not None or table.problem or table.unit is None:
            return [], []
        columns = _amount_columns(table)
        if not columns:
            return [], []
        text = compact("".join([table.title, table.context, table.lead_in, *table.header_lines]))
        if not names_an_ageing(text):
            return [], []
        layout = _layout(table)
        if isinstance(layout, str):
            # the rows that read as bands, and unnamed totals (not another table's rows)
            rows = [
                i
                for i, row in enumerate(table.rows)
                if row.cells and (read_band(row.label) or compact(row.label) in ("", *TOTAL_WORDS))
            ]
            if not any(read_band(table.rows[i].label) for i in rows):
                return [], []  # no band at all: another table under an ageing heading
            return [], self._report(table, "ageing-bands-unclear", layout, rows)
        rows = [i for i, _, _ in layout.bands] + [layout.total] * (layout.total is not None)
        if any((index, r, c) in self.tagged for r in rows for c in columns):
            return [], []  # another rule has read the table
        if not covers_ages([band for _, band, _ in layout.bands]):
            why = "the bands leave a gap or overlap, or one cannot be compared with the next"
            return [], self._report(table, "ageing-bands-unclear", why, rows)
        totals = self._totals(table, layout, columns)
        if isinstance(totals, str):
            return [], self._report(table, "ageing-sum-differs", totals, rows)
        balance = self._balance(table, layout, totals, text) or self._parts(table, totals)
        if balance is None:
            why = "the total is no amount tagged elsewhere for its date (or more than one)"
            return [], self._report(table, "ageing-total-unproved", why, rows)
        return self._facts(index, table, layout, balance), []

    def _totals(self, table: Table, layout: _Layout, columns: list[int]) -> dict | str:
        """Each amount column's total, the bands' sum (checked against the printed total)."""
        totals: dict[int, Decimal] = {}
        for column in columns:
            cells = [table.rows[i].cells for i, _, _ in layout.bands]
            if any(column >= len(c) or c[column].value is None for c in cells):
                return "a band with no amount in a column"
            added = sum((c[column].value for c in cells), Decimal(0))
            if layout.total is not None:
                row = table.rows[layout.total].cells
                if column >= len(row) or row[column].value != added:
                    return f"the bands add up to {added}, not the printed total"
            totals[column] = added
        return totals

    def _balance(
        self, table: Table, layout: _Layout, totals: dict[int, Decimal], text: str
    ) -> tuple[dict[int, Fact], int] | None:
        """The one tagged amount the totals are in every column (its fact per column, and the
        sign that turns a printed amount into its value), whose concept or printed line the
        heading names; else None."""
        if not any(totals.values()):
            return None  # a zero is every zero
        scale = table.unit.scale
        keys: set[tuple] | None = None
        per_key: dict[tuple, dict[int, Fact]] = {}
        for column, total in totals.items():
            at = Period(end=table.columns[column].period.end)  # a year's heading: its end
            decimals = _places(table, layout, column) - scale
            hits: dict[tuple, Fact] = {}
            for sign in (1, -1):
                value = sign * total * Decimal(10) ** scale
                for fact in self.amounts.near(at, value, decimals):
                    if agrees(fact, value, decimals):
                        hits.setdefault((fact.concept.qname, fact.dims, sign), fact)
            keys = set(hits) if keys is None else keys & set(hits)
            for key, fact in hits.items():
                per_key.setdefault(key, {})[column] = fact
        named = [k for k in keys or () if self._named(next(iter(per_key[k].values())), text)]
        if len(named) != 1:
            return None
        return per_key[named[0]], named[0][2]

    def _parts(
        self, table: Table, totals: dict[int, Decimal]
    ) -> tuple[dict[int, Fact], int] | None:
        """The balance as the sum of the note's parts the ageing sentence names (ageing_parts)."""
        sentence = clause(compact(table.lead_in), words().headings)
        if not sentence:
            return None
        scale = Decimal(10) ** table.unit.scale
        at = {c: (Period(end=table.columns[c].period.end), t * scale) for c, t in totals.items()}
        stated = self.parts.stated(self.index, at, sentence)
        return None if stated is None else (stated, 1)

    def _named(self, fact: Fact, text: str) -> bool:
        """Whether the heading names the fact's concept, or its line as printed."""
        concept = self.vocab.concept_map.concepts.get(fact.concept.name)
        names = [fact.concept.label]
        if concept is not None and not fact.concept.extension:
            names += concept.labels.all_wordings()
        label = _ASIDE.sub("", core_wording(fact.label))
        for word in TOTAL_WORDS:
            label = label.removesuffix(word)
        names.append(label)
        return any(len(n) >= _SHORTEST_NAME and compact(n) in text for n in names)

    def _facts(
        self, index: int, table: Table, layout: _Layout, balance: tuple[dict[int, Fact], int]
    ) -> list[Fact]:
        stated, sign = balance
        scale = table.unit.scale
        rows = [(i, self.bands.qname(band, wording)) for i, band, wording in layout.bands]
        if layout.total is not None:
            rows.append((layout.total, None))
        facts = []
        for row, member in rows:
            for column, fact in stated.items():
                cell = table.rows[row].cells[column]
                dims = (*fact.dims, (ageing_axis(), member)) if member else fact.dims
                where = fact.cell.line
                facts.append(
                    printed_again(
                        fact,
                        cell,
                        (index, row, column),
                        sign=sign,
                        scale=scale,
                        label=table.rows[row].printed_label,
                        method="ageing",
                        evidence=f"age bands adding up to the amount of line {where}",
                        dims=dims,
                    )
                )
        return facts

    def _report(self, table: Table, code: str, why: str, rows: list[int]) -> list[Finding]:
        return [
            finding(code, why, cell_source(table, cell), cell.text)
            for r in rows
            for column, cell in enumerate(table.rows[r].cells)
            if not cell.blank and (self.index, r, column) not in self.tagged
        ]


def _amount_columns(table: Table) -> list[int]:
    """The columns of amounts (percentages beside them left aside), if each has a date."""
    columns = [i for i, c in enumerate(table.columns) if not c.ratio]
    return columns if all(table.columns[i].period for i in columns) else []


def _places(table: Table, layout: _Layout, column: int) -> int:
    """Digits after the point of a column's total as printed (else of its finest band)."""
    if layout.total is not None:
        return table.rows[layout.total].cells[column].places
    return max(table.rows[i].cells[column].places for i, _, _ in layout.bands)


def _consistent(new: list[Fact], facts: list[Fact]) -> tuple[list[Fact], list[Finding]]:
    """The new facts that agree, at the coarser precision, with every fact of their concept
    and context (the discussion's 629.7百萬元 is not the note's 629,753千元): the finest
    first, so a rounded copy gives way to the figure it rounds."""
    groups: dict[tuple, list[Fact]] = {}
    asked = {f.concept.qname for f in new}  # a context key costs: only the concepts asked
    for fact in facts:
        if fact.concept.qname in asked:
            groups.setdefault((fact.concept.qname, fact.context_key()), []).append(fact)
    kept, findings = [], []
    for fact in sorted(new, key=lambda f: -f.decimals):
        group = groups.setdefault((fact.concept.qname, fact.context_key()), [])
        if all(fact.agrees_with(other) for other in group):
            group.append(fact)
            kept.append(fact)
        else:
            why = "the band differs, beyond rounding, from the same band printed elsewhere"
            source = Source(line=fact.cell.line)
            findings.append(finding("ageing-duplicate-differs", why, source, fact.cell.text))
    order = {id(f): i for i, f in enumerate(new)}
    return sorted(kept, key=lambda f: order[id(f)]), findings


def ageing_facts(
    tables: list[Table],
    facts: list[Fact],
    vocab: Vocabulary,
    taken: frozenset[str],
    script: str = "zh-Hant",
) -> AgeingResult:
    """The stage: the ageing analyses' facts, what kept the others from being tagged, and
    the axis and members of the filing's own they use (labelled in ``script``, the
    report's)."""
    reader = Ageing(facts, vocab, taken)
    new, findings = [], []
    for index, table in enumerate(tables):
        read, said = reader.read(index, table)
        new += read
        findings += said
    kept, differ = _consistent(new, facts)
    used = {m for f in kept for _, m in f.dims}
    made = reader.bands.members(script)
    bands = [m for m in made if m.kind == "member" and f"{EXTENSION_PREFIX}:{m.name}" in used]
    members = [m for m in made if m.kind != "member"] + bands if bands else []
    return AgeingResult(facts=kept, findings=findings + differ, members=members)
