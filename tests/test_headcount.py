"""The number of employees where running text prints it at a date: the example's (line
803, read by hand) and sentences written for the rule, in Traditional and Simplified."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from tagger.pipeline import tag
from tests.stage_inputs import INCOME

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)


def _headcounts(result):
    return [
        (f.period.end, f.period.is_instant, f.value, f.unit, f.decimals, f.cell.line)
        for f in result.facts
        if f.concept.name == "NumberOfEmployees"
    ]


def test_the_example_prints_its_headcount_at_the_year_end():
    # 於2023年12月31日，本集團有 4,531名僱員。
    assert _headcounts(tag(EXAMPLE)) == [(date(2023, 12, 31), True, Decimal(4531), "pure", 0, 803)]


def test_only_an_exact_count_at_a_date_is_tagged(tmp_path):
    text = (
        "僱員及薪酬政策\n\n"
        "截至2023年12月31日，我們的僱員總數為1,208人。\n\n"
        "於2022年12月31日，本集團有約1,100名僱員。\n\n"  # about: not an exact count
        "本集團現有950名員工。\n\n" + INCOME  # no date
    )
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    result = tag(path)
    assert _headcounts(result) == [(date(2023, 12, 31), True, Decimal(1208), "pure", 0, 3)]
    left = {f.printed for f in result.findings if f.code == "untagged-text-figure"}
    assert "1,100" in left


def test_simplified_headcount(tmp_path):
    from taxonomy.loader import simplified

    text = "员工\n\n于2024年6月30日，本集团共聘用2,315名全职员工。\n\n" + simplified(INCOME)
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    assert _headcounts(tag(path)) == [(date(2024, 6, 30), True, Decimal(2315), "pure", 0, 3)]
