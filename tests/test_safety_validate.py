"""`ixtag validate` fails what is not a valid report: a report whose duplicates disagree (one
amount changed in the XHTML), and a page with no Inline XBRL in it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tagger.cli import main

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    run = CliRunner().invoke(main, ["tag", str(EXAMPLE), "-o", str(out)])
    assert run.exit_code == 0, run.output
    return out / f"{EXAMPLE.stem}.xbri"


def _validate(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def test_a_report_whose_duplicates_disagree_fails(report, tmp_path):
    # 經調整EBITDA 2023 is printed in 千元 (4,369,023) and in 百萬元 (4,369.0); 9,369.0 disagrees.
    tampered = tmp_path / "tampered.xbri"
    with zipfile.ZipFile(report) as original, zipfile.ZipFile(tampered, "w") as copy:
        for name in original.namelist():
            data = original.read(name)
            if name.endswith(".xhtml"):
                text, count = re.subn(
                    r'(name="ixtag:AdjustedEBITDA" contextRef="C_d20230101-20231231"[^>]*>)'
                    r"4,369\.0<",
                    r"\g<1>9,369.0<",
                    data.decode("utf-8"),
                )
                assert count == 1
                data = text.encode("utf-8")
            copy.writestr(name, data)
    assert _validate(str(report)).exit_code == 0
    run = _validate(str(tampered))
    assert run.exit_code == 1
    assert "NOT valid" in run.output and "arelle:duplicateFacts" in run.output


def test_a_page_with_no_inline_xbrl_is_not_a_report(tmp_path):
    page = tmp_path / "page.xhtml"
    page.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>業績公告</title></head><body><p>收入 1,234</p></body></html>",
        encoding="utf-8",
    )
    run = _validate(str(page))
    assert run.exit_code == 1
    assert f"NOT an Inline XBRL report: {page}" in run.output
