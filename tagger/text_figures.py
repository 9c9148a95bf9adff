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
its sentence (截至…止年度，…為…), and a sentence that says 同比 (year on year) and prints no
year is about the reporting year. A clause that begins 由… takes its sentence's subject. A line
broken down by a member (生成式AI收入: a row 生成式AI of a revenue table on an axis) is named
by the row's label before the line's wording. A line no statement prints may be a note's
total or a non-IFRS measure's reconciliation row (總借款, EBITDA) with no dimension.
Amounts listed 分別為 (respectively) are read by tagger.text_lists. An amount said to be
about (約為) or over (突破, 超過) something is never read.
The figure takes that fact's concept, dimensions, period and sign, with its own precision
(3,405.8 百萬元: decimals -5), and must agree with it within that precision: a figure that
does not is reported (``text-figure-differs``), never tagged. A clause whose words point
the other way (溢利 in the text, a loss in the statement; 所用 for an inflow) is left alone.
Every other figure stays reported by the coverage stage.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal

from tagger.facts import Fact
from tagger.findings import Finding, Source, finding
from tagger.matcher import Matcher
from tagger.model import Cell, Document, Period
from tagger.regex_cache import regex
from tagger.text_amounts import Figure, PeriodKey, matches, period_key
from tagger.text_amounts import amount as _amount
from tagger.text_amounts import when as _when
from tagger.text_lists import listed_figures
from tagger.vocabulary import Vocabulary, compact

# what a clause says its line is: never 約為 (about), 超過 (over) and the like, which are no
# amount the statements print
_IS = r"(?:為|为|達|达|合共為|合共为|共計|共计|則為|则为)"
# subject 由 when 的 amount … 至 when 的 amount; the lookahead, implied by the pattern, turns
# away an offset with no 由 in reach in one quick scan rather than one step per character
_FROM_TO = regex(
    r"(?=[^，。；,;：:由從从]{0,24}+[由從从])"
    rf"(?P<subject>[^，。；,;：:]{{0,24}}?)[由從从]\s*{_when(1)}\s*{_amount(1)}"
    rf"[^，。；,;]{{0,16}}?[至到]\s*{_when(2)}\s*{_amount(2)}"
)
# (於) when(，) subject 為 amount (the lookahead: text_amounts.WHEN_STARTS, or 於 在)
_ONE_YEAR = regex(
    rf"(?=[於于在截\s\d])(?:[於于在])?{_when(1)}[，,]?\s*(?P<subject>[^，。；,;：:\d]{{1,20}}?)"
    rf"{_IS}\s*{_amount(1)}"
)
# ，subject 為 amount: a later clause of a sentence that a period leads (2023年集團總收入為…，
# 同比下降10.6%，毛利潤為1,500.8百萬元人民幣) takes the sentence's period; so does a first
# clause with no period of its own (本集團EBITDA為…，同比減少2.2%: 同比, year on year, with
# no year printed in the sentence, says the reporting year)
_LATER_CLAUSE = regex(
    rf"(?:^|(?<=[，,。；;]))\s*(?P<subject>[^，。；,;：:\d]{{1,20}}?){_IS}\s*{_amount(1)}"
)
_SENTENCE_LEAD = regex(rf"\s*(?:[於于在])?{_when(1)}")
_SENTENCE_ENDS = ("。", "；", ";")
_YEAR_ON_YEAR = regex(r"同比|按年")
_ANY_YEAR = regex(r"\d{4}\s*年")
# the words before what a sentence's subject is said to hold (應收款項主要包括…)
_PREDICATE = regex(r"主要|包括|包含|乃|為|为")
_HOLDS = regex(r"^(?:擁有|拥有|持有|錄得|录得)")
_YEAR_WORD = "年度"  # 2023年的虧損: the year's loss, as the statement prints 年度虧損
# words that name another period than the sentence's (去年毛利為…)
_OTHER_PERIOD = regex(
    r"去年|上年|前年|同期|上一|往年|前一|下年|明年|首[一二三四五六]?個?月|上半|下半|季|個月|个月"
)
# (when(，)) subject 為 amount（prior year：amount）: the comparative in brackets, as Hong Kong
# issuers print it; with no period before the subject the first amount is the year after
# the bracket's
_WITH_PRIOR = regex(
    rf"(?:{_when(1)}[，,]?\s*)?(?P<subject>[^，。；,;：:\d（(]{{1,24}}?)"
    rf"(?:{_IS}|增加至|增至|減少至|减少至|下降至|上升至)\s*"
    rf"{_amount(1)}\s*[（(]\s*(?P<year2>\d{{4}})\s*年度?\s*[：:]\s*{_amount(2)}\s*[）)]"
)
# each clause pattern with words every match of it prints (text_amounts.matches)
_SAYS_IS = regex(_IS)
_CLAUSES = (
    (_WITH_PRIOR, regex(r"[（(]\s*\d{4}\s*年度?\s*[：:]")),
    (_FROM_TO, None),
    (_ONE_YEAR, _SAYS_IS),
    (_LATER_CLAUSE, _SAYS_IS),
)
# Who the clause is about (我們的收入): the line's wording is what follows the last of them,
# also where a heading printed just above ran into the sentence (收入我們的收入由…).
_WHO = regex(r"(?:我們|我们|本集團|本集团|集團|集团|本公司|公司)的?")
_LOSS_WORDS = ("虧損", "亏损", "虧絀", "亏绌")
_PROFIT_WORDS = ("溢利", "利潤", "利润", "盈利")
_OUTFLOW = regex(r"所用|流出")
_INFLOW = regex(r"所得(?![稅税])|流入")  # 所得稅 is income tax, not an inflow
_MONEY_WORDS = ("元", "港币")  # every amount the patterns read ends in one of these
_STATEMENTS = ("income", "comprehensive_income", "cash_flows")
_BALANCES = ("financial_position",)
_STATED = (*_STATEMENTS, *_BALANCES)
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


def _sentence(text: str, at: int) -> tuple[int, int]:
    """Where the sentence holding offset ``at`` starts and ends."""
    start = max(text.rfind(end, 0, at) for end in _SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(end, at) for end in _SENTENCE_ENDS) if i >= 0]
    return start, min(ends, default=len(text))


def _sentence_period(text: str, at: int, current: int | None) -> PeriodKey | None:
    """The period that leads the sentence holding offset ``at``, if one does; the reporting
    year ``current`` for a sentence that says 同比 and prints no year nor other period."""
    start, end = _sentence(text, at)
    lead = _SENTENCE_LEAD.match(text, start)
    if lead:
        return period_key(lead, 1)
    sentence = text[start:end]
    if current and _YEAR_ON_YEAR.search(sentence) and not _ANY_YEAR.search(sentence):
        return None if _OTHER_PERIOD.search(sentence) else ("year", current)
    return None


def _sentence_subject(text: str, at: int) -> str:
    """The subject of the sentence holding offset ``at``: its first clause up to what it is
    said to hold (我們的應收款項主要包括…，由…減少至…)."""
    start, end = _sentence(text, at)
    first = re.split(r"[，,]", text[start:end], maxsplit=1)[0]
    return _PREDICATE.split(first, maxsplit=1)[0]


def _subject(pattern: re.Pattern, match: re.Match) -> str:
    subject = match.group("subject")
    if pattern is _FROM_TO and not subject.strip():
        return _sentence_subject(match.string, match.start())
    return subject


def _periods(pattern: re.Pattern, match: re.Match, current: int | None) -> list[tuple | None]:
    """The period key of each amount of a clause."""
    if pattern is _LATER_CLAUSE:
        if _OTHER_PERIOD.search(match.group("subject")):
            return [None]
        return [_sentence_period(match.string, match.start("subject"), current)]
    if pattern is not _WITH_PRIOR:
        return [period_key(match, n) for n in range(1, 3 if pattern is _FROM_TO else 2)]
    prior = int(match.group("year2"))
    if match.group("year1") is None:
        return [("year", prior + 1), ("year", prior)]
    when = period_key(match, 1)
    if when is None or (when[1] if when[0] == "year" else when[1].year) != prior + 1:
        return [None, None]  # a comparative that is not the year before
    if when[0] == "year":
        return [when, ("year", prior)]
    try:
        return [when, (when[0], when[1].replace(year=prior))]
    except ValueError:  # 29 February
        return [when, None]


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
        self.vocab = vocab
        # the statements' facts with no dimension, by (concept, period key)
        self.stated: dict[tuple[str, tuple], Fact] = {}
        # the notes' and other tables' facts with no dimension (借款總計, EBITDA of the
        # non-IFRS reconciliation), for a line no statement prints
        self.noted: dict[tuple[str, tuple], Fact] = {}
        # facts on one member of an axis, by the member's printed label and period key
        self.broken_down: dict[tuple[str, tuple], list[Fact]] = {}
        # each period's keys, by identity: facts share periods, and hashing one is slow
        keys_of: dict[int, list[tuple]] = {}
        for fact in facts:
            period = fact.period
            keys = keys_of.get(id(period))
            if keys is None:
                keys = keys_of[id(period)] = _keys(period)
            if not keys:
                continue
            if not fact.dims and fact.statement in _STATED:
                for key in keys:
                    self.stated.setdefault((fact.concept.qname, key), fact)
            elif not fact.dims and fact.in_text is None:
                for key in keys:
                    self.noted.setdefault((fact.concept.qname, key), fact)
            elif len(fact.dims) == 1 and fact.in_text is None:
                member = _member_label(fact.label)
                for key in keys if member else ():
                    self.broken_down.setdefault((member, key), []).append(fact)
        # the reporting year: the latest year the statements print
        years = [key[1] for _, key in self.stated if key[0] == "year"]
        self.current: int | None = max(years, default=None)

    def _concept(self, said: str, figure: Figure) -> str | None:
        return _line_named(self.vocab, said, figure.instant)

    def _statement_fact(self, subject: str, figure: Figure) -> Fact | None:
        said = _said(subject)
        if not said or figure.when is None:
            return None
        qname = self._concept(said, figure)
        key = (qname, figure.when)
        fact = (self.stated.get(key) or self.noted.get(key)) if qname else None
        if fact is None:
            fact = self._member_fact(said, figure)
        if fact is not None and not _points_other_way(said, fact):
            return fact
        return None

    def _member_fact(self, said: str, figure: Figure) -> Fact | None:
        """生成式AI收入: the fact of the row 生成式AI on the line 收入's concept, when exactly
        one member's label starts the words and the rest names that concept."""
        words = compact(said)
        found = []
        for cut in range(1, len(words)):
            facts = self.broken_down.get((words[:cut], figure.when), ())
            qname = self._concept(words[cut:], figure) if facts else None
            found += [f for f in facts if f.concept.qname == qname]
        return found[0] if len(found) == 1 else None

    def _fact(self, stated: Fact, figure: Figure, subject: str, block: int, line: int) -> Fact:
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

    def _clauses(self, text: str) -> Iterator[tuple[str, Figure]]:
        """(subject as printed, figure) of each amount a clause states, lists first."""
        yield from listed_figures(text)
        for pattern, printed in _CLAUSES:
            for match in matches(pattern, text, printed):
                subject = _subject(pattern, match)
                for n, when in enumerate(_periods(pattern, match, self.current), start=1):
                    yield subject, Figure(match, n, when)

    def read(self, document: Document, lines: dict[int, str]) -> tuple[list[Fact], list[Finding]]:
        facts: list[Fact] = []
        findings: list[Finding] = []
        for index, block in enumerate(document.blocks):
            if block.kind != "paragraph" or not any(w in block.text for w in _MONEY_WORDS):
                continue
            taken: set[int] = set()  # offsets of the block's figures already read
            starts = line_starts(block.lines, lines)
            for subject, figure in self._clauses(block.text):
                if figure.start in taken:
                    continue
                taken.add(figure.start)
                stated = self._statement_fact(subject, figure)
                if stated is None or stated.currency != figure.currency:
                    continue
                line = line_of(figure.start, starts)
                fact = self._fact(stated, figure, _said(subject), index, line)
                if stated.agrees_with(fact):
                    facts.append(fact)
                else:
                    findings.append(_differs(fact, stated, line))
        return facts, findings


@functools.lru_cache(maxsize=4096)
def _line_named(vocab: Vocabulary, said: str, instant: bool) -> str | None:
    """The statement line (qname) the words name, for a balance (``instant``) or a year's
    figure. A pure function of a vocabulary that never changes, so memoised for the process
    (by the vocabulary's identity): each ask tries up to a dozen wordings and statements,
    and texts name the same lines (收入, 毛利) again and again."""
    matcher = Matcher(vocab)
    # the text may leave out the 淨額 the statement prints (減值虧損 for 減值虧損淨額)
    for words in _wordings(said, instant):
        for kind in (*(_BALANCES if instant else _STATEMENTS), "notes"):
            found = matcher.match_row(words, kind, None, instant, fuzzy=False)
            if found.concept is None or found.method == "fuzzy" or found.confidence < _SURE:
                continue
            return f"{found.concept.prefix}:{found.concept.name}"
    return None


def _wordings(said: str, instant: bool) -> Iterator[str]:
    """The words as said, with the 淨額 the statement may print and the text leave out (減值虧損
    for 減值虧損淨額), and for a year's figure with the 年度 the statement prints (2023年的虧損
    for 年度虧損)."""
    lead = ("",) if instant or said.startswith(_YEAR_WORD) else ("", _YEAR_WORD)
    for before in lead:
        yield before + said
        yield from (before + said + net for net in _NET if not said.endswith(net))


def _member_label(label: str) -> str:
    """A row's label as a sentence names it: no dash or note mark (－按時間點確認, 其他*)."""
    return compact(label).strip("－-–—*＊ ")


def _said(subject: str) -> str:
    """The wording a clause names its line with: after the last 我們的 / 本集團的."""
    return _HOLDS.sub("", _WHO.split(subject.strip())[-1].strip())


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
