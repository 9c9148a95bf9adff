"""A label wrapped before its amounts, the amounts printed on the line of its last word
(tagger.layout): joined into one row when the fragment completes a wording of the taxonomy
or is a single character; a section heading above a short row label is left apart. The
example's transaction price allocated to the remaining performance obligations read by hand,
and invented excerpts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tagger.layout import lay_out
from tagger.pipeline import tag
from tagger.vocabulary import default_vocabulary
from tests.stage_inputs import source

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
PRICE = "ifrs-full:TransactionPriceAllocatedToRemainingPerformanceObligations"


def _rows(text: str) -> dict[str, list[str]]:
    laid = lay_out(source(text), default_vocabulary())
    return {line.label: [c.text for c in line.cells] for line in laid.lines if line.label}


def test_a_wrapped_label_joins_the_row_of_its_last_word():
    text = (
        "於12月31日\n2023年 2022年\n千港元 千港元\n\n"
        "分配至未履行履約責任的交易價格總\n額 12,400 9,800\n"
        "持作買賣的上市股本證券的公允價\n值 3,300 2,100\n"
    )
    rows = _rows(text)
    assert rows["分配至未履行履約責任的交易價格總額"] == ["12,400", "9,800"]
    assert rows["持作買賣的上市股本證券的公允價值"] == ["3,300", "2,100"]
    assert "額" not in rows and "值" not in rows


def test_a_section_heading_above_a_short_row_label_stays_apart():
    text = (
        "於12月31日\n2023年 2022年\n千港元 千港元\n\n流動\n其他 1,200 1,100\n非流動\n稅項 300 250\n"
    )
    rows = _rows(text)
    assert rows["其他"] == ["1,200", "1,100"] and rows["稅項"] == ["300", "250"]
    assert rows["流動"] == [] and rows["非流動"] == []


def test_example_remaining_performance_obligations_read_by_hand():
    # "分配至部分或全部未履行的長期合約的交易價款總 / 額 56,584 187,190", 於12月31日, 人民幣千元
    result = tag(EXAMPLE)
    facts = {
        (f.period.key(), f.value, f.dims, f.unit) for f in result.facts if f.concept.qname == PRICE
    }
    assert facts == {
        ("i20231231", Decimal("56584000"), (), "CNY"),
        ("i20221231", Decimal("187190000"), (), "CNY"),
    }


NOTE = """綜合損益表
截至2023年12月31日止年度

2023年 2022年
附註 {unit} {unit}

收益 96,400 88,100
銷售成本 (61,200) (57,300)

財務報表附註

1 一般資料

本公司於香港註冊成立，主要從事物業管理服務。除另有說明者外，財務資料以{unit}呈列。

5 {liabilities}

{heading}

於12月31日
2023年 2022年
{unit} {unit}

{head}
{tail} 18,600 15,200
"""


def test_invented_notes_of_remaining_performance_obligations(tmp_path):
    cases = {
        "hant": (
            "千港元",
            "合約負債",
            "下表載列於年末未履行的履約責任：",
            "分配至部分或全部未履行長期合約的交易價格",
            "總額",
        ),
        "hans": (
            "人民币千元",
            "合同负债",
            "下表载列于年末未履行的履约责任：",
            "分配至未履行履约责任的交易价格总",
            "额",
        ),
    }
    for name, (unit, liabilities, heading, head, tail) in cases.items():
        path = tmp_path / f"{name}.txt"
        text = NOTE.format(
            unit=unit, liabilities=liabilities, heading=heading, head=head, tail=tail
        )
        path.write_text(text, encoding="utf-8")
        facts = {
            (f.period.key(), f.value, f.unit) for f in tag(path).facts if f.concept.qname == PRICE
        }
        currency = "HKD" if unit == "千港元" else "CNY"
        assert facts == {
            ("i20231231", Decimal("18600000"), currency),
            ("i20221231", Decimal("15200000"), currency),
        }, name
