"""Rule: the numbered notes to the financial statements, as sections of the document.

After the primary statements (or a heading that opens the notes, 財務報表附註), an
announcement numbers its notes: 1 一般資料, 2 編製基準…, 2.1 …, 3 分部資料. A note is taken
only as part of that sequence: its number follows the last one (a sub-note the last
sub-note of its note), so that a figure that merely starts a line (6 個月) is never a note.
Three notes at least, or none is taken. Each note runs to the line before the next; the
last one to the line before the first heading of what an announcement prints after its
notes (購買、出售或贖回…, 企業管治…), else to the end.

Each note is tagged (by the report) as a text block on the IFRS disclosure concept its
title names (taxonomy/data/disclosures.toml, compared whole); a title the data does not
know, or a concept an earlier note already took, goes to the general notes concept.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from tagger.model import Document, SourceLine
from tagger.regex_cache import regex
from tagger.wording import numbered_heading
from taxonomy.loader import note_title_key
from taxonomy.models import NoteTitles

_LONGEST_TITLE = 30
_FEWEST_NOTES = 3


class NoteSection(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: str  # as printed: "1", "2.1"
    title: str
    concept: str  # the ifrs-full text block concept
    specific: bool  # False: the general notes concept
    first_line: int  # the heading's line
    last_line: int


def _heading(line: SourceLine) -> tuple[int, int | None, str] | None:
    """(note, sub-note, title) of a line that reads as a note heading: such a line starts
    with its number, which most lines do not (told before the heading patterns are tried)."""
    if line.furniture or not line.text.lstrip()[:1].isdigit():
        return None
    return numbered_heading(line.text)


def _start(document: Document, lines: Sequence[SourceLine], notes: NoteTitles) -> int | None:
    """The line after which the notes are looked for: the last primary statement's last
    line, or a heading that opens the notes after it."""
    statements = [t.lines[1] for t in document.tables() if t.statement is not None]
    if not statements:
        return None
    start = max(statements)
    openings = {note_title_key(w) for w in notes.opening}
    for line in lines[start:]:
        if note_title_key(line.text) in openings:
            return line.number
    return start


# A part of the report numbered with Chinese numerals (六、税项, 七、合并财务报表项目注释): the
# mainland template numbers its notes afresh in each, from 1.
_PART = regex(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]")


def _sequence(
    lines: Sequence[SourceLine], start: int
) -> tuple[list[tuple[SourceLine, int, int | None, str]], list[int]]:
    """The note headings in sequence, and the lines where a new part of the report begins
    (each ends the note before it and numbers the notes afresh)."""
    found: list[tuple[SourceLine, int, int | None, str]] = []
    parts: list[int] = []
    note, sub = 0, 0
    for line in lines[start:]:
        if _PART.match(line.text) and not line.furniture:
            parts.append(line.number)
            note, sub = 0, 0
            continue
        heading = _heading(line)
        if heading is None:
            continue
        number, part, title = heading
        if part is None and number == note + 1:
            note, sub = number, 0
        elif part is not None and number == note and part == sub + 1:
            sub = part
        else:
            continue
        found.append((line, number, part, title))
    return found, parts


def _end(lines: Sequence[SourceLine], after: int, notes: NoteTitles) -> int:
    """The last line of the last note: before the first heading of what follows the notes."""
    closing = tuple(note_title_key(w) for w in notes.closing)
    for line in lines[after:]:
        text = line.text.strip()
        if text and len(text) <= _LONGEST_TITLE and note_title_key(text).startswith(closing):
            return line.number - 1
    return lines[-1].number if lines else after


def note_sections(
    document: Document, lines: Sequence[SourceLine], notes: NoteTitles | None
) -> tuple[NoteSection, ...]:
    """The document's numbered notes, in order; () when it prints no such sequence."""
    if notes is None or not lines:
        return ()
    start = _start(document, lines, notes)
    found, parts = _sequence(lines, start) if start is not None else ([], [])
    if sum(1 for _, _, part, _ in found if part is None) < _FEWEST_NOTES:
        return ()
    last = _end(lines, found[-1][0].number, notes)
    taken: set[str] = set()
    sections = []
    for index, (line, number, part, title) in enumerate(found):
        concept = notes.titles.get(note_title_key(title))
        specific = concept is not None and concept not in taken
        taken |= {concept} if specific and concept else set()
        next_line = found[index + 1][0].number - 1 if index + 1 < len(found) else last
        # a new part of the report ends the note before it
        next_line = min([next_line, *(p - 1 for p in parts if p > line.number)])
        sections.append(
            NoteSection(
                number=f"{number}.{part}" if part else str(number),
                title=title,
                concept=concept if specific and concept else notes.general,
                specific=specific,
                first_line=line.number,
                last_line=max(next_line, line.number),
            )
        )
    return tuple(sections)
