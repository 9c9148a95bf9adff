"""The forms a printed label takes around its wording: list marks and lead words (一、 （一）
3． 加： 减： 其中：), opening and closing words (年初, 期末), a printed unit (（港仙）) and the
mainland template's sign note (（损失以“－”号填列））. The layout and segmenter stages read
where a row starts from them; the matcher sets them aside to find the wording.
"""

from __future__ import annotations

import re

from tagger.vocabulary import compact

OPENING_CLOSING = re.compile(r"^(?:[於于])?(?:年初|年末|期初|期末|年終)")
UNIT_NOTE = re.compile(r"\([^()]*(?:仙|元|分|RMB|HK\$|US\$)[^()]*\)")
LEAD_WORDS = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.．、](?!\d)"
    r"|[減减加](?!權|权)|其中|[-－–])[:：]?"
)
SIGN_NOTE = re.compile(r"\([^()]*填列\)")


def starts_item(text: str) -> bool:
    """Whether a printed line begins a line item with a list mark or lead word, as the
    mainland template numbers its rows."""
    return bool(LEAD_WORDS.match(compact(text)))


def core_wording(label: str) -> str:
    """A label without its list mark, opening/closing words, unit and sign notes
    (四、期末现金及现金等价物余额 -> 现金及现金等价物余额)."""
    core = UNIT_NOTE.sub("", LEAD_WORDS.sub("", OPENING_CLOSING.sub("", compact(label))))
    return SIGN_NOTE.sub("", core)
