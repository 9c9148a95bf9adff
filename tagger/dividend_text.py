"""Rule: the final dividend per share a results announcement proposes in running text.

    董事會建議派付截至2023年12月31日止年度的末期股息每股普通股10港仙（2022年：8港仙）。
    董事会建议派发末期股息每股人民币0.20元。

A final dividend proposed after the year end is not yet a distribution of the year:
``DividendsProposedOrDeclaredBeforeFinancialStatementsAuthorisedForIssueButNotRecognised
AsDistributionToOwnersPerShare``, for the financial year the sentence names (截至…止年度), else
the report's current year; the comparative in brackets is the year before's. 港仙 are
hundredths of a dollar (scale -2). A sentence that does not propose (不建議, 並無建議), or
names an interim or special dividend, is left to the coverage stage.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from tagger.extensions import concept_ref
from tagger.facts import Fact, sentence_fact
from tagger.model import Cell, Document, Period
from tagger.regex_cache import regex
from tagger.text_figures import line_of, line_starts
from tagger.units import unit_id
from taxonomy.models import ConceptMap

_CONCEPT = (
    "DividendsProposedOrDeclaredBeforeFinancialStatementsAuthorisedForIssueButNotRecognised"
    "AsDistributionToOwnersPerShare"
)
_NUMBER = r"\d+(?:\.\d+)?"
# 10港仙 / 0.10港元 / 人民幣0.20元 / 2.5美仙: (number, currency, hundredths?)
_PER_SHARE = (
    rf"(?:(?P<cur{{n}}>人民幣|人民币|港幣|港币)\s*(?P<num{{n}}>{_NUMBER})\s*元"
    rf"|(?P<num{{n}}b>{_NUMBER})\s*(?P<cur{{n}}b>港仙|港元|美仙|美元|仙))"
)
_CURRENCY = {
    "人民幣": ("CNY", 0),
    "人民币": ("CNY", 0),
    "港幣": ("HKD", 0),
    "港币": ("HKD", 0),
    "港元": ("HKD", 0),
    "港仙": ("HKD", -2),
    "仙": ("HKD", -2),
    "美元": ("USD", 0),
    "美仙": ("USD", -2),
}
_PROPOSED = regex(
    r"(?<![不無无並并])(?:建議|建议)(?:派付|派發|派发|宣派|分派)?"
    r"(?:截至\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日止(?:財政)?年度的?之?)?"
    r"末期股息(?:為|为)?每股(?:普通股)?(?:為|为)?\s*"
    + _PER_SHARE.format(n=1)
    + r"(?:\s*[（(]\s*(?P<prior>\d{4})\s*年度?\s*[：:]\s*"
    + _PER_SHARE.format(n=2)
    + r"\s*[）)])?"
)


class _Amount:
    def __init__(self, match: re.Match, n: int):
        plain = match.group(f"num{n}") is not None
        suffix = "" if plain else "b"
        self.text = match.group(f"num{n}{suffix}")
        self.start = match.start(f"num{n}{suffix}")
        self.currency, self.scale = _CURRENCY[match.group(f"cur{n}{suffix}")]
        self.places = len(self.text.split(".")[1]) if "." in self.text else 0
        self.printed = Decimal(self.text)


def _current_year(facts: list[Fact]) -> Period | None:
    """The report's current financial year: the latest whole year its statements print."""
    years = [
        f.period
        for f in facts
        if f.period.start is not None and (f.period.end - f.period.start).days >= 360
    ]
    return max(years, key=lambda p: p.end, default=None)


def _year_before(period: Period) -> Period | None:
    try:
        return Period(
            start=period.start.replace(year=period.start.year - 1),
            end=period.end.replace(year=period.end.year - 1),
        )
    except ValueError:  # 29 February
        return None


def dividend_facts(
    document: Document, facts: list[Fact], cmap: ConceptMap, lines: dict[int, str]
) -> list[Fact]:
    concept = cmap.concepts.get(_CONCEPT)
    current = _current_year(facts)
    if concept is None or current is None:
        return []
    found = []
    for index, block in enumerate(document.blocks):
        if block.kind != "paragraph" or "末期股息" not in block.text:
            continue
        starts = line_starts(block.lines, lines)
        for match in _PROPOSED.finditer(block.text):
            year = current
            if match["y"]:
                try:
                    end = date(int(match["y"]), int(match["m"]), int(match["d"]))
                except ValueError:
                    continue
                if end != current.end:
                    continue  # a year the statements do not print
            amounts = [(_Amount(match, 1), year)]
            before = _year_before(year)
            if match["prior"] and before and int(match["prior"]) == before.end.year:
                amounts.append((_Amount(match, 2), before))
            for amount, period in amounts:
                line = line_of(amount.start, starts)
                cell = Cell(text=amount.text, line=line, value=amount.printed, places=amount.places)
                found.append(
                    sentence_fact(
                        concept_ref(concept),
                        period,
                        unit_id("per_share", amount.currency),
                        cell,
                        amount.scale,
                        match.group().strip(),
                        "a final dividend the sentence proposes, per share",
                        (index, amount.start),
                        currency=amount.currency,
                    )
                )
    return found
