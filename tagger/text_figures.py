"""Rule: figures in running text that restate a line of the statements.

    我們的收入由2022年的人民幣3,808.5百萬元下降10.6%至2023年的人民幣3,405.8百萬元
    我們於2023年的其他虧損淨額為人民幣808.2百萬元
    截至2023年12月31日止年度，經營活動所用現金淨額為人民幣3,234.3百萬元
    應收款項由截至2022年12月31日的人民幣6,071.7百萬元減少至截至2023年12月31日的…
    我們的生成式AI收入由2022年的人民幣394.7百萬元增長至2023年的人民幣1,183.7百萬元

A figure is tagged only where its clause names, just before it, a statement line in the
taxonomy's own wording (no fuzzy match) and the period it is for, and where the report
holds that line for that period in the same currency. The period is a financial year (2023年),
a year printed to its end (截至2023年12月31日止年度), or a date (截至2023年12月31日, 於…):
a date is a balance at that date, so only a balance-sheet line takes it. The period may lead
its sentence (截至…止年度，…為…). A line broken down by a member (生成式AI收入: a row 生成式AI
of a revenue table on an axis) is named by the row's label before the line's wording.
The figure takes that fact's concept, dimensions, period and sign, with its own precision
(3,405.8 百萬元: decimals -5), and must agree with it within that precision: a figure that
does not is reported (``text-figure-differs``), never tagged. A clause whose words point
the other way (溢利 in the text, a loss in the statement; 所用 for an inflow) is left alone.
Every other figure stays reported by the coverage stage.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from tagger.facts import Fact
from tagger.findings import Finding, Source, finding
from tagger.matcher import Matcher
from tagger.model import Cell, Document, Period
from tagger.units import CURRENCIES, SCALES
from tagger.vocabulary import Vocabulary, compact

_CURRENCY = "|".join(re.escape(w) for w, _ in CURRENCIES if not w.isascii())
_SCALE = "|".join(re.escape(w) for w, _ in SCALES if not w.isascii())
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _amount(n: int) -> str:
    """人民幣3,405.8百萬元, or 3.4億港元 and 1,500.8百萬元人民幣 (the currency after the
    amount)."""
    return (
        rf"(?:(?P<cur{n}>{_CURRENCY})\s*(?P<num{n}>{_NUMBER})\s*(?P<scale{n}>{_SCALE})?元"
        rf"|(?P<num{n}b>{_NUMBER})\s*(?P<scale{n}b>{_SCALE})?"
        rf"(?P<cur{n}b>港元|美元|港币|元人民幣|元人民币))"
    )


def _when(n: int) -> str:
    """2023年(度)(的): a financial year; (截至|於)2023年12月31日(止年度)(的): a date, the
    end of a year when 止年度 follows."""
    return (
        rf"(?:截至|於|于)?\s*(?P<year{n}>\d{{4}})\s*年"
        rf"(?:\s*(?P<month{n}>\d{{1,2}})\s*月\s*(?P<day{n}>\d{{1,2}})\s*日"
        rf"(?P<upto{n}>止(?:財政|财政)?年度?)?|度)?的?"
    )


# subject 由 when 的 amount … 至 when 的 amount
_FROM_TO = re.compile(
    rf"(?P<subject>[^，。；,;：:]{{1,24}}?)[由從从]\s*{_when(1)}\s*{_amount(1)}"
    rf"[^，。；,;]{{0,16}}?[至到]\s*{_when(2)}\s*{_amount(2)}"
)
# (於) when(，) subject 為 amount
_ONE_YEAR = re.compile(
    rf"(?:[於于在])?{_when(1)}[，,]?\s*(?P<subject>[^，。；,;：:\d]{{1,20}}?)"
    rf"(?:為|为|達|达|約為|约为|合共為|共計)\s*{_amount(1)}"
)
# ，subject 為 amount: a later clause of a sentence that a period leads (2023年集團總收入為…，
# 同比下降10.6%，毛利潤為1,500.8百萬元人民幣): the clause takes the sentence's period
_LATER_CLAUSE = re.compile(
    rf"[，,]\s*(?P<subject>[^，。；,;：:\d]{{1,20}}?)(?:為|为|達|达|約為|约为)\s*{_amount(1)}"
)
_SENTENCE_LEAD = re.compile(rf"\s*(?:[於于在])?{_when(1)}")
_SENTENCE_ENDS = ("。", "；", ";")
# words that name another period than the sentence's (去年毛利為…)
_OTHER_PERIOD = re.compile(
    r"去年|上年|前年|同期|上一|往年|前一|下年|明年|首[一二三四五六]?個?月|上半|下半"
)
# (when(，)) subject 為 amount（prior year：amount）: the comparative in brackets, as Hong Kong
# issuers print it; with no period before the subject the first amount is the year after
# the bracket's
_WITH_PRIOR = re.compile(
    rf"(?:{_when(1)}[，,]?\s*)?(?P<subject>[^，。；,;：:\d（(]{{1,24}}?)"
    rf"(?:為|为|達|达|約為|约为|合共為|共計|增加至|增至|減少至|减少至|下降至|上升至)\s*"
    rf"{_amount(1)}\s*[（(]\s*(?P<year2>\d{{4}})\s*年度?\s*[：:]\s*{_amount(2)}\s*[）)]"
)
# Who the clause is about (我們的收入): the line's wording is what follows the last of them,
# also where a heading printed just above ran into the sentence (收入我們的收入由…).
_WHO = re.compile(r"(?:我們|我们|本集團|本集团|集團|集团|本公司|公司)的?")
_LOSS_WORDS = ("虧損", "亏损", "虧絀", "亏绌")
_PROFIT_WORDS = ("溢利", "利潤", "利润", "盈利")
_OUTFLOW = re.compile(r"所用|流出")
_INFLOW = re.compile(r"所得(?![稅税])|流入")  # 所得稅 is income tax, not an inflow
_MONEY_WORDS = ("元", "港币")  # every amount the patterns read ends in one of these
_STATEMENTS = ("income", "comprehensive_income", "cash_flows")
_BALANCES = ("financial_position",)
_SURE = 0.9
_NET = ("淨額", "净额")


def _points_other_way(subject: str, stated: Fact) -> bool:
    label = stated.label
    said_loss = any(w in subject for w in _LOSS_WORDS)
    said_profit = any(w in subject for w in _PROFIT_WORDS)
    printed_loss = any(w in label for w in _LOSS_WORDS)
    printed_profit = any(w in label for w in _PROFIT_WORDS) and not printed_loss
    said_out = _OUTFLOW.search(subject) is not None
    said_in = _INFLOW.search(subject) is not None and not said_out
    return (
        (said_loss and printed_profit)
        or (said_profit and printed_loss and not said_loss)
        or (said_out and stated.value > 0)
        or (said_in and stated.value < 0)
    )


class _Figure:
    """One amount of a clause: where it starts in the block's text, as printed, and the
    period its clause names."""

    def __init__(self, match: re.Match, n: int, when: tuple | None):
        plain = match.group(f"num{n}") is not None
        suffix = "" if plain else "b"
        self.number = match.group(f"num{n}{suffix}")
        self.start = match.start(f"num{n}{suffix}")
        printed = match.group(f"cur{n}{suffix}").removeprefix("元")
        self.currency = next(iso for w, iso in CURRENCIES if w == printed)
        scale_word = match.group(f"scale{n}{suffix}")
        self.scale = next((p for w, p in SCALES if w == scale_word), 0)
        self.when = when
        digits = self.number.replace(",", "")
        self.places = len(digits.split(".")[1]) if "." in digits else 0
        self.amount = Decimal(digits)

    @property
    def instant(self) -> bool:
        return self.when is not None and self.when[0] == "at"


def _sentence_period(text: str, at: int) -> tuple | None:
    """The period that leads the sentence holding offset ``at``, if one does."""
    start = max(text.rfind(end, 0, at) for end in _SENTENCE_ENDS) + 1
    lead = _SENTENCE_LEAD.match(text, start)
    return _period_key(lead, 1) if lead else None


def _periods(pattern: re.Pattern, match: re.Match) -> list[tuple | None]:
    """The period key of each amount of a clause."""
    if pattern is _LATER_CLAUSE:
        if _OTHER_PERIOD.search(match.group("subject")):
            return [None]
        return [_sentence_period(match.string, match.start())]
    if pattern is not _WITH_PRIOR:
        return [_period_key(match, n) for n in range(1, 3 if pattern is _FROM_TO else 2)]
    prior = int(match.group("year2"))
    if match.group("year1") is None:
        return [("year", prior + 1), ("year", prior)]
    when = _period_key(match, 1)
    if when is None or (when[1] if when[0] == "year" else when[1].year) != prior + 1:
        return [None, None]  # a comparative that is not the year before
    if when[0] == "year":
        return [when, ("year", prior)]
    try:
        return [when, (when[0], when[1].replace(year=prior))]
    except ValueError:  # 29 February
        return [when, None]


def _period_key(match: re.Match, n: int) -> tuple | None:
    """("year", 2023) for a financial year, ("to", date) for a year printed to its end,
    ("at", date) for a balance at a date; None for a date that is no date."""
    year = int(match.group(f"year{n}"))
    if match.group(f"month{n}") is None:
        return ("year", year)
    try:
        day = date(year, int(match.group(f"month{n}")), int(match.group(f"day{n}")))
    except ValueError:
        return None
    return ("to" if match.group(f"upto{n}") else "at", day)


def _keys(period: Period) -> list[tuple]:
    """The period keys a fact of the statements answers to."""
    if period.start is None:
        return [("at", period.end)]
    if (period.end - period.start).days < 360:
        return []
    return [("year", period.end.year), ("to", period.end)]


class TextFigures:
    """Finds the figures of one document's running text that restate its statements."""

    def __init__(self, facts: list[Fact], vocab: Vocabulary):
        self.matcher = Matcher(vocab)
        # the statements' facts with no dimension, by (concept, period key)
        self.stated: dict[tuple[str, tuple], Fact] = {}
        # facts on one member of an axis, by the member's printed label and period key
        self.broken_down: dict[tuple[str, tuple], list[Fact]] = {}
        for fact in facts:
            if fact.statement not in (*_STATEMENTS, *_BALANCES) and not fact.dims:
                continue
            for key in _keys(fact.period):
                if not fact.dims:
                    self.stated.setdefault((fact.concept.qname, key), fact)
                elif len(fact.dims) == 1 and fact.in_text is None:
                    member = _member_label(fact.label)
                    if member:
                        self.broken_down.setdefault((member, key), []).append(fact)

    def _concept(self, said: str, figure: _Figure) -> str | None:
        # the text may leave out the 淨額 the statement prints (減值虧損 for 減值虧損淨額)
        for words in (said, *(said + net for net in _NET if not said.endswith(net))):
            for kind in _BALANCES if figure.instant else _STATEMENTS:
                found = self.matcher.match_row(words, kind, None, figure.instant, fuzzy=False)
                if found.concept is None or found.method == "fuzzy" or found.confidence < _SURE:
                    continue
                return f"{found.concept.prefix}:{found.concept.name}"
        return None

    def _statement_fact(self, subject: str, figure: _Figure) -> Fact | None:
        said = _said(subject)
        if not said or figure.when is None:
            return None
        qname = self._concept(said, figure)
        fact = self.stated.get((qname, figure.when)) if qname else None
        if fact is None:
            fact = self._member_fact(said, figure)
        if fact is not None and not _points_other_way(said, fact):
            return fact
        return None

    def _member_fact(self, said: str, figure: _Figure) -> Fact | None:
        """生成式AI收入: the fact of the row 生成式AI on the line 收入's concept, when exactly
        one member's label starts the words and the rest names that concept."""
        words = compact(said)
        found = []
        for cut in range(1, len(words)):
            facts = self.broken_down.get((words[:cut], figure.when), ())
            qname = self._concept(words[cut:], figure) if facts else None
            found += [f for f in facts if f.concept.qname == qname]
        return found[0] if len(found) == 1 else None

    def _fact(self, stated: Fact, figure: _Figure, subject: str, block: int, line: int) -> Fact:
        scale = figure.scale
        sign = -1 if stated.value < 0 else 1
        return Fact(
            concept=stated.concept,
            period=stated.period,
            dims=stated.dims,
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
            evidence=f"restates the line {stated.cell.line}",
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
            starts = line_starts(block.lines, lines)
            for pattern in (_WITH_PRIOR, _FROM_TO, _ONE_YEAR, _LATER_CLAUSE):
                for match in pattern.finditer(block.text):
                    subject = match.group("subject")
                    for n, when in enumerate(_periods(pattern, match), start=1):
                        figure = _Figure(match, n, when)
                        if figure.start in taken:
                            continue
                        taken.add(figure.start)
                        stated = self._statement_fact(subject, figure)
                        if stated is None or stated.currency != figure.currency:
                            continue
                        line = line_of(figure.start, starts)
                        said = _said(subject)
                        fact = self._fact(stated, figure, said, index, line)
                        if stated.agrees_with(fact):
                            facts.append(fact)
                        else:
                            findings.append(_differs(fact, stated, line))
        return facts, findings


def _member_label(label: str) -> str:
    """A row's label as a sentence names it: no dash or note mark (－按時間點確認, 其他*)."""
    return compact(label).strip("－-–—*＊ ")


def _said(subject: str) -> str:
    """The wording a clause names its line with: after the last 我們的 / 本集團的."""
    return _WHO.split(subject.strip())[-1].strip()


def _differs(fact: Fact, stated: Fact, line: int) -> Finding:
    return finding(
        "text-figure-differs",
        f"{fact.label} {fact.period.end}: the text prints {fact.cell.text}, the statement "
        f"{stated.cell.text} (line {stated.cell.line})",
        Source(line=line),
        fact.cell.text,
    )


def line_starts(numbers: tuple[int, ...], lines: dict[int, str]) -> list[tuple[int, int]]:
    """(offset in the block's text, line number) of each of its lines: the block's text is
    its lines' texts run together."""
    starts, offset = [], 0
    for number in numbers:
        starts.append((offset, number))
        offset += len(lines.get(number, ""))
    return starts


def line_of(offset: int, starts: list[tuple[int, int]]) -> int:
    return next((number for start, number in reversed(starts) if start <= offset), starts[0][1])


def text_figures(
    document: Document, facts: list[Fact], vocab: Vocabulary, lines: dict[int, str]
) -> tuple[list[Fact], list[Finding]]:
    """The stage: facts for the figures of running text that restate a statement line, and
    the figures that disagree with their statement line."""
    return TextFigures(facts, vocab).read(document, lines)
