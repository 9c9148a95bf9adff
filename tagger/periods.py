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
from datetime import date, timedelta

from tagger.lines import balance_date_of, last_balance_date
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


def column_period(year: int, month: int, day: int, months: int | None) -> Period:
    end = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    if months is None:
        return Period(end=end)
    return Period(start=months_before(end, months), end=end)


def opening_instant(day: date) -> date:
    """於2023年1月1日 is the opening balance: the instant at the previous day's close."""
    return day - timedelta(days=1) if day.day == 1 else day


def equity_period(table: Table, row_index: int) -> tuple[Period | None, bool]:
    """(period, is_balance_row) for a row of a statement of changes in equity."""
    row = table.rows[row_index]
    day = balance_date_of(row.label)
    if day:
        return Period(end=opening_instant(day)), True
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
    return None, False


def instant_hint(table: Table, row_index: int) -> bool | None:
    """Which period type a row's concept must have: instant in a balance sheet and on the
    balance rows of a statement of changes in equity, duration on its movements, either
    elsewhere (None)."""
    if table.statement == "financial_position":
        return True
    if table.statement == "changes_in_equity":
        return equity_period(table, row_index)[1]
    return None


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
