"""Write taxonomy/data/pinyin-readings.txt: pypinyin's readings, as extension names use them.

    python scripts/pinyin_table.py          # rewrite the table from the installed pypinyin
    python scripts/pinyin_table.py --check  # exit 1 when the shipped table is out of date

pypinyin builds its dictionaries (and a phrase segmenter) at import, about 0.13 s per
process, more than tagging an announcement's statements takes. The table holds the same
readings in their final, toneless form (each character's first reading, each phrase's
readings), so that ``tagger.pinyin`` reads a label exactly as ``pypinyin.lazy_pinyin`` does
without importing it; tests/test_pinyin.py checks that they agree.

The file is plain UTF-8, one line per character, sorted, so that ``tagger.pinyin`` finds a
character's line by bisecting the bytes, with nothing to decompress or parse first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

TABLE = Path(__file__).resolve().parent.parent / "taxonomy" / "data" / "pinyin-readings.txt"


def table_text() -> str:
    """A line per character, sorted: the character, its reading, then each phrase it begins
    as ``phrase=reading,reading``, tab-separated. A phrase with a character that has no
    reading is left out: a run of characters with readings never holds it."""
    chars = {chr(code): lazy_pinyin(chr(code)) for code in PINYIN_DICT}
    if any(len(reading) != 1 for reading in chars.values()):
        raise SystemExit("a character does not read as one syllable")  # no 1-character phrase
    begun: dict[str, list[str]] = {char: [] for char in chars}
    for phrase in sorted(PHRASES_DICT):
        if not all(c in chars for c in phrase):
            continue
        readings = lazy_pinyin(phrase)
        if len(readings) != len(phrase) or any(set(r) & set("\t\n=,") for r in readings):
            raise SystemExit(f"phrase {phrase!r} does not read one syllable per character")
        if set(phrase) & set("\t\n="):
            raise SystemExit(f"phrase {phrase!r}: the table format cannot hold it")
        begun[phrase[0]].append(f"{phrase}={','.join(readings)}")
    lines = ["\t".join([char, chars[char][0], *begun[char]]) for char in sorted(chars)]
    return "\n".join(lines) + "\n"


def table_bytes() -> bytes:
    return table_text().encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the shipped table")
    args = parser.parse_args()
    new = table_bytes()
    if args.check:
        current = TABLE.read_bytes() if TABLE.is_file() else b""
        if current != new:
            print(f"{TABLE} is out of date: run python scripts/pinyin_table.py", file=sys.stderr)
            return 1
        return 0
    TABLE.write_bytes(new)
    print(f"{TABLE}: {len(new):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
