"""Pinyin of a label, read as ``pypinyin.lazy_pinyin`` reads it, from the table that
scripts/pinyin_table.py writes from pypinyin's own dictionaries.

Importing pypinyin builds its dictionaries and phrase segmenter: about 0.13 s, paid by every
process that names an extension, more than tagging the statements takes. The table loads in
a few milliseconds. The reading is pypinyin's: a run of characters is cut, left to right, at
the longest dictionary phrase it begins with (else one character); a phrase takes the
phrase's readings, a character its first reading; what has no reading (letters, digits,
marks) stays as printed, one word per run.
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "taxonomy" / "data" / "pinyin.tsv.gz"


class PinyinTable:
    def __init__(self, text: str) -> None:
        chars, char_readings, phrases, phrase_readings = text.split("\n")[:4]
        self.chars: dict[str, str] = dict(zip(chars, char_readings.split(" "), strict=True))
        # phrase readings stay "a,b" strings until a phrase is read
        self.phrases: dict[str, str] = dict(
            zip(phrases.split(" "), phrase_readings.split(" "), strict=True)
        )
        self.longest = max(map(len, self.phrases), default=1)

    def _pieces(self, run: str) -> list[str]:
        readings: list[str] = []
        at = 0
        while at < len(run):
            for end in range(min(len(run), at + self.longest), at + 1, -1):
                phrase = self.phrases.get(run[at:end])
                if phrase is not None:
                    readings += phrase.split(",")
                    at = end
                    break
            else:
                readings.append(self.chars[run[at]])
                at += 1
        return readings

    def words(self, text: str) -> list[str]:
        """Like ``lazy_pinyin(text)``: a reading per character, other runs as printed."""
        out: list[str] = []
        run, han = "", False
        for char in text:
            is_han = char in self.chars
            if run and is_han != han:
                out += self._pieces(run) if han else [run]
                run = ""
            run, han = run + char, is_han
        if run:
            out += self._pieces(run) if han else [run]
        return out


@functools.cache
def pinyin_table() -> PinyinTable:
    return PinyinTable(gzip.decompress(TABLE.read_bytes()).decode("utf-8"))


def lazy_pinyin(text: str) -> list[str]:
    return pinyin_table().words(text)
