"""Stage 2, layout: what a reader gives -> lines of label text and amount cells.

Every later stage reads the same shape, whatever the extractor printed: a label, then the
trailing amounts as cells (brackets, dashes and marks as printed; a note number may still be
among them, the columns stage tells it apart). Today the reader gives one printed row per
line, so the layout is read straight from each line; other layouts (one cell per line, glued
columns, PDF words with positions) are turned into the same shape here.
"""

from __future__ import annotations

from tagger.lines import split_amounts
from tagger.model import LaidLine, Layout, SourceLine, SourceText


def laid_line(line: SourceLine) -> LaidLine:
    """One source line: the label tokens before the trailing run of amounts, and the amounts."""
    label_tokens, cells = split_amounts(line.text, line.number)
    return LaidLine(source=line, label=" ".join(label_tokens), cells=tuple(cells))


def lay_out(source: SourceText) -> Layout:
    return Layout(
        path=source.path,
        encoding=source.encoding,
        script=source.script,
        lines=tuple(laid_line(line) for line in source.lines),
    )
