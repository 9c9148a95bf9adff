"""Read a PDF's text layer as printed lines: PDF bytes -> pages -> characters -> lines -> cells.

Stages, in order:
1. open: the bytes must start like a PDF and open in PDFium (pypdfium2); a damaged or
   truncated file, a user password and an empty document are InputErrors. An owner password
   (permissions only) does not stop reading.
2. characters: every character PDFium finds on a page, with its baseline, its advance box and
   its em size (font size times the text matrix), in the page's display space (crop box and
   /Rotate applied; y grows downwards from the top-left corner, as in pdfplumber). Characters
   outside the crop box and characters not upright on the page are dropped.
3. lines: characters whose baselines lie within 0.35 em of each other form a line,
   read left to right; lines are numbered from the top of each page.
4. cells: a gap of half an em with no space character between, or of a full em across spaces,
   starts a new cell, so `收入 4 3,405,842 3,808,510` has four cells even when the PDF holds no
   space character. Inside a cell a space is written where the PDF prints one or where Latin
   letters or digits stand apart; never between two CJK characters.

Nothing is normalised: full-width digits, brackets and page furniture stay as printed (the
text reader's normalisation applies later). A PDF with no text on any page is rejected: ixtag
does no OCR.
"""

from __future__ import annotations

import ctypes
import functools
import math
import operator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from tagger.errors import InputError
from tagger.inputs import read_input

# A new cell: a gap of this many ems with no space character, or with spaces in between.
_CELL_GAP = 0.5
_CELL_GAP_SPACED = 1.0
# A space inside a cell between Latin letters or digits, and between Latin and CJK.
_WORD_GAP = 0.15
_WORD_GAP_CJK = 0.3
# Baselines of one line differ by at most this many ems (sub- and superscripts included).
_BASELINE_TOLERANCE = 0.35
# Two identical characters this close (in ems) are one overprinted character (fake bold).
_OVERPRINT = 0.1
# Characters turned further than this (radians) from the page's reading direction are dropped.
_UPRIGHT = 0.05
# Text smaller than this (points) is no printed text: some producers leave 0.1pt markers.
_MIN_EM = 1.0
_MAGIC_WINDOW = 1024
# PDFium writes U+0002 for a hyphen it judged to end a word.
_PDFIUM_HYPHEN = 0x02


class PdfCell(BaseModel):
    """A word or a run of words separated from its neighbours by a wide gap.

    Coordinates are points in the page's display space, from the top-left corner: x0 and x1
    from the characters' advances, top and bottom from the fonts' ascent and descent."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


class PdfLine(BaseModel):
    """One printed line: its cells in x order, and its text with one space between cells."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    page: int  # 1-based PDF page
    line: int  # 1-based line on that page, from the top
    text: str
    cells: tuple[PdfCell, ...]


@dataclass(slots=True)
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    em_x: float  # em along the line: gaps are measured in it
    em_y: float  # em across the line: baseline tolerance
    space: bool  # a space character printed in the PDF
    cjk: bool


def _is_cjk(code: int) -> bool:
    """CJK ideographs, kana, CJK and full-width punctuation, full-width forms."""
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )


def read_pdf_lines(
    path: Path, first: int = 1, last: int | None = None, data: bytes | None = None
) -> list[PdfLine]:
    """Every line of pages first..last (1-based, inclusive; default all), pages in order;
    ``data``: the file's bytes when the caller has read them already.

    Raise InputError for a PDF ixtag cannot read: not a PDF, damaged or truncated, protected
    by a user password, or with no text on any page read (scanned)."""
    import pypdfium2 as pdfium  # imported lazily: text input never pays for it

    data = _checked(path, data if data is not None else _read_bytes(path))
    document = _open(pdfium, data, path)
    try:
        count = len(document)
        indexes = range(max(first, 1) - 1, count if last is None else min(last, count))
        if not indexes:
            raise InputError(f"{path}: no pages {first}..{last or count} (the PDF has {count})")
        lines: list[PdfLine] = []
        for index in indexes:
            chars = _page_chars(pdfium, document, index, path)
            lines.extend(_page_lines(index + 1, chars))
        if not lines:
            raise InputError(_no_text_message(pdfium, document, indexes, path))
        return lines
    finally:
        document.close()


def _read_bytes(path: Path) -> bytes:
    return read_input(path)


def _checked(path: Path, data: bytes) -> bytes:
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if b"%PDF-" not in data[:_MAGIC_WINDOW]:
        raise InputError(f"{path}: not a PDF (no %PDF- header)")
    return data


def _open(pdfium, data: bytes, path: Path):
    """The PDFium document; the error codes are FPDF_ERR_* of fpdfview.h."""
    raw = pdfium.raw
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = exc.err_code
        if code == raw.FPDF_ERR_PASSWORD:
            reason = "protected by a password (a user password is needed to open it)"
        elif code == raw.FPDF_ERR_SECURITY:
            reason = "encrypted with a security handler ixtag cannot open"
        elif code == raw.FPDF_ERR_SUCCESS:
            reason = "the PDF has no pages"
        else:
            reason = "damaged or truncated PDF (PDFium cannot parse it)"
        raise InputError(f"{path}: {reason}") from exc


def _no_text_message(pdfium, document, indexes: range, path: Path) -> str:
    image = pdfium.raw.FPDF_PAGEOBJ_IMAGE
    for index in indexes:
        page = document[index]
        try:
            if any(True for _ in page.get_objects(filter=[image], max_depth=3)):
                return f"{path}: no text layer (a scanned PDF?); ixtag does no OCR"
        finally:
            page.close()
    return f"{path}: the PDF holds no text"


# Stage 2: characters ------------------------------------------------------------------------


def _display_transform(page):
    """A box in PDF user space (left, top, right, bottom) -> its corners' (x0, x1, top,
    bottom) in display space; an origin -> its baseline; the display size; the rotation."""
    left, bottom, right, top = page.get_cropbox()
    rotation = page.get_rotation() % 360
    width, height = right - left, top - bottom
    if rotation == 90:
        return (
            (lambda xl, yt, xr, yb: (yt - bottom, yb - bottom, xl - left, xr - left)),
            (lambda x, y: x - left),
            (height, width),
            rotation,
        )
    if rotation == 180:
        return (
            (lambda xl, yt, xr, yb: (right - xl, right - xr, yt - bottom, yb - bottom)),
            (lambda x, y: y - bottom),
            (width, height),
            rotation,
        )
    if rotation == 270:
        return (
            (lambda xl, yt, xr, yb: (top - yt, top - yb, right - xl, right - xr)),
            (lambda x, y: right - x),
            (height, width),
            rotation,
        )
    return (
        (lambda xl, yt, xr, yb: (xl - left, xr - left, top - yt, top - yb)),
        (lambda x, y: top - y),
        (width, height),
        0,
    )


def _page_chars(pdfium, document, index: int, path: Path) -> list[_Char]:
    page = textpage = None
    try:
        page = document[index]
        textpage = page.get_textpage()
        return _read_chars(pdfium.raw, textpage, page)
    except pdfium.PdfiumError as exc:
        raise InputError(f"{path}: damaged PDF: page {index + 1} cannot be read") from exc
    finally:
        for handle in (textpage, page):
            if handle is not None:
                handle.close()


def _bare(function, restype):
    """The same PDFium function without pypdfium2's argument types: ctypes then converts no
    argument (half the cost of a call), so the handle goes in as c_void_p and structures by
    reference."""
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value)


@functools.cache
def _text_calls(raw) -> tuple:
    """FPDFText_GetUnicode, IsGenerated, GetMatrix, GetFontSize, GetLooseCharBox and
    GetCharOrigin, bare: each is called for every character."""
    c_int = ctypes.c_int
    return (
        _bare(raw.FPDFText_GetUnicode, ctypes.c_uint),
        _bare(raw.FPDFText_IsGenerated, c_int),
        _bare(raw.FPDFText_GetMatrix, c_int),
        _bare(raw.FPDFText_GetFontSize, ctypes.c_double),
        _bare(raw.FPDFText_GetLooseCharBox, c_int),
        _bare(raw.FPDFText_GetCharOrigin, c_int),
    )


def _read_chars(raw, textpage, page) -> list[_Char]:
    box_to_display, baseline_of, (width, height), rotation = _display_transform(page)
    reading = math.radians(rotation)
    box, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    box_ref, matrix_ref = ctypes.byref(box), ctypes.byref(matrix)
    ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p)
    unicode, generated, get_matrix, font_size, loose_box, origin = _text_calls(raw)
    char_kind = _char_kind
    chars = []
    for k in range(raw.FPDFText_CountChars(textpage.raw)):
        kind = char_kind(unicode(handle, k))
        if kind is None or (kind is _SPACE and generated(handle, k)):
            continue  # control characters, PDFium's own line breaks and guessed spaces
        get_matrix(handle, k, matrix_ref)
        a, b = matrix.a, matrix.b
        # b == 0 < a on an unrotated page: upright, without the trigonometry (NaN: kept, too)
        if (b or a <= 0 or reading) and abs(
            math.remainder(math.atan2(b, a) - reading, math.tau)
        ) > _UPRIGHT:
            continue
        size = font_size(handle, k)
        em_x, em_y = size * math.hypot(a, b), size * math.hypot(matrix.c, matrix.d)
        if em_x < _MIN_EM or em_y < _MIN_EM:
            continue
        loose_box(handle, k, box_ref)
        x0, x1, top, bottom = box_to_display(box.left, box.top, box.right, box.bottom)
        x0, x1 = (x0, x1) if x0 <= x1 else (x1, x0)
        top, bottom = (top, bottom) if top <= bottom else (bottom, top)
        if not (0 <= x0 + x1 <= 2 * width and 0 <= top + bottom <= 2 * height):
            continue  # centre outside the crop box: slug text, printer's marks
        origin(handle, k, ox_ref, oy_ref)
        baseline = baseline_of(ox.value, oy.value)
        text, cjk = kind
        chars.append(_Char(text, x0, x1, top, bottom, baseline, em_x, em_y, kind is _SPACE, cjk))
    return chars


_SPACE = (" ", False)


@functools.cache  # a page repeats its characters: one dictionary look-up for each
def _char_kind(code: int) -> tuple[str, bool] | None:
    """The character as printed and whether it is CJK (_SPACE for any space), or None for
    what is not printed text."""
    text = _char_text(code)
    if text is None:
        return None
    return _SPACE if text == " " else (text, _is_cjk(ord(text)))


def _char_text(code: int) -> str | None:
    """The character as printed, or None for what is not printed text."""
    if code == _PDFIUM_HYPHEN:
        return "-"
    if code in (0x09, 0x20, 0xA0, 0x3000) or (0x2000 <= code <= 0x200A):
        return " "
    if code < 0x20 or 0x7F <= code < 0xA0 or code in (0xFEFF, 0xFFFE, 0xFFFF):
        return None
    return chr(code)


# Stage 3: lines -----------------------------------------------------------------------------


def _page_lines(page: int, chars: list[_Char]) -> list[PdfLine]:
    lines = []
    for group in _baseline_groups(chars):
        cells = _cells(group)
        if cells:
            lines.append(
                PdfLine(
                    page=page,
                    line=len(lines) + 1,
                    text=" ".join([cell.text for cell in cells]),
                    cells=tuple(cells),
                )
            )
    return lines


def _baseline_groups(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped by baseline, top line first; each group sorted by x."""
    groups: list[list[_Char]] = []
    group: list[_Char] = []
    first = 0.0  # baseline of the group's first (highest) character: no drift down the page
    first_em = 0.0  # and its em across the line
    for char in sorted(chars, key=_by_baseline):
        em = char.em_y
        if group and char.baseline - first <= _BASELINE_TOLERANCE * (
            first_em if first_em > em else em  # max(em, first_em) without a call
        ):
            group.append(char)
        else:
            group = [char]
            groups.append(group)
            first, first_em = char.baseline, em
    return [sorted(group, key=_by_x) for group in groups]


_by_baseline = operator.attrgetter("baseline")
_by_x = operator.attrgetter("x0", "x1")


# Stage 4: cells -----------------------------------------------------------------------------


def _cells(line: list[_Char]) -> list[PdfCell]:
    cells: list[PdfCell] = []
    current: list[_Char] = []
    text: list[str] = []
    previous: _Char | None = None
    spaced = False  # a space character since the previous printed character
    for char in line:
        if char.space:
            spaced = previous is not None
            continue
        if previous is not None:
            if _overprinted(previous, char):
                continue
            em, previous_em = char.em_x, previous.em_x
            gap = (char.x0 - previous.x1) / (previous_em if previous_em > em else em)
            if gap >= (_CELL_GAP_SPACED if spaced else _CELL_GAP):
                cells.append(_cell(current, text))
                current, text = [], []
            elif spaced or _word_break(previous, char, gap):
                text.append(" ")
        current.append(char)
        text.append(char.text)
        previous, spaced = char, False
    if current:
        cells.append(_cell(current, text))
    return cells


def _overprinted(previous: _Char, char: _Char) -> bool:
    return (
        char.text == previous.text
        and abs(char.x0 - previous.x0) < _OVERPRINT * char.em_x
        and abs(char.baseline - previous.baseline) < _OVERPRINT * char.em_y
    )


def _word_break(previous: _Char, char: _Char, gap: float) -> bool:
    """A space where the PDF prints none: never between CJK characters."""
    if previous.cjk and char.cjk:
        return False
    return gap >= (_WORD_GAP_CJK if previous.cjk or char.cjk else _WORD_GAP)


_x0s, _x1s = operator.attrgetter("x0"), operator.attrgetter("x1")
_tops, _bottoms = operator.attrgetter("top"), operator.attrgetter("bottom")


def _cell(chars: list[_Char], text: list[str]) -> PdfCell:
    return PdfCell(
        text="".join(text),
        x0=round(min(map(_x0s, chars)), 2),
        x1=round(max(map(_x1s, chars)), 2),
        top=round(min(map(_tops, chars)), 2),
        bottom=round(max(map(_bottoms, chars)), 2),
    )
