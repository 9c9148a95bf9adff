"""Write taxonomy/data/pinyin.tsv.gz: the readings pypinyin gives, as extension names use them.

    python scripts/pinyin_table.py          # rewrite the table from the installed pypinyin
    python scripts/pinyin_table.py --check  # exit 1 when the shipped table is out of date

pypinyin builds its dictionaries (and a phrase segmenter) at import, about 0.13 s per
process, more than tagging an announcement's statements takes. The table holds the same
readings in their final, toneless form (each character's first reading, each phrase's
readings), so that ``tagger.pinyin`` reads a label exactly as ``pypinyin.lazy_pinyin`` does
without importing it; tests/test_pinyin.py checks that they agree.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

TABLE = Path(__file__).resolve().parent.parent / "taxonomy" / "data" / "pinyin.tsv.gz"


def table_text() -> str:
    """Four lines: the characters, run together; their readings; the phrases; their
    readings (syllables joined by commas). Sorted, so the file changes only with pypinyin."""
    codes = sorted(PINYIN_DICT)
    char_readings = []
    for code in codes:
        (reading,) = lazy_pinyin(chr(code))  # no dictionary phrase is one character long
        char_readings.append(reading)
    phrases = sorted(PHRASES_DICT)
    phrase_readings = []
    for phrase in phrases:
        readings = lazy_pinyin(phrase)
        if len(readings) != len(phrase) or any(" " in r or "," in r for r in readings):
            raise SystemExit(f"phrase {phrase!r} does not read one syllable per character")
        phrase_readings.append(",".join(readings))
    if any(" " in p for p in phrases) or any(" " in r for r in char_readings):
        raise SystemExit("a space inside a phrase or reading: the table format cannot hold it")
    lines = ["".join(map(chr, codes)), " ".join(char_readings)]
    return "\n".join([*lines, " ".join(phrases), " ".join(phrase_readings)]) + "\n"


def table_bytes() -> bytes:
    # mtime=0: the same table gives the same bytes, so the file only changes with pypinyin
    return gzip.compress(table_text().encode("utf-8"), compresslevel=9, mtime=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the shipped table")
    args = parser.parse_args()
    new = table_bytes()
    if args.check:
        current = TABLE.read_bytes() if TABLE.is_file() else b""
        if not current or gzip.decompress(current) != gzip.decompress(new):
            print(f"{TABLE} is out of date: run python scripts/pinyin_table.py", file=sys.stderr)
            return 1
        return 0
    TABLE.write_bytes(new)
    print(f"{TABLE}: {len(new):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
