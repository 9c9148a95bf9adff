"""The bundled examples' facts.csv and review.csv, compared with committed golden files.

`make golden` rewrites them: a change to what ixtag tags is a diff someone reads."""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import golden  # noqa: E402

from tagger.findings import CODES  # noqa: E402

EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_listings_match_the_golden_files(example):
    for name, data in golden.listings(example).items():
        expected = (golden.GOLDEN / name).read_bytes()
        assert data == expected, f"{name} changed: run `make golden` and read the diff"


def _readme_codes() -> dict[str, str]:
    """code -> severity, from the table under '## Finding codes' in the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Finding codes", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| `([a-z-]+)` \| (\w+) \|", section, flags=re.MULTILINE))


def test_the_readme_lists_exactly_the_finding_codes():
    assert _readme_codes() == {code: severity for code, (severity, _) in CODES.items()}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_review_row_has_a_code_from_the_table(example):
    review = next(d for n, d in golden.listings(example).items() if n.endswith(".review.csv"))
    rows = list(csv.DictReader(io.StringIO(review.decode("utf-8"))))
    assert rows and {r["code"] for r in rows} <= set(CODES)
    assert all(r["severity"] == CODES[r["code"]][0] for r in rows)
