"""Stage 9, arithmetic: totals found from the printed numbers, never adjusted."""

from __future__ import annotations

from tagger.arithmetic import find_summations, table_structure
from tagger.facts import build_facts
from tagger.matching import match_document
from tagger.vocabulary import default_vocabulary
from tests.stage_inputs import BALANCE, INCOME, with_columns


def _run(text: str):
    tables = with_columns(text).tables()
    facts, _ = build_facts(tables, match_document(tables, default_vocabulary()))
    return tables, find_summations(tables, facts)


def test_totals_are_found_from_the_printed_numbers():
    tables, (sums, findings) = _run(INCOME)
    found = {(s.total.name, tuple(sorted((c.name, w) for c, w in s.items))) for s in sums}
    assert ("GrossProfit", (("CostOfSales", -1), ("Revenue", 1))) in found
    assert (
        "ProfitLoss",
        (("IncomeTaxExpenseContinuingOperations", -1), ("ProfitLossBeforeTax", 1)),
    ) in found
    assert findings == []


def test_balance_sheet_totals():
    _, (sums, _) = _run(BALANCE)
    totals = {s.total.name: {c.name for c, _ in s.items} for s in sums}
    assert totals["Equity"] == {"IssuedCapital", "RetainedEarnings"}


def test_a_printed_total_that_adds_up_to_nothing_is_reported():
    text = INCOME + "總計 999 999\n"
    tables, (_, findings) = _run(text)
    assert [(f.code, f.printed) for f in findings] == [("total-adds-to-nothing", "999 999")]
    # and the structure of the rows says why: no suffix of rows adds up to it
    totals, unresolved = table_structure(tables[0])
    assert [tables[0].rows[i].label for i in unresolved] == ["總計"]


def test_a_misprinted_figure_is_not_summed():
    _, (sums, _) = _run(INCOME.replace("毛利 500 400", "毛利 500 401"))
    assert "GrossProfit" not in {s.total.name for s in sums}
