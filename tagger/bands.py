"""Time bands as printed: a row or column label read as the months it spans.

    6個月或以下 -> (0, 6]     6至12個月 -> (6, 12]     6個月至1年 -> (6, 12]
    1至2年 -> (12, 24]        超過1年但不超過2年 -> (12, 24]    5年以上 -> (60, ∞)
    一年內到期 -> (0, 12]     2024年 (an expiry year) -> (0, 12] seen from 2023-12-31
    無限期 -> no expiry

A band is open below and closed above, as IFRS's time-band members are (later than one year
and not later than two years). One module for maturity, repricing, expiry and ageing tables;
what a band means (due in, past due, aged) is the table's business, not this reader's.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from tagger.regex_cache import regex
from tagger.vocabulary import compact

_DIGITS = {"一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9, "十": 10, "十二": 12, "十八": 18, "二十": 20}
_NUMBER = r"(\d{1,3}|十二|十八|二十|[一二兩两三四五六七八九十])"
_UNIT = r"(個月|个月|月|年)"
# Words around a band that do not change it: 於…, 在…內到期, 到期, 須於, －.
_AROUND = regex(r"^(?:[-－–]|須|须|[於于在])+|(?:到期|償還|偿还|屆滿|届满)$")
_UPTO = r"(?:或以下|或以內|或以内|以內|以内|內|内|或少於|及以下)"
_ABOVE = r"(?:以上|後|后)"
_MORE = r"(?:超過|超过|多於|多于|逾)"
_NOT_MORE = r"(?:不超過|不超过|不多於|不多于|最多|少於|少于)"
_BETWEEN = regex(
    rf"^{_MORE}?{_NUMBER}{_UNIT}?(?:以上)?(?:至|到|-|－|–|~|但){_NOT_MORE}?{_NUMBER}{_UNIT}(?:以內|以内|內|内)?$"
)
_AT_MOST = regex(rf"^(?:{_NOT_MORE}{_NUMBER}{_UNIT}|{_NUMBER}{_UNIT}{_UPTO})$")
_OVER = regex(rf"^(?:{_MORE}{_NUMBER}{_UNIT}|{_NUMBER}{_UNIT}{_ABOVE})$")
_YEAR = regex(r"^(20\d\d|19\d\d)年(及以後|及以后|或以後|或以后|以後|以后)?$")
_NO_EXPIRY = ("無限期", "无限期", "無到期日", "无到期日", "並無到期日", "并无到期日", "無屆滿日期")
_NO_EXPIRY += ("无届满日期", "不會到期", "不会到期", "無期限", "无期限")


class Band(NamedTuple):
    """Months after the date of the column: more than ``after``, at most ``upto`` (None: no
    upper end). ``endless``: printed as never expiring (無限期), not a span of time."""

    after: int
    upto: int | None
    endless: bool = False


NO_EXPIRY = Band(after=0, upto=None, endless=True)


def _months(number: str, unit: str | None) -> int:
    value = int(number) if number.isdigit() else _DIGITS[number]
    return value * 12 if unit == "年" else value


def read_band(label: str) -> Band | None:
    """The band a printed label names, or None when it names none exactly."""
    text = _AROUND.sub("", compact(label))
    if text in _NO_EXPIRY:
        return NO_EXPIRY
    if match := _BETWEEN.match(text):
        low, low_unit, high, high_unit = match.groups()
        after = _months(low, low_unit or high_unit)
        upto = _months(high, high_unit)
        return Band(after, upto) if after < upto else None
    if match := _AT_MOST.match(text):
        number, unit = (g for g in match.groups() if g is not None)
        return Band(0, _months(number, unit))
    if match := _OVER.match(text):
        number, unit = (g for g in match.groups() if g is not None)
        return Band(_months(number, unit), None)
    return None


def expiry_year(label: str) -> int | None:
    """The calendar year a row of an expiry table names (2024年, 於2024年到期)."""
    match = _YEAR.match(_AROUND.sub("", compact(label)))
    return int(match.group(1)) if match else None


def year_band(year: int, seen_from: date, onwards: bool = False) -> Band | None:
    """The band of an amount that expires during ``year`` (``onwards``: or later), seen from
    ``seen_from``: exact only from a year's last day (from 2023-12-31, expiring in 2025 is
    later than one year and not later than two); None for a year already past."""
    if (seen_from.month, seen_from.day) != (12, 31) or year <= seen_from.year:
        return None
    years = year - seen_from.year
    return Band((years - 1) * 12, None if onwards else years * 12)


def expiry_band(label: str, seen_from: date) -> Band | None:
    """The band a row of calendar expiry years names (2025年, 2028年及以後), seen from the
    column's date; None when the label names no year."""
    match = _YEAR.match(_AROUND.sub("", compact(label)))
    if not match:
        return None
    return year_band(int(match.group(1)), seen_from, onwards=bool(match.group(2)))


def contains(outer: Band, inner: Band) -> bool:
    if outer.endless or inner.endless:
        return False
    if outer.upto is None:
        return inner.after >= outer.after
    return inner.upto is not None and outer.after <= inner.after and inner.upto <= outer.upto


_WORDS = {"One": 1, "Two": 2, "Three": 3, "Four": 4, "Five": 5, "Six": 6, "Seven": 7}
_WORDS |= {"Eight": 8, "Nine": 9, "Ten": 10, "Fifteen": 15, "Twenty": 20, "Twentyfive": 25}
_SPAN = r"([A-Z][a-z]+)(Months?|Years?)"
_MEMBER = regex(rf"^(?:LaterThan{_SPAN})?(?:And)?(?:NotLaterThan{_SPAN})?Member$")


def member_band(name: str) -> Band | None:
    """The band an IFRS time-band member's name spans (LaterThanOneYearAndNotLaterThan
    TwoYearsMember -> (12, 24]); None for a name that is not one."""
    match = _MEMBER.match(name)
    if not match or not any(match.groups()):
        return None
    low, low_unit, high, high_unit = match.groups()
    if (low and low not in _WORDS) or (high and high not in _WORDS):
        return None

    def months(word: str, unit: str) -> int:
        return _WORDS[word] * (12 if unit.startswith("Year") else 1)

    after = months(low, low_unit) if low else 0
    return Band(after, months(high, high_unit) if high else None)


def band_name(band: Band) -> str:
    """An IFRS-style name for a band IFRS has no member for (LaterThan5YearsAndNotLater
    Than6YearsMember), in whole years where the months make years."""

    def span(months: int) -> str:
        return f"{months // 12}Years" if months % 12 == 0 else f"{months}Months"

    if band.endless:
        return "NoExpiryDateMember"
    lower = f"LaterThan{span(band.after)}" if band.after else ""
    upper = f"NotLaterThan{span(band.upto)}" if band.upto is not None else ""
    return f"{lower}{'And' if lower and upper else ''}{upper}Member"


def band_label(band: Band) -> str:
    """The band in words, Traditional Chinese (超過5年但不超過6年)."""

    def span(months: int) -> str:
        return f"{months // 12}年" if months % 12 == 0 else f"{months}個月"

    if band.endless:
        return "無到期日"
    if band.upto is None:
        return f"超過{span(band.after)}"
    if not band.after:
        return f"不超過{span(band.upto)}"
    return f"超過{span(band.after)}但不超過{span(band.upto)}"
