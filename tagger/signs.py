"""The sign rule: how a printed amount becomes a fact value.

A statement prints amounts in the direction of its own result: the income statement and the
statement of changes in equity show what raises profit or equity as positive (a credit), the
cash flow statement shows inflows as positive (a debit). A concept whose balance is the
opposite of that direction takes the printed amount negated: an expense printed
"(1,905,055)" is CostOfSales = 1,905,055; an income tax credit printed "9,492" is
IncomeTaxExpenseContinuingOperations = -9,492. The statement of financial position and
notes print balances as they are. Concepts without a balance keep the printed sign.
"""

from __future__ import annotations

from decimal import Decimal

from taxonomy.models import Balance, Section, StatementKind

_DIRECTION: dict[str, Balance] = {
    "income": "credit",
    "comprehensive_income": "credit",
    "changes_in_equity": "credit",
    "cash_flows": "debit",
}
_ASSET_SECTIONS = ("noncurrent_assets", "current_assets")


def statement_direction(statement: StatementKind | None) -> Balance | None:
    return _DIRECTION.get(statement or "")


# A statement's result quoted at the top of another statement (the cash flow statement's
# reconciliation starts from 除稅前溢利) is printed with its own sign: a profit positive, a
# loss in brackets, whatever that statement's direction.
QUOTED_RESULTS = frozenset(
    {
        "ProfitLoss",
        "ProfitLossBeforeTax",
        "ProfitLossFromContinuingOperations",
        "ProfitLossFromOperatingActivities",
        "ComprehensiveIncome",
    }
)


def sign_factor(statement: StatementKind | None, balance: Balance | None, concept: str = "") -> int:
    """+1 or -1: multiply the printed amount by this to get the fact value."""
    direction = statement_direction(statement)
    if direction is None or balance is None or concept in QUOTED_RESULTS:
        return 1
    return 1 if balance == direction else -1


def extension_balance(
    statement: StatementKind | None, section: Section | None, printed: list[Decimal]
) -> Balance | None:
    """Balance of a filing extension concept, inferred from how the line is printed: in a
    statement with a direction, a line printed only in brackets goes against it (an expense,
    a payment: debit in the income statement, credit in the cash flow statement) and its
    value is positive; any other line goes with it and keeps the printed sign. Balance sheet
    lines follow their section."""
    direction = statement_direction(statement)
    if direction:
        if any(v < 0 for v in printed) and all(v <= 0 for v in printed):
            return "debit" if direction == "credit" else "credit"
        return direction
    if statement == "financial_position":
        return "debit" if section in _ASSET_SECTIONS else "credit"
    return None
