"""What one printed line is: amounts, units, periods, years. Pure functions over text."""

from __future__ import annotations

import calendar
import functools
import re
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from tagger.model import Cell, Unit, trusted
from tagger.regex_cache import regex
from tagger.units import (
    CURRENCY_MENTION,
    SCALED_YUAN,
    UNIT_TOKEN,
    currency_of,
    may_print_unit,
    scale_of,
)

# A printed nil: en dash, em dash, hyphen; "?" where an extractor lost the dash glyph.
DASHES = frozenset("–—-－?？")
# 1,234 / (1,234) / 0.20 / (0.20) / 5 / –10.6% ; a leading en dash is a minus sign.
_AMOUNT = regex(
    r"^(?P<open>\()?(?P<minus>[–—\-－])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?P<close>\))?(?:%|港仙|仙|分)?$"
)
_LESS_THAN_MARK = regex(r"^\(?\*\)?$")  # "*": an amount too small to print
NOT_APPLICABLE = frozenset(("不適用", "不适用"))  # a cell printed as not applicable
# 4, 3(a), 3(a)、4(b); "5(a" with its bracket lost in extraction.
_NOTE_REF = regex(
    r"^(?:[一二三四五六七八九十]{1,3}、)?\d{1,2}(?:\([a-z\d]{1,3}\)?)?(?:[、,]\d{1,2}(?:\([a-z]{1,3}\)?)?)*$"
)
_YEAR = regex(r"^(?P<year>(?:19|20)\d{2})年?(?:度)?$")

_PERIOD_END = regex(
    r"截至(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*止"
    r"(?P<length>年度|六個月|六个月|三個月|三个月|九個月|九个月|期間|期间)?"
)
_AT_DATE = regex(
    r"^[於于](?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日$"
)
_BALANCE_DATE = regex(
    r"^(?:[一二三四五六七八九十]{1,3}、)?[於于]?(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"
)
MONTHS = {"年度": 12, "六個月": 6, "六个月": 6, "三個月": 3, "三个月": 3, "九個月": 9, "九个月": 9}


def _real_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the printed one does not exist (a misprint or bad extraction)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


# Questions asked of one line's text by the layout, segmenter and columns stages in turn:
# answered once per distinct text (the answers are immutable).
_per_text = functools.lru_cache(maxsize=1 << 15)


# Stands for a column a row leaves empty, where the reader knows the columns from positions.
BLANK = "\ue000"


# What an amount starts with besides a digit (any decimal digit, as \d matches): a bracket
# or a minus sign. Most tokens (label words) start otherwise: no amount, known at once.
_AMOUNT_STARTS = frozenset("(–—-－")


def _amount(token: str) -> tuple[str | None, ...] | None:
    """The parts of a printed amount (open, minus, number, fraction, close), or None."""
    first = token[:1]
    if not first.isdecimal() and first not in _AMOUNT_STARTS:
        return None
    match = _AMOUNT.match(token)
    if not match:
        return None
    parts = match.groups()
    return parts if bool(parts[0]) == bool(parts[4]) else None  # brackets closed


def _is_mark(token: str) -> bool:
    """A cell printed with no amount: a blank, a dash, a "*" or not applicable."""
    return (
        token == BLANK
        or token in DASHES
        or token in NOT_APPLICABLE
        or bool(_LESS_THAN_MARK.match(token))
    )


def is_cell(token: str) -> bool:
    """Whether ``parse_cell`` reads the token as a cell, known without making the cell."""
    return _amount(token) is not None or _is_mark(token)


def parse_cell(token: str, line: int) -> Cell | None:
    """A printed amount token as a Cell, or None when the token is not an amount."""
    # Cells are our own values, typed as the model declares them: no validation needed.
    parts = _amount(token)  # an amount, a dash, a mark and a blank are told apart by form
    if parts is not None:
        opened, minus, number, fraction, _ = parts
        value = Decimal(number.replace(",", "") + (fraction or ""))
        places = len(fraction) - 1 if fraction else 0
        return trusted(
            Cell,
            text=token,
            line=line,
            value=-value if opened or minus else value,
            dash=False,
            blank=False,
            places=places,
        )
    if token == BLANK:
        return trusted(Cell, text="", line=line, value=None, dash=False, blank=True, places=0)
    if token in DASHES:
        return trusted(
            Cell, text=token, line=line, value=Decimal(0), dash=True, blank=False, places=0
        )
    if _LESS_THAN_MARK.match(token) or token in NOT_APPLICABLE:
        # no value: reported, never guessed
        return trusted(Cell, text=token, line=line, value=None, dash=False, blank=False, places=0)
    return None


def is_note_ref(token: str) -> bool:
    return bool(_NOTE_REF.match(token))


def split_amounts(text: str, line: int) -> tuple[list[str], list[Cell]]:
    """Split a line into leading label tokens and the trailing run of amount cells."""
    return split_tokens(text.split(), line)


def split_tokens(tokens: list[str], line: int) -> tuple[list[str], list[Cell]]:
    """A line's tokens (a list of the caller's to give up) as leading label tokens and the
    trailing run of amount cells."""
    cells: list[Cell] = []
    end = len(tokens)
    while end and (cell := parse_cell(tokens[end - 1], line)) is not None:
        cells.append(cell)
        end -= 1
    cells.reverse()
    return (tokens if end == len(tokens) else tokens[:end]), cells


_UNIT_SEPARATORS = regex(r"[\s,，]+")


def unit_of(text: str, default_currency: str | None = None) -> Unit | None:
    """The unit a header line prints (人民幣千元 -> CNY, 3), if any; a bare 千元 takes the
    document's currency when one is given."""
    compact = text.replace(" ", "")
    tokens = [t for t in _UNIT_SEPARATORS.split(text) if t]
    if not any(UNIT_TOKEN.match(t) for t in tokens) and not SCALED_YUAN.search(compact):
        return None
    currency = currency_of(compact) or default_currency
    if currency is None:
        return None
    printed = next((t for t in text.split() if UNIT_TOKEN.match(t)), compact)
    return Unit(currency=currency, scale=scale_of(compact), printed=printed.strip("()（）"))


def document_currency(texts: list[str]) -> str | None:
    """The currency the document states its amounts in most often (人民幣千元 …), for
    tables that print only 千元."""
    # one search of all the texts (no mention spans a line break), each word named once
    words = Counter(m.group(1) for m in CURRENCY_MENTION.finditer("\n".join(texts)))
    counts: dict[str, int] = {}
    for word, mentions in words.items():
        iso = currency_of(word)
        counts[iso] = counts.get(iso, 0) + mentions
    return max(sorted(counts), key=counts.__getitem__) if counts else None


@_per_text
def unit_count(text: str) -> int:
    """How many unit tokens a column header line prints (one per amount column)."""
    if not may_print_unit(text):
        return 0
    return sum(1 for t in text.split() if UNIT_TOKEN.match(t))


# A unit stated for a whole statement, as the mainland template prints it: 单位：人民币千元.
_STATED_UNIT = regex(r"(?<!编制)(?<!編製)(?<!編制)[单單]位\s*[:：]\s*(\S+)")
# Mainland column headings: the current period's amounts, the same period of last year's, the
# balance at the period's end and at the end of the last financial year.
CURRENT_COLUMNS = (
    "本期发生额",
    "本期發生額",
    "本期金额",
    "本期金額",
    "本年金额",
    "本年金額",
    "本期数",
    "本期數",
    "本年数",
    "本年數",
)
PRIOR_COLUMNS = (
    "上期发生额",
    "上期發生額",
    "上期金额",
    "上期金額",
    "上年金额",
    "上年金額",
    "上期数",
    "上期數",
    "上年数",
    "上年數",
)
CLOSING_COLUMNS = ("期末余额", "期末餘額", "年末余额", "年末餘額", "期末数", "期末數")
OPENING_COLUMNS = (
    "期初余额",
    "期初餘額",
    "上年年末余额",
    "上年年末餘額",
    "年初余额",
    "年初餘額",
    "期初数",
    "期初數",
)
RELATIVE_COLUMNS = CURRENT_COLUMNS + PRIOR_COLUMNS + CLOSING_COLUMNS + OPENING_COLUMNS
ITEM_WORDS = ("项目", "項目")  # the label column's heading on the mainland template


def stated_unit(text: str, default_currency: str | None = None) -> Unit | None:
    """The unit a line states for the statement (编制单位：… 单位：人民币千元)."""
    match = _STATED_UNIT.search(text) if "位" in text else None  # 单位 / 單位: most lines not
    if not match:
        return None  # 单位：元 币种：人民币: the currency may stand beside the unit
    return unit_of(match.group(1), currency_of(text) or default_currency)


def relative_columns(text: str) -> list[str]:
    """The mainland column headings a header line prints (期末余额 期初余额), in order."""
    return [t for t in text.split() if t in RELATIVE_COLUMNS]


NOTE_WORDS = ("附註", "附注", "Notes", "Note", "NOTES", "NOTE")
_NOT_UNITS = frozenset((*NOTE_WORDS, "%"))  # words a line of units prints beside them


class HeaderShape(NamedTuple):
    """What a column header says about the rows under it, before its periods are read."""

    width: int  # amount columns (one unit token per column), 0 when unknown
    note_column: bool  # a 附註 column stands before the amounts
    tokens: frozenset[str]  # the header's words, to skip the header printed again


def header_shape(header: list[str]) -> HeaderShape:
    units = [unit_count(t) for t in header if is_unit_line(t)]
    width = max(units, default=0)
    if width == 1 and sum(units) > 1:
        width = sum(units)  # 人民幣 / 百萬元 printed on lines of their own, one per column
    if not width:  # the mainland template: 项目 附注 期末余额 期初余额, or 2023年度 2022年度
        named = [relative_columns(t) or _item_years(t) or _item_columns(t) for t in header]
        width = max((len(n) for n in named), default=0)
    tokens = frozenset(t for text in header for t in text.split())
    note_column = any(w in tokens for w in NOTE_WORDS)  # a word of one of the header's lines
    return HeaderShape(width, note_column, tokens)


def _item_columns(text: str) -> list[str]:
    """The column headings after 项目 on the mainland template (项目 股本 资本公积 …)."""
    tokens = text.split()
    if not tokens or tokens[0] not in ITEM_WORDS:
        return []
    return [t for t in tokens[1:] if t not in NOTE_WORDS]


def _item_years(text: str) -> list[str]:
    tokens = [t for t in text.split() if t not in ITEM_WORDS and t not in NOTE_WORDS]
    return tokens if len(tokens) != len(text.split()) and years_of(" ".join(tokens)) else []


def is_repeated_header(text: str, cells: tuple[Cell, ...] | list[Cell], shape: HeaderShape) -> bool:
    """A column header printed again after a page break."""
    if cells:
        return False
    if is_period_line(text) or is_unit_line(text) or years_of(text):
        return True
    tokens = text.split()
    return bool(tokens) and all(t in shape.tokens for t in tokens)


@_per_text
def is_unit_line(text: str) -> bool:
    if not may_print_unit(text):
        return False
    tokens = [t for t in text.split() if t not in _NOT_UNITS]
    return bool(tokens) and all(UNIT_TOKEN.match(t) for t in tokens)


_CN_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0"}
_CN_YEAR = regex(r"([零〇○一二三四五六七八九]{4})(?=年)")
_CN_SMALL = regex(r"([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])(?=[月日])")


def _small_number(text: str) -> str:
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, units = text.partition("十")
    return str(
        (int(_CN_DIGITS[tens]) if tens else 1) * 10 + (int(_CN_DIGITS[units]) if units else 0)
    )


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_LENGTHS = {
    "year": "年度",
    "twelve months": "年度",
    "six months": "六個月",
    "three months": "三個月",
    "nine months": "九個月",
    "period": "期間",
}
# "For the year ended 31 December 2023", "six months ended 30 June", "As at 31 March 2024".
_EN_DATE = (
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}))"
    r"\s*,?\s*(?P<y>\d{4})?"
)


# The English headers' patterns take 0.8 ms to compile, and most announcements print
# none: each is compiled for the first line holding its word.
@functools.cache
def _english_period() -> re.Pattern[str]:
    return regex(
        r"(?:for\s+the\s+)?(?P<length>year|twelve months|six months|three months|nine months"
        rf"|period)\s+ended\s+{_EN_DATE}",
        re.IGNORECASE,
    )


@functools.cache
def _english_at() -> re.Pattern[str]:
    return regex(rf"(?:as\s+)?at\s+{_EN_DATE}", re.IGNORECASE)


_ASCII_LETTER = regex(r"[A-Za-z]")  # English dates need a month name
_EN_DATE_ANYWHERE = regex(rf"\b{_EN_DATE}\b", re.IGNORECASE)


def without_english_dates(text: str) -> str:
    """The text with its English dates ("At 30 September 2019") taken out: their day and
    year are words of a label, not amounts."""
    return _EN_DATE_ANYWHERE.sub(" ", text) if _ASCII_LETTER.search(text) else text


def _chinese_date(match: re.Match) -> str:
    day = match["d1"] or match["d2"]
    month = _MONTHS[next(m for m in _MONTHS if m.lower() == (match["m1"] or match["m2"]).lower())]
    return f"{match['y'] + '年' if match['y'] else ''}{month}月{day}日"


def english_dates(text: str) -> str:
    """English period headers read as their Chinese form: "For the year ended 31 December
    2023" -> 截至2023年12月31日止年度, "As at 30 June 2024" -> 於2024年6月30日."""
    if not _ASCII_LETTER.search(text):
        return text
    # each pattern only tried where its word is (ended, at: no other letters fold to theirs)
    if "ended" in text.lower():
        text = _english_period().sub(
            lambda m: f"截至{_chinese_date(m)}止{_LENGTHS[m['length'].lower()]}", text
        )
    if "at" not in text.lower():
        return text
    return _english_at().sub(lambda m: f"於{_chinese_date(m)}", text)


# Mainland headers: "2023年1—12月", "2024年1-6月" (a range of months), "2023年度" alone.
_MONTH_RANGE = regex(
    r"(?P<year>\d{4})\s*年\s*(?P<first>\d{1,2})\s*[—–\-~至]\s*(?P<last>\d{1,2})\s*月"
)
_YEAR_ALONE = regex(r"^(?P<year>\d{4})年度$")
_LENGTH_WORDS = {12: "年度", 6: "六個月", 3: "三個月", 9: "九個月"}


def _mainland_period(match: re.Match) -> str:
    year, first, last = int(match["year"]), int(match["first"]), int(match["last"])
    months = last - first + 1
    if first != 1 or months not in _LENGTH_WORDS:
        return match.group()
    day = calendar.monthrange(year, last)[1]
    return f"截至{year}年{last}月{day}日止{_LENGTH_WORDS[months]}"


def mainland_periods(text: str) -> str:
    """2023年1—12月 -> 截至2023年12月31日止年度; a line that is only 2023年度 likewise."""
    if "年" not in text:
        return text  # (both forms print it: most lines need neither search)
    text = _MONTH_RANGE.sub(_mainland_period, text)
    alone = _YEAR_ALONE.match(text.strip())
    return f"截至{alone['year']}年12月31日止年度" if alone else text


@functools.lru_cache(maxsize=8192)
def arabic_dates(text: str) -> str:
    """二零二三年六月三十日 -> 2023年6月30日 (and English and mainland period headers in
    that form), for reading headers; printed text is kept."""
    text = mainland_periods(english_dates(text))
    # each pattern only tried on a line holding the character it ends at (most lines don't)
    if "年" in text:
        text = _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)), text)
    if "月" in text or "日" in text:
        text = _CN_SMALL.sub(lambda m: _small_number(m.group(1)), text)
    return text


def years_of(text: str) -> list[int] | None:
    """[2023, 2022] for a line of year column headings, else None."""
    years = _years_of(text)
    return list(years) if years is not None else None


_NOT_YEARS = frozenset(NOTE_WORDS + ITEM_WORDS)  # words a line of years prints beside them


@_per_text
def _years_of(text: str) -> tuple[int, ...] | None:
    years = []
    for token in arabic_dates(text).split():
        if token in _NOT_YEARS:
            continue
        match = _YEAR.match(token)
        if not match:
            return None  # (running text: known at its first word that is no year)
        years.append(int(match["year"]))
    return years or None


@_per_text
def period_end_of(text: str) -> tuple[int | None, int, int, int] | None:
    """(year or None, month, day, months) from 截至…止年度 / 六個月, else None."""
    match = _PERIOD_END.search(arabic_dates(text))
    if not match or not _real_day(int(match["month"]), int(match["day"])):
        return None
    months = MONTHS.get(match["length"] or "年度", 12)
    year = int(match["year"]) if match["year"] else None
    return year, int(match["month"]), int(match["day"]), months


@_per_text
def at_date_of(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from a header 於2023年12月31日 / 於12月31日; a bilingual
    header that prints the same date twice (於2023年12月31日 As at 31 December 2023) too."""
    dates = arabic_dates(text)
    if "月" not in dates:
        return None  # a date prints its month (most lines print none)
    match = _AT_DATE.match(dates.replace(" ", ""))
    halves = {part for part in dates.split() if part}
    if not match and len(halves) == 1:
        match = _AT_DATE.match(halves.pop())
    if not match or not _real_day(int(match["month"]), int(match["day"])):
        return None
    return (int(match["year"]) if match["year"] else None), int(match["month"]), int(match["day"])


_ANOTHER_DATE = regex(r"[及和與与](?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")


def last_balance_date(label: str) -> date | None:
    """The later date of a balance row that prints two (於2022年12月31日及2023年1月1日): the
    balance the next year's movements start from."""
    first = balance_date_of(label)
    match = _ANOTHER_DATE.search(arabic_dates(label)) if first else None
    later = safe_date(int(match["year"]), int(match["month"]), int(match["day"])) if match else None
    return later or first


def balance_date_of(label: str) -> date | None:
    """The date of a balance row such as 於2023年1月1日 in a statement of changes in equity."""
    match = _BALANCE_DATE.match(arabic_dates(label))
    if not match:
        return None
    return safe_date(int(match["year"]), int(match["month"]), int(match["day"]))


@_per_text
def is_period_line(text: str) -> bool:
    """A header line that prints a period or a date (once, or twice on a bilingual page)."""
    if "月" not in arabic_dates(text):
        return False  # a period and a date print their month (most lines print none)
    parts = set(arabic_dates(text).split())
    dates = parts.pop() if len(parts) == 1 else arabic_dates(text).replace(" ", "")
    return bool(at_date_of(text) or (_PERIOD_END.search(dates) and len(dates) <= 20))


_ENGLISH_WORDS = regex(r"(?<![^\s])[A-Za-z(][A-Za-z0-9'’&,.()/\-]*(?![^\s])")
CJK = regex(r"[\u3400-\u9fff]")  # a Chinese character (CJK unified ideographs)


_PROSE_CHARS = 36  # Chinese characters of a sentence, not a label


@_per_text
def is_prose(text: str) -> bool:
    """A sentence of running text rather than a row label or heading. On a bilingual line
    the Chinese words are measured; an English-only line is prose when it is long."""
    if "。" in text or text.count("，") >= 2:
        return True
    if not CJK.search(text):
        return len(text.split()) >= 14 or (len(text) >= 60 and text.rstrip().endswith("."))
    if len(text) < _PROSE_CHARS:
        return False  # (what is measured below is no longer than the text)
    chinese = _ENGLISH_WORDS.sub("", text).split()
    words = len(chinese) >= 4 and all(CJK.search(w) and len(w) > 1 for w in chinese)
    words = words and not any(mark in text for mark in "，；")
    if words and sum(map(len, chinese)) <= 8 * len(chinese):
        return False  # short Chinese words set apart by spaces: column headings
    chars = len("".join(chinese)) if len(chinese) > 1 else len(" ".join(chinese))
    return chars >= _PROSE_CHARS
