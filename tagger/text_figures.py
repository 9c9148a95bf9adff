"""Rule: figures in running text that restate a line of the statements.

    我們的收入由2022年的人民幣3,808.5百萬元下降10.6%至2023年的人民幣3,405.8百萬元
    我們於2023年的其他虧損淨額為人民幣808.2百萬元

A figure is tagged only where its clause names, just before it, a statement line in the
taxonomy's own wording (no fuzzy match) and the financial year it is for, and where the
statements print that line for that year in the same currency. The figure then takes that
fact's concept, period and sign, with its own precision (3,405.8 百萬元: decimals -5), and
must agree with it within that precision: a figure that does not is reported
(``text-figure-differs``), never tagged. A clause whose words point the other way (溢利 in
the text, 虧損 in the statement) is left alone. Every other figure stays reported by the
coverage stage.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tagger.facts import Fact
from tagger.findings import Finding, Source, finding
from tagger.matcher import Matcher
from tagger.model import Cell, Document
from tagger.units import CURRENCIES, SCALES
from tagger.vocabulary import Vocabulary

_CURRENCY = "|".join(re.escape(w) for w, _ in CURRENCIES if not w.isascii())
_SCALE = "|".join(re.escape(w) for w, _ in SCALES if not w.isascii())
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _amount(n: int) -> str:
    """人民幣3,405.8百萬元, or 3.4億港元 (the currency after the amount)."""
    return (
        rf"(?:(?P<cur{n}>{_CURRENCY})\s*(?P<num{n}>{_NUMBER})\s*(?P<scale{n}>{_SCALE})?元"
        rf"|(?P<num{n}b>{_NUMBER})\s*(?P<scale{n}b>{_SCALE})?(?P<cur{n}b>港元|美元|港币))"
    )


def _year(n: int) -> str:
    return rf"(?P<year{n}>\d{{4}})\s*年度?的?"


# subject 由 year 的 amount … 至 year 的 amount
_FROM_TO = re.compile(
    rf"(?P<subject>[^，。；,;：:]{{1,24}}?)[由從从]{_year(1)}{_amount(1)}"
    rf"[^，。；,;]{{0,16}}?[至到]{_year(2)}{_amount(2)}"
)
# (於) year 的 subject 為 amount
_ONE_YEAR = re.compile(
    rf"(?:[於于在])?{_year(1)}(?P<subject>[^，。；,;：:\d]{{1,20}}?)"
    rf"(?:為|为|達|达|約為|约为|合共為|共計){_amount(1)}"
)
# Who the clause is about (我們的收入): the line's wording is what follows the last of them,
# also where a heading printed just above ran into the sentence (收入我們的收入由…).
_WHO = re.compile(r"(?:我們|我们|本集團|本集团|集團|集团|本公司|公司)的?")
_LOSS_WORDS = ("虧損", "亏损", "虧絀", "亏绌")
_PROFIT_WORDS = ("溢利", "利潤", "利润", "盈利")
_MONEY_WORDS = ("元", "港币")  # every amount the patterns read ends in one of these
_STATEMENTS = ("income", "comprehensive_income", "cash_flows")
_SURE = 0.9


def _points_other_way(subject: str, label: str) -> bool:
    said_loss = any(w in subject for w in _LOSS_WORDS)
    said_profit = any(w in subject for w in _PROFIT_WORDS)
    printed_loss = any(w in label for w in _LOSS_WORDS)
    printed_profit = any(w in label for w in _PROFIT_WORDS) and not printed_loss
    return (said_loss and printed_profit) or (said_profit and printed_loss and not said_loss)


class _Figure:
    """One amount of a clause: where it starts in the block's text, as printed."""

    def __init__(self, match: re.Match, n: int, offset: int):
        plain = match.group(f"num{n}") is not None
        suffix = "" if plain else "b"
        self.number = match.group(f"num{n}{suffix}")
        self.start = offset + match.start(f"num{n}{suffix}")
        self.currency = next(iso for w, iso in CURRENCIES if w == match.group(f"cur{n}{suffix}"))
        scale_word = match.group(f"scale{n}{suffix}")
        self.scale = next((p for w, p in SCALES if w == scale_word), 0)
        self.year = int(match.group(f"year{n}"))
        digits = self.number.replace(",", "")
        self.places = len(digits.split(".")[1]) if "." in digits else 0
        self.amount = Decimal(digits)


class TextFigures:
    """Finds the figures of one document's running text that restate its statements."""

    def __init__(self, facts: list[Fact], vocab: Vocabulary):
        self.matcher = Matcher(vocab)
        # the statements' facts with no dimension, by (concept, year of a whole-year period)
        self.stated: dict[tuple[str, int], Fact] = {}
        for fact in facts:
            period = fact.period
            whole_year = period.start is not None and (period.end - period.start).days >= 360
            if fact.statement in _STATEMENTS and not fact.dims and whole_year:
                self.stated.setdefault((fact.concept.qname, period.end.year), fact)

    def _statement_fact(self, subject: str, year: int) -> Fact | None:
        subject = _said(subject)
        if not subject:
            return None
        for kind in _STATEMENTS:
            found = self.matcher.match_row(subject, kind, None, False, fuzzy=False)
            if found.concept is None or found.method == "fuzzy" or found.confidence < _SURE:
                continue
            fact = self.stated.get((f"{found.concept.prefix}:{found.concept.name}", year))
            if fact is not None and not _points_other_way(subject, fact.label):
                return fact
        return None

    def _fact(self, stated: Fact, figure: _Figure, subject: str, block: int, line: int) -> Fact:
        scale = figure.scale
        sign = -1 if stated.value < 0 else 1
        return Fact(
            concept=stated.concept,
            period=stated.period,
            unit=stated.unit,
            currency=stated.currency,
            decimals=figure.places - scale,
            scale=scale,
            value=sign * figure.amount * Decimal(10) ** scale,
            cell=Cell(text=figure.number, line=line, value=figure.amount, places=figure.places),
            table=-1,
            row=-1,
            column=-1,
            statement="text",
            label=subject,
            method="text",
            confidence=_SURE,
            evidence=f"restates the statement's line {stated.cell.line}",
            wording=stated.wording,
            in_text=(block, figure.start),
        )

    def read(self, document: Document, lines: dict[int, str]) -> tuple[list[Fact], list[Finding]]:
        facts: list[Fact] = []
        findings: list[Finding] = []
        taken: set[int] = set()  # offsets, per block, of figures already read
        for index, block in enumerate(document.blocks):
            if block.kind != "paragraph" or not any(w in block.text for w in _MONEY_WORDS):
                continue
            taken.clear()
            starts = _line_starts(block.lines, lines)
            for pattern, count in ((_FROM_TO, 2), (_ONE_YEAR, 1)):
                for match in pattern.finditer(block.text):
                    subject = match.group("subject")
                    for n in range(1, count + 1):
                        figure = _Figure(match, n, 0)
                        if figure.start in taken:
                            continue
                        taken.add(figure.start)
                        stated = self._statement_fact(subject, figure.year)
                        if stated is None or stated.currency != figure.currency:
                            continue
                        line = _line_of(figure.start, starts)
                        said = _said(subject)
                        fact = self._fact(stated, figure, said, index, line)
                        if stated.agrees_with(fact):
                            facts.append(fact)
                        else:
                            findings.append(_differs(fact, stated, line))
        return facts, findings


def _said(subject: str) -> str:
    """The wording a clause names its line with: after the last 我們的 / 本集團的."""
    return _WHO.split(subject.strip())[-1].strip()


def _differs(fact: Fact, stated: Fact, line: int) -> Finding:
    return finding(
        "text-figure-differs",
        f"{fact.label} {fact.period.end.year}: the text prints {fact.cell.text}, the statement "
        f"{stated.cell.text} (line {stated.cell.line})",
        Source(line=line),
        fact.cell.text,
    )


def _line_starts(numbers: tuple[int, ...], lines: dict[int, str]) -> list[tuple[int, int]]:
    """(offset in the block's text, line number) of each of its lines: the block's text is
    its lines' texts run together."""
    starts, offset = [], 0
    for number in numbers:
        starts.append((offset, number))
        offset += len(lines.get(number, ""))
    return starts


def _line_of(offset: int, starts: list[tuple[int, int]]) -> int:
    return next((number for start, number in reversed(starts) if start <= offset), starts[0][1])


def text_figures(
    document: Document, facts: list[Fact], vocab: Vocabulary, lines: dict[int, str]
) -> tuple[list[Fact], list[Finding]]:
    """The stage: facts for the figures of running text that restate a statement line, and
    the figures that disagree with their statement line."""
    return TextFigures(facts, vocab).read(document, lines)
