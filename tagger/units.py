"""The one table of currencies, scales and units: how a printed unit word reads, and which
XBRL unit a fact takes. Every other module asks here (header units, the document's currency,
stacked unit headers, unit ids and measures in the report).
"""

from __future__ import annotations

import re

from tagger.model import RowUnit
from tagger.regex_cache import regex

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
UNIT_TOKEN = regex(
    rf"^[(（]?(?:{_CURRENCY_ALT})?(?:{_SCALE_ALT})?(?:{_YUAN_ALT}|元|{_THOUSANDS_ALT})[)）]?$"
)


def may_print_unit(text: str) -> bool:
    """Whether a UNIT_TOKEN may be among the text's words: every one ends in 元 or '000
    (most lines print neither, and need no match of their words)."""
    return "元" in text or "000" in text


# A currency mentioned with an amount unit in running text or headers: 人民幣千元, HK$.
CURRENCY_MENTION = regex(rf"({_CURRENCY_ALT})(?:{_SCALE_ALT})?元?")
# A scaled unit without a currency word: 千元, 百萬元.
SCALED_YUAN = regex(rf"(?:{_SCALE_ALT})(?:港)?元")


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


# -- units printed in a row's own label --------------------------------------------------
# A table may print no unit under its period header, each row saying its unit at the end of
# its label: 歸屬於…的虧損（人民幣千元）, 普通股加權平均數（千股）, 每股虧損（以每股人民幣元表示）,
# Profit attributable (RMB'000), Weighted average number of shares ('000).
ROW_UNIT = regex(r"[（(]([^（()）]{1,24})[）)]$")
# Words around the unit inside the brackets: 以每股人民幣元表示, 以人民幣千元計.
_UNIT_FRAME = regex(r"^(?:以|in\s+)?(.*?)(?:表示|列示|計|计)?$", re.IGNORECASE)
SHARE_WORDS = ("股", "股數", "股数", "shares", "Shares")
SHARE_NUMBER_WORDS = ("股份數目", "股份数目", "股份數量", "股份数量")
# English scale words of share counts ('000 shares is the SCALES' '000).
ENGLISH_SCALES = (("million", 6), ("Million", 6), ("thousand", 3), ("Thousand", 3))
PER_SHARE_WORDS = ("每股", "／股", "/股", "per share", "Per share")
# Per-share amounts printed in hundredths, with the currency their word names.
CENT_CURRENCIES = (
    ("港仙", "HKD"),
    ("人民幣分", "CNY"),
    ("人民币分", "CNY"),
    ("美仙", "USD"),
    ("HK cents", "HKD"),
    ("RMB cents", "CNY"),
    ("US cents", "USD"),
)
PERCENT_WORDS = ("%", "％", "百分比")
MONEY = "money"
PER_SHARE = "per_share"


def _share_count_scale(content: str) -> int | None:
    """The scale of a share count's unit word (千股 = 3, 百萬股 = 6, '000 shares = 3, 股 =
    0), or None when the word is not a share count's."""
    words = content.replace(" ", "")
    for word in sorted(SHARE_WORDS, key=len, reverse=True):
        if words.endswith(word.replace(" ", "")):
            head = words[: -len(word.replace(" ", ""))]
            if not head:
                return 0
            scales = {w: p for w, p in (*SCALES, *ENGLISH_SCALES)}
            return scales.get(head)
    return None


def _names_shares(head: str) -> bool:
    """A label that names a number of shares (股數, 股份數目, Number of shares)."""
    words = head.replace(" ", "")
    return words.endswith(tuple(w.replace(" ", "") for w in (*SHARE_WORDS, *SHARE_NUMBER_WORDS)))


def _per_share(content: str, default_currency: str | None) -> tuple[str, int] | None:
    """(currency, scale) of a per-share unit word: 每股人民幣元 -> (CNY, 0), 每股港仙 ->
    (HKD, -2); None when it is not one."""
    cents = next((iso for word, iso in CENT_CURRENCIES if word in content), None)
    per_share = any(w in content for w in PER_SHARE_WORDS)
    if cents:
        return cents, -2
    if not per_share:
        return None
    currency = currency_of(content) or default_currency
    if currency is None:
        return None
    return currency, (-2 if any(w in content for w in CENT_WORDS) else 0)


def row_unit(label: str, default_currency: str | None = None) -> RowUnit | None:
    """The unit a row label prints at its end (see ``RowUnit``); None when it prints none.
    A bare scale ('000, 千) after a share count's words is that count's scale; a currency
    after a per-share line's words (每股盈利（人民幣元）) is per share."""
    label = label.strip()
    match = ROW_UNIT.search(label)
    if match is None:
        return None
    printed = match.group(1).strip()
    content = _UNIT_FRAME.match(printed).group(1).strip()
    head = label[: match.start()]
    if content in PERCENT_WORDS:
        return RowUnit(kind=PURE, scale=-2, printed=printed)
    per_share = _per_share(content, default_currency)
    if per_share is not None:
        return RowUnit(kind=PER_SHARE, currency=per_share[0], scale=per_share[1], printed=printed)
    shares = _share_count_scale(content)
    if shares is None and _names_shares(head):
        shares = _share_count_scale(f"{content}股")  # 股數（千）, Shares ('000)
    if shares is not None:
        return RowUnit(kind=SHARES, scale=shares, printed=printed)
    if UNIT_TOKEN.match(content) or is_currency_word(content):
        currency = currency_of(content) or (default_currency if scale_of(content) else None)
        if currency is None:
            return None
        kind = PER_SHARE if any(w in head for w in PER_SHARE_WORDS) else MONEY
        if kind == PER_SHARE and scale_of(content):
            return None  # 每股…（人民幣千元）: not a per-share unit
        return RowUnit(kind=kind, currency=currency, scale=scale_of(content), printed=printed)
    return None


def without_row_unit(label: str) -> str:
    """A row label without the unit it prints at its end."""
    return ROW_UNIT.sub("", label.strip()).strip()
