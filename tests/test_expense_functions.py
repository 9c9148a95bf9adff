"""An expense analysed by the function line it was charged to (tagger.expense_functions):
the example's depreciation by function, read by hand, and invented notes in other issuers'
styles, some of which must stay untagged."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import opencc
import pytest

from tagger.pipeline import tag
from tagger.report import write_report
from tagger.validation import validate_report

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
AXIS = "ext:ExpenseByFunctionAxis"
Y23, Y22 = "d20230101-20231231", "d20220101-20221231"


def _by_function(result) -> dict[tuple[str, str, str], tuple[Decimal, int]]:
    return {
        (f.concept.name, dict(f.dims)[AXIS].removeprefix("ext:"), f.period.key()): (
            f.value,
            f.decimals,
        )
        for f in result.facts
        if AXIS in dict(f.dims)
    }


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


def test_example_depreciation_by_function_read_by_hand(example):
    # note 10(b): 折舊費用於綜合收益表中按以下類別列支 (人民幣千元), adding up to 900,163 /
    # 644,891, the depreciation charge of the movement table
    dep = "DepreciationPropertyPlantAndEquipment"
    assert _by_function(example) == {
        (dep, "CostOfSalesMember", Y23): (Decimal("184580000"), -3),
        (dep, "CostOfSalesMember", Y22): (Decimal("39409000"), -3),
        (dep, "SellingExpenseMember", Y23): (Decimal("20263000"), -3),
        (dep, "SellingExpenseMember", Y22): (Decimal("20338000"), -3),
        (dep, "AdministrativeExpenseMember", Y23): (Decimal("191724000"), -3),
        (dep, "AdministrativeExpenseMember", Y22): (Decimal("126389000"), -3),
        (dep, "ResearchAndDevelopmentExpenseMember", Y23): (Decimal("503596000"), -3),
        (dep, "ResearchAndDevelopmentExpenseMember", Y22): (Decimal("458755000"), -3),
    }
    labels = {m.name: m.label for m in example.members if m.axis == AXIS}
    assert labels["ExpenseByFunctionAxis"] == "按功能劃分之開支［軸］"
    assert labels["CostOfSalesMember"] == "銷售成本"


INCOME = """綜合損益表
截至2023年12月31日止年度

2023年 2022年
千港元 千港元

收益 520,000 480,000
銷售成本 (310,000) (290,000)
毛利 210,000 190,000
行政開支 (96,000) (88,000)
除稅前溢利 114,000 102,000
所得稅開支 (18,810) (16,830)
年內溢利 95,190 85,170

財務報表附註

6 按性質劃分的開支

截至12月31日止年度
2023年 2022年
千港元 千港元

存貨成本 250,000 235,000
僱員福利開支 120,000 110,000
物業、廠房及設備折舊 {dep23} {dep22}
其他 {other23} {other22}

銷售成本及行政開支總額 406,000 378,000

9 物業、廠房及設備

折舊已於綜合損益表內列支如下：

截至12月31日止年度
2023年 2022年
千港元 千港元

{rows}
"""


def _excerpt(tmp_path, rows: str, dep=("14,600", "13,900")) -> Path:
    """The note by nature adds up to cost of sales and administrative expenses whatever the
    depreciation: 其他 takes the rest."""
    d23, d22 = (int(d.replace(",", "")) for d in dep)
    text = INCOME.format(
        dep23=dep[0],
        dep22=dep[1],
        other23=f"{406_000 - 370_000 - d23:,}",
        other22=f"{378_000 - 345_000 - d22:,}",
        rows=rows,
    )
    path = tmp_path / "functions.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_depreciation_charged_to_cost_of_sales_and_administrative_expenses(tmp_path):
    rows = "銷售成本 9,800 9,500\n行政開支 4,800 4,400\n\n14,600 13,900"
    result = tag(_excerpt(tmp_path, rows))
    dep = "DepreciationPropertyPlantAndEquipment"
    assert _by_function(result) == {
        (dep, "CostOfSalesMember", Y23): (Decimal("9800000"), -3),
        (dep, "CostOfSalesMember", Y22): (Decimal("9500000"), -3),
        (dep, "AdministrativeExpenseMember", Y23): (Decimal("4800000"), -3),
        (dep, "AdministrativeExpenseMember", Y22): (Decimal("4400000"), -3),
    }
    assert validate_report(write_report(result, tmp_path / "out").package).clean


def test_simplified_note_with_a_total_word(tmp_path):
    rows = "销售成本 9,800 9,500\n行政开支 4,800 4,400\n合计 14,600 13,900"
    text = _excerpt(tmp_path, rows).read_text(encoding="utf-8")
    path = tmp_path / "hans.txt"
    path.write_text(opencc.OpenCC("t2s").convert(text), encoding="utf-8")
    result = tag(path)
    assert {key[1] for key in _by_function(result)} == {
        "CostOfSalesMember",
        "AdministrativeExpenseMember",
    }
    hans = {m.name: m.label for m in result.members if m.axis == AXIS}
    assert hans["CostOfSalesMember"] == "销售成本"


@pytest.mark.parametrize(
    "rows",
    [
        # 100 too many: the rows do not add up to the total
        "銷售成本 9,900 9,500\n行政開支 4,800 4,400\n\n14,600 13,900",
        # a row that is no function line of the statement
        "存貨 9,800 9,500\n行政開支 4,800 4,400\n\n14,600 13,900",
        # 銷售開支: a function the statement does not print
        "銷售成本 9,800 9,500\n銷售開支 4,800 4,400\n\n14,600 13,900",
        # one function printed twice
        "銷售成本 9,800 9,500\n銷售成本 4,800 4,400\n\n14,600 13,900",
    ],
    ids=["no-sum", "not-a-function", "line-not-printed", "twice"],
)
def test_tables_that_do_not_prove_themselves_stay_untagged(tmp_path, rows):
    result = tag(_excerpt(tmp_path, rows))
    assert _by_function(result) == {}
    assert "4,800" in {f.printed for f in result.findings if f.code == "untagged-note-table"}


def test_a_total_no_other_table_tags_stays_untagged(tmp_path):
    # the rows add up, but to 14,700: not the depreciation the cash flows tag (14,600)
    rows = "銷售成本 9,900 9,500\n行政開支 4,800 4,400\n\n14,700 13,900"
    result = tag(_excerpt(tmp_path, rows))
    assert _by_function(result) == {}
