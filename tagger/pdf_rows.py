"""PDF printed lines -> the texts the layout stage reads, with what only positions tell.

A PDF gives each word's place on the page. Two things are read from it that text cannot
carry: which amount column a row leaves empty (marked BLANK, from where its amounts end),
and the order of column headings printed on several baselines (a group heading above its
columns, 可換股債券 above 權益儲備): they are read left to right, as one header line.
Everything else is left to the layout stage, which reads a PDF's lines as any text.
"""

from __future__ import annotations

import re

from tagger.lines import BLANK, CJK, ITEM_WORDS, is_period_line, stated_unit, unit_count, years_of
from tagger.regex_cache import regex
from tagger.units import is_currency_word

_AMOUNT_LOOK = regex(r"^[(（]?[–—\-－]?\d{1,3}(?:,\d{3})*(?:\.\d+)?[)）]?$|^[–—\-－]$")
_CELL_LOOK = regex(r"^[(（]?(?:\d+|\*)[)）]?$")
_COLUMN_TOLERANCE = 6.0  # points: amounts of one column end within this of each other
_ANCHOR_LINES = 60  # lines above a row where its table's full rows are looked for


def _amount_cells(line) -> list:
    return [
        c
        for c in line.cells
        if _AMOUNT_LOOK.match(c.text.strip())
        and ("," in c.text or "." in c.text or c.text.strip() in "–—-－" or "(" in c.text)
    ]


def _rows_of_its_table(
    printed, amounts: list[list], index: int, header_lines: dict[int, list[float]]
) -> tuple[list[int], int | None]:
    """The lines above a row up to its table's column header (人民幣千元, the years, 项目, a
    header read from several baselines), and that header's line: the columns of a table
    printed above it are not its columns. A table continued from the page before (a wide
    equity statement) keeps that page's. The rows as indexes of ``printed``; ``amounts``: each
    printed line's amount cells."""
    rows = []
    for k in range(index - 1, max(-1, index - 1 - _ANCHOR_LINES), -1):
        other = printed[k]
        if k in header_lines:
            return rows, k
        if not amounts[k] and (
            unit_count(other.text)
            or len(years_of(other.text) or []) > 1
            or other.text.split()[:1] in ([w] for w in ITEM_WORDS)
        ):
            return rows, k
        rows.append(k)
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


def _column_anchors(
    printed, amounts: list[list], index: int, header_centres: dict[int, list[float]]
) -> tuple[list[float], object, float] | None:
    """Where the row's table has its columns: the right edges of the fullest row above it;
    or, where its header names more columns than any row prints (columns no row fills, or
    the top of a page), the centres of the words heading them (千港元 …, or the header
    read from several baselines), with half the distance between two as tolerance."""
    rows, header = _rows_of_its_table(printed, amounts, index, header_centres)
    fullest = max((amounts[k] for k in rows), key=len, default=[])
    named = header_centres.get(header, []) if header is not None else []
    if header is not None and not named:
        units = [c for c in printed[header].cells if unit_count(c.text)]
        if len(units) == unit_count(printed[header].text):  # one unit word per column
            named = _centres(units)
    if len(named) > max(len(fullest), len(amounts[index])):
        # the nearest heading: a right-aligned amount stands off its centred heading by
        # up to half its column's width, and columns differ in width
        widest = max(b - a for a, b in zip(named, named[1:], strict=False))
        # the headings' places hold only if the fullest row above stands under them too
        if not fullest or _slots(fullest, named, _centres, widest / 2) is not None:
            return named, _centres, widest / 2
    if len(fullest) > len(amounts[index]):
        return _ends(fullest), _ends, _COLUMN_TOLERANCE
    return None


def _texts_with_blank_columns(
    printed, amounts_of: list[list], texts: list[str], header_centres: dict[int, list[float]]
) -> list[str]:
    """Each line's text; where a row prints fewer amounts than its table has columns, the
    columns it leaves empty are marked (BLANK), found from where its amounts stand: a lone
    amount is then read in its own column, never guessed from order."""
    texts = list(texts)
    for index, line in enumerate(printed):
        amounts = amounts_of[index]
        if not amounts:
            continue
        found = _column_anchors(printed, amounts_of, index, header_centres)
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


_HEADER_LINES = 14  # lines above a table's first row where its column headings may stand
_TITLE = regex(r"(?:表|表\s*[（(][續续][）)])$|STATEMENT", re.IGNORECASE)


def _header_block(printed, amounts: list[list], index: int, first_column: float) -> list[int]:
    """The lines of column headings above the row at ``index`` (its first full row): lines
    with words over the amount columns, up to a period, year, stated unit or title line.
    Unit lines (HK$ HK$, 港元 港元) stay where they are."""
    block: list[int] = []
    for k in range(index - 1, max(-1, index - 1 - _HEADER_LINES), -1):
        other = printed[k]
        text = other.text
        if other.page != printed[index].page or amounts[k]:
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


def _centre(cell) -> float:
    return (cell.x0 + cell.x1) / 2


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two words stand in one column: their extents overlap by half the narrower one."""
    common = min(a[1], b[1]) - max(a[0], b[0])
    return common >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _bracket_tails(cells) -> list:
    """A word's bracketed tail printed as a cell of its own on its line (实收资本 (或股): one
    word, when the bracket starts within an em of the word before it."""
    out: list = []
    for cell in sorted(cells, key=lambda c: (round(c.top), c.x0)):
        before = out[-1] if out else None
        em = cell.bottom - cell.top
        if (
            before is not None
            and round(before.top) == round(cell.top)
            and cell.text.lstrip().startswith(("(", "（"))
            and 0 <= cell.x0 - before.x1 <= em
        ):
            out[-1] = before.model_copy(update={"text": before.text + cell.text, "x1": cell.x1})
            continue
        out.append(cell)
    return out


def _stacked(columns) -> list[tuple[str, float]]:
    """The Chinese words of one column's heading printed one above the other (可換股債券 /
    權益儲備, 实收资本 / (或股 / 本), or a heading set vertically, one character a line)
    as one word, with the column's centre; English words stay apart (a bilingual header's
    English is set aside later)."""
    clusters: list[tuple[float, float, list]] = []  # extent, and the words, in x order
    english: list = []
    for cell in sorted(_bracket_tails(columns), key=_centre):
        if not CJK.search(cell.text):
            english.append(cell)
            continue
        if clusters and _overlap(clusters[-1][:2], (cell.x0, cell.x1)):
            x0, x1, cells = clusters[-1]
            clusters[-1] = (min(x0, cell.x0), max(x1, cell.x1), [*cells, cell])
        else:
            clusters.append((cell.x0, cell.x1, [cell]))
    words = [
        ("".join(c.text.strip() for c in sorted(cells, key=lambda c: c.top)), (x0 + x1) / 2)
        for x0, x1, cells in clusters
    ]
    words += [(c.text.strip(), _centre(c)) for c in english]
    return sorted(words, key=lambda w: w[1])


def _group_wraps(group, cells) -> list:
    """The rest of a group heading wrapped under it, centred on it (其他权益工 / 具)."""
    height = group.bottom - group.top
    return [
        c
        for c in cells
        if c is not group
        and 0 < c.top - group.top <= 2 * height
        and abs(_centre(c) - _centre(group)) <= _COLUMN_TOLERANCE
        and c.x1 - c.x0 < group.x1 - group.x0
    ]


def _qualified(words: list[tuple[str, float]], groups) -> list[tuple[str, float]]:
    """A column heading printed twice (其他 under 其他权益工具, and 其他 on its own) named by
    the group heading it stands under, so the two are told apart."""
    texts = [w for w, _ in words]
    out = []
    for text, centre in words:
        over = [g for g in groups if g[0].x0 <= centre <= g[0].x1]
        if texts.count(text) > 1 and over:
            text = over[0][1] + text
        out.append((text, centre))
    return out


def _first_column(line, amounts: list) -> float | None:
    """Where the amount columns begin under a header: the first amount of a full row (three
    or more amounts), or the first word of a line of unit words over the columns (千港元 …);
    ``amounts``: the line's amount cells."""
    if len(amounts) >= 3:
        return amounts[0].x0
    units = [c for c in line.cells if unit_count(c.text)]
    if len(units) >= 2 and len(units) == len(line.cells):
        return units[0].x0
    return None


def _flattened_headers(printed, amounts: list[list]) -> tuple[list[str], dict[int, list[float]]]:
    """Column headings printed on several baselines, read left to right on one line (the
    block's last), the others left empty: the words' order on the page is the columns'.
    Also, for each line of such a header, the centres of the columns it names."""
    texts = [line.text for line in printed]
    centres: dict[int, list[float]] = {}
    for index, line in enumerate(printed):
        first = _first_column(line, amounts[index])
        if first is None:
            continue
        block = [k for k in _header_block(printed, amounts, index, first) if k not in centres]
        if len(block) < 2:
            continue
        cells = [(k, c) for k in block for c in printed[k].cells]
        left = [c for _, c in cells if c.x1 <= first]
        over = [(k, c) for k, c in cells if c.x1 > first]
        heads = [c for k, c in over if _spans(c, [o for j, o in over if j != k])]
        groups = []
        for head in heads:
            wraps = _group_wraps(head, [c for _, c in over if c not in heads])
            groups.append((head, "".join(c.text.strip() for c in [head, *wraps]), wraps))
        wrapped = [c for _, _, wraps in groups for c in wraps]
        columns = [c for _, c in over if c not in heads and c not in wrapped]
        words = _qualified(_stacked(columns), groups)
        for k in block:
            texts[k] = ""
        # A heading over several columns (本公司擁有人應佔) stands above them, as in text.
        texts[block[0]] = " ".join(text for _, text, _ in groups)
        texts[block[-1]] = " ".join([*(c.text.strip() for c in left), *(w for w, _ in words)])
        named = [c for w, c in words if CJK.search(w)] or [c for _, c in words]
        centres.update({k: named for k in block})
    return texts, centres


_CUT_AMOUNT = regex(r"^[(（]?-?\d{1,3}(?:,\d{3})*\.$")  # 1,858,221,567. at a line's end
_CUT_TAIL = regex(r"^\d{1,2}[)）]?$")  # the 60 printed below it


def _rejoined_amounts(printed) -> list:
    """An amount too wide for its column wraps its decimals onto the next line (1,858,221,567.
    / 60): the digits standing under it are its tail, and the line below loses them."""
    lines = list(printed)
    for index in range(len(lines) - 1):
        line, below = lines[index], lines[index + 1]
        if below.page != line.page:
            continue
        for cell in line.cells:
            if not _CUT_AMOUNT.match(cell.text.strip()):
                continue
            tail = next(
                (
                    c
                    for c in below.cells
                    if _CUT_TAIL.match(c.text.strip()) and c.x0 < cell.x1 and c.x1 > cell.x0
                ),
                None,
            )
            if tail is None:
                continue
            joined = cell.model_copy(update={"text": cell.text.strip() + tail.text.strip()})
            cells = tuple(joined if c is cell else c for c in line.cells)
            rest = tuple(c for c in below.cells if c is not tail)
            line = line.model_copy(
                update={"cells": cells, "text": " ".join(c.text.strip() for c in cells)}
            )
            below = below.model_copy(
                update={"cells": rest, "text": " ".join(c.text.strip() for c in rest)}
            )
            lines[index], lines[index + 1] = line, below
    return lines


def row_texts(printed) -> list[str]:
    """Each printed line's text for the layout stage: amounts wrapped in a narrow column
    joined, headings on several baselines read in their columns' order, empty columns
    marked."""
    printed = _rejoined_amounts(printed)
    amounts = [_amount_cells(line) for line in printed]  # once a line: scans look back 60
    texts, centres = _flattened_headers(printed, amounts)
    return _texts_with_blank_columns(printed, amounts, texts, centres)
