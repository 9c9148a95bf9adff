"""The period rule, in one place: which period each printed amount is for.

- A column headed 截至2023年12月31日止年度 is the duration 2023-01-01..2023-12-31; 六個月 halves
  it; 於2023年12月31日 is an instant.
- An instant concept in a duration column (cash at the end of the year in a cash flow
  statement) is the closing instant, or the opening one when its label says 年初/期初.
- In a statement of changes in equity the rows carry the dates: a balance row 於2023年1月1日
  is the instant at the previous day's close (2022-12-31); the movements between two balance
  rows are the duration between them.
"""

from __future__ import annotations

import calendar
import functools
from datetime import date, timedelta

from tagger.lines import balance_date_of, last_balance_date, period_end_of, years_of
from tagger.model import Period, Table

_OPENING_WORDS = ("年初", "期初")  # an instant line in a duration column: opening balance


def months_before(end: date, months: int) -> date:
    """First day of a period of `months` ending on `end` (both inclusive): a period ending
    on a month end starts on the first of a month (30 June, 6 months -> 1 January)."""
    year, month = end.year, end.month - months
    while month <= 0:
        month += 12
        year -= 1
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        return date(year, month, calendar.monthrange(year, month)[1]) + timedelta(days=1)
    return date(year, month, min(end.day, calendar.monthrange(year, month)[1])) + timedelta(days=1)


@functools.lru_cache(maxsize=256)  # a document's tables print the same few periods
def column_period(year: int, month: int, day: int, months: int | None) -> Period:
    end = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    if months is None:
        return Period(end=end)
    return Period(start=months_before(end, months), end=end)


def opening_instant(day: date) -> date:
    """於2023年1月1日 is the opening balance: the instant at the previous day's close."""
    return day - timedelta(days=1) if day.day == 1 else day


# The mainland template names its balance rows without a date: 一、上年年末余额, 二、本年期初余额
# (the opening balance) and 四、本年年末余额 / 本期期末余额 (the closing one), in a block per
# year headed 2023年度 (本年金额) or 2022年度 (上年金额).
_OPENING_BALANCE = (
    "上年年末余额",
    "上年年末餘額",
    "上年期末余额",
    "上年期末餘額",
    "本年期初余额",
    "本年期初餘額",
    "期初余额",
    "年初余额",
)
_CLOSING_BALANCE = (
    "本年年末余额",
    "本年年末餘額",
    "本期期末余额",
    "本期期末餘額",
    "期末余额",
    "年末余额",
)


def _block_period(table: Table, row_index: int) -> Period | None:
    """The year a row of a mainland equity statement is in: the nearest year heading above
    it (2022年度 over the prior year's block), else the header's; its months and year end
    are the header's (截至2023年12月31日止年度, 2023年1—12月)."""
    header = next((p for t in table.header_lines if (p := period_end_of(t))), None)
    if header is None or header[0] is None:
        return None
    year, month, day, months = header
    for row in reversed(table.rows[:row_index]):
        if row.cells:
            continue
        heading = period_end_of(row.label)
        years = [heading[0]] if heading and heading[0] else years_of(row.label) or []
        if len(years) == 1:
            year = years[0]
            break
    return column_period(year, month, day, months)


def _undated_balance(table: Table, row_index: int) -> tuple[Period | None, bool]:
    label = table.rows[row_index].label
    opening = any(w in label for w in _OPENING_BALANCE)
    closing = not opening and any(w in label for w in _CLOSING_BALANCE)
    if not (opening or closing):
        return None, False  # a movement: its block's period is not asked for
    period = _block_period(table, row_index)
    if period is None or period.start is None:
        return None, False
    return Period(end=period.start - timedelta(days=1) if opening else period.end), True


def equity_period(table: Table, row_index: int) -> tuple[Period | None, bool]:
    """(period, is_balance_row) for a row of a statement of changes in equity."""
    row = table.rows[row_index]
    day = balance_date_of(row.label)
    if day:
        return Period(end=opening_instant(day)), True
    balance, is_balance = _undated_balance(table, row_index)
    if is_balance:
        return balance, True
    opening = next(
        (d for r in reversed(table.rows[:row_index]) if (d := last_balance_date(r.label))), None
    )
    closing = next(
        (d for r in table.rows[row_index + 1 :] if (d := balance_date_of(r.label))), None
    )
    if opening and opening.day != 1:
        opening += timedelta(days=1)  # 於2022年12月31日: the movements start the day after
    if opening and closing and opening < closing:
        return Period(start=opening, end=closing), False
    if not any(balance_date_of(r.label) for r in table.rows):
        return _block_period(table, row_index), False  # the mainland template: by its block
    return None, False


def instant_hint(table: Table, row_index: int) -> bool | None:
    """Which period type a row's concept must have: instant in a balance sheet and on the
    balance rows of a statement of changes in equity, duration on its movements, either
    elsewhere (None)."""
    if table.statement == "financial_position":
        return True
    if table.statement == "changes_in_equity":
        return _is_balance_row(table, row_index)
    return None


def _is_balance_row(table: Table, row_index: int) -> bool:
    """``equity_period(table, row_index)[1]`` without the movements' period: a movement row
    needs no search of the balance rows around it."""
    if balance_date_of(table.rows[row_index].label):
        return True
    return _undated_balance(table, row_index)[1]


def row_periods(table: Table, row_index: int, instant: bool) -> list[Period | None]:
    """Period per column of a row whose concept is ``instant`` or not."""
    if table.statement == "changes_in_equity":
        period, _ = equity_period(table, row_index)
        return [period] * len(table.columns)
    label = table.rows[row_index].label
    out: list[Period | None] = []
    for column in table.columns:
        period = column.period
        if period is not None and instant and period.start is not None:
            opening = any(w in label for w in _OPENING_WORDS)
            end = period.start - timedelta(days=1) if opening else period.end
            period = Period(end=end)
        out.append(period)
    return out
