"""``ixtag tag --lei``: an ISO 17442 Legal Entity Identifier as the report's entity, checked
before anything is read or written; a bad one is one line and exit 2 (a usage error)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tagger.cli import main
from tagger.errors import UsageError
from tagger.lei import checked_lei

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
# LEIs as registered (GLEIF's own, a bank's, a fund's): their check digits are right.
GOOD = ["506700GE1G29325QX363", "7H6GLXDRUGQFU57RNE97", "529900T8BM49AURSDO55"]


def _mod97(code: str) -> int:
    """The check the standard defines, written out: letters as 10..35, the number mod 97."""
    return int("".join(str(int(ch, 36)) for ch in code)) % 97


@pytest.mark.parametrize("code", GOOD)
def test_published_leis_are_accepted_in_upper_case(code):
    assert _mod97(code) == 1
    assert checked_lei(code) == code
    assert checked_lei(f" {code.lower()} ") == code


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("529900T8BM49AURSDO5", "19 characters"),
        ("529900T8BM49AURSDO555", "21 characters"),
        ("529900T8BM49AURSDO56", "check digits"),  # one check digit off
        ("529900T8BM49AURSOD55", "check digits"),  # two characters swapped
        ("529900T8BM49AURSD-55", "letters A-Z or digits"),
        ("529900T8BM49AURSDOAB", "letters A-Z or digits"),  # check digits must be digits
    ],
)
def test_a_bad_lei_says_why(code, reason):
    with pytest.raises(UsageError, match=reason):
        checked_lei(code)


@pytest.mark.parametrize(
    "args",
    [
        ["--lei", "529900T8BM49AURSDO56"],
        ["--lei", "HK00020"],
        ["--lei", GOOD[0], "--entity-id", "00020"],
        ["--lei", GOOD[0], "--entity-scheme", "https://example.com/ids"],
    ],
)
def test_cli_refuses_a_bad_lei_on_one_line_with_exit_2_writing_nothing(tmp_path, args):
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["tag", str(EXAMPLE), "-o", str(out), *args])
    assert run.exit_code == 2
    lines = run.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ixtag: --lei") and "Traceback" not in lines[0]
    assert not out.exists()


def test_a_report_filed_under_an_lei_is_arelle_clean(tmp_path):
    from tagger.validation import validate_report

    run = CliRunner().invoke(main, ["tag", str(EXAMPLE), "-o", str(tmp_path), "--lei", GOOD[0]])
    assert run.exit_code == 0, run.output
    (package,) = tmp_path.glob("*.xbri")
    summary = validate_report(package)
    assert summary.clean, summary.one_line()
    assert len(summary.facts.facts) == 1164  # 1142 amounts, 15 text blocks, 7 entity facts
