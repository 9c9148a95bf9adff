"""`ixtag tag x.pdf`: the PDF is a reader, not a second tagger. The example typeset as a PDF
here (each printed line drawn as it stands, amounts right-aligned in columns) gives exactly
the facts of its text; PDFs that cannot be read get one line and exit 1."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tagger.cli import main
from tagger.lines import split_amounts
from tagger.pipeline import tag
from tagger.reader import read_text
from tests.pdf_builder import build_pdf, build_scanned_pdf, find_cjk_font, reportlab_missing
from tests.test_pdf_reader import INCOME

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
_CANNOT_BUILD = reportlab_missing()
needs_builder = pytest.mark.skipif(_CANNOT_BUILD is not None, reason=_CANNOT_BUILD or "")
LINES_PER_PAGE = 60


def _typeset(lines: list[str], path: Path) -> Path:
    """Each line on a landscape page: the label at the left, each amount right-aligned in a
    column of its own, as statements are printed."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    font = find_cjk_font()
    width, height = landscape(A4)
    pdf = canvas.Canvas(str(path), pagesize=(width, height), invariant=1)
    for start in range(0, len(lines), LINES_PER_PAGE):
        pdf.setFont(font.name, 7)
        for row, line in enumerate(lines[start : start + LINES_PER_PAGE]):
            y = height - 30 - row * 9
            label, cells = _label_and_cells(line)
            if len(cells) < 2:  # running text or a heading: as it stands
                pdf.drawString(30, y, line.strip())
                continue
            pdf.drawString(30, y, " ".join(label))
            for k, cell in enumerate(cells):
                pdf.drawRightString(width - 30 - (len(cells) - 1 - k) * 60, y, cell)
        pdf.showPage()
    pdf.save()
    return path


def _label_and_cells(line: str) -> tuple[list[str], list[str]]:
    """The amounts at the end of a line, with the below-unit marks (*) that stand in an
    amount column."""
    tokens = line.split()
    cells: list[str] = []
    while tokens and (tokens[-1] in ("*", "(*)") or split_amounts(tokens[-1], 0)[1]):
        cells.insert(0, tokens.pop())
    return tokens, cells


def _facts(
    result,
    in_text: bool = False,
    movements: bool = True,
    lists: bool = True,
    matrices: bool = True,
) -> Counter:
    """The facts of the tables (or, ``in_text``, of running text, which depends on where its
    lines break and its headings stand, not on the tables' layout); ``movements``: with those
    of the movement tables (tagger.movements); ``lists``: with the notes' own items listed
    under a heading (－非上市 under 債務投資(a)), which the heading's line names;
    ``matrices``: with the provision matrices' (tagger.ecl_matrix)."""
    return Counter(
        (f.concept.qname, f.period.key(), f.dims, f.unit, f.decimals, f.value)
        for f in result.facts
        if (f.in_text is not None) == in_text
        and (movements or not _of_movements(f))
        and (lists or not _listed(f))
        and (matrices or f.method != "ecl-matrix")
    )


_REMAINING = "ifrs-full:TransactionPriceAllocatedToRemainingPerformanceObligations"


def _listed(fact) -> bool:
    """An own item of note 12's lists (tagger.note_own_items), labelled with its heading."""
    return fact.concept.extension and any(
        fact.concept.label.startswith(h)
        for h in ("債務投資－", "股權投資－", "债务投资－", "股权投资－")
    )


def _of_movements(fact) -> bool:
    """Of a movement table (of an asset's classes, or of one balance), restating one of its
    amounts elsewhere, or analysing one by function (the depreciation charge)."""
    return (
        fact.evidence.startswith(("movement table", "roll-forward of one balance"))
        or fact.evidence.endswith("of a movement table")
        or "ext:ExpenseByFunctionAxis" in dict(fact.dims)
    )


def assert_movements_reported(from_pdf, from_text) -> None:
    """The movement tables' class headers (樓宇及 / 設施 …, each name wrapped over lines) are
    read from the blank lines that set the names apart, which the PDF's lines do not keep
    (and its words run 其他設備在建工程 together): the PDF leaves those tables untagged, each
    amount reported, where the text tags them; never with other columns' names. The PDF's
    lines run note 12's balances and its first roll-forward together (one table, its columns
    dates): the classes that note prints on a row of their own are read all the same, with
    the text's values, the others are left to coverage."""
    assert_listed_items_reported(from_pdf, from_text)
    assert_matrices_read_or_reported(from_pdf, from_text)
    # The PDF's lines run the one-row table of the remaining performance obligations (its
    # label wrapped before its amounts: …交易價款總 / 額 56,584 187,190) into the revenue table
    # above it, whose kind names no such row: reported there, tagged from the text.
    remaining = Counter(
        {k: n for k, n in _facts(from_text).items() if k[0] == _REMAINING and k[3] == "CNY"}
    )
    assert sum(remaining.values()) == 2
    doubts = {f.printed for f in from_pdf.findings if f.code == "note-row-unclear"}
    assert {"56,584", "187,190"} <= doubts
    assert _facts(from_pdf, movements=False, lists=False, matrices=False) == (
        _facts(from_text, movements=False, lists=False, matrices=False) - remaining
    )
    tagged = _facts(from_text) - _facts(from_text, movements=False)
    assert _facts(from_pdf) - _facts(from_pdf, movements=False) <= tagged
    reported = [f for f in from_pdf.findings if f.code == "movement-columns-unclear"]
    # 234 of the tables; 2 totals elsewhere restating their depreciation (note 10(b)) and the
    # 8 analysing it by function; 40 of note 12's roll-forwards of classes of financial
    # assets at fair value
    assert sum(tagged.values()) == 284 and len(reported) >= 234


def assert_listed_items_reported(from_pdf, from_text) -> None:
    """Note 12's lists (債務投資(a) －非上市 …, 股權投資(b) －上市 …): the PDF's lines keep no
    blank line to set the heading 股權投資(b) apart, and the layout runs it into the row above
    it (－基金股權投資(b)); its two lists are then one, printing －非上市 twice, and each of
    their items is reported, never tagged under the wrong heading. The text tags them."""
    from_text_lists = _facts(from_text) - _facts(from_text, lists=False)
    from_pdf_lists = _facts(from_pdf) - _facts(from_pdf, lists=False)
    assert sum(from_text_lists.values()) == 10 and not from_pdf_lists
    doubts = {f.printed for f in from_pdf.findings if f.code == "note-row-unclear"}
    assert {str(f[5] // 1000) for f in from_text_lists} <= {p.replace(",", "") for p in doubts}


def assert_matrices_read_or_reported(from_pdf, from_text) -> None:
    """The provision matrices: the PDF's lines run the 2023 matrix into the table of the
    receivables assessed one by one above it (one table, its columns dates), which leaves it
    unread and its amounts reported; the 2022 matrix is read as the text reads it."""
    matrices = _facts(from_pdf) - _facts(from_pdf, matrices=False)
    assert matrices <= _facts(from_text) - _facts(from_text, matrices=False)
    assert sum(matrices.values()) == 14
    assert {"6,952,342", "(3,527,470)"} <= {f.printed for f in from_pdf.findings}


@needs_builder
def test_the_example_typeset_as_a_pdf_gives_the_facts_of_its_text(tmp_path):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    pdf = _typeset(lines, tmp_path / "example.pdf")
    from_pdf = tag(pdf)
    assert from_pdf.document.encoding == "pdf"
    from_text = tag(EXAMPLE)
    assert_movements_reported(from_pdf, from_text)
    # Figures of running text: the PDF's lines run its headings into the paragraphs below
    # them; what it reads is among what the text gives, with the same values
    assert _facts(from_pdf, in_text=True) <= _facts(from_text, in_text=True)
    assert len(_facts(from_pdf, in_text=True)) >= 10
    revenue = next(f for f in from_pdf.facts if f.concept.name == "Revenue")
    # The page and the line on it where the row was drawn (blank lines draw nothing).
    printed_row = read_text(pdf).lines[revenue.cell.line - 1].text
    drawn_at = {
        (t // LINES_PER_PAGE + 1, _printed_lines_before(lines, t) + 1)
        for t, line in enumerate(lines)
        if line.split() == printed_row.split()
    }
    assert from_pdf.document.page_of(revenue.cell.line) in drawn_at


def _printed_lines_before(lines: list[str], index: int) -> int:
    """Lines drawn on the page of line `index` above it."""
    first = index - index % LINES_PER_PAGE
    return sum(1 for line in lines[first:index] if line.strip())


@needs_builder
def test_a_typeset_statement_is_tagged_from_the_pdf(tmp_path):
    pdf = build_pdf([INCOME], tmp_path / "income.pdf")
    run = CliRunner().invoke(main, ["tag", str(pdf), "-o", str(tmp_path / "out")])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "out" / "income.xbri").is_file()


@needs_builder
@pytest.mark.parametrize("damage", ["truncated", "user-password", "scanned", "not-a-pdf"])
def test_pdfs_that_cannot_be_read_get_one_line(tmp_path, damage):
    path = tmp_path / f"{damage}.pdf"
    if damage == "truncated":
        whole = build_pdf([INCOME], tmp_path / "whole.pdf").read_bytes()
        path.write_bytes(whole[: len(whole) * 6 // 10])
    elif damage == "user-password":
        build_pdf([INCOME], path, user_password="secret", owner_password="owner")
    elif damage == "scanned":
        build_scanned_pdf(path, ["綜合收益表", "收入 3,405,842 3,808,510"])
    else:
        path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    run = CliRunner().invoke(main, ["tag", str(path), "-o", str(tmp_path / "out")])
    assert run.exit_code == 1, run.output
    lines = run.output.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in run.output
    assert not (tmp_path / "out" / f"{damage}.xbri").exists()


CORPUS = Path(__file__).parent / "corpus"
# A whole statement on one line is what some extractors make of a PDF, never what a PDF
# prints: typeset as it stands, it runs off the page.
NOT_PRINTABLE = ("one-long-line",)


@needs_builder
@pytest.mark.parametrize(
    "excerpt",
    [p for p in sorted(CORPUS.glob("*.txt")) if not any(s in p.stem for s in NOT_PRINTABLE)],
    ids=lambda p: p.stem,
)
def test_every_corpus_excerpt_typeset_as_a_pdf_gives_the_facts_of_its_text(tmp_path, excerpt):
    lines = [line.text for line in read_text(excerpt).lines]
    from_pdf = tag(_typeset(lines, tmp_path / f"{excerpt.stem}.pdf"))
    assert _facts(from_pdf) == _facts(tag(excerpt))
