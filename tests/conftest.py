"""Shared fixtures: a small hand-made concept map that exercises every builder path
(statement with calculations, changes in equity hypercube, an anchored ixtag concept),
independent of how far taxonomy/data has grown."""

from __future__ import annotations

from pathlib import Path

import pytest

from taxonomy.loader import load_concept_map, read_ifrs_facts
from taxonomy.models import ConceptMap, ElementFacts

_FACTS = """name\ttype\tsubstitutionGroup\tperiodType\tbalance\tabstract
ComponentsOfEquityAxis\txbrli:stringItemType\txbrldt:dimensionItem\tduration\t\ttrue
CostOfSales\txbrli:monetaryItemType\txbrli:item\tduration\tdebit\tfalse
DividendsRecognisedAsDistributionsToOwnersOfParent\txbrli:monetaryItemType\txbrli:item\tduration\tdebit\tfalse
Equity\txbrli:monetaryItemType\txbrli:item\tinstant\tcredit\tfalse
EquityAttributableToOwnersOfParentMember\tdtr-types:domainItemType\txbrli:item\tduration\t\ttrue
EquityMember\tdtr-types:domainItemType\txbrli:item\tduration\t\ttrue
GrossProfit\txbrli:monetaryItemType\txbrli:item\tduration\tcredit\tfalse
IncomeStatementAbstract\txbrli:stringItemType\txbrli:item\tduration\t\ttrue
IssuedCapitalMember\tdtr-types:domainItemType\txbrli:item\tduration\t\ttrue
NoncontrollingInterestsMember\tdtr-types:domainItemType\txbrli:item\tduration\t\ttrue
ProfitLoss\txbrli:monetaryItemType\txbrli:item\tduration\tcredit\tfalse
RetainedEarningsMember\tdtr-types:domainItemType\txbrli:item\tduration\t\ttrue
Revenue\txbrli:monetaryItemType\txbrli:item\tduration\tcredit\tfalse
StatementOfChangesInEquityAbstract\txbrli:stringItemType\txbrli:item\tduration\t\ttrue
StatementOfChangesInEquityLineItems\txbrli:stringItemType\txbrli:item\tduration\t\ttrue
StatementOfChangesInEquityTable\txbrli:stringItemType\txbrldt:hypercubeItem\tduration\t\ttrue
"""

_MEMBERS = """axis\tdefault_member\tmember\tparent\tdepth
ComponentsOfEquityAxis\tEquityMember\tEquityMember\tComponentsOfEquityAxis\t1
ComponentsOfEquityAxis\tEquityMember\tEquityAttributableToOwnersOfParentMember\tEquityMember\t2
ComponentsOfEquityAxis\tEquityMember\tIssuedCapitalMember\tEquityAttributableToOwnersOfParentMember\t3
ComponentsOfEquityAxis\tEquityMember\tRetainedEarningsMember\tEquityAttributableToOwnersOfParentMember\t3
ComponentsOfEquityAxis\tEquityMember\tNoncontrollingInterestsMember\tEquityMember\t2
"""

_CONCEPTS = """
[[concept]]
name = "Revenue"
zh-Hant = "收入"
statements = ["income"]
[[concept]]
name = "CostOfSales"
zh-Hant = "銷售成本"
statements = ["income"]
[[concept]]
name = "GrossProfit"
zh-Hant = "毛利"
statements = ["income"]
[[concept]]
name = "ProfitLoss"
zh-Hant = "年內溢利"
zh-Hans = "年内利润"
statements = ["income", "changes_in_equity"]
[[concept]]
name = "Equity"
zh-Hant = "權益總額"
zh-Hans = "权益总额"
statements = ["changes_in_equity"]
[[concept]]
name = "DividendsRecognisedAsDistributionsToOwnersOfParent"
zh-Hant = "已派股息"
zh-Hans = "已派股息"
statements = ["changes_in_equity"]
[[concept]]
prefix = "ixtag"
name = "AdjustedProfitLoss"
zh-Hant = "經調整溢利"
zh-Hans = "经调整利润"
en = "Adjusted profit (loss)"
type = "xbrli:monetaryItemType"
period-type = "duration"
balance = "credit"
anchor = { concept = "ProfitLoss", relation = "wider" }
"""

_AXES = """
[[axis]]
name = "ComponentsOfEquityAxis"
zh-Hant = "權益組成部分"
zh-Hans = "权益组成部分"
[[member]]
name = "EquityMember"
zh-Hant = "權益"
zh-Hans = "权益"
[[member]]
name = "EquityAttributableToOwnersOfParentMember"
zh-Hant = "本公司擁有人應佔"
zh-Hans = "本公司拥有人应占"
[[member]]
name = "IssuedCapitalMember"
zh-Hant = "股本"
zh-Hans = "股本"
[[member]]
name = "RetainedEarningsMember"
zh-Hant = "保留盈利"
zh-Hans = "留存收益"
[[member]]
name = "NoncontrollingInterestsMember"
zh-Hant = "非控股權益"
zh-Hans = "非控股权益"
"""

_INCOME = """
statement = "income"
role = "IncomeStatement"
zh-Hant = "綜合收益表"
zh-Hans = "综合收益表"
en = "Income statement"
root = "IncomeStatementAbstract"
presentation = ["Revenue", "CostOfSales", "GrossProfit", "ProfitLoss"]
[[calculation]]
total = "GrossProfit"
items = { Revenue = 1, CostOfSales = -1 }
"""

_EQUITY = """
statement = "changes_in_equity"
role = "StatementOfChangesInEquity"
zh-Hant = "綜合權益變動表"
zh-Hans = "综合权益变动表"
root = "StatementOfChangesInEquityAbstract"
table = "StatementOfChangesInEquityTable"
line-items = "StatementOfChangesInEquityLineItems"
axes = ["ComponentsOfEquityAxis"]
presentation = [
  "Equity", "ProfitLoss", "DividendsRecognisedAsDistributionsToOwnersOfParent", "Equity",
]
"""


def write_sample_data(data_dir: Path) -> Path:
    (data_dir / "concepts").mkdir(parents=True)
    (data_dir / "templates").mkdir()
    files = {
        "ifrs-full-facts.tsv": _FACTS,
        "ifrs-full-members.tsv": _MEMBERS,
        "concepts/sample.toml": _CONCEPTS,
        "axes.toml": _AXES,
        "sections.toml": "",
        "templates/income.toml": _INCOME,
        "templates/changes_in_equity.toml": _EQUITY,
    }
    for name, text in files.items():
        (data_dir / name).write_text(text, encoding="utf-8")
    return data_dir


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample_data(tmp_path_factory.mktemp("sample-data"))


@pytest.fixture(scope="session")
def sample_map(sample_data_dir: Path) -> ConceptMap:
    return load_concept_map(sample_data_dir)


@pytest.fixture(scope="session")
def sample_facts(sample_data_dir: Path) -> dict[str, ElementFacts]:
    return read_ifrs_facts(sample_data_dir / "ifrs-full-facts.tsv")
