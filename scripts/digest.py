"""Digest of every file ixtag writes for the example and the test corpus: the proof that a
change meant only for speed (or any refactoring) left the output byte for byte the same.

    python scripts/digest.py > before.txt      # on the commit before the change
    python scripts/digest.py | diff before.txt -   # after it: no line may differ

Each line is ``<input> <output file> <sha256>``; an input that ixtag refuses prints its
one-line message instead, so a change in what is refused shows too.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [
    ROOT / "examples" / "sensetime-2023-annual-results.zh-Hant.txt",
    *sorted((ROOT / "tests" / "corpus").glob("*.txt")),
]


def digests(inputs: list[Path]) -> list[str]:
    from tagger.errors import IxtagError
    from tagger.pipeline import tag
    from tagger.report import write_report

    lines = []
    for path in inputs:
        with tempfile.TemporaryDirectory() as out:
            try:
                write_report(tag(path), Path(out))
            except IxtagError as error:
                lines.append(f"{path.name} refused {str(error).replace(str(path), '<input>')}")
            for written in sorted(Path(out).iterdir()):
                digest = hashlib.sha256(written.read_bytes()).hexdigest()
                lines.append(f"{path.name} {written.name} {digest}")
    return lines


if __name__ == "__main__":
    chosen = [Path(a) for a in sys.argv[1:]] or INPUTS
    print("\n".join(digests(chosen)))
