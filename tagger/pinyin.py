"""Pinyin of a label, read as ``pypinyin.lazy_pinyin`` reads it, from the table that
scripts/pinyin_table.py writes from pypinyin's own dictionaries.

Importing pypinyin builds its dictionaries and phrase segmenter: about 0.13 s, paid by every
process that names an extension, more than tagging the statements takes. The reading is
pypinyin's: a run of characters is cut, left to right, at the longest dictionary phrase it
begins with (else one character); a phrase takes the phrase's readings, a character its
first reading; what has no reading (letters, digits, marks) stays as printed, one word per
run.

The table has one line per character, sorted: the character, its reading, then the phrases
it begins. An announcement's extensions name a few hundred characters of the table's 42,000,
so a character's line is found by bisecting the file's bytes (UTF-8 sorts as the characters
do) when it is first asked for, instead of reading every line into dictionaries (0.02 s). The
file is mapped into memory rather than read: a bisection touches a few pages of its 1.4 MB.
"""

from __future__ import annotations

import functools
import mmap
from pathlib import Path
from typing import NamedTuple

TABLE = Path(__file__).resolve().parent.parent / "taxonomy" / "data" / "pinyin-readings.txt"


class _Character(NamedTuple):
    reading: str
    phrases: dict[str, str]  # phrase beginning with the character -> "a,b" readings
    longest: int  # characters in its longest phrase (1: none)


class PinyinTable:
    def __init__(self, data: bytes | mmap.mmap) -> None:
        self.data = data  # the table file's bytes
        self._characters: dict[str, _Character | None] = {}

    def _line(self, char: str) -> str | None:
        """The line of ``char``, bisecting the sorted lines' bytes; None: it has no reading.
        UTF-8 is prefix-free, so a line's first bytes order it against ``char``."""
        data, key = self.data, char.encode("utf-8") + b"\t"
        lo, hi = 0, len(data)  # lo is always the start of a line
        while lo < hi:
            start = max(lo, data.rfind(b"\n", lo, (lo + hi) // 2) + 1)
            head = data[start : start + len(key)]
            if head == key:
                return data[start : self._line_end(start)].decode("utf-8")
            if head < key:
                lo = self._line_end(start) + 1
            else:
                hi = start
        return None

    def _line_end(self, start: int) -> int:
        end = self.data.find(b"\n", start)  # an mmap has no index()
        return len(self.data) if end < 0 else end

    def character(self, char: str) -> _Character | None:
        """The reading and phrases of a character the table holds, else None."""
        if char not in self._characters:
            line = self._line(char)
            if line is None:
                self._characters[char] = None
            else:
                _, reading, *rest = line.split("\t", 2)
                # phrase=readings entries, split in one pass (a common character begins
                # hundreds of phrases)
                fields = rest[0].replace("=", "\t").split("\t") if rest else []
                phrases = dict(zip(fields[::2], fields[1::2], strict=True))
                longest = max(map(len, phrases), default=1)
                self._characters[char] = _Character(reading, phrases, longest)
        return self._characters[char]

    def _pieces(self, run: str) -> list[str]:
        readings: list[str] = []
        at = 0
        while at < len(run):
            first = self.character(run[at])
            for end in range(min(len(run), at + first.longest), at + 1, -1):
                phrase = first.phrases.get(run[at:end])
                if phrase is not None:
                    readings += phrase.split(",")
                    at = end
                    break
            else:
                readings.append(first.reading)
                at += 1
        return readings

    def words(self, text: str) -> list[str]:
        """Like ``lazy_pinyin(text)``: a reading per character, other runs as printed."""
        out: list[str] = []
        run, han = "", False
        for char in text:
            is_han = self.character(char) is not None
            if run and is_han != han:
                out += self._pieces(run) if han else [run]
                run = ""
            run, han = run + char, is_han
        if run:
            out += self._pieces(run) if han else [run]
        return out


@functools.cache
def pinyin_table() -> PinyinTable:
    with TABLE.open("rb") as handle:  # the map keeps the file open itself
        return PinyinTable(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))


def lazy_pinyin(text: str) -> list[str]:
    return pinyin_table().words(text)
