"""Stage 1, read: bytes -> normalised source lines.

Decodes UTF-8 (with or without BOM), Big5/Big5-HKSCS and GB18030; rejects empty and binary
input; normalises what PDF extraction garbles (full-width digits, characters spaced out in
titles, page furniture such as "– 32 –") while keeping every printed character that carries
meaning. Line numbers always refer to the input file: only "\n", "\r\n" and "\r" end a
line; a form feed (pdftotext writes one at every page break) starts a new page, not a line.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from tagger.errors import InputError
from tagger.inputs import is_pdf, read_input
from tagger.lines import CJK
from tagger.model import SourceLine, SourceText, trusted
from tagger.regex_cache import regex

# Only digits and the separators between them: full-width brackets and dashes in labels
# are printed text and stay as they are.
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_DIGIT = regex("[０-９]")  # translate() is slow: only lines that need it
# Control characters other than line breaks, tabs and form feeds: binary content.
_CONTROL = regex(r"[\x00-\x08\x0b\x0e-\x1f]")
# (the separator first, where a search starts fastest; then the digits around it)
_FULLWIDTH_SEPARATOR = regex(r"[，．](?<=\d[，．])(?=\d)")


@functools.cache
def _cjk_gap() -> re.Pattern[str]:
    """A space between two CJK characters (on a line whose characters were spaced out):
    compiled for the first such line (its CJK ranges take a millisecond to compile)."""
    return regex(r"(?<=[\u3400-\u9fff（）、：])\s(?=[\u3400-\u9fff（）、：])")


# Page furniture alone on a line: page numbers between dashes ("– 32 –", "- 5 -"), and
# page-chunk markers some extractors print ("1、", "C 1 C").
_PAGE_NUMBER = regex(
    r"^(?:[–—\-－]\s*\d{1,4}\s*[–—\-－]|\d{1,3}、|[A-Z]\s*\d{1,4}\s*[A-Z]|\d{1,4}\s*/\s*\d{1,4})$"
)
_RUNNING_SHARE = 0.2  # of the pages: a text printed at their top or foot this often is furniture
# A date printed with spaces between its parts: "於 2023 年 6 月 30 日".
_SPACED_DATE = regex(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# Brackets detached from their number: "( 905,055 )" -> "(905,055)".
_DETACHED_BRACKETS = regex(r"\(\s+([\d,.]+)\s*\)|\(\s*([\d,.]+)\s+\)")
_CANDIDATE_ENCODINGS = ("utf-8", "big5hkscs", "gb18030")
_ANY_SPACE = regex(r"\s")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding); raise InputError when the bytes are not text we can read."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if b"\x00" in data:
        raise InputError(f"{name}: binary content (NUL bytes); expected announcement text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for encoding in _CANDIDATE_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes  # last resort, imported lazily

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot decode as UTF-8, Big5-HKSCS or GB18030")
    return str(best), best.encoding


def _spaced_out(text: str) -> bool:
    """Whether the line's CJK characters were spaced out one by one by the extractor
    (綜 合 收 益 表, 銷 售 成 本 5 (1,905,055)): most of its CJK characters stand alone."""
    # (a one-character token is compared with the CJK range, not matched against it)
    alone = sum(1 for t in text.split() if len(t) == 1 and "\u3400" <= t <= "\u9fff")
    return alone >= 2 and alone * 2 >= len(CJK.findall(text))


def normalise_line(text: str) -> str:
    """Undo extraction artefacts on one line; meaning-bearing characters are kept."""
    text = text.strip()
    if not text:
        return text  # a blank line (a third of most documents) needs none of the below
    if _FULLWIDTH_DIGIT.search(text):
        text = text.translate(_FULLWIDTH_DIGITS)
    # Each pattern is only tried on a line holding the character it needs (most lines don't).
    if "，" in text or "．" in text:
        text = _FULLWIDTH_SEPARATOR.sub(lambda m: "," if m.group() == "，" else ".", text)
    # Every whitespace character but " " is unprintable (true of every code point): only a
    # line that is not all printable is searched for one (measured: 0.3 ms of the stage's 7).
    if " " in text or (not text.isprintable() and _ANY_SPACE.search(text)):
        if _spaced_out(text):
            text = _cjk_gap().sub("", text)
        if "年" in text:
            text = _SPACED_DATE.sub(lambda m: re.sub(r"\s+", "", m.group()), text)
        if "(" in text:
            text = _DETACHED_BRACKETS.sub(lambda m: f"({m.group(1) or m.group(2)})", text)
    return text


_SIMPLIFIED_ONLY = regex("[这们对国发会为说时经个业现产动资负债损权与应计实]")
_TRADITIONAL_ONLY = regex("[這們對國發會為說時經個業現產動資負債損權與應計實]")


def detect_script(text: str) -> str:
    """zh-Hans when Simplified-only characters outnumber Traditional-only ones."""
    simplified = len(_SIMPLIFIED_ONLY.findall(text))  # one pass, not one per character
    if not simplified:
        return "zh-Hant"  # none to outnumber: a Traditional text's many need no count (0.3 ms)
    traditional = len(_TRADITIONAL_ONLY.findall(text))
    return "zh-Hans" if simplified > traditional else "zh-Hant"


def read_pdf(path: Path, data: bytes | None = None) -> SourceText:
    """A PDF's text layer as source lines: one line per printed line, numbered through the
    document, each with its page and its line on the page (``tagger.pdf_reader``)."""
    from tagger.pdf_reader import read_pdf_lines  # pypdfium2 only when a PDF is read
    from tagger.pdf_rows import row_texts

    printed = read_pdf_lines(path, data=data)
    texts = row_texts(printed)
    lines = tuple(
        SourceLine(
            number=number,
            text=(clean := normalise_line(texts[number - 1])),
            furniture=bool(_PAGE_NUMBER.match(clean)),
            page=line.page,
            page_line=line.line,
        )
        for number, line in enumerate(printed, start=1)
    )
    text = "\n".join(line.text for line in lines)
    lines = with_running_furniture(lines)
    return SourceText(path=str(path), encoding="pdf", script=detect_script(text), lines=lines)


def with_running_furniture(lines: tuple[SourceLine, ...]) -> tuple[SourceLine, ...]:
    """Running headers and footers (2019年年度报告, the issuer's name and report title) are
    page furniture: a text printed within the first or last two lines of many pages."""
    if len({line.page for line in lines}) < 3:
        return lines  # (most texts: one page, no form feeds)
    pages: dict[int, list[SourceLine]] = {}
    for line in lines:
        if line.text:
            pages.setdefault(line.page or 1, []).append(line)
    if len(pages) < 3:
        return lines
    counts: dict[str, int] = {}
    for page_lines in pages.values():
        for text in {ln.text for ln in (*page_lines[:2], *page_lines[-2:])}:
            counts[text] = counts.get(text, 0) + 1
    running = {t for t, n in counts.items() if n >= 3 and n >= len(pages) * _RUNNING_SHARE}
    return tuple(
        line.model_copy(update={"furniture": True}) if line.text in running else line
        for line in lines
    )


def read_text(path: Path) -> SourceText:
    """The read stage: an announcement's text (UTF-8, Big5-HKSCS, GB18030) or its PDF."""
    data = read_input(path)
    if is_pdf(data):
        return read_pdf(path, data)
    text, encoding = decode(data, str(path))
    if len(_CONTROL.findall(text)) > len(text) // 100:
        raise InputError(f"{path}: binary content (control characters); expected text")
    lines = with_running_furniture(source_lines(text))
    return SourceText(path=str(path), encoding=encoding, script=detect_script(text), lines=lines)


def source_lines(text: str) -> tuple[SourceLine, ...]:
    """Numbered, normalised lines; a form feed opens a new page without ending the line."""
    # "\r\n", "\r" and "\n" end a line (str.splitlines would end one at a form feed too)
    raw_lines = text.removesuffix("\n").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if "\f" in text:
        places = _page_places(raw_lines)
        raw_lines = [raw.replace("\f", " ") for raw in raw_lines]  # (the pages are counted)
    else:
        places = None  # one page: a line's place on it is its number
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        page, page_line = places[number - 1] if places else (1, number)
        clean = normalise_line(raw)
        # our own values, typed as the model declares them: no validation needed
        line = trusted(
            SourceLine,
            number=number,
            text=clean,
            furniture=bool(clean and _PAGE_NUMBER.match(clean)),
            page=page,
            page_line=page_line,
        )
        lines.append(line)
    return tuple(lines)


def _page_places(raw_lines: list[str]) -> list[tuple[int, int]]:
    """(page, line on the page) of each line, pages counted from form feeds."""
    places = []
    page, page_line = 1, 0
    for raw in raw_lines:
        parts = raw.split("\f")
        # The line is on the page where its text starts; a form feed after it opens the next.
        first = 0
        if len(parts) > 1:
            first = next((i for i, part in enumerate(parts) if part.strip()), len(parts) - 1)
        if first:
            page, page_line = page + first, 0
        page_line += 1
        places.append((page, page_line))
        if len(parts) - 1 > first:
            page, page_line = page + len(parts) - 1 - first, 0
    return places
