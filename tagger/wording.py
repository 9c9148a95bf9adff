"""The forms a printed label takes around its wording: list marks and lead words (一、 （一）
3． 加： 减： 其中：), opening and closing words (年初, 期末), a printed unit (（港仙）) and the
mainland template's sign note (（损失以“－”号填列））. The layout and segmenter stages read
where a row starts from them; the matcher sets them aside to find the wording.
"""

from __future__ import annotations

import functools
import re

from tagger.regex_cache import regex
from tagger.vocabulary import compact

OPENING_CLOSING = regex(r"^(?:[於于])?(?:年初|年末|期初|期末|年終)")
UNIT_NOTE = regex(r"\([^()]*(?:仙|元|分|RMB|HK\$|US\$)[^()]*\)")
LEAD_WORDS = regex(
    r"^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.．、](?!\d)"
    r"|[減减加](?!權|权)|其中|[-－–])[:：]?"
)
SIGN_NOTE = regex(r"\([^()]*填列\)")


def starts_item(text: str) -> bool:
    """Whether a printed line begins a line item with a list mark or lead word, as the
    mainland template numbers its rows."""
    return bool(LEAD_WORDS.match(compact(text)))


def core_wording(label: str) -> str:
    """A label without its list mark, opening/closing words, unit and sign notes
    (四、期末现金及现金等价物余额 -> 现金及现金等价物余额)."""
    core = UNIT_NOTE.sub("", LEAD_WORDS.sub("", OPENING_CLOSING.sub("", compact(label))))
    return SIGN_NOTE.sub("", core)


# A numbered heading on a line of its own: 1 一般資料, 2.1 編製基準, 15. 資產負債表日後事項.
_NUMBERED_HEADING = regex(
    r"^(?P<note>\d{1,2})(?:\.(?P<sub>\d{1,2}))?[.、．]?\s*(?P<title>[^\d\s.、．].{0,39})$"
)
_DURATION_WORDS = tuple("個个年月日天週周歲岁")  # 6 個月, 1 年: an ageing bucket, not a heading
_LONGEST_HEADING = 30


_ASCII_LETTER = regex(r"[A-Za-z]")


@functools.cache
def _bilingual_heading() -> re.Pattern[str]:
    """The same heading in English, then in Chinese, on one line: 1. GENERAL 1. 一般資料.
    Compiled when a line may be one (its CJK ranges take a millisecond to compile)."""
    return regex(
        r"^(?P<number>\d{1,2}(?:\.\d{1,2})?)[.、．]?\s+[A-Za-z][^\u3400-\u9fff]*?\s"
        r"(?P=number)[.、．]?\s*(?P<chinese>[\u3400-\u9fff].{0,39})$"
    )


@functools.cache
def _bilingual_shape() -> re.Pattern[str]:
    """``_bilingual_heading`` with any character where it asks for a CJK one: every line it
    matches, this matches too, and it compiles at once; only a line this matches is tried
    (most numbered lines with Latin letters are not bilingual headings)."""
    return regex(
        r"^(?P<number>\d{1,2}(?:\.\d{1,2})?)[.、．]?\s+[A-Za-z](?s:.)*?\s"
        r"(?P=number)[.、．]?\s*.{1,40}$"
    )


def _bilingual(text: str) -> re.Match[str] | None:
    if not _ASCII_LETTER.search(text) or not _bilingual_shape().match(text):
        return None
    return _bilingual_heading().match(text)


def numbered_heading(text: str) -> tuple[int, int | None, str] | None:
    """(number, sub-number, title) of a line that reads as a numbered heading: a short
    Chinese title, no sentence mark, not a duration; on a bilingual line, its Chinese."""
    text = text.strip()
    if not text[:1].isdecimal():
        return None  # both forms open with the number (\d: any decimal digit)
    bilingual = _bilingual(text)
    if bilingual:
        text = f"{bilingual['number']} {bilingual['chinese']}"
    match = _NUMBERED_HEADING.match(text)
    if not match:
        return None
    title = match["title"].strip()
    if (
        len(title) > _LONGEST_HEADING
        or not ("\u3400" <= title[0] <= "\u9fff")
        or title.startswith(_DURATION_WORDS)
        or any(mark in title for mark in "。，,；")
        or any(ch.isdigit() for ch in title)  # 於2021年1月1日: a date listed, not a heading
    ):
        return None
    return int(match["note"]), int(match["sub"]) if match["sub"] else None, title
