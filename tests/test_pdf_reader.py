"""PDF input: lines and cells from typeset statements, bad PDFs, and the real filed PDFs."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

import tagger
from tagger.errors import InputError
from tagger.pdf_reader import read_pdf_lines
from tests.pdf_builder import (
    PdfLayout,
    PdfRow,
    build_pdf,
    build_scanned_pdf,
    expected_row_texts,
    find_cjk_font,
    reportlab_missing,
)

pytest.importorskip("pypdfium2", reason="pypdfium2 is not installed")
_CANNOT_BUILD = reportlab_missing()
needs_builder = pytest.mark.skipif(_CANNOT_BUILD is not None, reason=_CANNOT_BUILD or "")

ROOT = Path(tagger.__file__).resolve().parents[1]  # the repository
REAL_PDFS = ROOT.parent / "shared" / "pdf"
FACTS = ROOT / "tests" / "pdf_facts"
needs_real_pdfs = pytest.mark.skipif(
    not REAL_PDFS.is_dir(), reason=f"{REAL_PDFS} is absent: the filed PDFs are not committed"
)

INCOME = [
    PdfRow("收入", "4", ("3,405,842", "3,808,510")),
    PdfRow("銷售成本", "", ("(1,905,055)", "(2,001,000)")),
    PdfRow("毛利", "", ("1,500,787", "1,807,510")),
    PdfRow(
        "按公平值計入其他全面收益之金融資產之公平值變動，扣除稅項後之淨額", "12", ("1,234", "–")
    ),
    PdfRow("Revenue 收入", "5", ("12,345", "(6)")),
    PdfRow("其他收入", "", ("２３４", None)),
    PdfRow("年內溢利", "", ("800,123", "900,456")),
]


@pytest.fixture(scope="module")
def statement(tmp_path_factory) -> tuple[Path, PdfLayout]:
    if _CANNOT_BUILD:
        pytest.skip(_CANNOT_BUILD)
    layout = PdfLayout()
    path = tmp_path_factory.mktemp("pdf") / "income.pdf"
    return build_pdf([INCOME[:4], INCOME[4:]], path, layout), layout


def _texts(lines, page):
    return [line.text for line in lines if line.page == page]


@needs_builder
def test_typeset_rows_come_back_as_printed_lines(statement):
    path, layout = statement
    lines = read_pdf_lines(path)
    header = ["綜合損益表", "截至2023年12月31日止年度", "2023 2022", "附註 千港元 千港元"]
    page1 = [t for row in INCOME[:4] for t in expected_row_texts(row, layout)]
    page2 = [t for row in INCOME[4:] for t in expected_row_texts(row, layout)]
    assert _texts(lines, 1) == header + page1 + ["– 1 –"]
    assert _texts(lines, 2) == ["綜合損益表（續）"] + header[1:] + page2 + ["– 2 –"]
    assert [line.line for line in lines if line.page == 2] == list(range(1, len(page2) + 6))


@needs_builder
def test_a_long_label_wraps_and_its_amounts_stay_on_its_last_line(statement):
    path, _ = statement
    lines = _texts(read_pdf_lines(path), 1)
    wrapped = lines.index("按公平值計入其他全面收益之金融資產之公平值變動，扣除稅項後")
    assert lines[wrapped + 1] == "之淨額 12 1,234 –"


@needs_builder
def test_cells_split_at_column_gaps_without_space_characters(statement):
    path, layout = statement
    lines = read_pdf_lines(path)
    revenue = next(line for line in lines if line.text.startswith("收入"))
    assert [cell.text for cell in revenue.cells] == ["收入", "4", "3,405,842", "3,808,510"]
    # amounts are right-aligned: every amount in a column ends at the column's edge
    rights = {round(line.cells[-1].x1) for line in lines if re.search(r"[0-9]{3}\)?$", line.text)}
    assert rights == {round(layout.amount_right(1))}
    assert revenue.cells[0].x0 == pytest.approx(layout.margin, abs=1)
    assert revenue.cells[0].top < revenue.cells[0].bottom


@needs_builder
def test_no_space_between_adjacent_cjk_and_full_width_digits_as_printed(statement):
    path, _ = statement
    texts = _texts(read_pdf_lines(path), 2)
    assert "其他收入 ２３４" in texts
    assert "Revenue 收入 5 12,345 (6)" in texts


@needs_builder
@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_pages_read_as_displayed(tmp_path, statement, rotation):
    path, layout = statement
    rotated = build_pdf(
        [INCOME[:4], INCOME[4:]],
        tmp_path / f"r{rotation}.pdf",
        PdfLayout(rotation=rotation),
    )
    assert [ln.text for ln in read_pdf_lines(rotated)] == [ln.text for ln in read_pdf_lines(path)]


@needs_builder
def test_a_page_range_reads_only_those_pages(statement):
    path, _ = statement
    assert {line.page for line in read_pdf_lines(path, first=2, last=2)} == {2}
    with pytest.raises(InputError, match="no pages 3"):
        read_pdf_lines(path, first=3)


# Bad PDFs -------------------------------------------------------------------------------------


def _message(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_pdf_lines(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


def test_not_a_pdf_and_empty_file(tmp_path):
    text = tmp_path / "a.pdf"
    text.write_text("綜合損益表\n收入 4 3,405,842\n", encoding="utf-8")
    assert "not a PDF" in _message(text)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert "empty" in _message(empty)
    assert "cannot read" in _message(tmp_path / "missing.pdf")


@needs_builder
def test_truncated_pdf_is_damaged(tmp_path, statement):
    path, _ = statement
    data = path.read_bytes()
    for fraction in (0.6, 0.9):
        cut = tmp_path / f"cut{fraction}.pdf"
        cut.write_bytes(data[: int(len(data) * fraction)])
        assert "damaged or truncated" in _message(cut)


@needs_builder
def test_user_password_is_refused_owner_password_alone_is_read(tmp_path):
    rows = [INCOME[:2]]
    locked = build_pdf(rows, tmp_path / "user.pdf", user_password="secret", owner_password="o")
    assert "password" in _message(locked)
    restricted = build_pdf(rows, tmp_path / "owner.pdf", owner_password="owner-only")
    assert b"/Encrypt" in restricted.read_bytes()
    assert "收入 4 3,405,842 3,808,510" in [line.text for line in read_pdf_lines(restricted)]


@needs_builder
def test_scanned_pdf_has_no_text_layer(tmp_path):
    scanned = build_scanned_pdf(tmp_path / "scan.pdf", ["綜合損益表", "收入 4 3,405,842"], pages=2)
    assert "no text layer (a scanned PDF?); ixtag does no OCR" in _message(scanned)


def test_font_discovery_returns_none_without_a_font():
    assert find_cjk_font([("/nonexistent/font.ttc", 0)]) is None


# The real filed PDFs --------------------------------------------------------------------------

_SCALE = {"hk-0717-emperor-capital-ar-2020-21": 1000}


def _facts():
    for path in sorted(FACTS.glob("*.facts.tsv")):
        stem = path.name.removesuffix(".facts.tsv")
        # comment lines (#) say how a TSV reads; the rows follow them
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln[:1] != "#"]
        for row in csv.DictReader(lines, delimiter="\t"):
            sep = "-separate" if "SeparateMember" in row["dims"] else ""
            yield pytest.param(stem, row, id=f"{stem[:12]}-{row['concept']}-{row['period']}{sep}")


def _printed(value: Decimal, scale: int) -> str:
    amount = abs(value) / scale
    places = max(0, -amount.as_tuple().exponent)  # 元 to the cent keep ".00"
    return f"{amount:,.{places}f}"


@needs_real_pdfs
@pytest.mark.parametrize(("stem", "fact"), list(_facts()))
def test_hand_read_facts_stand_on_their_page(stem, fact, real_lines):
    value = Decimal(fact["value"])
    scale = 1 if fact["concept"].endswith("PerShare") else _SCALE.get(stem, 1)
    printed = _printed(value, scale)
    page = [line for line in real_lines(stem) if line.page == int(fact["page"])]
    amounts = {cell.text.strip("()-–") for line in page for cell in line.cells}
    assert printed in amounts, (fact["label"], printed)


@pytest.fixture(scope="module")
def real_lines():
    cache: dict[str, list] = {}

    def lines(stem: str):
        if stem not in cache:
            cache[stem] = read_pdf_lines(REAL_PDFS / f"{stem}.pdf")
        return cache[stem]

    return lines


@needs_real_pdfs
def test_real_statement_page_lines():
    lines = read_pdf_lines(REAL_PDFS / "hk-0717-emperor-capital-ar-2020-21.pdf", 72, 72)
    texts = [line.text for line in lines]
    assert "Commission and fee income 佣金及費用收入 6 125,343 118,051" in texts
    assert "Impairment allowances on financial assets, net of reversal 8 (939,302) (1,327,345)" in (
        texts
    )
    assert texts[texts.index("Loss before tax 除稅前虧損 13 (541,560) (679,607)") + 1] == (
        "Income tax expense 所得稅開支 14 (34,534) (10,140)"
    )


@needs_builder
def test_fake_bold_and_amounts_on_the_first_line_of_a_wrapped_label(tmp_path):
    layout = PdfLayout(
        amounts_on="first", headers=(("2023年12月31日", "2022年12月31日"),), column_width=110
    )
    rows = [
        PdfRow(
            "所有者权益（或股东权益）合计，一个很长很长的标签需要换行",
            "七、1",
            ("1,132,603,716.40", "-5.00"),
        ),
        PdfRow("资产总计", "", ("2,464,948,703.85", "2,051,223,456.86"), bold=True),
        PdfRow("短期借款", "七、32", ("200,222,109.59", None)),
    ]
    lines = [ln.text for ln in read_pdf_lines(build_pdf([rows], tmp_path / "a.pdf", layout))]
    expected = [t for row in rows for t in expected_row_texts(row, layout)]
    assert lines[3 : 3 + len(expected)] == expected
    assert len(expected) == 4 and expected[0].endswith("七、1 1,132,603,716.40 -5.00")
    assert "资产总计 2,464,948,703.85 2,051,223,456.86" in lines


@needs_builder
def test_the_builder_refuses_an_amount_wider_than_its_column(tmp_path):
    with pytest.raises(ValueError, match="wider than a column"):
        build_pdf([[PdfRow("资产总计", "", ("2,464,948,703.85",))]], tmp_path / "x.pdf")
