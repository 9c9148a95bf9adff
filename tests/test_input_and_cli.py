"""Bad input gets one line and a non-zero exit; the pieces of the reader and the period rule."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

from tagger.cli import main
from tagger.columns import column_period
from tagger.lines import parse_cell, unit_of
from tagger.reader import normalise_line
from tagger.signs import sign_factor

STATEMENT = """綜合收益表
截至2023年12月31日止年度
2023年 2022年
人民幣千元 人民幣千元
收入 100 90
銷售成本 (60) (50)
毛利 40 40
"""


def _run(args):
    return CliRunner().invoke(main, args)


def _values(csv_path) -> dict[tuple[str, str, str], str]:
    """(concept, period start, period end) -> value, read from a facts.csv."""
    with open(csv_path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {(r["concept"], r["period_start"], r["period_end"]): r["value"] for r in rows}


Y23 = ("2023-01-01", "2023-12-31")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("一份沒有財務報表的文件。\n只有文字。\n".encode(), "no financial statement"),
    ],
)
def test_bad_input_one_line_exit_1(tmp_path, content, message):
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    run = _run(["tag", str(path), "-o", str(tmp_path / "out")])
    assert run.exit_code == 1
    lines = run.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in run.output


def test_missing_file_and_usage_errors(tmp_path):
    assert _run(["tag", str(tmp_path / "nope.txt"), "-o", str(tmp_path)]).exit_code == 1
    assert _run(["tag"]).exit_code == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "big5hkscs"])
def test_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "small.txt"
    path.write_bytes(STATEMENT.encode(encoding))
    run = _run(["tag", str(path), "-o", str(tmp_path / "out")])
    assert run.exit_code == 0, run.output
    values = _values(tmp_path / "out" / "small.facts.csv")
    assert values[("ifrs-full:CostOfSales", *Y23)] == "60000"
    assert values[("ifrs-full:Revenue", *Y23)] == "100000"


def test_simplified_statement_gb18030(tmp_path):
    text = (
        STATEMENT.replace("綜合收益表", "合并利润表")
        .replace("收入", "营业收入")
        .replace("銷售成本", "营业成本")
    )
    text = text.replace("人民幣千元", "人民币千元").replace("毛利", "毛利")
    path = tmp_path / "hans.txt"
    path.write_bytes(text.encode("gb18030"))
    run = _run(["tag", str(path), "-o", str(tmp_path / "out")])
    assert run.exit_code == 0, run.output
    values = _values(tmp_path / "out" / "hans.facts.csv")
    assert values[("ifrs-full:Revenue", *Y23)] == "100000"
    assert values[("ifrs-full:CostOfSales", "2022-01-01", "2022-12-31")] == "50000"


def test_a_total_that_does_not_add_up_is_reported_not_changed(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(
        STATEMENT.replace("毛利 40 40", "毛利 40 41") + "總計 999 999\n", encoding="utf-8"
    )
    assert _run(["tag", str(path), "-o", str(tmp_path / "out")]).exit_code == 0
    review = (tmp_path / "out" / "bad.review.csv").read_text(encoding="utf-8")
    assert "total-adds-to-nothing" in review and "999 999" in review
    values = _values(tmp_path / "out" / "bad.facts.csv")
    assert values[("ifrs-full:GrossProfit", "2022-01-01", "2022-12-31")] == "41000"  # as printed


@pytest.mark.parametrize(
    ("token", "value", "dash"),
    [
        ("1,234", "1234", False),
        ("(1,905,055)", "-1905055", False),
        ("(0.20)", "-0.20", False),
        ("–", "0", True),
        ("–10.6%", "-10.6", False),
        ("5", "5", False),
    ],
)
def test_parse_cell(token, value, dash):
    cell = parse_cell(token, 1)
    assert cell.value == Decimal(value) and cell.dash is dash


def test_not_amounts():
    assert parse_cell("3(a)、4(b)", 1) is None
    assert parse_cell("*", 1).value is None
    assert parse_cell("(1,234", 1) is None


def test_units():
    assert (unit_of("人民幣千元 人民幣千元").currency, unit_of("人民幣千元").scale) == ("CNY", 3)
    assert (unit_of("千港元").currency, unit_of("千港元").scale) == ("HKD", 3)
    assert unit_of("人民幣百萬元").scale == 6


def test_periods():
    assert column_period(2023, 12, 31, 12).start == date(2023, 1, 1)
    assert column_period(2023, 6, 30, 6).start == date(2023, 1, 1)
    assert column_period(2024, 3, 31, 12).start == date(2023, 4, 1)
    assert column_period(2023, 12, 31, None).start is None


def test_normalise_line():
    assert normalise_line(" 綜 合 收 益 表 ") == "綜合收益表"
    assert normalise_line("收入 １，２３４") == "收入 1,234"
    assert normalise_line("其他虧損－淨額") == "其他虧損－淨額"


def test_sign_rule():
    assert sign_factor("income", "debit") == -1
    assert sign_factor("income", "credit") == 1
    assert sign_factor("cash_flows", "credit") == -1
    assert sign_factor("financial_position", "credit") == 1
    assert sign_factor("income", None) == 1


def test_period_end_option_when_headers_print_none(tmp_path):
    path = tmp_path / "noperiod.txt"
    path.write_text(STATEMENT.replace("截至2023年12月31日止年度\n", ""), encoding="utf-8")
    run = _run(["tag", str(path), "-o", str(tmp_path / "a")])
    assert run.exit_code == 1 and "no amount could be tagged" in run.output
    assert "give --period-end" in (tmp_path / "a" / "noperiod.review.csv").read_text(
        encoding="utf-8"
    )
    run = _run(["tag", str(path), "-o", str(tmp_path / "b"), "--period-end", "2023-06-30"])
    assert run.exit_code == 0, run.output
    values = _values(tmp_path / "b" / "noperiod.facts.csv")
    assert values[("ifrs-full:Revenue", "2022-07-01", "2023-06-30")] == "100000"


def test_folder_of_inputs_with_one_bad_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STATEMENT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    run = _run(["tag", str(folder), "-o", str(tmp_path / "out")])
    assert run.exit_code == 1  # one input failed; the other was still tagged
    assert (tmp_path / "out" / "good.xbri").is_file()
    assert "empty.txt: the file is empty" in run.output


def test_bare_thousands_take_the_document_currency(tmp_path):
    path = tmp_path / "bare.txt"
    text = "除另有說明外，本公告內的金額均以人民幣千元列示。\n\n" + STATEMENT
    path.write_text(text.replace("人民幣千元 人民幣千元", "千元 千元"), encoding="utf-8")
    assert _run(["tag", str(path), "-o", str(tmp_path / "out")]).exit_code == 0
    with open(tmp_path / "out" / "bare.facts.csv", encoding="utf-8", newline="") as handle:
        revenue = next(r for r in csv.DictReader(handle) if r["concept"] == "ifrs-full:Revenue")
    assert (revenue["unit"], revenue["decimals"], revenue["value"]) == ("CNY", "-3", "100000")


def test_facts_and_review_say_the_page_and_line_on_the_page(tmp_path):
    path = tmp_path / "paged.txt"
    path.write_text("封面\n目錄\n\f" + STATEMENT + "總計 999 999\n", encoding="utf-8")
    assert _run(["tag", str(path), "-o", str(tmp_path / "out")]).exit_code == 0
    with open(tmp_path / "out" / "paged.facts.csv", encoding="utf-8", newline="") as handle:
        revenue = next(r for r in csv.DictReader(handle) if r["concept"] == "ifrs-full:Revenue")
    # the form feed opens page 2 at the title (line 3); 收入 is line 7, the 5th of page 2
    assert (revenue["source_line"], revenue["page"], revenue["page_line"]) == ("7", "2", "5")
    with open(tmp_path / "out" / "paged.review.csv", encoding="utf-8", newline="") as handle:
        total = next(r for r in csv.DictReader(handle) if r["code"] == "total-adds-to-nothing")
    assert (total["source_line"], total["page"], total["page_line"]) == ("10", "2", "8")
