"""Typeset test PDFs the way issuers print statements: label left, note column, amounts
right-aligned under their column headers, a title block on every page, wrapped labels, and a
statement continued on the next page with its headers repeated.

Also a scanned (image-only) PDF and encrypted PDFs, for the bad-input tests. Uses reportlab and a
CJK TrueType font from a Debian package (fonts-wqy-zenhei or fonts-arphic-uming);
`find_cjk_font()` returns None when none is installed, so tests can skip saying why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# TrueType collections reportlab can embed (glyf outlines, not CFF): path, font index.
CJK_FONT_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
)
FONT_MISSING = (
    "no CJK TrueType font reportlab can embed "
    "(apt-get install fonts-wqy-zenhei or fonts-arphic-uming)"
)
_FONT_NAME = "IxtagCJK"


@dataclass(frozen=True)
class PdfRow:
    """One statement line: label, optional note, amounts as printed ("1,234", "(56)", "–").

    Amounts fill the rightmost columns; None leaves a column blank."""

    label: str
    note: str = ""
    amounts: tuple[str | None, ...] = ()
    indent: int = 0  # steps of one em
    bold: bool = False  # fake bold: the label printed twice, a quarter point apart


@dataclass(frozen=True)
class PdfLayout:
    """What every page prints above the rows, and where the columns stand."""

    title: str = "綜合損益表"
    subtitles: tuple[str, ...] = ("截至2023年12月31日止年度",)
    # Header lines over the amount columns, top to bottom, one text per column.
    headers: tuple[tuple[str, ...], ...] = (("2023", "2022"), ("千港元", "千港元"))
    note_header: str = "附註"
    continued: str = "（續）"  # appended to the title on later pages
    folio: bool = True  # a page number "– n –" at the foot of each page
    amounts_on: str = "last"  # a wrapped label's amounts: on its "last" or "first" line
    font_size: float = 10.0
    line_height: float = 18.0
    page_size: tuple[float, float] = (595.28, 841.89)  # A4 portrait, as displayed
    margin: float = 50.0
    column_width: float = 85.0  # between the right edges of two amount columns
    note_width: float = 40.0
    rotation: int = 0  # /Rotate of every page; the displayed page looks the same

    @property
    def columns(self) -> int:
        return max((len(h) for h in self.headers), default=2)

    def amount_right(self, column: int) -> float:
        """Right edge of amount column `column` (0 = leftmost)."""
        right = self.page_size[0] - self.margin
        return right - (self.columns - 1 - column) * self.column_width

    @property
    def note_centre(self) -> float:
        return self.amount_right(0) - self.column_width + 15 - self.note_width / 2

    @property
    def label_right(self) -> float:
        return self.note_centre - self.note_width / 2 - 6


@dataclass(frozen=True)
class CjkFont:
    name: str  # the name registered with reportlab
    path: str
    index: int  # font index inside a .ttc collection


def find_cjk_font(candidates: Sequence[tuple[str, int]] = CJK_FONT_CANDIDATES) -> CjkFont | None:
    """The first candidate reportlab can load and embed, registered; None if there is none."""
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont
    except ImportError:
        return None
    for path, index in candidates:
        if not Path(path).is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(_FONT_NAME, path, subfontIndex=index))
        except (TTFError, OSError, ValueError):
            continue  # CFF-based (Noto CJK) or unreadable
        return CjkFont(_FONT_NAME, path, index)
    return None


def reportlab_missing() -> str | None:
    """Why PDFs cannot be built here, or None when they can."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return "reportlab is not installed (pip install reportlab)"
    return None if find_cjk_font() else FONT_MISSING


def _require_font(font: CjkFont | None) -> CjkFont:
    font = font or find_cjk_font()
    if font is None:
        raise RuntimeError(FONT_MISSING)
    return font


def _canvas(path: Path, layout: PdfLayout, encrypt=None):
    from reportlab.pdfgen import canvas

    # The displayed size: reportlab swaps the media box itself for /Rotate 90 and 270.
    return canvas.Canvas(str(path), pagesize=layout.page_size, encrypt=encrypt, invariant=1)


def _start_page(c, layout: PdfLayout) -> None:
    """Rotate the page and map display coordinates (y up from the displayed bottom) onto it."""
    width, height = layout.page_size
    rotation = layout.rotation % 360
    if rotation:
        c.setPageRotation(rotation)
    if rotation == 90:
        c.transform(0, 1, -1, 0, height, 0)
    elif rotation == 180:
        c.transform(-1, 0, 0, -1, width, height)
    elif rotation == 270:
        c.transform(0, -1, 1, 0, 0, width)


def wrap_label(label: str, width: float, font: str, size: float) -> list[str]:
    """Break a label into lines no wider than `width`: Latin at spaces, CJK anywhere."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for token in _wrap_tokens(label):
        candidate = current + token
        if current and stringWidth(candidate.rstrip(), font, size) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def _wrap_tokens(label: str) -> list[str]:
    """Latin words (with their trailing space) and single CJK characters."""
    tokens: list[str] = []
    for ch in label:
        if tokens and ord(ch) < 0x2E80 and ord(tokens[-1][-1]) < 0x2E80 and tokens[-1][-1] != " ":
            tokens[-1] += ch
        else:
            tokens.append(ch)
    merged: list[str] = []
    for token in tokens:
        if token == " " and merged:
            merged[-1] += " "
        else:
            merged.append(token)
    return merged


def _draw_header(c, layout: PdfLayout, font: str, page_number: int) -> float:
    """Title block and column headers; returns the baseline of the first row."""
    width, height = layout.page_size
    y = height - layout.margin
    title = layout.title + (layout.continued if page_number > 1 else "")
    c.setFont(font, layout.font_size + 4)
    c.drawCentredString(width / 2, y, title)
    c.setFont(font, layout.font_size)
    for subtitle in layout.subtitles:
        y -= layout.line_height
        c.drawCentredString(width / 2, y, subtitle)
    y -= layout.line_height * 0.5
    for number, header in enumerate(layout.headers):
        y -= layout.line_height
        if number == len(layout.headers) - 1 and layout.note_header:
            c.drawCentredString(layout.note_centre, y, layout.note_header)
        offset = layout.columns - len(header)
        for column, text in enumerate(header):
            c.drawRightString(layout.amount_right(offset + column), y, text)
    return y - layout.line_height * 1.5


def _draw_row(c, layout: PdfLayout, font: str, row: PdfRow, y: float) -> float:
    """Draw one row at baseline y; returns the baseline of the next row."""
    indent = layout.margin + row.indent * layout.font_size
    parts = wrap_label(row.label, layout.label_right - indent, font, layout.font_size)
    amount_line = len(parts) - 1 if layout.amounts_on == "last" else 0
    for number, part in enumerate(parts):
        c.drawString(indent, y, part)
        if row.bold:
            c.drawString(indent + 0.25, y, part)
        if number == amount_line:
            if row.note:
                c.drawCentredString(layout.note_centre, y, row.note)
            offset = layout.columns - len(row.amounts)
            for column, amount in enumerate(row.amounts):
                if amount is not None:
                    _check_fits(amount, font, layout)
                    c.drawRightString(layout.amount_right(offset + column), y, amount)
        y -= layout.line_height
    return y


def _check_fits(amount: str, font: str, layout: PdfLayout) -> None:
    """An amount wider than its column would run into its neighbour: the PDF would lie."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(amount, font, layout.font_size) > layout.column_width - 20:
        raise ValueError(f"{amount!r} is wider than a column: widen PdfLayout.column_width")


def build_pdf(
    pages: Sequence[Sequence[PdfRow]],
    path: Path,
    layout: PdfLayout | None = None,
    font: CjkFont | None = None,
    user_password: str | None = None,
    owner_password: str | None = None,
) -> Path:
    """One PDF page per inner sequence of rows, each under the title block and the headers.

    With a password the PDF is encrypted (RC4 128): a user password is needed to open it, an
    owner password alone only restricts permissions."""
    layout = layout or PdfLayout()
    name = _require_font(font).name
    encrypt = None
    if user_password is not None or owner_password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(
            user_password or "", owner_password or user_password or "", canModify=0, strength=128
        )
    c = _canvas(path, layout, encrypt)
    for number, rows in enumerate(pages, start=1):
        _start_page(c, layout)
        y = _draw_header(c, layout, name, number)
        c.setFont(name, layout.font_size)
        for row in rows:
            y = _draw_row(c, layout, name, row, y)
        if layout.folio:
            c.drawCentredString(layout.page_size[0] / 2, layout.margin / 2, f"– {number} –")
        c.showPage()
    c.save()
    return path


def build_scanned_pdf(
    path: Path, lines: Sequence[str], font: CjkFont | None = None, pages: int = 1
) -> Path:
    """An image-only PDF: the lines are rendered into a picture, the PDF holds no text."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font = _require_font(font)
    image = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    draw = ImageDraw.Draw(image)
    pil_font = ImageFont.truetype(font.path, 28, index=font.index)
    for number, line in enumerate(lines):
        draw.text((100, 120 + number * 48), line, fill=0, font=pil_font)
    c = canvas.Canvas(str(path), pagesize=(595.28, 841.89), invariant=1)
    for _ in range(pages):
        c.drawImage(ImageReader(image), 0, 0, width=595.28, height=841.89)
        c.showPage()
    c.save()
    return path


def expected_row_texts(row: PdfRow, layout: PdfLayout, font: CjkFont | None = None) -> list[str]:
    """The printed lines of a row, as read_pdf_lines should give them: label parts, and on the
    amount line the note and the amounts, one space apart."""
    name = _require_font(font).name
    indent = layout.margin + row.indent * layout.font_size
    parts = wrap_label(row.label, layout.label_right - indent, name, layout.font_size)
    amount_line = len(parts) - 1 if layout.amounts_on == "last" else 0
    texts = []
    for number, part in enumerate(parts):
        cells = [part]
        if number == amount_line:
            cells += [row.note] + [a for a in row.amounts if a is not None]
        texts.append(" ".join(cell for cell in cells if cell))
    return texts
