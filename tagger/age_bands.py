"""Age bands as an ageing analysis prints them (最多6個月, 6個月至1年, 超過3年, 0至180日), read
into bounds, and the check that a table's bands cover the ages with no gap and no overlap.

A band is older than its lower bound and no older than its upper one: 最多6個月 is (0, 6
months], 1至2年 is (1 year, 2 years], 超過3年 is (3 years, ∞). A range's lower bound is shared
with the band before it (6個月至1年 follows 最多6個月), or follows it by one day or month when
both are printed in days or months (0至180日 then 181至365日). Years count as 12 months; a
bound in months is compared with one in days only when it is whole years (1年 = 365日), so a
table mixing 180日 and 6個月 is left unread rather than guessed. The wordings are in
taxonomy/data/ageing.toml.
"""

from __future__ import annotations

import functools
import re
import tomllib
from typing import Literal, NamedTuple

from tagger.regex_cache import regex
from tagger.vocabulary import compact
from taxonomy.loader import DATA_DIR, simplified

Unit = Literal["day", "month"]
_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "兩": 2, "两": 2}
_POWERS = {"十": 10, "百": 100, "千": 1000}
_DAYS_IN_YEAR = 365
ASIDE = regex(r"[（(][^）)]*[）)]")  # 一年以內（含一年）: an aside, not the band
_LIST_MARK = regex(r"^[－\-—–·•]+")


# Bound and Band: values of the ageing and ECL rules alone, as NamedTuples (a pydantic model
# class costs 0.3 ms at import, and validates every band read)
class Bound(NamedTuple):
    amount: int
    unit: Unit
    # True: the bound's own age is in the band (1年或以上); False: it is not (少於3個月,
    # 超過3年's lower); None: a range's lower bound, shared with the band before it
    inclusive: bool | None
    whole: bool = True  # printed in days or months (181日), not years: steps of one follow on

    def days(self) -> int | None:
        if self.unit == "day":
            return self.amount
        return self.amount // 12 * _DAYS_IN_YEAR if self.amount % 12 == 0 else None

    def same_point(self, other: Bound) -> bool:
        if self.unit == other.unit:
            return self.amount == other.amount
        return self.days() is not None and self.days() == other.days()

    def sort_key(self) -> float:
        return self.amount * (_DAYS_IN_YEAR / 12 if self.unit == "month" else 1)


class Band(NamedTuple):
    lower: Bound | None  # None: from the start (no age)
    upper: Bound | None  # None: no limit (超過3年)

    def key(self) -> tuple:
        """The band's identity across tables (最多6個月 and 6個月或以下 are one band)."""

        def point(bound: Bound | None) -> tuple | None:
            return None if bound is None else (bound.amount, bound.unit, bound.inclusive)

        return (point(self.lower), point(self.upper))


class _Words(NamedTuple):  # read once per process, never validated: a NamedTuple is cheaper
    units: dict[str, tuple[Unit, int]]  # wording -> (unit, how many of it: 年 = 12 months)
    upper_before: tuple[str, ...]
    upper_before_exclusive: tuple[str, ...]
    upper_after: tuple[str, ...]
    lower_before: tuple[str, ...]
    lower_after: tuple[str, ...]
    lower_after_inclusive: tuple[str, ...]
    between: tuple[str, ...]
    ignore_before: tuple[str, ...]
    headings: tuple[str, ...]
    not_headings: tuple[str, ...]


def _both(words: list[str]) -> tuple[str, ...]:
    """Traditional wordings and their Simplified forms, longest first (或以下 before 以下)."""
    out = {compact(w) for w in words} | {compact(simplified(w)) for w in words}
    return tuple(sorted(out, key=lambda w: (-len(w), w)))


@functools.cache
def words() -> _Words:
    data = tomllib.loads((DATA_DIR / "ageing.toml").read_text(encoding="utf-8"))
    bands = data["bands"]
    units: dict[str, tuple[Unit, int]] = {}
    for key, unit, times in (("days", "day", 1), ("months", "month", 1), ("years", "month", 12)):
        units.update({w: (unit, times) for w in _both(bands[key])})
    return _Words(
        units=units,
        upper_before=_both(bands["upper-before"]),
        upper_before_exclusive=_both(bands["upper-before-exclusive"]),
        upper_after=_both(bands["upper-after"]),
        lower_before=_both(bands["lower-before"]),
        lower_after=_both(bands["lower-after"]),
        lower_after_inclusive=_both(bands["lower-after-inclusive"]),
        between=_both(bands["between"]),
        ignore_before=_both(bands["ignore-before"]),
        headings=_both(data["axis"]["headings"]),
        not_headings=_both(data["axis"]["not-headings"]),
    )


def _number(text: str) -> int | None:
    """An amount in Arabic or Chinese numerals (6, 十二, 一百八十, 兩)."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in _NUMERALS:
            digit = _NUMERALS[char]
        elif char in _POWERS:
            total += (1 if digit is None else digit) * _POWERS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _alternatives(wordings) -> str:
    return "|".join(re.escape(w) for w in sorted(wordings, key=lambda w: (-len(w), w)))


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    w = words()
    num = r"(\d+|[零〇一二兩两三四五六七八九十百千]+)"
    unit = f"({_alternatives(w.units)})"
    return {
        "range": regex(f"{num}{unit}?(?:{_alternatives(w.between)}){num}{unit}"),
        "upper": regex(
            f"({_alternatives(w.upper_before + w.upper_before_exclusive)})?{num}{unit}"
            f"({_alternatives(w.upper_after)})?"
        ),
        "lower": regex(
            f"({_alternatives(w.lower_before)})?{num}{unit}"
            f"({_alternatives(w.lower_after + w.lower_after_inclusive)})?"
        ),
    }


def _bound(number: str, unit: str, inclusive: bool | None) -> Bound | None:
    amount = _number(number)
    if amount is None:
        return None
    kind, times = words().units[unit]
    return Bound(amount=amount * times, unit=kind, inclusive=inclusive, whole=times == 1)


def _cleaned(label: str) -> str:
    text = _LIST_MARK.sub("", ASIDE.sub("", compact(label)))
    for word in words().ignore_before:
        if text.startswith(word) and len(text) > len(word):
            text = text[len(word) :]
    return text


def read_band(label: str) -> Band | None:
    """The band a row's label prints, or None when it prints no band in a known wording."""
    text = _cleaned(label)
    w, patterns = words(), _patterns()
    if match := patterns["range"].fullmatch(text):
        first, first_unit, second, second_unit = match.groups()
        lower = _bound(first, first_unit or second_unit, None)
        upper = _bound(second, second_unit, True)
        if lower is None or upper is None or lower.sort_key() >= upper.sort_key():
            return None
        return Band(lower=lower if lower.amount else None, upper=upper)
    if (match := patterns["upper"].fullmatch(text)) and (match.group(1) or match.group(4)):
        before, number, unit, after = match.groups()
        if before and before in w.upper_before_exclusive:
            return _upper_band(_bound(number, unit, False))
        return _upper_band(_bound(number, unit, True))
    if (match := patterns["lower"].fullmatch(text)) and (match.group(1) or match.group(4)):
        before, number, unit, after = match.groups()
        if before and after:
            return None  # 超過3年以上: no such wording
        bound = _bound(number, unit, bool(after and after in w.lower_after_inclusive))
        return Band(lower=bound, upper=None) if bound is not None else None
    return None


def _upper_band(bound: Bound | None) -> Band | None:
    return Band(lower=None, upper=bound) if bound is not None and bound.amount else None


def _follows(upper: Bound, lower: Bound) -> bool:
    """Whether a band whose lower bound is ``lower`` starts where the band ending at ``upper``
    ends: the same point, owned by one of the two; or, both bounds printed inclusive in days
    or months, the next day or month."""
    if upper.same_point(lower):
        return not (upper.inclusive and lower.inclusive)
    return (
        upper.inclusive is True
        and lower.inclusive is not False
        and upper.whole
        and lower.whole
        and upper.unit == lower.unit
        and lower.amount == upper.amount + 1
    )


def covers_ages(bands: list[Band]) -> bool:
    """The bands, in any order, cover the ages from none upwards with no gap and no overlap
    (the last may stop short of no limit: an analysis need print no band nothing is in)."""
    if not bands or sum(b.lower is None for b in bands) != 1:
        return False
    ordered = sorted(bands, key=lambda b: b.lower.sort_key() if b.lower else -1.0)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.upper is None or after.lower is None or not _follows(before.upper, after.lower):
            return False
    return True


def names_an_ageing(text: str) -> bool:
    """Whether a heading or lead-in sentence (compacted) says its table is an ageing analysis
    by invoice or revenue date (not by days past due, nor a maturity analysis)."""
    w = words()
    return any(h in text for h in w.headings) and not any(n in text for n in w.not_headings)
