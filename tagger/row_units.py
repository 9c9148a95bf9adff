"""Tables whose rows print their own unit: a period header, and no unit line under it.

    截至12月31日止年度
    2023年 2022年
    歸屬於本公司權益持有人的虧損（人民幣千元） (6,440,159) (6,044,796)
    已發行普通股加權平均數（千股） 32,222,681 31,932,411
    每股基本虧損（以每股人民幣元表示） (0.20) (0.19)

The segmenter finds such a table from its header (a period or year line, or a date over
columns of their own, such as ageing bands) when the amount rows under it are all as wide and
some of them print a unit in their label (the words are ``tagger.units``' row units); the
columns stage gives each row the unit its label prints (``with_row_units``). What the rows
mean is for the rules that read them (``tagger.eps_inputs``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tagger.lines import is_period_line, is_prose, years_of
from tagger.model import LaidLine, Table
from tagger.units import row_unit

_HEADER_LINES = 8  # lines between a period line and the first amount row
_ROWS_LOOKAHEAD = 24  # lines read to decide whether the rows print their units


def _is_anchor(line: LaidLine) -> bool:
    """A line that starts a header: a period (截至12月31日止年度, 於2023年12月31日) or the years."""
    return not line.cells and bool(is_period_line(line.text) or years_of(line.text))


def _label_joined(lines: tuple[LaidLine, ...], index: int) -> str:
    """A row's label with the label-only line just above it (a unit printed on the label's
    second line: 總賬面值－貿易應收款項 / （人民幣千元） 1,039,635 …)."""
    label = lines[index].label.replace(" ", "")
    above = lines[index - 1] if index else None
    if above is not None and above.text and not above.cells and not is_prose(above.text):
        label = above.text.replace(" ", "") + label
    return label


def row_unit_header(
    lines: tuple[LaidLine, ...], index: int, opens_table: Callable[[int], bool] | None = None
) -> tuple[int, int] | None:
    """(index of the header's last line, columns) of a table whose header starts at
    ``index`` and whose rows print their units; None when there is none, or when
    ``opens_table`` says a line of that header opens a table of its own (a unit line: asked
    before the rows are read, as most year lines head such a table)."""
    if not _is_anchor(lines[index]):
        return None
    first_row, end = None, index
    for j in range(index + 1, min(len(lines), index + 1 + _HEADER_LINES)):
        line = lines[j]
        if line.cells:
            first_row = j
            break
        if is_prose(line.text):
            return None
        if line.text and not line.furniture:
            end = j
    if first_row is None:
        return None
    if opens_table is not None and any(opens_table(j) for j in range(index, end + 1)):
        return None
    widths: set[int] = set()
    with_units = False
    for j in range(first_row, min(len(lines), first_row + _ROWS_LOOKAHEAD)):
        line = lines[j]
        if line.furniture or not line.text:
            continue
        if not line.cells:
            if is_prose(line.text) or _is_anchor(line):
                break
            continue
        widths.add(len(line.cells))
        if len(widths) > 1:
            return None  # rows of different widths: not such a table, whatever follows
        # one row printing its unit is enough: the labels of the others need no reading
        with_units = with_units or row_unit(_label_joined(lines, j)) is not None
    if not with_units or len(widths) != 1:
        return None
    width = next(iter(widths))
    years = next((y for ln in lines[index : end + 1] if (y := years_of(ln.text))), None)
    if years and len(years) != width:
        return None
    return end, width


NOT_PERIODS = "the columns are not periods (ageing bands, say): no member names them"


def with_row_units(table: Table, currency: str | None) -> Table:
    """The table's rows with the unit each label prints, where the table prints no unit
    (``currency``: the document's, for a bare 千元). Columns that are not one period each
    (ageing bands under one date) are not read: the table has none, and says why."""
    if table.unit is not None or table.statement is not None:
        return table
    rows = tuple(
        r.model_copy(update={"unit": unit})
        if r.cells and (unit := row_unit(r.label, currency)) is not None
        else r
        for r in table.rows
    )
    if rows == table.rows:
        return table
    update: dict = {"rows": rows}
    widths = Counter(len(r.cells) for r in rows if r.cells)
    if len(table.columns) != widths.most_common(1)[0][0]:
        update |= {"columns": (), "problem": table.problem or NOT_PERIODS}
    return table.model_copy(update=update)


def prints_row_units(table: Table) -> bool:
    return table.unit is None and any(r.unit is not None for r in table.rows)
