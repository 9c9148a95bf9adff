"""The class header of a movement table, rebuilt from the fragments a PDF's text prints.

A movement table's columns are the asset's classes, each name printed in a narrow column and
so wrapped over two or three lines; the extractor prints the fragments line by line:

    樓宇及
    設施 (a) 物業裝修

    大型電子
    設備
    …
    運輸設備及
    車輛 其他設備 在建工程 總計
    人民幣千元 人民幣千元 …

The lines run back from the unit line to the note's heading (a heading, a page number, a
sentence or a line of amounts ends them). Footnote marks ((a), *) are set aside. Two readings
are tried, each only accepted when it gives exactly as many names as the table has amount
columns: lines printed together (no blank line between) are one wrapped name at each line
break (the last fragment of a line runs on into the first of the next); else, where no blank
line sets the names apart (a PDF's lines), only a fragment that ends on a joining character
(及, 、, 和) runs on, and every name must be a wording the taxonomy knows. Anything else is
no reading: the table is left untagged and reported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from tagger.lines import CJK, is_unit_line
from tagger.model import SourceLine
from tagger.note_regions import is_note_heading, is_sub_heading
from tagger.regex_cache import regex

_FOOTNOTE = regex(r"^(?:[(（](?:[a-z]{1,2}|[ivx]{1,4}|\d{1,2})[)）]|[*＊]+|附[註注])$")
_GLUED_FOOTNOTE = regex(r"(?:[(（](?:[a-z]{1,2}|[ivx]{1,4})[)）]|[*＊]+)$")
_JOINING = ("及", "、", "和", "與", "与", "/", "／")
_SENTENCE_ENDS = ("。", "：", ":", "；", ";", "，", ",")
_AMOUNT = regex(r"\d")
# A name has a Chinese character or a letter, not – alone (lines.CJK is compiled already: a
# class over the CJK range costs 1.5 ms to compile).
_LETTER = regex(r"[A-Za-z]")
_LOOKBACK = 30  # lines above the unit line that may still be the header


def _tokens(text: str) -> list[tuple[str, str]]:
    """(name, as printed) fragments of a line: a footnote mark ((a), *) is no name, but is
    printed after the fragment before it."""
    out: list[tuple[str, str]] = []
    for token in text.split():
        if _FOOTNOTE.match(token):
            if out:
                out[-1] = (out[-1][0], out[-1][1] + token)
            continue
        name = _GLUED_FOOTNOTE.sub("", token)
        if name:
            out.append((name, token))
    return out


class ClassHeader(NamedTuple):
    """The class names, one per amount column, and the source lines their fragments stand on."""

    names: tuple[str, ...]
    printed: tuple[str, ...]  # the names with their footnote marks: 樓宇及設施(a)
    lines: tuple[int, ...]
    texts: tuple[str, ...]  # those lines as printed


_Groups = list[list[list[tuple[str, str]]]]


def header_groups(lines: list[SourceLine]) -> tuple[_Groups, list[SourceLine]]:
    """The header's fragments above the unit line (the last of ``lines``): groups of lines
    printed together, each line its tokens; and those lines."""
    groups: _Groups = [[]]
    used: list[SourceLine] = []
    above = list(lines[:-1][-_LOOKBACK:])
    while above and is_unit_line(above[-1].text):  # a unit printed once per line
        above.pop()
    for line in reversed(above):
        text = line.text.strip()
        if line.furniture or is_note_heading(text) or is_sub_heading(text):
            break
        if not text:
            if groups[0]:
                groups.insert(0, [])
            continue
        tokens = _tokens(text)
        amounts = any(
            _AMOUNT.search(t) or not (CJK.search(t) or _LETTER.search(t)) for t, _ in tokens
        )
        if text.endswith(_SENTENCE_ENDS) or amounts or is_unit_line(text):
            break
        if tokens:
            groups[0].insert(0, tokens)
            used.insert(0, line)
    return [g for g in groups if g], used


def _wrapped(groups: _Groups) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    for group in groups:
        for number, tokens in enumerate(group):
            if number and names:
                names[-1] = _join(names[-1], tokens[0])
                names += tokens[1:]
            else:
                names += tokens
    return names


def _joined(groups: _Groups) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    for group in groups:
        for tokens in group:
            for token in tokens:
                if names and names[-1][0].endswith(_JOINING):
                    names[-1] = _join(names[-1], token)
                else:
                    names.append(token)
    return names


def _join(head: tuple[str, str], tail: tuple[str, str]) -> tuple[str, str]:
    return head[0] + tail[0], head[1] + tail[1]


def class_names(
    lines: list[SourceLine], width: int, known: Callable[[str], bool]
) -> ClassHeader | None:
    """The ``width`` column names printed above the unit line (the last of ``lines``), or
    None when the fragments cannot be read as exactly that many names. ``known``: whether a
    name is a wording the taxonomy knows for a class (or the total); the second reading, which
    has no blank lines to go by, is taken only when every name it gives is known (else a
    fragment wrapped alone, 大型電子 / 設備, could be read as two names)."""
    groups, used = header_groups(lines)
    if not groups:
        return None
    names = _wrapped(groups)
    if len(names) != width:
        names = _joined(groups)
        if len(names) != width or not all(known(n) for n, _ in names):
            return None
    return ClassHeader(
        names=tuple(n for n, _ in names),
        printed=tuple(p for _, p in names),
        lines=tuple(ln.number for ln in used),
        texts=tuple(ln.text.strip() for ln in used),
    )
