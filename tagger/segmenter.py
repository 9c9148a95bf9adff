"""Stage 3, segment: laid-out lines -> a Document of headings, paragraphs and tables.

Tables are found from their column headers (a line of units such as 人民幣千元), never from
line positions; a table is a primary statement when a statement title stands above its
header. Statements run across page breaks: page numbers and repeated column headers are
skipped, and the table ends at the next title or at running text. The header's shape (how
many amount columns, a 附註 column) tells a row's note from its amounts; what the columns
mean (periods, unit, equity components) is the columns stage's job.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from tagger.lines import (
    CJK,
    ITEM_WORDS,
    HeaderShape,
    header_shape,
    is_note_ref,
    is_period_line,
    is_prose,
    is_repeated_header,
    is_unit_line,
    relative_columns,
    stated_unit,
    unit_count,
    unit_of,
    years_of,
)
from tagger.model import Block, Document, LaidLine, Layout, Row, SourceLine, Table, trusted
from tagger.regex_cache import regex
from tagger.row_units import row_unit_header
from tagger.units import is_currency_word, may_print_unit
from tagger.vocabulary import Vocabulary, compact, is_continued, join_wrapped
from tagger.wording import numbered_heading, starts_item
from taxonomy.models import StatementKind

_LONGEST_HEADING = 30
_CLAUSE_MARK = regex("[。，,；]")  # what a heading does not print
_INTRODUCES_TABLE = ("如下：", "如下:")  # 賬齡分析如下：: the table after it is another
_SENTENCE_ENDS = ("。", "！", "？", "：", "；", ":", "」", "）", ")")
_BULLETS = ("•", "–", "-", "(", "（", "*")
_NOTE_NUMBER = regex(r"\d{1,2}(?:\([a-z]{1,3}\)?)?")  # 4, 12, 5(a), 5(a (bracket lost)
_LONGEST_NOTE_NUMBER = 7  # 12(abc)
# Label-only lines a table may print before its next amount row; the mainland template
# prints many of its lines left blank in a row.
_CONTINUE_LOOKAHEAD = 8
_MAINLAND_LOOKAHEAD = 24
# A statement title that opens with these words is the parent company's own statement.
_SEPARATE_TITLES = ("母公司", "本公司")
_CONTENT_ROWS = 4  # rows of a statement's wording that make an untitled table that statement
_FULL_LINE = 30  # characters: a line this long was cut by the page margin, not by its end
_HEADER_LOOKBACK = 10  # lines above a unit line that may belong to the column header
_TITLE_LOOKBACK = 6  # lines above a column header where a statement title may stand


def _is_header_unit_line(text: str) -> bool:
    # both tests read unit words, which end in 元 or '000: most lines print neither
    if not may_print_unit(text):
        return False
    return is_unit_line(text) or bool(text[:1] in "(（" and len(text) <= 24 and unit_of(text))


def _is_header_like(line: LaidLine) -> bool:
    text = line.text
    if text.endswith(("：", ":")):
        return False  # a sentence introducing the table, not a column heading
    return bool(
        not text
        or is_period_line(text)
        or years_of(text)
        or _is_header_unit_line(text)
        or (len(text) <= 16 and not is_prose(text) and not line.cells)
    )


_LEAD_IN_ENDS = ("：", ":")
_LABEL_NUMBER = regex(r"^(?:19|20)\d\d$")  # a year printed in a label


_ENGLISH_START = regex(r"^[A-Z][a-z]")
_ENGLISH_GOES_ON = regex(r"^[a-z]{2,}\b")
_LATIN = regex(r"[A-Za-z]{2,}")


# A note's heading: (a) …, （ii） …, 14 …, 3.2 …, 三、…
_NUMBERED_HEADING = regex(
    r"^\s*(?:[(（][a-zA-Z0-9]{1,4}[)）]|\d{1,2}(?:\.\d{1,2})?\s|[一二三四五六七八九十]{1,3}、)"
)


def _heading_in(header: list[str]) -> str:
    """A heading printed as the first line of a table's header block ((a) 按地區劃分的收入
    just above its years): the table's name, rather than a heading further up."""
    first = header[0] if header else ""
    if (
        not first
        or is_period_line(first)
        or years_of(first)
        or unit_count(first)
        or stated_unit(first)
        or relative_columns(first)
        or not CJK.search(first)
        or not _NUMBERED_HEADING.match(first)
    ):
        return ""
    return first


def _starts_anew(above: str, own: str) -> bool:
    """Bilingual rows (Proceeds on issue of bonds 發行債券之所得款項): a row whose English
    starts a sentence and that prints its own Chinese is a line item of its own, not the
    tail of the English-and-Chinese line above it (a heading such as CASH FROM FINANCING
    ACTIVITIES 融資活動所得現金); a wrapped English tail starts in lower case."""
    return bool(
        _ENGLISH_START.match(own) and CJK.search(own) and CJK.search(above) and _LATIN.search(above)
    )


@dataclass
class _RowBuilder:
    """Accumulates a statement's rows: pending label fragments, sections, headings."""

    vocab: Vocabulary
    statement: StatementKind | None
    width: int  # amount columns, 0 when unknown
    note_column: bool
    rows: list[Row] = field(default_factory=list)
    pending: list[SourceLine] = field(default_factory=list)
    section: str | None = None
    heading: str | None = None

    def heading_row(self, parts: list[SourceLine]) -> None:
        text = join_wrapped([p.text for p in parts])
        section = self.vocab.section_of(text, self.statement)
        if section:
            self.section = section
        self.heading = text
        self.rows.append(
            trusted(  # our own values, typed as Row declares them: no validation needed
                Row,
                lines=tuple(p.number for p in parts),
                label=compact(text),
                printed_label="\n".join(p.text for p in parts),
                note=None,
                cells=(),
                section=self.section,
                heading=self.heading,
                problem=None,
                inferred=False,
                unit=None,
            )
        )

    def _note_heading(self, label_tokens: list[str], cells: list) -> bool:
        return bool(
            self.note_column
            and self.width > 1
            and label_tokens
            and len(cells) == 1
            and is_note_ref(cells[0].text)
        )

    def flush_headings(self) -> None:
        if self.pending:
            self.heading_row(self.pending)
            self.pending = []

    def _wrapped_above(self, label_tokens: list[str]) -> list[SourceLine]:
        """The pending label-only lines that are the start of the amount row's label (taken
        from ``pending``): lines above join the label unless they are headings, or the line's
        own label is a known wording and the joined one is not."""
        own = " ".join(t for t in label_tokens if not is_note_ref(t))
        wrap: list[SourceLine] = []
        above = self.pending[-1].text
        # An English label's tail under its bilingual line: alone (CASH EQUIVALENTS), or
        # with the Chinese's tail (equity holders of the Company 權益總額).
        english_tail = bool(CJK.search(above)) and (
            not CJK.search(own) or bool(_ENGLISH_GOES_ON.match(own) and _LATIN.search(above))
        )
        known_alone = (
            not english_tail
            and self.vocab.concepts_for(own)
            and not self.vocab.concepts_for("".join(p.text for p in self.pending) + own)
        )
        if english_tail and not self.vocab.section_of(above, self.statement):
            # NET DECREASE IN CASH AND 現金及現金等價物減少淨額 / CASH EQUIVALENTS (4,931):
            # the amounts end the English; the Chinese label above is theirs.
            wrap.insert(0, self.pending.pop())
        while (
            self.pending
            and not known_alone
            and not starts_item(own)  # 3．对所有者 starts an item: the lines above are theirs
            and not _starts_anew(above, own)
            and not self.vocab.is_heading(self.pending[-1].text, self.statement)
        ):
            wrap.insert(0, self.pending.pop())
        return wrap

    def amount_row(self, line: LaidLine) -> None:
        label_tokens, cells = line.label.split(), list(line.cells)
        if self._note_heading(label_tokens, cells):
            # 每股盈利 9: a heading with its note reference, not an amount.
            self.pending.append(SourceLine(number=line.number, text=" ".join(label_tokens)))
            self.flush_headings()
            self.rows[-1] = self.rows[-1].model_copy(update={"note": cells[0].text})
            return
        wrap = self._wrapped_above(label_tokens) if self.pending else []
        for part in self.pending:
            self.heading_row([part])
        self.pending = []
        note, problem = None, None
        if self.width and len(cells) > self.width:
            extra, cells = cells[: -self.width], cells[-self.width :]
            if len(extra) == 1 and is_note_ref(extra[0].text):
                # a note number, with or without a 附註 column: the amounts are the last ones
                note = extra[0].text
            elif all(_LABEL_NUMBER.match(c.text) for c in extra):
                label_tokens += [c.text for c in extra]  # 2025年到期票據 printed 2025
            else:
                # An amount more than the columns (a percentage beside each year, say):
                # which amount is whose is not printed.
                cells = [*extra, *cells]
                problem = more_amounts_than_columns(len(cells), self.width)
        if label_tokens and self.note_column and is_note_ref(label_tokens[-1]):
            note = label_tokens.pop()
        elif label_tokens and self.note_column and note is None:
            glued = glued_note(label_tokens[-1])  # 收入4: the note run into the label
            if glued:
                label_tokens[-1], note = glued
        if line.problem:
            problem = line.problem
        elif problem:
            pass
        elif self.width and len(cells) < self.width:
            problem = f"{len(cells)} amounts for {self.width} columns: cannot tell which is which"
        label_line = " ".join(label_tokens)
        # most rows: one line, no label wrapped above it (nothing to join)
        lines, label, printed = (line.number,), label_line, label_line
        if wrap:
            parts = [p.text for p in wrap] + ([label_line] if label_line else [])
            lines = tuple(p.number for p in wrap) + (line.number,)
            label, printed = join_wrapped(parts), "\n".join(parts)
        self.rows.append(
            trusted(  # our own values, typed as Row declares them: no validation needed
                Row,
                lines=lines,
                label=compact(label),
                printed_label=printed,
                note=note,
                cells=tuple(cells),
                section=self.section,
                heading=self.heading,
                problem=problem,
                inferred=line.inferred,
                unit=None,
            )
        )


def glued_note(token: str) -> tuple[str, str] | None:
    """(label, note) of a label token with its note number run into its end (收入4,
    貿易應收款項5(a)): the shortest note after a Chinese character or a closing bracket.
    (A test, not a regular expression: a CJK range takes a millisecond to compile.)"""
    for start in range(len(token) - 1, max(0, len(token) - 1 - _LONGEST_NOTE_NUMBER), -1):
        before = token[start - 1]
        if ("\u3400" <= before <= "\u9fff" or before in "）)") and _NOTE_NUMBER.fullmatch(
            token[start:]
        ):
            return token[:start], token[start:]
    return None


def _rejoined(before: str, after: str) -> str:
    """A sentence cut by a blank line, whole again: Chinese runs on; a Latin word and a number
    cut apart (P.O. Box / 902) keep their space."""
    edge = before[-1:] + after[:1]
    latin = all(c.isascii() and c.isalnum() for c in edge) and any(c.isalpha() for c in edge)
    return before + (" " if latin else "") + after


def more_amounts_than_columns(amounts: int, columns: int) -> str:
    """Why a row with more amounts than its header names columns is not read (yet): the
    columns stage may still prove which is which (tagger.share_columns)."""
    return f"{amounts} amounts for {columns} columns: cannot tell which is which"


@functools.lru_cache(maxsize=4)  # one vocabulary a process, as a rule
def _statement_totals(vocab: Vocabulary) -> dict[StatementKind, frozenset[str]]:
    """Each statement's totals (the results of its template's calculations): asked of every
    untitled table, the same for every document."""
    templates = vocab.concept_map.templates
    return {kind: frozenset(c.total for c in t.calculations) for kind, t in templates.items()}


_END_OF_TEXT = SourceLine(number=0, text="")  # ends the last paragraph of a text run


def _block(kind: str, lines: tuple[int, ...], text: str, table: Table | None = None) -> Block:
    # our own values, typed as Block declares them: no validation needed
    return trusted(Block, kind=kind, lines=lines, text=text, table=table)


class Segmenter:
    def __init__(self, layout: Layout, vocab: Vocabulary):
        self.layout = layout
        self.vocab = vocab
        self.lines = layout.lines
        self.blocks: list[Block] = []
        self.text_buffer: list[LaidLine | SourceLine] = []
        self.consumed = 0  # lines before this index belong to blocks already made
        self.by_content: dict[int, StatementKind] = {}  # block index -> statement by content
        self._last_text_line_width = 0
        self._titles: dict[str, StatementKind | None] = {}  # vocab.statement_of_title, by text
        # The notes' opening and closing headings, the same for every line of the document
        # (asked of every short line of text: the map's property hashed its tuple each time).
        notes = vocab.concept_map.notes
        self._notes_opening = notes.opening if notes else ()
        self._notes_closing = notes.closing_keys if notes else None

    def _title_of(self, text: str) -> StatementKind | None:
        """The statement a line's text is the title of: asked once per text (a line is asked
        again as the header above each table and the rows below it are sought)."""
        if text not in self._titles:
            self._titles[text] = self.vocab.statement_of_title(text)
        return self._titles[text]

    # -- running text ---------------------------------------------------------------------
    def _flush_text(self) -> None:
        paragraph: list[SourceLine] = []
        for line in [*self.text_buffer, _END_OF_TEXT]:
            if line.text and not line.furniture:
                short = len(line.text) <= _LONGEST_HEADING + 8  # a heading and its number
                heading = short and (
                    numbered_heading(line.text) is not None or self._after_notes(line.text)
                )
                if heading and paragraph and paragraph[-1].text.rstrip().endswith(_SENTENCE_ENDS):
                    # 3 分部資料 printed right under the last sentence of note 2: a block of
                    # its own, as the next note's heading
                    self._add_text_block(paragraph)
                    paragraph = []
                paragraph.append(line)
                if heading and len(paragraph) == 1:
                    self._add_text_block(paragraph)
                    paragraph = []
                continue
            if paragraph:
                self._add_text_block(paragraph)
                paragraph = []
            if line.furniture:
                self.blocks.append(_block("page", (line.number,), line.text))
        self.text_buffer = []

    def _opens_notes(self, text: str) -> bool:
        """The heading that opens the notes (綜合財務報表附註; not a bare 附註, which a
        statement's header may print on a line of its own)."""
        if not self._notes_opening:
            return False
        key = compact(text)
        return len(key) > 2 and key in self._notes_opening

    def _after_notes(self, text: str) -> bool:
        """A heading of what an announcement prints after its notes (購買、出售或贖回…): the
        notes' text must not run into it."""
        if self._notes_closing is None or len(text) > _LONGEST_HEADING or _CLAUSE_MARK.search(text):
            return False
        return compact(text).startswith(self._notes_closing)

    def _add_text_block(self, paragraph: list[LaidLine]) -> None:
        """A paragraph, or a heading; a paragraph cut by a blank line in mid-sentence (PDF
        extraction does that at page and column breaks) is joined to the one before."""
        text = "".join([p.text for p in paragraph])
        lines = tuple([p.number for p in paragraph])
        # lines joined are a paragraph whatever they say: no prose test of the joined text
        # (a long text, asked once, that no other stage asks again)
        kind = "paragraph" if len(paragraph) > 1 or is_prose(text) else "heading"
        last = self.blocks[-1] if self.blocks else None
        if (
            kind == "paragraph"
            and last is not None
            and last.kind == "paragraph"
            and self._last_text_line_width >= _FULL_LINE
            and not last.text.endswith(_SENTENCE_ENDS)
            and not text.startswith(_BULLETS)
        ):
            self.blocks[-1] = _block("paragraph", last.lines + lines, _rejoined(last.text, text))
        else:
            self.blocks.append(_block(kind, lines, text))
        self._last_text_line_width = len(paragraph[-1].text)

    # -- tables ---------------------------------------------------------------------------
    def _statement_title(self, unit_index: int) -> int | None:
        """Index of a statement title above the unit line with only header text between."""
        floor = max(self.consumed, unit_index - _HEADER_LOOKBACK - _TITLE_LOOKBACK)
        for index in range(unit_index - 1, floor - 1, -1):
            line = self.lines[index]
            if self._title_of(line.text):
                return index
            header = years_of(line.text) or is_period_line(line.text)
            if is_prose(line.text) or (line.cells and not header):
                return None
        return None

    def _header_start(self, unit_index: int) -> int:
        """First line of the column header that ends at the unit line."""
        start = unit_index
        floor = max(self.consumed, unit_index - _HEADER_LOOKBACK)
        while start > floor and _is_header_like(self.lines[start - 1]):
            start -= 1
        return start

    def _starts_table(self, index: int) -> bool:
        text = self.lines[index].text
        return _is_header_unit_line(text) or bool(stated_unit(text, "CNY"))

    def _table_continues(
        self, index: int, stop_titles: bool, shape: HeaderShape | None = None
    ) -> bool:
        """Whether a label-only line at index still belongs to the table: an amount row
        follows before any running text or new title (the header printed again, as the
        mainland template does for the prior year's block, is skipped)."""
        mainland = shape is not None and any(w in shape.tokens for w in ITEM_WORDS)
        lookahead = _MAINLAND_LOOKAHEAD if mainland else _CONTINUE_LOOKAHEAD
        for line in self.lines[index + 1 : index + 1 + lookahead]:
            text = line.text
            skipped = not text or line.furniture  # (then not asked whether a header again)
            skipped = skipped or shape is not None and is_repeated_header(text, line.cells, shape)
            if skipped or _is_header_like(line) and not line.cells:
                if stop_titles and self._title_of(text):
                    return False
                continue
            if is_prose(text) and not line.cells:
                return False
            if line.cells:
                return True
        return False

    def _is_footnote(self, line: LaidLine) -> bool:
        starred = line.text[:1] in "*＊" and not line.cells
        return starred or line.text.startswith(("附註：", "註："))

    def _read_rows(
        self, builder: _RowBuilder, shape: HeaderShape, unit_index: int
    ) -> tuple[int, list[str]]:
        """Rows under the header until a new title or running text; (last index, footnotes).
        Page numbers and headers repeated after a page break are skipped."""
        footnotes: list[str] = []
        index = last = unit_index
        while (index := index + 1) < len(self.lines):
            line = self.lines[index]
            text = line.text
            if line.furniture:
                continue
            if not text:
                builder.flush_headings()
                continue
            # (a blank line or a row of amounts is no header printed again: not asked)
            if not line.cells and is_repeated_header(text, line.cells, shape):
                if builder.statement == "changes_in_equity" and (
                    is_period_line(text) or years_of(text)
                ):
                    # 2022年度 over the prior year's block: the year its undated rows are in
                    builder.flush_headings()
                    builder.heading_row([line])
                continue
            title = self._title_of(text)
            if title and title == builder.statement and is_continued(text):
                continue  # 綜合財務狀況表（續）: the same statement on the next page
            if title or not line.cells and self._opens_notes(text):
                break  # a new statement, or the notes (財務報表附註) after the last one
            if self._is_footnote(line):
                footnotes.append(text)
                last = index
                continue
            if line.cells and not is_prose(line.label):
                builder.amount_row(line)
                last = index
            elif builder.statement is None and numbered_heading(text):
                break  # 6 其他虧損－淨額 under note 5's table: the next note, its own table
            elif is_prose(text) or text.endswith(_INTRODUCES_TABLE):
                break  # running text, or a sentence introducing the next table (…分析如下：)
            elif not self._table_continues(index, True, shape):
                break
            else:
                builder.pending.append(line)
        return last, footnotes

    def _lead_in(self) -> str:
        """The sentence introducing a table (下表載列…現金流量概要：), also where it runs on
        from the paragraph above it, as a PDF prints it with no blank line between."""
        last = self.blocks[-1] if self.blocks else None
        if last is None or last.kind == "table" or not last.text.endswith(_LEAD_IN_ENDS):
            return ""
        return re.split(r"(?<=[。；;])", last.text.rstrip())[-1]

    def _last_heading(self) -> str:
        """The nearest heading above a table (say 5 按性質劃分的開支), to name it in reviews."""
        for block in reversed(self.blocks):
            if block.kind == "heading":
                return block.text
            if block.kind == "table":
                return block.table.context if block.table else ""
        return ""

    def _header_end(self, unit_index: int) -> int:
        """The last line of a header whose units are stacked one per column (人民幣 / 百萬元 /
        人民幣 / 百萬元): further unit lines, currency words and blanks before the rows."""
        end = index = unit_index
        while index + 1 < len(self.lines):
            text = self.lines[index + 1].text
            if text and not (_is_header_unit_line(text) or is_currency_word(text)):
                break
            index += 1
            if text:
                end = index
        if not unit_count(self.lines[unit_index].text):
            end = self._columns_below(end)
        return end

    def _groups(self, line: LaidLine) -> bool:
        """A line of group headings over the columns (归属于母公司所有者权益 其他权益工具)."""
        words = line.text.split()
        return not line.cells and len(words) > 1 and all(self.vocab.members_for(w) for w in words)

    def _columns_below(self, end: int) -> int:
        """A unit stated for a whole section ((人民幣百萬元，每股數據除外)) prints no column
        of its own: the column headings (a period, the years) follow below it."""
        index, last, seen = end, end, 0
        while index + 1 < len(self.lines) and seen < _HEADER_LOOKBACK:
            line = self.lines[index + 1]
            named = bool(relative_columns(line.text)) or bool(years_of(line.text))
            named = named or line.text.split()[:1] in ([w] for w in ITEM_WORDS)
            named = named or header_shape([line.text]).width > 0
            if line.cells and not named:
                break
            if line.text and not (named or _is_header_like(line) or self._groups(line)):
                break
            index += 1
            seen += bool(line.text)  # blank lines (a header read from a PDF) count for none
            if named:
                last = index
        return last

    def _row_unit_table(self, index: int) -> tuple[int, int] | None:
        """(header end, columns) of a table whose rows print their own units (no unit line
        in its header), starting at ``index``."""
        return row_unit_header(self.lines, index, self._starts_table)

    def _parse_table(self, unit_index: int, width: int = 0) -> int | None:
        title_index = self._statement_title(unit_index)
        unit_index = self._header_end(unit_index)
        statement = None if title_index is None else self._title_of(self.lines[title_index].text)
        # Lines between the title and the header belong to the table too.
        first = title_index if title_index is not None else self._header_start(unit_index)
        held = self.text_buffer
        header = [
            ln.text
            for ln in self.lines[first + (statement is not None) : unit_index + 1]
            if ln.text
        ]
        shape = header_shape(header)
        if width and not shape.width:
            shape = shape._replace(width=width)  # rows that print their units: their width
        builder = _RowBuilder(self.vocab, statement, shape.width, shape.note_column)
        last, footnotes = self._read_rows(builder, shape, unit_index)
        last_number = self.lines[last].number
        builder.pending = [p for p in builder.pending if p.number <= last_number]
        builder.flush_headings()
        if not any(r.cells for r in builder.rows):
            return None  # a unit line with no amounts under it: running text after all
        first_number = self.lines[first].number
        self.text_buffer = [ln for ln in held if ln.number < first_number]
        self._flush_text()
        if statement is None and (kind := self._statement_by_content(builder.rows)):
            self.by_content[len(self.blocks)] = kind
        title = self.lines[title_index].text if title_index is not None else ""
        table = Table(
            statement=statement,
            separate=compact(title).startswith(_SEPARATE_TITLES),
            title=title,
            lines=(first_number, last_number),
            header_lines=tuple(header),
            note_column=shape.note_column,
            rows=tuple(builder.rows),
            footnotes=tuple(footnotes),
            context=_heading_in(header) or self._last_heading(),
            lead_in=self._lead_in(),
        )
        numbers = tuple(ln.number for ln in self.lines[first : last + 1])
        self.blocks.append(_block("table", numbers, "", table))
        self.consumed = last + 1
        return last + 1

    def _statement_by_content(self, rows: list[Row]) -> StatementKind | None:
        """A table printed without its title (cut off by the page, or an excerpt that starts
        in the middle) is the statement most of its rows' labels belong to, when one of them
        is a total of that statement. Whether the document prints a titled statement of that
        kind (then this is a table repeating its lines) is known at the end (``run``)."""
        labelled = [r for r in rows if r.cells and r.label]
        if len(labelled) < _CONTENT_ROWS:
            return None
        best, best_count = None, 0
        # each row's first concept, looked up once for all the statements' templates
        firsts = [c for r in labelled for c in self.vocab.concepts_for(r.label)[:1]]
        for kind, totals in _statement_totals(self.vocab).items():
            matched = [c.name for c in firsts if kind in c.statements]
            if len(matched) > best_count and totals & set(matched):
                best, best_count = kind, len(matched)
        return best if best_count * 2 >= len(labelled) and best_count >= _CONTENT_ROWS else None

    def _untitled_statements(self) -> None:
        """Tables read as statements from their content become statements only where the
        document prints no titled statement of that kind."""
        titled = {b.table.statement for b in self.blocks if b.table and b.table.statement}
        for index, kind in self.by_content.items():
            block = self.blocks[index]
            if kind not in titled and block.table is not None:
                table = block.table.model_copy(update={"statement": kind})
                self.blocks[index] = block.model_copy(update={"table": table})

    def run(self) -> Document:
        index = 0
        while index < len(self.lines):
            if not self.lines[index].text:  # a blank line starts no table
                self.text_buffer.append(self.lines[index])
                index += 1
                continue
            if self._starts_table(index):
                after = self._parse_table(index)
                if after is not None:
                    index = after
                    continue
            elif (found := self._row_unit_table(index)) is not None:
                after = self._parse_table(*found)
                if after is not None:
                    index = after
                    continue
            self.text_buffer.append(self.lines[index])
            index += 1
        self._flush_text()
        self._untitled_statements()
        # our own values, typed as Document declares them: no validation (of a pair per line)
        return trusted(
            Document,
            path=self.layout.path,
            script=self.layout.script,
            encoding=self.layout.encoding,
            blocks=tuple(self.blocks),
            pages=self.layout.pages,
        )


def segment(layout: Layout, vocab: Vocabulary) -> Document:
    return Segmenter(layout, vocab).run()
