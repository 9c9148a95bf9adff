"""ixtag's promise on damaged input (scripts/fuzz.py): a one-line error, or a report Arelle
finds clean. A few fixed seeds here; the script runs as many as you like."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import fuzz  # noqa: E402


# Seeds whose damage once gave invalid reports: impossible dates, calculation weights
# against balances, start after end, equity columns that could not be told apart.
@pytest.mark.parametrize("seed", [0, 2, 5, 6, 11, 17])
def test_damaged_statements_never_give_an_invalid_report(seed, tmp_path):
    lines = fuzz.EXAMPLE.read_text(encoding="utf-8").splitlines()
    text = "\n".join(fuzz.damaged(lines, random.Random(seed), fuzz.statement_span(lines)))
    assert fuzz.check(text, tmp_path, fuzz.TITLES) == []
