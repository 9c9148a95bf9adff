"""Where the notes' tables are, and what their headings call them.

A note table is named by the headings above it: the note's numbered heading (5 按性質劃分的開支),
a lettered sub-heading ((a) 按地區劃分的收入), the sentence that introduces it. One printed
table may run on into the next note (the segmenter joins tables that share a column header
across a short heading): a numbered heading row inside it starts a new region. One pass over
the document's blocks, one over each table's rows.
"""

from __future__ import annotations

from typing import NamedTuple

from tagger.model import Document, SourceLine, Table
from tagger.regex_cache import regex
from tagger.vocabulary import compact
from taxonomy.models import NoteKind

# 5 按性質劃分的開支, 1. 一般資料, 2.1 編製基準: a number, then a space or a dot.
_NOTE_NUMBER = regex(r"^\s*\d{1,2}(?:\.\d{1,2})?(?:[.．、]\s*|\s+)(?=\S)")
# (a) …, （ii） …, (3) …
_SUB_NUMBER = regex(r"^\s*[(（](?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})[)）]\s*")
_HEADING_CHARS = 60  # a longer block is running text, not a heading
_CONTAINED = 4  # a wording this long names a kind wherever a heading contains it


class Region(NamedTuple):
    """Rows of one table under one heading: ``headings`` nearest first; ``note`` the
    enclosing numbered note's heading, which names only what the rows confirm."""

    table: int
    rows: tuple[int, ...]
    headings: tuple[str, ...]
    note: str
    labels: tuple[tuple[int, str], ...] = ()  # (row, label) read without a heading run into it


# Either numbering, the note's first: which of the two a line starts with, in one match.
_NUMBERING = regex(f"(?P<note>{_NOTE_NUMBER.pattern})|(?P<sub>{_SUB_NUMBER.pattern})")


def heading_level(text: str) -> str | None:
    """Which numbering a line starts with: "note" for a note's heading, "sub" for a
    sub-heading (as ``is_note_heading`` and ``is_sub_heading`` tell them), else None."""
    if len(text) > _HEADING_CHARS:
        return None
    match = _NUMBERING.match(text)
    return match.lastgroup if match else None


def is_note_heading(text: str) -> bool:
    return bool(_NOTE_NUMBER.match(text)) and len(text) <= _HEADING_CHARS


def is_sub_heading(text: str) -> bool:
    return bool(_SUB_NUMBER.match(text)) and len(text) <= _HEADING_CHARS


def bare_heading(text: str) -> str:
    """A heading without its numbering, compacted: 6 其他虧損－淨額 -> 其他虧損-淨額."""
    text = _SUB_NUMBER.sub("", _NOTE_NUMBER.sub("", text, count=1), count=1)
    return compact(text)


class _HeadingIndex:
    """The kinds' headings, compacted, so that a printed heading is looked up rather than
    compared with every wording of every kind: by the whole wording, and a long one by its
    first two characters (a wording inside a heading starts at one of the heading's
    pairs). Kinds are held by identity: they come from concept maps built once per
    process, and the index keeps them, so that an id is not reused."""

    def __init__(self) -> None:
        self.kinds: dict[int, object] = {}
        self.whole: dict[str, frozenset[int]] = {}
        self.by_start: dict[str, list[tuple[str, int]]] = {}
        # printed heading -> ids of the kinds it names, until another kind is indexed (a
        # note's heading is asked of every region under it)
        self.memo: dict[str, frozenset[int]] = {}

    def add(self, kind) -> None:
        """Index a kind's wordings, then the kind (a lookup in another thread meanwhile
        indexes it again, harmlessly)."""
        for wording in {compact(h) for h in kind.headings}:
            self.whole[wording] = self.whole.get(wording, frozenset()) | {id(kind)}
            if len(wording) >= _CONTAINED:
                self.by_start.setdefault(wording[:2], []).append((wording, id(kind)))
        self.kinds[id(kind)] = kind
        self.memo = {}

    def naming(self, key: str) -> set[int]:
        """ids of the kinds that ``key`` is one wording of, or contains a long one of."""
        found = set(self.whole.get(key, ()))
        for i in range(len(key) - 1):
            for wording, kind in self.by_start.get(key[i : i + 2], ()):
                if wording in key:
                    found.add(kind)
        return found

    def named(self, text: str) -> frozenset[int]:
        """``naming`` of a printed heading's bare key, remembered (a result made while
        another thread indexes a kind goes to the memo that indexing replaced)."""
        memo = self.memo
        found = memo.get(text)
        if found is None:
            if len(memo) >= _MEMO:
                memo = self.memo = {}
            key = bare_heading(text)
            found = memo[text] = frozenset(self.naming(key)) if key else frozenset()
        return found


_MEMO = 1 << 12  # headings remembered at most
_HEADINGS = _HeadingIndex()


def kinds_named(text: str, kinds: tuple[NoteKind, ...]) -> list[NoteKind]:
    """The kinds a heading names: one of their wordings, or containing a long one."""
    for kind in kinds:
        if id(kind) not in _HEADINGS.kinds:
            _HEADINGS.add(kind)
    found = _HEADINGS.named(text)
    return [kind for kind in kinds if id(kind) in found]


def _table_regions(index: int, table: Table, above: tuple[str, ...], note: str) -> list[Region]:
    regions: list[Region] = []
    rows: list[int] = []
    labels: list[tuple[int, str]] = []
    headings, enclosing = above, note
    for row_index, row in enumerate(table.rows):
        first, *rest = row.printed_label.split("\n")
        # A heading row, or a heading a PDF's lines ran into the label below it.
        heading = "".join(row.printed_label.split("\n")) if not row.cells else first
        if (not row.cells or rest) and (is_note_heading(heading) or is_sub_heading(heading)):
            if rows:
                regions.append(Region(index, tuple(rows), headings, enclosing, tuple(labels)))
            rows, labels = [], []
            if is_note_heading(heading):
                enclosing = heading
            headings = (heading,)
            if not row.cells:
                continue
            labels.append((row_index, compact("".join(rest))))
        rows.append(row_index)
    if rows:
        regions.append(Region(index, tuple(rows), headings, enclosing, tuple(labels)))
    return regions


def note_regions(document: Document, lines: tuple[SourceLine, ...]) -> list[Region]:
    """Regions of the tables outside the primary statements whose columns could be read,
    with the headings above them. Headings are read line by line: a heading the segmenter
    ran into the paragraph under it (7 所得稅抵免 / (i) 開曼群島 / 本公司…) still counts."""
    texts = {line.number: line.text for line in lines}
    regions: list[Region] = []
    note, sub = "", ""
    seen: set[str] = set()  # headings printed since the last note's or sub-heading
    table_index = -1
    for block in document.blocks:
        if block.kind in ("heading", "paragraph"):
            for number in block.lines:
                text = texts.get(number, "").strip()
                level = heading_level(text)
                if level == "note":
                    note, sub, seen = text, "", set()
                elif level == "sub":
                    sub, seen = text, set()
                seen.add(text)
            seen.add(block.text.strip())
            continue
        table = block.table
        if table is None:
            continue
        table_index += 1
        if table.statement is not None or table.problem or not table.columns:
            continue
        for text in table.header_lines:  # headings printed just above the column header
            level = heading_level(text)
            if level == "note":
                note, sub, seen = text, "", set()
            elif level == "sub":
                sub, seen = text, set()
            seen.add(text)
        # The segmenter names a table after the nearest heading it finds, which may be an
        # earlier note's: only a heading printed since this note's own counts.
        own = table.context in seen or table.context in table.header_lines
        above = tuple(h for h in (table.context if own else "", sub, table.lead_in) if h)
        regions += _table_regions(table_index, table, above, note)
        # A heading row inside the table stands for what follows it, also below the table.
        last = regions[-1] if regions and regions[-1].table == table_index else None
        if last is not None and last.note != note:
            note, sub, seen = last.note, "", set()
    return regions
