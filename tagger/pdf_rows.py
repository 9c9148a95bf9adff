"""PDF printed lines -> the texts the layout stage reads, with what only positions tell.

A PDF gives each word's place on the page. Two things are read from it that text cannot
carry: which amount column a row leaves empty (marked BLANK, from where its amounts end),
and the order of column headings printed on several baselines (a group heading above its
columns, 可換股債券 above 權益儲備): they are read left to right, as one header line.
Everything else is left to the layout stage, which reads a PDF's lines as any text.
"""

from __future__ import annotations

import re

from tagger.lines import BLANK, ITEM_WORDS, is_period_line, stated_unit, unit_count, years_of
from tagger.units import is_currency_word

_AMOUNT_LOOK = re.compile(r"^[(（]?[–—\-－]?\d{1,3}(?:,\d{3})*(?:\.\d+)?[)）]?$|^[–—\-－]$")
_CELL_LOOK = re.compile(r"^[(（]?(?:\d+|\*)[)）]?$")
_COLUMN_TOLERANCE = 6.0  # points: amounts of one column end within this of each other
_ANCHOR_LINES = 60  # lines above a row where its table's full rows are looked for


def _amount_cells(line) -> list:
    return [
        c
        for c in line.cells
        if _AMOUNT_LOOK.match(c.text.strip())
        and ("," in c.text or "." in c.text or c.text.strip() in "–—-－" or "(" in c.text)
    ]


def _rows_of_its_table(printed, index: int) -> tuple[list, object | None]:
    """The lines above a row up to its table's column header (人民幣千元, the years, 项目),
    and that header line: the columns of a table printed above it are not its columns. A
    table continued from the page before (a wide equity statement) keeps that page's."""
    rows = []
    for other in reversed(printed[max(0, index - _ANCHOR_LINES) : index]):
        if not _amount_cells(other) and (
            unit_count(other.text)
            or len(years_of(other.text) or []) > 1
            or other.text.split()[:1] in ([w] for w in ITEM_WORDS)
        ):
            return rows, other
        rows.append(other)
    return rows, None


def _ends(cells) -> list[float]:
    return [c.x1 for c in cells]


def _centres(cells) -> list[float]:
    return [(c.x0 + c.x1) / 2 for c in cells]


def _slots(amounts, anchors: list[float], where, tolerance: float) -> list[int] | None:
    """The column of each amount: the anchor nearest where it stands, within tolerance;
    None when two share a column or the order is broken."""
    places = where(amounts)
    slots = [min(range(len(anchors)), key=lambda k, x=x: abs(anchors[k] - x)) for x in places]
    if any(abs(anchors[k] - x) > tolerance for k, x in zip(slots, places, strict=True)):
        return None
    return slots if len(set(slots)) == len(slots) and slots == sorted(slots) else None


def _column_anchors(printed, index: int, amounts) -> tuple[list[float], object, float] | None:
    """Where the row's table has its columns: the right edges of the fullest row above it,
    or, at the top of a page, the centres of the unit words heading the columns (千港元 …)
    with half the distance between two of them as tolerance."""
    rows, header = _rows_of_its_table(printed, index)
    fullest = max((_amount_cells(other) for other in rows), key=len, default=[])
    units = [c for c in header.cells if unit_count(c.text)] if header is not None else []
    if len(units) != (unit_count(header.text) if header is not None else 0):
        units = []  # a unit line whose words are not one per column
    if len(units) > max(len(fullest), len(amounts)):
        centres = _centres(units)
        pitch = min(b - a for a, b in zip(centres, centres[1:], strict=False))
        return centres, _centres, pitch / 2
    if len(fullest) > len(amounts):
        return _ends(fullest), _ends, _COLUMN_TOLERANCE
    return None


def _texts_with_blank_columns(printed) -> list[str]:
    """Each line's text; where a row prints fewer amounts than its table has columns, the
    columns it leaves empty are marked (BLANK), found from where its amounts stand: a lone
    amount is then read in its own column, never guessed from order."""
    texts = [line.text for line in printed]
    for index, line in enumerate(printed):
        amounts = _amount_cells(line)
        if not amounts:
            continue
        found = _column_anchors(printed, index, amounts)
        if found is None:
            continue
        anchors, where, tolerance = found
        # A bare integer (股本 5) or a below-unit mark (*) printed in an amount column is
        # that column's cell: only where it stands says so, as a note number never does.
        amounts = [
            c
            for c in line.cells
            if c in amounts
            or (_CELL_LOOK.match(c.text.strip()) and _slots([c], anchors, where, tolerance))
        ]
        beyond = any(c.x0 > amounts[0].x0 for c in line.cells if c not in amounts)
        if anchors != sorted(anchors) or beyond:  # words after the amounts: no plain row
            continue
        slots = _slots(amounts, anchors, where, tolerance)
        if slots is None:
            continue
        cells = [BLANK] * len(anchors)
        for k, c in zip(slots, amounts, strict=True):
            cells[k] = c.text.strip()
        head = [c.text for c in line.cells if c not in amounts]
        texts[index] = " ".join([*head, *cells])
    return texts


_CJK = re.compile(r"[\u3400-\u9fff]")
_HEADER_LINES = 8  # lines above a table's first row where its column headings may stand
_TITLE = re.compile(r"(?:表|表\s*[（(][續续][）)])$|STATEMENT", re.IGNORECASE)


def _header_block(printed, index: int, first_column: float) -> list[int]:
    """The lines of column headings above the row at ``index`` (its first full row): lines
    with words over the amount columns, up to a period, year, stated unit or title line.
    Unit lines (HK$ HK$, 港元 港元) stay where they are."""
    block: list[int] = []
    for k in range(index - 1, max(-1, index - 1 - _HEADER_LINES), -1):
        other = printed[k]
        text = other.text
        if other.page != printed[index].page or _amount_cells(other):
            break
        if unit_count(text) or all(is_currency_word(t) for t in text.split()):
            continue
        if years_of(text) or is_period_line(text) or stated_unit(text) or _TITLE.search(text):
            break
        if not any(c.x1 > first_column for c in other.cells):
            break
        block.append(k)
    return block[::-1]


def _spans(cell, others) -> bool:
    """A heading over two or more of the other headings' columns, on a line above them."""
    under = [o for o in others if o.top > cell.top and o.x0 < cell.x1 and o.x1 > cell.x0]
    lines = [round(o.top) for o in under]
    return any(lines.count(top) >= 2 for top in lines)  # two columns side by side


def _stacked(columns) -> list[str]:
    """The Chinese words of one column's heading printed one above the other (可換股債券 /
    權益儲備) as one word, as text extractors print them; English words stay apart (a
    bilingual header's English is set aside later)."""
    words: list[str] = []
    last_cjk: tuple[int, float] | None = None  # the last Chinese word: index, centre
    for cell in columns:
        middle = (cell.x0 + cell.x1) / 2
        text = cell.text.strip()
        if not _CJK.search(text):
            words.append(text)
            continue
        if last_cjk is not None and abs(middle - last_cjk[1]) <= _COLUMN_TOLERANCE:
            words[last_cjk[0]] += text
        else:
            words.append(text)
            last_cjk = (len(words) - 1, middle)
    return words


def _first_column(line) -> float | None:
    """Where the amount columns begin under a header: the first amount of a full row (three
    or more amounts), or the first word of a line of unit words over the columns (千港元 …)."""
    amounts = _amount_cells(line)
    if len(amounts) >= 3:
        return amounts[0].x0
    units = [c for c in line.cells if unit_count(c.text)]
    if len(units) >= 2 and len(units) == len(line.cells):
        return units[0].x0
    return None


def _flattened_headers(printed, texts: list[str]) -> list[str]:
    """Column headings printed on several baselines, read left to right on one line (the
    block's last), the others left empty: the words' order on the page is the columns'."""
    texts = list(texts)
    done: set[int] = set()
    for index, line in enumerate(printed):
        first = _first_column(line)
        if first is None:
            continue
        block = [k for k in _header_block(printed, index, first) if k not in done]
        if len(block) < 2:
            continue
        cells = [(k, c) for k in block for c in printed[k].cells]
        left = [c for _, c in cells if c.x1 <= first]
        over = [(k, c) for k, c in cells if c.x1 > first]
        groups = [c for k, c in over if _spans(c, [o for j, o in over if j != k])]
        columns = [c for _, c in over if c not in groups]
        # by the centre of each word; words stacked in one column, top first
        columns.sort(key=lambda c: (round((c.x0 + c.x1) / 2 / _COLUMN_TOLERANCE), c.top))
        for k in block:
            texts[k] = ""
        # A heading over several columns (本公司擁有人應佔) stands above them, as in text.
        texts[block[0]] = " ".join(c.text.strip() for c in groups)
        texts[block[-1]] = " ".join([*(c.text.strip() for c in left), *_stacked(columns)])
        done.update(block)
    return texts


def row_texts(printed) -> list[str]:
    """Each printed line's text for the layout stage: empty columns marked, headings on
    several baselines read in their columns' order."""
    return _flattened_headers(printed, _texts_with_blank_columns(printed))
