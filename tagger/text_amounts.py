"""How running text prints an amount (人民幣3,405.8百萬元, 1,500.8百萬元人民幣) and the period
a clause names for it (2023年, 截至2023年12月31日止年度, 於2023年12月31日): the pieces the
text-figure rules read clauses with."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from tagger.regex_cache import regex
from tagger.units import CURRENCIES, SCALES

_CURRENCY = "|".join(re.escape(w) for w, _ in CURRENCIES if not w.isascii())
_SCALE = "|".join(re.escape(w) for w, _ in SCALES if not w.isascii())
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# a period key: ("year", 2023), ("to", date) for a year printed to its end, ("at", date)
PeriodKey = tuple


def amount(n: int) -> str:
    """人民幣3,405.8百萬元, or 3.4億港元 and 1,500.8百萬元人民幣 (the currency after the
    amount)."""
    return (
        rf"(?:(?P<cur{n}>{_CURRENCY})\s*(?P<num{n}>{_NUMBER})\s*(?P<scale{n}>{_SCALE})?\s*元"
        rf"|(?P<num{n}b>{_NUMBER})\s*(?P<scale{n}b>{_SCALE})?"
        rf"(?P<cur{n}b>港元|美元|港币|元人民幣|元人民币))"
    )


def when(n: int) -> str:
    """2023年(度)(的): a financial year; (截至|於)2023年12月31日(止年度)(的): a date, the
    end of a year when 止年度 follows."""
    return (
        rf"(?:截至|於|于)?\s*(?P<year{n}>\d{{4}})\s*年"
        rf"(?:\s*(?P<month{n}>\d{{1,2}})\s*月\s*(?P<day{n}>\d{{1,2}})\s*日"
        rf"(?P<upto{n}>止(?:財政|财政)?年度?)?|度)?的?"
    )


# the characters a period (``when``) may start with: as a lookahead before a pattern that
# starts with one, it turns every other offset of the text away at once
WHEN_STARTS = r"(?=[截於于\s\d])"


def unnamed(pattern: str) -> str:
    """A pattern with its named groups made plain, to repeat it within another."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def matches(pattern: re.Pattern, text: str, printed: re.Pattern | None) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, or none at once for a text that lacks ``printed``: words
    every match prints, found in one quick scan (a clause pattern tries every offset)."""
    if printed is not None and printed.search(text) is None:
        return iter(())
    return pattern.finditer(text)


AMOUNT = regex(amount(1))
WHEN = regex(when(1))


class Figure:
    """One amount of a clause: where it starts in the block's text, as printed, and the
    period its clause names."""

    def __init__(self, match: re.Match, n: int, when: PeriodKey | None):
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


def period_key(match: re.Match, n: int) -> PeriodKey | None:
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
