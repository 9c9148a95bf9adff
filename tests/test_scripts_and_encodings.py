"""The example in Simplified Chinese (OpenCC t2s, made here) and in the encodings issuers'
files come in gives exactly the example's facts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import opencc
import pytest

from tagger.pipeline import tag

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)


def _facts(result) -> Counter:
    return Counter(
        (f.concept.qname, f.period.key(), f.dims, f.unit, f.decimals, f.value) for f in result.facts
    )


@pytest.fixture(scope="module")
def original():
    return tag(EXAMPLE)


@pytest.mark.parametrize(
    ("script", "encoding"),
    [("zh-Hans", "utf-8"), ("zh-Hans", "gb18030"), ("zh-Hant", "big5hkscs")],
)
def test_same_facts_in_every_script_and_encoding(original, tmp_path, script, encoding):
    text = EXAMPLE.read_text(encoding="utf-8")
    if script == "zh-Hans":
        text = opencc.OpenCC("t2s").convert(text)
        assert "于2023年12月31日" in text and "综合资产负债表" in text
    path = tmp_path / "converted.txt"
    path.write_bytes(text.encode(encoding))
    result = tag(path)
    assert result.document.script == script
    assert _facts(result) == _facts(original)
    assert len(result.facts) == len(original.facts) > 380
