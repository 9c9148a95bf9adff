"""Rewrite the golden listings of the bundled examples (``make golden``).

    python scripts/golden.py

For each ``examples/*.txt`` writes ``tests/golden/<stem>.facts.csv`` and ``.review.csv``,
which ``tests/test_golden.py`` compares with a fresh run: any change to what ixtag tags is
then a diff that someone reads before committing.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"


def listings(example: Path) -> dict[str, bytes]:
    """The facts and review listings of one example, as ``ixtag tag`` writes them."""
    from tagger.pipeline import tag
    from tagger.report import facts_csv, review_csv

    result = tag(example)
    return {
        f"{example.stem}.facts.csv": facts_csv(
            result.facts, result.document, result.notes, result.entity_facts
        ),
        f"{example.stem}.review.csv": review_csv(result.findings, result.document),
    }


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for example in sorted(EXAMPLES.glob("*.txt")):
        for name, data in listings(example).items():
            path = GOLDEN / name
            changed = not path.is_file() or path.read_bytes() != data
            path.write_bytes(data)
            print(f"{'rewrote' if changed else 'same   '} {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
