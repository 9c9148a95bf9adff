"""Print how many of the amounts grouped by thousands printed in an announcement are tagged
(issue 10's measure), and where the rest are in review.csv, by code.

    .venv/bin/python scripts/coverage.py [ANNOUNCEMENT ...]   (default: the bundled example)
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from tagger.pipeline import tag
from tagger.reader import read_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
# the same reading of "an amount grouped by thousands" as tests/test_coverage.py
_GROUPED = re.compile(r"(?<![\d,.])\(?-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\)?(?![\d,])")


def share(path: Path) -> str:
    printed = {
        (line.number, match.group().strip("()"))
        for line in read_text(path).lines
        for match in _GROUPED.finditer(line.text)
    }
    result = tag(path)
    tagged = {(f.cell.line, f.cell.text.strip("()")) for f in result.facts} & printed
    why = Counter(
        f.code
        for f in result.findings
        if f.source and (f.source.line, (f.printed or "").strip("()")) in printed - tagged
    )
    codes = ", ".join(f"{code} {n}" for code, n in why.most_common())
    return (
        f"{path.name}: {len(tagged)} of {len(printed)} grouped amounts tagged "
        f"({100 * len(tagged) / max(len(printed), 1):.1f}%); left: {codes}"
    )


if __name__ == "__main__":
    for name in sys.argv[1:] or [str(EXAMPLE)]:
        print(share(Path(name)))
