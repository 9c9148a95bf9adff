"""Property, plant and equipment a note's sentence says is pledged (tagger.pledged_text):
the example's note 10(a) read by hand, and invented sentences after an invented note in
Hong Kong dollars, Traditional and Simplified, with the sentences that must stay reported."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tagger.pipeline import tag
from taxonomy.loader import simplified
from tests.test_movements import HK_PPE, INCOME

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
PLEDGED = "PropertyPlantAndEquipmentPledgedAsSecurity"
BUILDINGS = (("ifrs-full:ClassesOfPropertyPlantAndEquipmentAxis", "ifrs-full:BuildingsMember"),)


def _pledged(result):
    return sorted(
        (f.period.end.isoformat(), f.dims, f.value, f.decimals, f.currency, f.cell.line)
        for f in result.facts
        if f.concept.name == PLEDGED
    )


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


def test_the_example_buildings_pledged_for_borrowings(example):
    # (a) 於2023年12月31日，若干賬面價值為人民幣4,272,828,000元 (2022年12月31日 :人民幣
    # 4,376,326,000 元 )元的樓宇作為本集團借款的抵押品（附註14）: buildings carried at
    # 4,290,065 and 4,414,448 千元 at those dates
    assert _pledged(example) == [
        ("2022-12-31", BUILDINGS, Decimal("4376326000"), 0, "CNY", 1891),
        ("2023-12-31", BUILDINGS, Decimal("4272828000"), 0, "CNY", 1890),
    ]
    # 我們抵押賬面值為人民幣 4,336.0百萬元的若干樓宇及土地使用權: two classes in one amount;
    # …的非流動銀行借款以賬面值為人民幣3,197,977,000元的若干樓宇（附註10(a)）作抵押: one
    # borrowing's share
    left = {f.printed for f in example.findings if f.code == "untagged-text-figure"}
    assert {"4,336.0", "3,197,977,000"} <= left


def _tag_text(tmp_path, text: str):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path)


def test_a_class_pledged_no_more_than_its_carrying_amount(tmp_path):
    text = (
        INCOME
        + HK_PPE
        + "\n(a) 於2023年12月31日，若干賬面價值為1,050,000港元（2022年12月31日：900,000港元）"
        "的樓宇已作為本集團銀行借款的抵押品。\n\n"
    )
    result = _tag_text(tmp_path, text)
    # buildings carried at 1,100 and 1,000 千港元
    line = text.count("\n", 0, text.index("(a)")) + 1
    assert _pledged(result) == [
        ("2022-12-31", BUILDINGS, Decimal("900000"), 0, "HKD", line),
        ("2023-12-31", BUILDINGS, Decimal("1050000"), 0, "HKD", line),
    ]


def test_simplified_and_a_comparative_year(tmp_path):
    text = simplified(
        INCOME
        + HK_PPE
        + "\n於2023年12月31日，若干賬面價值為1.05百萬港元（2022年：0.9百萬港元）的樓宇已作為"
        "本集團借款的抵押品。\n\n"
    )
    result = _tag_text(tmp_path, text)
    assert [(d, v, dec) for d, _, v, dec, _, _ in _pledged(result)] == [
        ("2022-12-31", Decimal("900000"), -5),
        ("2023-12-31", Decimal("1050000"), -4),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # more than the buildings are carried at
        "於2023年12月31日，若干賬面價值為1,200,000港元的樓宇已作為本集團借款的抵押品。",
        # two classes in one amount
        "於2023年12月31日，若干賬面價值為1,050,000港元的樓宇及汽車已作為本集團借款的抵押品。",
        # a date the note prints no carrying amount for
        "於2021年12月31日，若干賬面價值為500,000港元的樓宇已作為本集團借款的抵押品。",
        # about
        "於2023年12月31日，若干賬面價值約為1,050,000港元的樓宇已作為本集團借款的抵押品。",
        # two sentences, two amounts at one date: which one is the class's is not said
        "於2023年12月31日，若干賬面價值為600,000港元的樓宇已作為銀行借款甲的抵押品。"
        "於2023年12月31日，若干賬面價值為400,000港元的樓宇已作為銀行借款乙的抵押品。",
    ],
)
def test_pledges_that_stay_reported(tmp_path, sentence):
    result = _tag_text(tmp_path, INCOME + HK_PPE + "\n" + sentence + "\n\n")
    assert _pledged(result) == []
