"""Rule: a provision matrix of expected credit losses, by age band, collective and individual.

    於2023年12月31日，個別已減值的貿易應收款項的虧損撥備釐定如下：
    貿易應收款項 959,677 69.18% (663,922) 可能收回
    於2023年12月31日
                   最多6個月  6個月至1年 … 超過4年     總計
    預期信用虧損比率  14.53%     27.90% …  100.00%   不適用
    總賬面值－貿易應收款項（人民幣千元）
                  1,039,635   242,753 …  254,058  6,952,342
    虧損撥備（人民幣千元）
                  (151,044)  (67,720) … (254,058) (3,527,470)

Tagged only when the table proves itself: its header names one date; its columns are age
bands (tagger.age_bands) in order, covering the ages with no gap or overlap, then a total;
its amount rows are one gross carrying amount and one loss allowance, each adding up across
the bands to its total; and the collective total plus the receivables assessed one by one
(a line printed above the matrix under the same date, if any) is the gross amount another
rule tagged for that date, as the two allowances are its tagged allowance. The concept is
that balance's; the method of assessment is IFRS's axis (collectively / individually
assessed); the bands are the ageing rule's members. Rates have no IFRS concept: reported.
"""

from __future__ import annotations

import functools
import tomllib
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from tagger.age_bands import ASIDE, Band, covers_ages, read_band
from tagger.ageing import Bands, ageing_axis
from tagger.arithmetic import TOTAL_WORDS
from tagger.extensions import EXTENSION_PREFIX, ExtensionMember
from tagger.facts import OTHER_TABLE, Fact, cell_source, printed_again
from tagger.findings import Finding, finding
from tagger.lines import NOT_APPLICABLE
from tagger.model import Cell, Document, Period, Table
from tagger.regex_cache import regex
from tagger.row_units import NOT_PERIODS
from tagger.text_figures import line_starts
from tagger.vocabulary import Vocabulary, compact
from tagger.wording import core_wording
from taxonomy.loader import DATA_DIR, simplified

_CARRYING = (
    "ifrs-full:CarryingAmountAccumulatedDepreciationAmortisation"
    "AndImpairmentAndGrossCarryingAmountAxis"
)
_GROSS = (_CARRYING, "ifrs-full:GrossCarryingAmountMember")
_IMPAIRED = (_CARRYING, "ifrs-full:AccumulatedImpairmentMember")
_DATE = regex(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_GROUPED = r"\d{1,3}(?:,\d{3})*"
# one receivable (or class) assessed by itself: label, gross, rate, allowance, a reason
_INDIVIDUAL = regex(
    rf"^(?P<label>[^\d(（]+?)\s*(?P<gross>{_GROUPED})\s+\d+(?:\.\d+)?%\s+"
    rf"(?P<open>[(（]?)(?P<allowance>{_GROUPED})[)）]?(?:\s+[^\d]*)?$"
)
_SHORTEST_NAME = 3  # a balance's name: 應收票據, 貿易應收款項


class EclResult(NamedTuple):  # a stage's result: no model class to build or validate
    facts: list[Fact]  # the matrices' cells
    text_facts: list[Fact]  # the individually assessed lines, figures of the text
    findings: list[Finding]
    members: list[ExtensionMember]  # band members (and the ageing axis) not made before


@functools.cache
def _data() -> dict:
    return tomllib.loads((DATA_DIR / "ecl_matrix.toml").read_text(encoding="utf-8"))


def _words(kind: str) -> tuple[str, ...]:
    words = _data()["rows"][kind]
    return tuple({compact(w) for w in words} | {compact(simplified(w)) for w in words})


def _method(which: str) -> tuple[str, str]:
    members = _data()["members"]
    return f"ifrs-full:{members['axis']}", f"ifrs-full:{members[which]}"


def _kind(label: str) -> str | None:
    text = compact(label)
    for kind in ("rate", "allowance", "gross"):
        if any(w in text for w in _words(kind)):
            return kind
    return None


class _Matrix(NamedTuple):  # a stage's own value (NamedTuples: no model class to build)
    """A matrix's date, its band columns (band, wording) then the total, and its rows."""

    day: date
    bands: list[tuple[Band, str]]
    gross: int
    allowance: int
    rates: list[int]


def _rows(table: Table) -> tuple[int, int, list[int]] | None:
    """The gross row, the allowance row and the rate rows, if those are all the rows."""
    kinds: dict[str, list[int]] = {"rate": [], "gross": [], "allowance": []}
    for index, row in enumerate(table.rows):
        if row.cells:
            kind = _kind(row.label)
            if kind is None:
                return None
            kinds[kind].append(index)
    if len(kinds["gross"]) != 1 or len(kinds["allowance"]) != 1:
        return None
    return kinds["gross"][0], kinds["allowance"][0], kinds["rate"]


def _heads(table: Table) -> tuple[set[date], list[tuple[Band | None, str]] | None]:
    """The dates the header names, and its column heads: a head printed over lines (最多 /
    6個月) is its words joined until they read as a band or a total."""
    days: set[date] = set()
    heads: list[tuple[Band | None, str]] = []
    pending = ""
    for line in table.header_lines:
        if found := _DATE.findall(line):
            days |= {date(*map(int, f)) for f in found}
            continue
        for token in line.split():
            pending += compact(token)
            if pending in TOTAL_WORDS:
                heads.append((None, pending))
                pending = ""
            elif (band := read_band(pending)) is not None:
                heads.append((band, pending))
                pending = ""
    return days, None if pending else heads


def _matrix(table: Table) -> _Matrix | str | None:
    """The matrix, why a table shaped like one cannot be read, or None: no matrix."""
    if table.statement is not None or table.problem != NOT_PERIODS:
        return None
    rows = _rows(table)
    if rows is None:
        return None
    gross, allowance, rates = rows
    days, heads = _heads(table)
    if not days:
        days = {date(*map(int, f)) for f in _DATE.findall(table.lead_in or table.context)}
    if len(days) != 1:
        return "the matrix names no date, or more than one"
    width = len(table.rows[gross].cells)
    if heads is None or len(heads) != width or any(b is None for b, _ in heads[:-1]):
        return "the column heads are not age bands then a total, one per amount"
    if heads[-1][0] is not None:
        return "the last column is no total"
    bands = [(b, w) for b, w in heads[:-1] if b is not None]
    in_order = sorted(bands, key=lambda h: h[0].lower.sort_key() if h[0].lower else -1.0)
    if not covers_ages([b for b, _ in bands]) or in_order != bands:
        return "the bands leave a gap or overlap, or are not printed youngest first"
    for index in (gross, allowance):
        row = table.rows[index]
        if len(row.cells) != width or any(c.value is None for c in row.cells):
            return "an amount row with a cell per column missing"
        if row.unit is None or row.unit.kind != "money":
            return "an amount row printing no currency"
    if table.rows[gross].unit != table.rows[allowance].unit:
        return "the gross amount and the allowance are printed in different units"
    return _Matrix(day=days.pop(), bands=bands, gross=gross, allowance=allowance, rates=rates)


class _Individual(NamedTuple):
    """A line of receivables assessed one by one: where its two amounts are printed."""

    label: str
    line: int
    block: int
    gross: tuple[int, str]  # offset in the block's text, the number as printed
    allowance: tuple[int, str]
    bracketed: bool

    def amount(self, which: str) -> Decimal:
        text = getattr(self, which)[1]
        value = Decimal(text.replace(",", ""))
        return -value if which == "allowance" and self.bracketed else value


def _individuals(
    document: Document, start: int, end: int, day: date, lines: dict[int, str]
) -> list[_Individual]:
    """The individually assessed lines of the text blocks start..end-1 under ``day``: the
    last date printed above a line is its date."""
    found, current = [], None
    for index in range(start, end):
        block = document.blocks[index]
        if block.kind not in ("paragraph", "heading"):
            continue
        for offset, number in line_starts(block.lines, lines):
            text = lines.get(number, "")
            match = _INDIVIDUAL.match(text)
            if match is None:
                if days := _DATE.findall(text):
                    current = date(*map(int, days[-1]))
                continue
            if current != day:
                continue
            found.append(
                _Individual(
                    label=match.group("label"),
                    line=number,
                    block=index,
                    gross=(offset + match.start("gross"), match.group("gross")),
                    allowance=(offset + match.start("allowance"), match.group("allowance")),
                    bracketed=bool(match.group("open")),
                )
            )
    return found


class EclMatrices:
    """Reads one document's provision matrices against the balances other rules tagged."""

    def __init__(self, facts: list[Fact], vocab: Vocabulary, bands: Bands):
        self.vocab = vocab
        self.bands = bands
        # gross amounts and allowances of a note's or statement's table, by date and value
        # (looked up, not searched: a long document is no slower per matrix)
        self.gross: dict[tuple[date, Decimal], list[Fact]] = {}
        self.allowances: dict[tuple[str, date, Decimal], list[Fact]] = {}
        for fact in facts:
            if fact.in_text is not None or fact.table < 0 or not fact.period.is_instant:
                continue
            if fact.dims == (_GROSS,):
                self.gross.setdefault((fact.period.end, fact.value), []).append(fact)
            elif fact.dims == (_IMPAIRED,):
                key = (fact.concept.qname, fact.period.end, fact.value)
                self.allowances.setdefault(key, []).append(fact)

    def read(
        self, document: Document, lines: dict[int, str]
    ) -> tuple[list[Fact], list[Fact], list[Finding]]:
        facts, text_facts, findings = [], [], []
        tables, after = -1, 0  # the index of each table; the block after the last table
        for index, block in enumerate(document.blocks):
            if block.table is None:
                continue
            tables += 1
            matrix = _matrix(block.table)
            if matrix is None:
                after = index + 1
                continue
            said = self._rates(block.table, matrix)
            if isinstance(matrix, str):
                said += _report(block.table, "ecl-matrix-unclear", matrix)
            else:
                alone = _individuals(document, after, index, matrix.day, lines)
                read = self._read(tables, block.table, matrix, alone)
                if isinstance(read, tuple):
                    facts += read[0]
                    text_facts += read[1]
                else:
                    said += read
            findings += said
            after = index + 1
        return facts, text_facts, findings

    def _rates(self, table: Table, matrix: _Matrix | str) -> list[Finding]:
        rows = matrix.rates if isinstance(matrix, _Matrix) else []
        if isinstance(matrix, str):
            rows = [i for i, r in enumerate(table.rows) if r.cells and _kind(r.label) == "rate"]
        why = "a rate of expected credit loss: IFRS has no concept for it"
        return [
            finding("ecl-matrix-rate", why, cell_source(table, cell), cell.text)
            for r in rows
            for cell in table.rows[r].cells
            if cell.text not in NOT_APPLICABLE
        ]

    def _read(
        self, index: int, table: Table, matrix: _Matrix, alone: list[_Individual]
    ) -> tuple[list[Fact], list[Fact]] | list[Finding]:
        gross_row, allowance_row = table.rows[matrix.gross], table.rows[matrix.allowance]
        for row in (gross_row, allowance_row):
            *bands, total = (c.value for c in row.cells)
            if sum(bands, Decimal(0)) != total:
                why = f"the bands add up to {sum(bands, Decimal(0))}, not the printed total"
                return _report(table, "ecl-matrix-sum-differs", why)
        # the balance is named by the gross row (總賬面值－貿易應收款項) or the lead-in
        label = ASIDE.sub("", core_wording(gross_row.label))
        balance = compact("".join((label, table.lead_in, table.context)))
        alone = [a for a in alone if len(a.label) >= _SHORTEST_NAME and compact(a.label) in balance]
        if len(alone) > 1:
            why = "more than one line of receivables assessed one by one for its date"
            return _report(table, "ecl-matrix-unproved", why)
        proved = self._proved(table, matrix, alone[0] if alone else None, balance)
        if proved is None:
            why = (
                "the collective total (with the receivables assessed one by one) is not the "
                "gross amount and allowance tagged for its date"
            )
            return _report(table, "ecl-matrix-unproved", why)
        gross, allowance, sign = proved
        facts = self._cells(index, table, matrix, matrix.gross, gross, 1)
        facts += self._cells(index, table, matrix, matrix.allowance, allowance, sign)
        scale = gross_row.unit.scale
        text = [_text_fact(gross, a, "gross", 1, scale) for a in alone]
        text += [_text_fact(allowance, a, "allowance", sign, scale) for a in alone]
        return facts, text

    def _proved(
        self, table: Table, matrix: _Matrix, alone: _Individual | None, balance: str
    ) -> tuple[Fact, Fact, int] | None:
        """The one balance whose gross amount and allowance for the date the collective
        totals and the individual line add up to (and the allowance's sign), named by the
        gross row; else None."""
        unit = table.rows[matrix.gross].unit
        power = Decimal(10) ** unit.scale
        gross = table.rows[matrix.gross].cells[-1].value
        allowance = table.rows[matrix.allowance].cells[-1].value
        if alone is not None:
            gross += alone.amount("gross")
            allowance += alone.amount("allowance")
        found = []
        for fact in self.gross.get((matrix.day, gross * power), []) if gross else []:
            if fact.currency != unit.currency or not self._named(fact, balance):
                continue
            for sign in (1, -1):
                key = (fact.concept.qname, matrix.day, sign * allowance * power)
                found += [(fact, other, sign) for other in self.allowances.get(key, [])]
        keys = {(g.concept.qname, a.value) for g, a, _ in found}
        return found[0] if len(keys) == 1 else None

    def _named(self, fact: Fact, text: str) -> bool:
        """Whether the gross row names the fact's concept, or its line as printed."""
        concept = self.vocab.concept_map.concepts.get(fact.concept.name)
        names = [fact.concept.label, core_wording(fact.label)]
        if concept is not None and not fact.concept.extension:
            names += concept.labels.all_wordings()
        return any(len(n) >= _SHORTEST_NAME and compact(n) in text for n in names)

    def _cells(
        self, index: int, table: Table, matrix: _Matrix, row: int, stated: Fact, sign: int
    ) -> list[Fact]:
        printed = table.rows[row]
        scale = printed.unit.scale
        collective = _method("collective")
        members = [self.bands.qname(b, w) for b, w in matrix.bands] + [None]
        return [
            printed_again(
                stated,
                cell,
                (index, row, column),
                sign=sign,
                scale=scale,
                label=printed.printed_label,
                method="ecl-matrix",
                evidence=f"a provision matrix adding up to the amount of line {stated.cell.line}",
                dims=(*stated.dims, collective, *([(ageing_axis(), member)] if member else [])),
                period=Period(end=matrix.day),
            )
            for column, (cell, member) in enumerate(zip(printed.cells, members, strict=True))
        ]


def _text_fact(stated: Fact, alone: _Individual, which: str, sign: int, scale: int) -> Fact:
    """An individually assessed amount, a figure of the text on the individual member."""
    start, number = getattr(alone, which)
    cell = Cell(text=number, line=alone.line, value=Decimal(number.replace(",", "")))
    return stated.model_copy(
        update={
            "dims": (*stated.dims, _method("individual")),
            "decimals": -scale,
            "scale": scale,
            "value": sign * alone.amount(which) * Decimal(10) ** scale,
            "cell": cell,
            "table": -1,
            "row": -1,
            "column": -1,
            "statement": OTHER_TABLE,  # the matrix's hypercube holds its member
            "label": alone.label,
            "method": "ecl-matrix",
            "confidence": 1.0,
            "evidence": f"assessed one by one; with the matrix, line {stated.cell.line}",
            "in_text": (alone.block, start),
        }
    )


def _report(table: Table, code: str, why: str) -> list[Finding]:
    return [
        finding(code, why, cell_source(table, cell), cell.text)
        for row in table.rows
        if _kind(row.label) in ("gross", "allowance")
        for cell in row.cells
        if cell.value is not None
    ]


def _seeded(taken: frozenset[str], made: list[ExtensionMember]) -> Bands:
    """The ageing rule's band members, so a band the ageing analysis printed is one member."""
    bands = Bands(taken | {m.name for m in made})
    for member in made:
        band = read_band(member.label) if member.kind == "member" else None
        if band is not None:
            bands.made.setdefault(band.key(), member)
    return bands


def ecl_matrix_facts(
    document: Document,
    facts: list[Fact],
    vocab: Vocabulary,
    taken: frozenset[str],
    made: list[ExtensionMember],
    lines: dict[int, str],
    script: str = "zh-Hant",
) -> EclResult:
    """The stage: the provision matrices' facts and the individually assessed lines' (figures
    of the text), why the others were left, and the band members not among ``made`` (the
    ageing rule's)."""
    bands = _seeded(taken, made)
    reader = EclMatrices(facts, vocab, bands)
    cells, text, findings = reader.read(document, lines)
    used = {m for f in cells for _, m in f.dims}
    before = {m.name for m in made}
    new = [
        m
        for m in bands.members(script)
        if m.name not in before and (m.kind != "member" or f"{EXTENSION_PREFIX}:{m.name}" in used)
    ]
    return EclResult(facts=cells, text_facts=text, findings=findings, members=new)
