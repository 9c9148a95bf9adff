"""Rule: amounts of running text listed 分別為 (respectively) against their periods or their
subjects, and subjects listed each with its amount.

    截至2022年12月31日及2023年12月31日，我們的總借款分別為人民幣3,228.6百萬元及人民幣
    4,473.1百萬元
    截至2023年12月31日，我們擁有現金及現金等價物人民幣9,423.5百萬元以及定期存款人民幣
    1,099.9百萬元，而截至2022年12月31日的結餘分別為人民幣7,962.8百萬元及人民幣6,212.9百萬元

The n-th amount goes with the n-th period or the n-th subject, in the order printed, and only
when the lists are as long as each other: otherwise no amount of the sentence is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tagger.regex_cache import regex
from tagger.text_amounts import (
    AMOUNT,
    WHEN,
    WHEN_STARTS,
    Figure,
    amount,
    matches,
    period_key,
    unnamed,
    when,
)

_AND = r"\s*(?:以及|及|和|與|与|、)\s*"
_W = unnamed(when(1))
_A = unnamed(amount(1))
_RESPECTIVELY = r"(?:分別為|分别为|分別是|分别是)"
_WORD = r"[^，。；,;：:\d]"  # a subject's character: no clause break, no figure
_NAME = r"[^，。；,;：:\d為为達达是]"  # nor a verb: a subject listed with its amount
_AMOUNTS = rf"(?P<amounts>{_A}(?:{_AND}{_A})+)"

# when 及 when，subject 分別為 amount 及 amount
_PERIODS_RESPECTIVELY = regex(
    rf"{WHEN_STARTS}(?P<whens>{_W}(?:{_AND}{_W})+)[，,]?\s*(?P<subject>{_WORD}{{1,20}}?)"
    rf"{_RESPECTIVELY}\s*{_AMOUNTS}"
)
# when，subject amount 以及 subject amount(，而 when 的結餘分別為 amount 及 amount)
_SUBJECTS_RESPECTIVELY = regex(
    rf"{WHEN_STARTS}(?P<when1>{_W})[，,]?\s*"
    rf"(?P<items>{_NAME}{{1,20}}?{_A}(?:{_AND}{_NAME}{{1,20}}?{_A})+)"
    rf"(?:[，,]\s*而?\s*(?P<when2>{_W}){_WORD}{{0,6}}?{_RESPECTIVELY}\s*{_AMOUNTS})?"
)
_ITEM = regex(rf"(?P<subject>{_NAME}{{1,20}}?)\s*{amount(1)}")
# words every match of the two patterns prints (text_amounts.matches)
_SAYS_RESPECTIVELY = regex(_RESPECTIVELY)
_SAYS_AND = regex(_AND)
_LEADING_AND = regex(r"^\s*(?:以及|及|和|與|与|、)")


def _amounts(match: re.Match) -> list[re.Match]:
    return list(AMOUNT.finditer(match.string, match.start("amounts"), match.end("amounts")))


def _by_period(match: re.Match) -> Iterator[tuple[str, Figure]]:
    periods = [period_key(m, 1) for m in WHEN.finditer(match.string, *match.span("whens"))]
    amounts = _amounts(match)
    if len(periods) != len(amounts):
        return
    for period, found in zip(periods, amounts, strict=True):
        yield match.group("subject"), Figure(found, 1, period)


def _by_subject(match: re.Match) -> Iterator[tuple[str, Figure]]:
    items = list(_ITEM.finditer(match.string, *match.span("items")))
    first = period_key(WHEN.match(match.string, match.start("when1")), 1)
    subjects = [_LEADING_AND.sub("", item.group("subject")) for item in items]
    later = _amounts(match) if match.group("when2") else []
    if later and len(later) != len(items):
        return
    for subject, item in zip(subjects, items, strict=True):
        yield subject, Figure(item, 1, first)
    if later:
        second = period_key(WHEN.match(match.string, match.start("when2")), 1)
        for subject, found in zip(subjects, later, strict=True):
            yield subject, Figure(found, 1, second)


def listed_figures(text: str) -> Iterator[tuple[str, Figure]]:
    """(subject as printed, figure) for each amount of a block's lists."""
    for match in matches(_PERIODS_RESPECTIVELY, text, _SAYS_RESPECTIVELY):
        yield from _by_period(match)
    for match in matches(_SUBJECTS_RESPECTIVELY, text, _SAYS_AND):
        yield from _by_subject(match)
