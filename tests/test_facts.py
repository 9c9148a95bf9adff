"""Stage 6, facts: values in full units, signs by concept, periods, units beyond money."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tagger.extensions import concept_ref
from tagger.facts import build_facts
from tagger.matcher import Match
from tagger.matching import Matching, RowConcept, match_document
from tagger.vocabulary import default_vocabulary
from tests.stage_inputs import BALANCE, INCOME, with_columns


def _facts(text: str):
    tables = with_columns(text).tables()
    facts, findings = build_facts(tables, match_document(tables, default_vocabulary()))
    return {(f.concept.name, f.period.end.year): f for f in facts}, findings


def test_signs_follow_the_concept_not_the_brackets():
    facts, findings = _facts(INCOME)
    assert findings == []
    assert facts[("CostOfSales", 2023)].value == Decimal(700000)  # printed (700)
    assert facts[("Revenue", 2022)].value == Decimal(1000000)
    tax = facts[("IncomeTaxExpenseContinuingOperations", 2023)]
    assert tax.value == Decimal(50000) and tax.cell.text == "(50)"
    profit = facts[("ProfitLoss", 2023)]
    assert (profit.value, profit.decimals, profit.scale, profit.unit) == (
        Decimal(300000),
        -3,
        3,
        "CNY",
    )
    assert (profit.period.start, profit.period.end) == (date(2023, 1, 1), date(2023, 12, 31))


def test_a_loss_is_negative_and_balance_sheet_amounts_as_printed():
    facts, _ = _facts(INCOME.replace("年度溢利 300 240", "年度溢利 (300) 240"))
    assert facts[("ProfitLoss", 2023)].value == Decimal(-300000)
    facts, _ = _facts(BALANCE)
    assert facts[("LongtermBorrowings", 2023)].value == Decimal(100000)
    assert facts[("Equity", 2022)].period.start is None


def test_marks_and_unreadable_rows_are_findings():
    _, findings = _facts(INCOME.replace("毛利 500 400", "毛利 500 *"))
    assert [(f.code, f.printed) for f in findings] == [("below-unit-mark", "*")]


def _one_row_matching(tables, name: str) -> Matching:
    concept = default_vocabulary().concept_map.concepts[name]
    match = Match(concept=concept, method="exact", confidence=1.0, wording=name)
    row = next(i for i, r in enumerate(tables[0].rows) if r.cells)
    return Matching(
        rows={(0, row): RowConcept(concept=concept_ref(concept), match=match)}, members={}
    )


def test_share_counts_in_shares_with_the_scale_their_label_prints():
    text = (
        "每股虧損\n截至2023年12月31日止年度\n2023年 2022年\n人民幣千元 人民幣千元\n"
        "已發行普通股加權平均數（千股） 32,222,681 31,932,411\n"
    )
    tables = with_columns(text).tables()
    facts, findings = build_facts(tables, _one_row_matching(tables, "WeightedAverageShares"))
    assert findings == []
    shares = facts[0]
    assert (shares.unit, shares.currency, shares.scale, shares.decimals) == ("shares", None, 3, -3)
    assert shares.value == Decimal("32222681000")


def test_ratios_are_pure_with_the_decimals_printed():
    text = (
        "主要財務比率\n於2023年12月31日\n2023年 2022年\n人民幣千元 人民幣千元\n"
        "資本負債比率 35.2% 28.1%\n"
    )
    tables = with_columns(text).tables()
    facts, findings = build_facts(tables, match_document(tables, default_vocabulary()))
    assert findings == []
    gearing = facts[0]
    assert gearing.concept.qname == "ixtag:GearingRatio"
    assert (gearing.unit, gearing.scale, gearing.decimals) == ("pure", -2, 3)
    assert gearing.value == Decimal("0.352") and gearing.period.start is None


def test_every_fact_says_why_and_how_sure(tmp_path):
    from tagger.options import TagOptions
    from tagger.pipeline import tag

    text = INCOME.replace("行政開支", "雜項特別開支")
    path = tmp_path / "in.txt"
    path.write_text(text, encoding="utf-8")
    result = tag(path)
    by_name = {f.concept.name: f for f in result.facts}
    assert (by_name["Revenue"].evidence, by_name["Revenue"].confidence) == ("label", 1.0)
    extension = next(f for f in result.facts if f.concept.extension)
    assert extension.evidence.endswith("extension") and extension.confidence == 0.6
    # --min-confidence 0.8: the extension's facts go to review, with their values
    strict = tag(path, TagOptions(min_confidence=0.8))
    assert not [f for f in strict.facts if f.concept.extension]
    low = [f for f in strict.findings if f.code == "below-min-confidence"]
    assert sorted(f.printed for f in low) == ["(120)", "(150)"]
    assert len(strict.facts) == len(result.facts) - 2


def test_rows_the_layout_rebuilt_say_so(tmp_path):
    from tagger.pipeline import tag

    lines = []
    for line in INCOME.splitlines():
        label, _, amounts = line.partition(" ")
        lines += [label, amounts] if amounts and amounts[0] in "(0123456789" else [line]
    path = tmp_path / "split.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    revenue = next(f for f in tag(path).facts if f.concept.name == "Revenue")
    assert revenue.evidence == "label; layout inferred" and revenue.confidence == 0.95


def test_a_row_with_more_amounts_than_columns_is_not_guessed():
    # 毛利 500 49.5 400 43.1: a percentage column the header does not name; which amount is
    # 2022's cannot be told, so none of them is tagged.
    facts, findings = _facts(INCOME.replace("毛利 500 400", "毛利 500 49.5 400 43.1"))
    assert ("GrossProfit", 2023) not in facts and ("GrossProfit", 2022) not in facts
    assert [(f.code, f.printed) for f in findings] == [
        ("ambiguous-layout", printed) for printed in ("500", "49.5", "400", "43.1")
    ]
    assert findings[0].message == "4 amounts for 2 columns: cannot tell which is which"


def test_fact_keys_are_each_facts_key_with_periods_keyed_once():
    from tagger.facts import by_key, fact_key, fact_keys

    tables = with_columns(INCOME + BALANCE).tables()
    facts, _ = build_facts(tables, match_document(tables, default_vocabulary()))
    assert fact_keys(facts) == [fact_key(f) for f in facts]
    assert by_key(facts) == {fact_key(f): f for f in facts}  # the last of a key stays
    same = facts[0].model_copy(update={"decimals": facts[0].decimals - 3})
    assert facts[0].agrees_with(same) and same.agrees_with(facts[0])
