"""The example re-laid out the way other extractors print it, for the layout tests.

Each function takes the example's lines (one printed row per line) and returns the same
announcement as another extractor would give it. Only the layout changes: every printed
character is still there.
"""

from __future__ import annotations

import re

from tagger.lines import is_unit_line, split_amounts, years_of

_CJK = r"[\u3400-\u9fff]"
TITLES = ("綜合收益表", "綜合全面虧損表", "綜合資產負債表", "綜合權益變動表", "綜合現金流量表")
END = "財務報表附註"


def _is_header(text: str) -> bool:
    return bool(is_unit_line(text) or years_of(text))


def one_cell_per_line(lines: list[str]) -> list[str]:
    """pdfminer's default output, scraped HTML: the label, the note and each amount (and
    each column heading) on a line of its own."""
    out: list[str] = []
    for line in lines:
        label, cells = split_amounts(line, 0)
        if _is_header(line):
            out += line.split()
        elif cells:
            out += [" ".join(label)] if label else []
            out += [c.text for c in cells]
        else:
            out.append(line)
    return out


def label_then_amounts(lines: list[str]) -> list[str]:
    """The label on one line, the note and the amounts on the next."""
    out: list[str] = []
    for line in lines:
        label, cells = split_amounts(line, 0)
        if label and cells:
            out += [" ".join(label), " ".join(c.text for c in cells)]
        else:
            out.append(line)
    return out


def spaced(lines: list[str]) -> list[str]:
    """Every CJK character spaced out, as some extractors print wide-set text."""
    return [re.sub(rf"(?<={_CJK})(?={_CJK})", " ", line) for line in lines]


def glued(lines: list[str]) -> list[str]:
    """The amount columns run together: 3,405,8423,808,510 and (905,055)(866,243); the note
    column stays apart. Two-year statements glue their two amounts; the statement of
    changes in equity all seven."""
    out: list[str] = []
    for line in lines:
        label, cells = split_amounts(line, 0)
        texts = [c.text for c in cells]
        if _is_header(line) or len(texts) < 2 or len(texts) in (4, 5):
            out.append(line)
            continue
        keep = texts[:-2] if len(texts) <= 3 else []
        run = texts[-2:] if len(texts) <= 3 else texts
        out.append(" ".join([*label, *keep, "".join(run)]))
    return out


def one_line_per_statement(lines: list[str]) -> list[str]:
    """Line breaks dropped inside each primary statement: a statement on one long line."""
    stripped = [line.strip() for line in lines]
    starts = [stripped.index(title) for title in TITLES] + [stripped.index(END)]
    out = list(lines[: starts[0]])
    for start, end in zip(starts, starts[1:], strict=False):
        out.append(" ".join(t for t in stripped[start:end] if t))
    out += lines[starts[-1] :]
    return out
