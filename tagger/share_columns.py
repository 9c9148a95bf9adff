"""Rule: a highlights table that prints, beside each year's amount, its share of the year's
total, and perhaps the change on the year:

    2023年 2022年
    金額 佔總收入百分比 金額 佔總收入百分比 同比變動
    收入 3,405,842 100.0 3,808,510 100.0 –10.6%
    毛利 1,500,787 44.1 2,542,267 66.8 –41.0%

The header names two years for five columns, so which column is which is not printed in a
way the columns stage can read. It is read from the figures instead, and only when they
prove it: in every year, a row whose share is 100 is the total, and every other row's share
is its amount over that total within a unit of the share's last printed place; the last
column, when there is one, is each row's change from the later year's amount to the earlier
one within a unit of its last place. Then the amount columns take their years and the
percentage columns no concept. Anything short of that proof leaves the table unread.
"""

from __future__ import annotations

from decimal import Decimal

from tagger.model import Column, Period, Row

_FEWEST_ROWS = 3  # rows whose share proves the reading, in each year
_HUNDRED = Decimal(100)


def _unit(row: Row, column: int) -> Decimal:
    """One unit of the printed last place: shares are often rounded so that they add up to
    100 (53.978 printed 53.9), which moves one of them by up to a unit."""
    return Decimal(10) ** -row.cells[column].places


def _values(rows: tuple[Row, ...], width: int) -> list[tuple[Row, list[Decimal | None]]]:
    return [
        (row, [c.value for c in row.cells])
        for row in rows
        if len(row.cells) == width and not row.problem
    ]


def _shares_hold(printed: list[tuple[Row, list[Decimal | None]]], amount: int) -> bool:
    share = amount + 1
    base = next((v[amount] for _, v in printed if v[share] == _HUNDRED and v[amount]), None)
    if base is None:
        return False
    checked = 0
    for row, values in printed:
        if values[amount] is None or values[share] is None:
            continue
        expected = values[amount] / base * _HUNDRED
        if abs(expected - values[share]) > _unit(row, share):
            return False
        checked += 1
    return checked >= _FEWEST_ROWS


def _changes_hold(printed: list[tuple[Row, list[Decimal | None]]], width: int) -> bool:
    """The last column is the change from the second year's amount to the first's, in
    percent; its sign follows the line's own sense (a loss grown is printed as a rise), so
    only its size is compared."""
    checked = 0
    for row, values in printed:
        latest, earlier, change = values[0], values[2], values[width - 1]
        if latest is None or earlier is None or change is None or not earlier:
            continue
        expected = abs((latest - earlier) / earlier * _HUNDRED)
        if abs(expected - abs(change)) > _unit(row, width - 1):
            return False
        checked += 1
    return checked >= _FEWEST_ROWS


def share_columns(rows: tuple[Row, ...], periods: tuple[Period, ...], width: int) -> tuple:
    """The columns of such a table (amount, share, … , change), or () when the figures do
    not prove that reading."""
    years = len(periods)
    if not years or width not in (2 * years, 2 * years + 1):
        return ()
    printed = _values(rows, width)
    if not all(_shares_hold(printed, 2 * k) for k in range(years)):
        return ()
    if width % 2 and not (years >= 2 and _changes_hold(printed, width)):
        return ()
    columns: list[Column] = []
    for period in periods:
        columns += [
            Column(period=period, label=f"{period.end.year}"),
            Column(ratio="share", label="%"),
        ]
    if width % 2:
        columns.append(Column(ratio="change", label="%"))
    return tuple(columns)
