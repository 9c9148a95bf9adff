"""The one table of currencies, scales and units: how a printed unit word reads, and which
XBRL unit a fact takes. Every other module asks here (header units, the document's currency,
stacked unit headers, unit ids and measures in the report).
"""

from __future__ import annotations

import re

# Printed currency words -> ISO 4217, longest first so that 新加坡元 wins over 元 words.
CURRENCIES: tuple[tuple[str, str], ...] = (
    ("新加坡元", "SGD"),
    ("新台幣", "TWD"),
    ("新台币", "TWD"),
    ("人民幣", "CNY"),
    ("人民币", "CNY"),
    ("澳門幣", "MOP"),
    ("澳门币", "MOP"),
    ("港幣", "HKD"),
    ("港币", "HKD"),
    ("港元", "HKD"),
    ("美元", "USD"),
    ("歐元", "EUR"),
    ("欧元", "EUR"),
    ("英鎊", "GBP"),
    ("英镑", "GBP"),
    ("日圓", "JPY"),
    ("日元", "JPY"),
    ("RMB", "CNY"),
    ("HK$", "HKD"),
    ("US$", "USD"),
    ("S$", "SGD"),
    ("EUR", "EUR"),
)
# Printed scale words -> power of ten (百萬元 = 6, 千元 = 3, 萬元 = 4, 億元 = 8).
SCALES: tuple[tuple[str, int], ...] = (
    ("百萬", 6),
    ("百万", 6),
    ("億", 8),
    ("亿", 8),
    ("千", 3),
    ("萬", 4),
    ("万", 4),
    ("'000", 3),
    ("’000", 3),
)
# Per-share amounts printed in hundredths of the currency (港仙, 人民幣分).
CENT_WORDS = ("仙", "分")

PURE = "pure"
SHARES = "shares"

_CURRENCY_ALT = "|".join(re.escape(word) for word, _ in CURRENCIES)
_SCALE_ALT = "|".join(re.escape(word) for word, _ in SCALES if "000" not in word)
_THOUSANDS_ALT = "|".join(re.escape(word) for word, _ in SCALES if "000" in word)
_YUAN_ALT = "|".join(re.escape(word) for word, _ in CURRENCIES if word.endswith("元"))
# A unit token of a column header: 人民幣千元, 千港元, (港幣千元), HK$'000, RMB'000, 元.
UNIT_TOKEN = re.compile(
    rf"^[(（]?(?:{_CURRENCY_ALT})?(?:{_SCALE_ALT})?(?:{_YUAN_ALT}|元|{_THOUSANDS_ALT})[)）]?$"
)
# A currency mentioned with an amount unit in running text or headers: 人民幣千元, HK$.
CURRENCY_MENTION = re.compile(rf"({_CURRENCY_ALT})(?:{_SCALE_ALT})?元?")
# A scaled unit without a currency word: 千元, 百萬元.
SCALED_YUAN = re.compile(rf"(?:{_SCALE_ALT})(?:港)?元")


def currency_of(text: str) -> str | None:
    """The ISO code of the first currency word in ``text``."""
    return next((iso for word, iso in CURRENCIES if word in text), None)


def scale_of(text: str) -> int:
    """The power of ten of the first scale word in ``text`` (0 when none)."""
    return next((power for word, power in SCALES if word in text), 0)


def share_scale(label: str) -> int:
    """The scale of a share count whose label prints its unit: （千股） = 3, （百萬股） = 6."""
    match = re.search(rf"({_SCALE_ALT})股", label)
    return scale_of(match.group(1)) if match else 0


def is_currency_word(text: str) -> bool:
    """A currency printed alone on a line of a stacked header (人民幣 / 百萬元)."""
    return any(text == word for word, _ in CURRENCIES)


def unit_id(kind: str, currency: str | None) -> str:
    """The id of a fact's unit in the report: CNY, CNY_per_share, pure or shares."""
    if kind == "per_share":
        return f"{currency}_per_share"
    if kind in (PURE, SHARES):
        return kind
    return str(currency)


def unit_measures(unit: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(numerator measures, denominator measures) of a unit id, as xbrli:measure texts."""
    if unit == PURE:
        return ("xbrli:pure",), ()
    if unit == SHARES:
        return ("xbrli:shares",), ()
    if unit.endswith("_per_share"):
        return (f"iso4217:{unit.removesuffix('_per_share')}",), ("xbrli:shares",)
    return (f"iso4217:{unit}",), ()


def fact_unit_kind(concept_type: str) -> str:
    """Which kind of unit a concept's type takes: money, per_share, pure or shares."""
    if concept_type.endswith("perShareItemType"):
        return "per_share"
    if concept_type.endswith(("pureItemType", "percentItemType", "decimalItemType")):
        return PURE
    if concept_type.endswith("sharesItemType"):
        return SHARES
    return "money"
