"""Nothing missed in silence: every amount grouped by thousands printed anywhere in an
announcement (statements, notes, management discussion, footnotes) is either a fact or a
row of review.csv saying why it is not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tagger.coverage import untagged_text_figures
from tagger.layout import lay_out
from tagger.pipeline import tag
from tagger.reader import read_text
from tagger.segmenter import segment
from tagger.vocabulary import default_vocabulary
from tests.stage_inputs import source

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [
    ROOT / "examples" / "sensetime-2023-annual-results.zh-Hant.txt",
    *sorted((ROOT / "tests" / "corpus").glob("*.txt")),
]
# An amount grouped by thousands, as the printed text shows it (brackets set aside).
_GROUPED = re.compile(r"(?<![\d,.])\(?-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\)?(?![\d,])")


def _printed_amounts(path: Path) -> set[tuple[int, str]]:
    return {
        (line.number, match.group().strip("()"))
        for line in read_text(path).lines
        for match in _GROUPED.finditer(line.text)
    }


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_every_printed_amount_is_tagged_or_reviewed(path):
    result = tag(path)
    accounted = {(f.cell.line, f.cell.text.strip("()")) for f in result.facts}
    accounted |= {
        (f.source.line, token.strip("()"))
        for f in result.findings
        if f.source and f.source.line and f.printed
        for token in f.printed.split()
    }
    silent = sorted(_printed_amounts(path) - accounted)
    assert silent == []


def test_figures_in_running_text_are_reported_with_their_line():
    text = (
        "管理層討論及分析\n"
        "2023年集團總收入為人民幣 3,405.8百萬元，同比下降 10.6%，生成式AI收入為\n"
        "394.7百萬元，本集團有 4,531名僱員。\n"
    )
    vocab = default_vocabulary()
    src = source(text)
    found = untagged_text_figures(segment(lay_out(src, vocab), vocab), src.lines)
    assert [(f.code, f.source.line, f.printed) for f in found] == [
        ("untagged-text-figure", 2, "3,405.8"),
        ("untagged-text-figure", 3, "394.7"),
        ("untagged-text-figure", 3, "4,531"),
    ]
