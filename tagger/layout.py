"""Stage 2, layout: what a reader gives -> lines of label text and amount cells.

Every later stage reads one shape, whatever the extractor printed: one printed row per line,
the label first and the trailing amounts as cells (a note number may still be among them;
the header's 附註 column tells it apart later). Extractors print tables in other shapes, and
this stage turns each into that one:

- one printed row per line (``收入 4 1,234,567 1,100,204``): read as it is;
- one cell per line (pdfminer, scraped HTML): the label, the note and each amount on lines of
  their own are joined into rows of as many amounts as the header has columns;
- the label on one line, the note and amounts on the next: joined;
- a whole statement on one long line: split into one token per line, then joined as above;
- amount columns run together (``1,234,5671,100,204``, ``(905,055)(866,243)``): split by
  the thousands grouping into as many amounts as the header has columns; a split that could
  go two ways is not guessed: the row carries a problem and is reported;
- column headers split over lines (``2023年`` / ``2022年``, ``人民幣千元`` / ``人民幣千元``) or
  run together (``附註人民幣千元人民幣千元``) are put back on one line.

A table's style is decided per table, from how most of its rows are printed, so a layout is
never changed on the strength of one line. Source lines are kept: a joined row starts at its
label's line, and each cell keeps the line it was printed on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tagger.lines import (
    CJK,
    NOTE_WORDS,
    is_cell,
    is_note_ref,
    is_period_line,
    is_prose,
    is_unit_line,
    parse_cell,
    split_tokens,
    unit_count,
    without_english_dates,
    years_of,
)
from tagger.model import Cell, LaidLine, Layout, SourceLine, SourceText, trusted
from tagger.regex_cache import regex
from tagger.units import UNIT_TOKEN, is_currency_word, row_unit
from tagger.wording import core_wording, starts_item

_LONG_LINE_RUNS = 3  # amount runs between labels that make one line several rows
_LONG_LINE_AMOUNTS = 8  # and amounts in all
# the fewest tokens such a line prints: its amounts, and a word between each two runs
_LONG_LINE_TOKENS = _LONG_LINE_AMOUNTS + _LONG_LINE_RUNS - 1
_WINDOW = 40  # lines after a header read to decide a table's style
_VERTICAL_ROWS = 4  # labels and values a vertical table prints at least


# --- one line -----------------------------------------------------------------------------


_LONGEST_UNIT_RUN = 80  # characters: a note word and a dozen unit words run together
_UNIT_CHARS = regex(r"^[^\s，。；：、]+$")


def _unit_words(token: str) -> list[str] | None:
    """附註人民幣千元人民幣千元 -> [附註, 人民幣千元, 人民幣千元]: a header whose words ran
    together, split back when it is nothing but a note word and unit words."""
    if token.count("元") + token.count("000") < 2 and not token.startswith(NOTE_WORDS):
        return None  # fewer than two units: nothing ran together
    if len(token) > _LONGEST_UNIT_RUN or not _UNIT_CHARS.match(token):
        return None  # running text, not header words (and no quadratic scan of it)
    words: list[str] = []
    rest = token
    for note in NOTE_WORDS:
        if rest.startswith(note):
            words, rest = [note], rest[len(note) :]
    while rest:
        for end in range(len(rest), 0, -1):
            if UNIT_TOKEN.match(rest[:end]):
                words.append(rest[:end])
                rest = rest[end:]
                break
        else:
            return None
    return words if len(words) > 1 else None


_GLUED_YEARS = regex(r"^(?:(?:19|20)\d{2}年?){2,}$")
# What a token of header words run together holds somewhere on its line: two units (元,
# 000), a note word, or two years. A line without one has nothing to split (most lines).
# (Every branch starts with a literal, so a search skips to the characters that start one.)
_MAY_RUN_TOGETHER = regex(
    r"元.*(?:元|000)|000.*(?:元|000)|附[註注]|Note|NOTE"
    r"|19\d\d年?(?:19|20)\d\d|20\d\d年?(?:19|20)\d\d"
)


def _split_header_words(text: str, words: list[str]) -> list[str]:
    """The line's tokens (``words``: the text split), header words run together split apart."""
    if not _MAY_RUN_TOGETHER.search(text):
        return words
    tokens = []
    for token in words:
        if _GLUED_YEARS.match(token):  # 2023年2022年
            tokens += re.findall(r"(?:19|20)\d{2}年?", token)
            continue
        tokens += _unit_words(token) or [token]
    return tokens


_GLUED_PART = regex(r"\(?[–—\-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?%?|[–—\-－]|\(?\*\)?")
_LETTERED_NOTE = regex(r"^(\d{1,2}\([a-z]{1,3}\))(.+)$")
_NUMERIC_TOKEN = regex(r"^[\d,.()*%–—\-－]+$")


def glued_splits(token: str, most: int) -> list[list[str]]:
    """Every way of reading ``token`` as two to ``most`` printed amounts run together, each
    part a well-formed amount (thousands grouped by three, brackets closed, no leading
    zero)."""
    results: list[list[str]] = []

    def walk(rest: str, parts: list[str]) -> None:
        if not rest:
            if len(parts) > 1:
                results.append(parts)
            return
        if len(parts) == most:
            return
        for end in range(1, len(rest) + 1):
            piece = rest[:end]
            if not _GLUED_PART.fullmatch(piece) or not is_cell(piece):
                continue
            digits = piece.strip("()–—-－%").split(".")[0].replace(",", "")
            if len(digits) > 1 and digits.startswith("0"):
                continue
            walk(rest[end:], [*parts, piece])

    walk(token, [])
    return results


@dataclass(slots=True)
class _Line:
    """A line being laid out: its source, label tokens, cells and any problem."""

    source: SourceLine
    label: list[str]
    cells: list[Cell]
    problem: str | None = None
    rebuilt: bool = False  # label and cells no longer read as the source line prints them
    # the source's text, read by every pass over the lines: an attribute, not a property
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text = self.source.text

    def laid(self) -> LaidLine:
        label = " ".join(self.label) if self.label else ""  # (a third of the lines are blank)
        text = self.text
        if self.rebuilt:
            text = " ".join(part for part in (label, *(c.text for c in self.cells)) if part)
        # our own values, typed as the model declares them: no validation needed
        return trusted(
            LaidLine,
            source=self.source,
            text=text,
            label=label,
            cells=tuple(self.cells),
            problem=self.problem,
            inferred=self.rebuilt,
        )


def _read(source: SourceLine, words: list[str] | None = None) -> _Line:
    """``words``: the text split, when the caller has split it already."""
    if not source.text:
        return _Line(source, [], [])  # a blank line: a third of most documents
    tokens = _split_header_words(source.text, words or source.text.split())
    text = " ".join(tokens)
    if text != source.text:
        source = source.model_copy(update={"text": text})
    label, cells = split_tokens(tokens, source.number)
    return _undoubled(_Line(source, label, cells))


def _undoubled(line: _Line) -> _Line:
    """Bold text some extractors print twice (總資產 總資產 1,488,319 1,488,319 …): the label
    and every amount doubled. Read once; anything less than all doubled is left as it is."""
    cells = line.cells
    if len(cells) < 2 or len(cells) % 2:
        return line
    label = "".join(line.label)
    half = len(label) // 2
    if not half or label[:half] != label[half:]:
        return line
    if any(a.text != b.text for a, b in zip(cells[::2], cells[1::2], strict=True)):
        return line
    words = line.label[: len(line.label) // 2] if len(line.label) > 1 else [label[:half]]
    return _Line(line.source, words, cells[::2], rebuilt=True)


def _totals_shown(parts: list[str]) -> int:
    """How many amounts equal the sum of the run of amounts just before them (a subtotal or
    total column): the printed arithmetic of one reading of a row."""
    values = [c.value for c in (parse_cell(p, 0) for p in parts)]
    shown = 0
    for k in range(2, len(values)):
        if values[k] is None:
            continue
        for j in range(k - 2, -1, -1):
            run = values[j:k]
            if None not in run and sum(run) == values[k] and any(run):
                shown += 1
                break
    return shown


def _places(part: str) -> int:
    number = part.strip("()%")
    return len(number.split(".")[1]) if "." in number else 0


def _reading(splits: list[list[str]]) -> list[str] | None:
    """The one reading of amounts run together: the only split, or the only one whose
    subtotal and total columns add up; None when two readings remain."""
    if len(splits) == 1:
        return splits[0]
    uniform = [s for s in splits if len({_places(p) for p in s if p[-1:].isdigit()}) == 1]
    if len(uniform) == 1 and any("." in p for p in uniform[0]):
        return uniform[0]  # 0.110.04: amounts of one column print the same decimals
    scores = [_totals_shown(s) for s in splits]
    best = max(scores)
    return splits[scores.index(best)] if best and scores.count(best) == 1 else None


def _note_first(parts: list[str]) -> bool:
    return parts[0].isdigit() and is_note_ref(parts[0])


def _with_glued_amounts(
    line: _Line, width: int, notes_glued: Callable[[], bool], bracketed: bool
) -> _Line:
    """A row whose last token is amounts run together, split into ``width`` amounts (after
    any amounts already apart; with a note number first where ``notes_glued()`` says notes
    may be glued too). A run that cannot be read, or could be read two ways, is kept as one
    unreadable cell with the problem: reported, never guessed."""
    if width < 2 or len(line.cells) >= width:
        return line
    lettered = _LETTERED_NOTE.match(line.label[-1]) if line.label else None
    if lettered and parse_cell(lettered.group(2), line.source.number):
        # 5(a)45,678: a note with a letter run into the amount after it
        amount = parse_cell(lettered.group(2), line.source.number)
        label = [*line.label[:-1], lettered.group(1)]
        return _Line(line.source, label, [amount, *line.cells], line.problem, True)
    if not line.label or not _NUMERIC_TOKEN.match(line.label[-1]):
        return _with_dash_apart(line, width) if bracketed else line
    token = line.label[-1]
    if not any(ch.isdigit() or ch == "*" for ch in token):
        return line
    needed = width - len(line.cells)
    glued_notes = notes_glued()
    fitting = [
        s
        for s in glued_splits(token, needed + glued_notes)
        if len(s) == needed or (glued_notes and len(s) == needed + 1 and _note_first(s))
    ]
    reading = _reading(fitting) if fitting else None
    if reading is None:
        why = "can be split more than one way" if fitting else "cannot be split into columns"
        unreadable = Cell(text=token, line=line.source.number)
        problem = f"amounts run together ({token}) {why}"
        return _Line(line.source, line.label[:-1], [unreadable, *line.cells], problem, True)
    cells = [parse_cell(part, line.source.number) for part in reading]
    return _Line(line.source, line.label[:-1], [*cells, *line.cells], rebuilt=True)


def _with_dash_apart(line: _Line, width: int) -> _Line:
    """A nil dash run into the next amount (–200,000 in a row one amount short, in a table
    that prints negatives in brackets, so the dash is no minus sign): a nil and the amount."""
    if len(line.cells) != width - 1:
        return line
    for k, cell in enumerate(line.cells):
        rest = cell.text[1:]
        if cell.text[:1] in "–—-－" and rest[:1].isdigit() and parse_cell(rest, cell.line):
            apart = [parse_cell(cell.text[0], cell.line), parse_cell(rest, cell.line)]
            cells = [*line.cells[:k], *apart, *line.cells[k + 1 :]]
            return _Line(line.source, line.label, cells, line.problem, True)
    return line


# --- whole statements on one line ---------------------------------------------------------


def _amount_runs(amounts: list[bool]) -> int:
    """How many runs of amounts the tokens print, from whether each token is one."""
    runs, inside = 0, False
    for amount in amounts:
        runs += amount and not inside
        inside = amount
    return runs


def _holds_rows(text: str, words: list[str]) -> bool:
    """Whether a line (``words``: its text split) holds several rows, as extractors that
    drop line breaks print them."""
    if len(words) < _LONG_LINE_TOKENS or "。" in text:
        return False  # too few tokens for that many amounts in runs: most lines stop here
    # (English dates taken out below leave no more tokens than ``words``)
    tokens = without_english_dates(text).split()
    amounts = [is_cell(token) for token in tokens]
    return sum(amounts) >= _LONG_LINE_AMOUNTS and _amount_runs(amounts) >= _LONG_LINE_RUNS


def _read_lines(lines: tuple[SourceLine, ...]) -> list[_Line]:
    """Every source line read; a line holding several rows, one token a line. (A line's
    text is split once, for both: measured, 1 ms of the stage's 20 split twice.)"""
    out: list[_Line] = []
    for line in lines:
        if not line.text:
            out.append(_Line(line, [], []))  # a blank line: a third of most documents
            continue
        words = line.text.split()
        if _holds_rows(line.text, words):
            out += [_read(line.model_copy(update={"text": word})) for word in words]
        else:
            out.append(_read(line, words))
    return out


# --- column headers printed one word a line -----------------------------------------------


def _header_words(lines: list[_Line]) -> tuple[list[bool], list[bool]]:
    """Which lines are a year heading (2023年), which a unit word (人民幣千元), alone."""
    years, units = [], []
    for line in lines:
        text = line.text
        # A read line's words are joined by one space: a word alone prints none (measured:
        # 0.4 ms of the pass's 0.8 went on splitting every line).
        alone = bool(text) and " " not in text
        years.append(alone and bool(years_of(text)))
        units.append(alone and bool(UNIT_TOKEN.match(text)))
    return years, units


def _join_header_words(lines: list[_Line]) -> list[_Line]:
    """Year headings and unit words printed one a line are put back on one line:
    2023年 / 2022年 -> 2023年 2022年; 附註 / 人民幣千元 / 人民幣千元 -> one line."""
    year_words, unit_words = _header_words(lines)
    out: list[_Line] = []
    index, count = 0, len(lines)
    while index < count:
        line = lines[index]
        if not (year_words[index] or unit_words[index] or line.text in NOTE_WORDS):
            out.append(line)  # no run of header words starts here (most lines)
            index += 1
            continue
        for words in (year_words, unit_words):
            # a run of such words, or a note word just before one
            starts = words[index] or (
                line.text in NOTE_WORDS and index + 1 < count and words[index + 1]
            )
            end = index + 1
            while starts and end < count and words[end]:
                end += 1
            if starts and end - index > 1:
                text = " ".join(part.text for part in lines[index:end])
                out.append(_read(line.source.model_copy(update={"text": text})))
                index = end
                break
        else:
            out.append(line)
            index += 1
    return out


# --- tables: style and rows ---------------------------------------------------------------


def _header_stack(lines: list[_Line], index: int) -> tuple[int, int]:
    """(amount columns, index of the header's last line) for the unit line at ``index``:
    units stacked one a line (人民幣 / 百萬元 / 人民幣 / 百萬元) count together."""
    width, last = unit_count(lines[index].text), index
    if width != 1:
        return width, last
    for offset, line in enumerate(lines[index + 1 : index + 5], start=index + 1):
        if is_unit_line(line.text):
            width, last = width + unit_count(line.text), offset
        elif line.text and not is_currency_word(line.text):
            break
    return width, last


def _ends_glued(line: _Line) -> bool:
    """A row whose last token is amounts run together (and not a single amount)."""
    token = line.label[-1] if line.label else ""
    return (
        bool(_NUMERIC_TOKEN.match(token))
        and not is_cell(token)
        and any(ch.isdigit() for ch in token)
    )


def _one_short(line: _Line, width: int) -> bool:
    """A labelled row printing one amount fewer than the columns, with no problem yet."""
    return bool(line.label and line.cells and len(line.cells) == width - 1 and not line.problem)


def _with_short_cell_apart(line: _Line, width: int) -> _Line:
    """In a table whose amounts run together, a row one amount short whose last amount
    splits one way only into two (股本 55 -> 5 and 5) is read as that split."""
    if not _one_short(line, width):
        return line
    last = line.cells[-1]
    splits = glued_splits(last.text, 2)
    if len(splits) > 1:
        problem = f"amounts run together ({last.text}) can be split more than one way"
        return _Line(line.source, line.label, line.cells, problem, line.rebuilt)
    if not splits:
        return line
    apart = [parse_cell(part, last.line) for part in splits[0]]
    return _Line(line.source, line.label, [*line.cells[:-1], *apart], rebuilt=True)


def _region(
    lines: list[_Line], start: int, width: int, notes: bool, bracketed: bool
) -> list[_Line]:
    """The rows under a header, amounts run together split, until the next header or
    running text. Notes may be glued to the amounts only in a table with a 附註 column that
    prints no note apart."""
    # what all the rows down to the next header print, worked out only when a row asks (most
    # rows never do; nor are the rows after running text, where the region ends, looked at)
    notes_glued = functools.cache(
        lambda: notes and not any(_note_apart(ln) for ln in _rows_under(lines, start))
    )
    glued_rows = functools.cache(
        lambda: sum(1 for ln in _rows_under(lines, start) if _ends_glued(ln))
    )
    region: list[_Line] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.text:
            region.append(line)  # a blank line: nothing to split (a third of the lines)
            continue
        if is_unit_line(line.text):
            break  # the next header
        line = _with_glued_amounts(line, width, notes_glued, bracketed)
        if _one_short(line, width) and glued_rows() >= 2:
            line = _with_short_cell_apart(line, width)
        if is_prose(line.text) and not line.cells and not line.rebuilt:
            break
        region.append(line)
    return region


def _rows_under(lines: list[_Line], start: int) -> list[_Line]:
    """The lines from ``start`` down to the next header's unit line."""
    end = start
    while end < len(lines) and not is_unit_line(lines[end].text):
        end += 1
    return lines[start:end]


def _note_apart(line: _Line) -> bool:
    """A row that prints a note apart from its amounts: 收入 4 1,200 1,000, or with the
    amounts run together, 收入 4 1,2001,000."""
    tokens = [*line.label, *(c.text for c in line.cells)]
    return any(
        is_note_ref(token) and _NUMERIC_TOKEN.match(after) and any(ch.isdigit() for ch in after)
        for token, after in zip(tokens, tokens[1:], strict=False)
        if not token.isdigit() or len(tokens) > 2
    )


def _is_lone_amount(line: _Line) -> bool:
    return not line.label and len(line.cells) == 1


def _style(region: list[_Line], width: int) -> str:
    """How the rows under one header are printed: "rows", "cells" (one a line) or "split"
    (label, then its amounts on the next line), from most of the region's lines."""
    window = [ln for ln in region[:_WINDOW] if ln.text]
    full = sum(1 for ln in window if ln.label and len(ln.cells) >= width)
    lone = sum(1 for ln in window if _is_lone_amount(ln))
    split = sum(
        1
        for before, ln in zip(window, window[1:], strict=False)
        if before.label and not before.cells and not ln.label and len(ln.cells) >= width
    )
    if width >= 2 and lone > full and lone >= width:
        return "cells"
    if split > full and split >= 2:
        return "split"
    return "rows"


def _row(label: _Line | None, cells: list[Cell], first: _Line, problem: str | None = None):
    source = label.source if label is not None else first.source
    return _Line(source, label.label if label is not None else [], cells, problem, True)


def _chunks(
    cells: list[Cell], width: int, note_column: bool
) -> list[tuple[list[Cell], str | None]]:
    """A run of amounts printed one a line, as rows of ``width`` (a note number first when
    the header prints a 附註 column)."""
    count = len(cells)
    if count == width + 1 and note_column and is_note_ref(cells[0].text):
        return [(cells, None)]
    if count % width == 0:
        return [(cells[i : i + width], None) for i in range(0, count, width)]
    return [(cells, f"{count} amounts printed one a line for {width} columns")]


def _join_cells(region: list[_Line], width: int, note_column: bool) -> list[_Line]:
    """Rows from a table printed one cell a line: each label line takes the run of amounts
    printed after it; a run longer than the columns continues as unlabelled rows."""
    out: list[_Line] = []
    pending: _Line | None = None
    index = 0
    while index < len(region):
        run: list[int] = []  # positions of the lone amounts after the pending label
        while index < len(region) and (_is_lone_amount(region[index]) or not region[index].text):
            if region[index].text:
                run.append(index)
            index += 1
        footnote = None
        marked = run and region[run[-1]].cells[0].value is None
        if marked and not note_column and len(run) % width == 1:
            mark = region[run.pop()]  # a footnote mark (*) after the rows, not a cell
            footnote = _Line(mark.source, [mark.cells[0].text], [], rebuilt=True)
        if run:
            cells = [region[i].cells[0] for i in run]
            for number, (chunk, problem) in enumerate(_chunks(cells, width, note_column)):
                out.append(_row(pending if number == 0 else None, chunk, region[run[0]], problem))
            out += [footnote] if footnote else []
            pending = None
            continue
        if index >= len(region):
            break
        line = region[index]
        if pending is not None and not line.cells and is_note_ref(line.text):
            pending = _Line(pending.source, [*pending.label, line.text], [], rebuilt=True)
            index += 1
            continue
        if pending is not None:
            out.append(pending)
        pending = line if line.label and not line.cells else None
        if pending is None:
            out.append(line)
        index += 1
    if pending is not None:
        out.append(pending)
    return out


def _join_split(region: list[_Line], width: int) -> list[_Line]:
    out: list[_Line] = []
    for line in region:
        before = out[-1] if out else None
        if (
            before is not None
            and before.label
            and not before.cells
            and not line.label
            and len(line.cells) >= width
        ):
            out[-1] = _Line(before.source, before.label, line.cells, line.problem, True)
        else:
            out.append(line)
    return out


_BRACKETED_NUMBER = regex(r"\(\d")


def _tables(lines: list[_Line]) -> list[_Line]:
    # A document that prints negatives in brackets uses no minus signs: a dash is a nil.
    bracketed = any(_BRACKETED_NUMBER.search(line.text) for line in lines)
    out: list[_Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        row_units = _row_unit_years(lines, index) if line.text else 0  # (blank: a third)
        if not row_units and not (line.text and is_unit_line(line.text)):
            out.append(line)
            index += 1
            continue
        width, last = (row_units, index) if row_units else _header_stack(lines, index)
        out += lines[index : last + 1]
        notes = _has_note_column(out)
        region = _region(lines, last + 1, width, notes, bracketed)
        end = last + 1 + len(region)
        style = _style(region, width)
        if style == "cells":
            region = _join_cells(region, width, notes)
        elif style == "split":
            region = _join_split(region, width)
        out += region
        index = end
    return out


_ROW_UNIT_LOOKAHEAD = 6  # lines after a years line where a row printing its unit may start


def _row_unit_years(lines: list[_Line], index: int) -> int:
    """The columns of a table with no unit line whose rows print their units in their labels
    (2023年 2022年 / 已發行普通股加權平均數（千股） / 32,222,681 / …): its years, where one
    of the next lines is such a label; 0 otherwise."""
    line = lines[index]
    years = years_of(line.text) if not line.cells else None
    if not years:
        return 0
    texts = [ln for ln in lines[index + 1 : index + 1 + _ROW_UNIT_LOOKAHEAD] if ln.text]
    labelled = any(ln.label and row_unit("".join(ln.label)) for ln in texts)
    return len(years) if labelled else 0


def _has_note_column(header: list[_Line]) -> bool:
    """Whether the header just laid out prints a 附註 column."""
    for line in reversed(header[-8:]):
        words = line.text.split()
        if any(word in words for word in NOTE_WORDS):
            return True
    return False


# --- vertical tables: a block of labels, then a block of values per column ---------------


def _is_label_line(line: _Line) -> bool:
    text = line.text
    return bool(
        line.label
        and not line.cells
        and not is_prose(text)
        and not is_unit_line(text)
        and not years_of(text)
        and not is_period_line(text)
    )


def _value_block(lines: list[_Line], start: int) -> tuple[list[_Line], list[_Line], int] | None:
    """(header lines, lone amount lines, index after) of one column printed as a block: a
    few header lines (year or date, unit), then its amounts one a line."""
    index = start
    while index < len(lines) and not lines[index].text:
        index += 1
    header: list[_Line] = []
    while index < len(lines) and len(header) < 4 and lines[index].text and not lines[index].cells:
        header.append(lines[index])
        index += 1
    values: list[_Line] = []
    while index < len(lines) and _is_lone_amount(lines[index]):
        values.append(lines[index])
        index += 1
    if not header or len(values) < _VERTICAL_ROWS or not any(is_unit_line(h.text) for h in header):
        return None
    return header, values, index


def _vertical(lines: list[_Line], vocab) -> list[_Line]:
    """A table printed as a block of labels followed by one block of values per column (two
    or more columns, each with its own header), as rows. The labels that are headings (a
    section heading of the taxonomy, or ending in a colon) take no value; when the rest do
    not pair one to one with every column's values, the block is left as printed (and
    reported by the later stages), never paired by guess."""
    if sum(1 for line in lines if _is_lone_amount(line)) < 2 * _VERTICAL_ROWS:
        return lines  # too few lone amounts for two blocks (most texts: measured, 0.7 ms)
    out: list[_Line] = []
    label_lines = [_is_label_line(line) for line in lines]
    index = 0
    while index < len(lines):
        if not label_lines[index]:
            out.append(lines[index])  # no block of labels starts here
            index += 1
            continue
        run_end = index
        while run_end < len(lines) and label_lines[run_end]:
            run_end += 1
        labels = lines[index:run_end]
        blocks = []
        after = run_end
        while len(labels) >= _VERTICAL_ROWS and (block := _value_block(lines, after)):
            blocks.append(block)
            after = block[2]
        if len(blocks) < 2:
            step = max(run_end, index + 1)  # the labels, or one line, as printed
            out += lines[index:step]
            index = step
            continue
        headings = [
            ln for ln in labels if ln.text.endswith(("：", ":")) or vocab.section_of(ln.text, None)
        ]
        valued = [ln for ln in labels if ln not in headings]
        if any(len(b[1]) != len(valued) for b in blocks):
            out += lines[index:run_end]
            index = run_end
            continue
        depth = min(len(b[0]) for b in blocks)
        for level in range(depth):
            parts = [b[0][level] for b in blocks]
            text = " ".join(part.text for part in parts)
            out.append(_read(parts[0].source.model_copy(update={"text": text})))
        values = iter(range(len(valued)))
        for line in labels:
            if line in headings:
                out.append(line)
                continue
            row = next(values)
            cells = [b[1][row].cells[0] for b in blocks]
            out.append(_Line(line.source, line.label, cells, rebuilt=True))
        index = after
    return out


_LATIN = regex(r"[A-Za-z]{2,}")


def _english_row(line: _Line) -> bool:
    if not line.cells:
        return False
    label = " ".join(line.label)
    return len(_LATIN.findall(label)) >= 2 and not CJK.search(label)


def _chinese_line(line: _Line, vocab) -> bool:
    """A Chinese label alone on its line, that does not open a section of its own."""
    if not line.label or line.cells or _LATIN.search(line.text) or not CJK.search(line.text):
        return False
    opens = line.text.endswith(("：", ":")) or (vocab and vocab.section_of(line.text, None))
    return not opens


def _english_tail_then_chinese(line: _Line, after: list[_Line], vocab) -> bool:
    """(After a bilingual row:) an English label tail, then the row's Chinese label."""
    english_only = line.label and not line.cells and not CJK.search(line.text)
    return bool(
        english_only
        and not line.text.rstrip().endswith(("：", ":"))
        and after
        and _chinese_line(after[0], vocab)
    )


def _chinese_below(lines: list[_Line], vocab) -> list[_Line]:
    """Bilingual rows whose English label is long print the Chinese one on the next line
    (Impairment allowance on property and equipment 17 (2,833) – / 物業及設備之減值撥備): the
    Chinese line is the row's label too, and so is an English tail printed between them."""
    out: list[_Line] = []
    for index, line in enumerate(lines):
        before = out[-1] if out else None
        if (
            line.label  # (both tests below ask for a label-only line)
            and not line.cells
            and before is not None
            and _english_row(before)
            and (
                _english_tail_then_chinese(line, lines[index + 1 : index + 2], vocab)
                or _chinese_line(line, vocab)
            )
        ):
            out[-1] = _Line(
                before.source, [*before.label, *line.label], before.cells, before.problem, True
            )
            continue
        out.append(line)
    return out


def _open_brackets(text: str) -> int:
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


_SIGN_NOTE_LINE = regex(r"^[（(][^（()）]*填列[）)]$")


_TAIL_CHARS = 10  # the longest label tail a row wraps after its amounts


_NARROW_TAIL = 8  # characters: a numbered row's label wrapped in a narrow label column


def _numbered_wrap(label: str, text: str) -> bool:
    """A numbered row (3．对所有者 -67,111 …) whose label runs on below its amounts in a
    narrow label column (（或股东）的 / 分配): short lines that start no item of their own."""
    return (
        starts_item(label)
        and len(text) <= _NARROW_TAIL
        and not starts_item(text)
        and not _LATIN.search(text)
        and not is_prose(text)
        and not years_of(text)
        and not is_period_line(text)
    )


def _tail_of(before: _Line, line: _Line, vocab) -> bool:
    """Whether a label-only line ends the label of the line before: it closes a bracket that
    line left open, it is the mainland template's sign note of an amount row (（净亏损以“－”号
    填列）), or it ends a word the row began (经营活动产生的现金流量净 / 额)."""
    if line.cells or not line.label or not before.label:
        return False
    label = " ".join(before.label)
    if _open_brackets(label) > 0 and _open_brackets(line.text) < 0 and not is_prose(label):
        return True  # (running text that breaks inside a bracket is no row's label)
    if before.cells and _SIGN_NOTE_LINE.match(line.text):
        return True
    if before.cells and _numbered_wrap(label, line.text):
        # only a label not yet whole (其中：营业成本 is whole; 3．对所有者 is not)
        return vocab is None or not vocab.concepts_for(core_wording(label))
    if before.cells and vocab is not None and len(line.text) <= _TAIL_CHARS:
        # 汇率变动对现金及现金等价物 / 的影响, 负债和所有者权益 / （或股东权益）总计: the tail
        # completes a wording the row's label alone is not (or is the same one).
        joined = {c.name for c in vocab.concepts_for(core_wording(label + line.text))}
        alone = {c.name for c in vocab.concepts_for(core_wording(label))}
        tail = vocab.concepts_for(core_wording(line.text)) or vocab.is_heading(line.text, None)
        return bool(joined) and (not alone or alone == joined) and not tail
    return False


def _bracket_tails(lines: list[_Line], vocab=None) -> list[_Line]:
    """A label wrapped after its amounts, as the mainland template prints it (四、利润总额（亏损
    总额以“－”号 / 填列）, 所有者权益（或股东权 / 益）合计, 经营活动产生的现金流量净 / 额): the
    tail ends that row's label, not the next one's."""
    out: list[_Line] = []
    for line in lines:
        before = out[-1] if out else None
        if line.label and before is not None and _tail_of(before, line, vocab):
            label = " ".join(before.label) + line.text
            out[-1] = _Line(before.source, [label], before.cells, before.problem, True)
            continue
        out.append(line)
    return out


_HEAD_TAIL_CHARS = 2  # the longest label fragment printed before a row's amounts (額, 總額)


def _head_of(line: _Line, after: _Line, vocab) -> bool:
    """Whether a label-only line begins the label of the amount row below it, which prints
    only the label's last word (分配至…交易價款總 / 額 56,584 187,190): the row's own label is a
    fragment no row is named by, a single character or one the joined label completes into a
    wording of the taxonomy (the fragment alone naming none). A heading above a row (流動 /
    其他 1,200, a line that is a wording of its own) is no such line."""
    if line.cells or not line.label or not after.cells or len(after.label) != 1:
        return False
    head, tail = " ".join(line.label), after.label[0]
    if len(tail) > _HEAD_TAIL_CHARS or not CJK.fullmatch(tail[-1]) or starts_item(tail):
        return False
    if head.endswith(("：", ":")) or is_prose(head) or years_of(head) or is_unit_line(head):
        return False
    if vocab is None:
        return False
    if vocab.concepts_for(core_wording(tail)) or vocab.is_heading(head, None):
        return False
    return len(tail) == 1 or bool(vocab.concepts_for(core_wording(head + tail)))


def _wrapped_heads(lines: list[_Line], vocab=None) -> list[_Line]:
    """A label wrapped before its amounts, the amounts on the line of its last word: one
    row, starting at the label's first line."""
    out: list[_Line] = []
    for line in lines:
        before = out[-1] if out else None
        if line.cells and before is not None and _head_of(before, line, vocab):
            label = " ".join(before.label) + line.label[0]
            out[-1] = _Line(before.source, [label], line.cells, line.problem, True)
            continue
        out.append(line)
    return out


def lay_out(source: SourceText, vocab=None) -> Layout:
    """``vocab`` (the taxonomy's wordings) tells section headings in vertical tables."""
    lines = _join_header_words(_read_lines(source.lines))
    lines = _bracket_tails(_chinese_below(lines, vocab), vocab)
    if vocab is not None:
        lines = _vertical(lines, vocab)
    # our own values, typed as Layout declares them: no validation (of a pair per line)
    return trusted(
        Layout,
        path=source.path,
        encoding=source.encoding,
        script=source.script,
        lines=tuple(line.laid() for line in _wrapped_heads(_tables(lines), vocab)),
        pages=tuple((line.page or 1, line.page_line or line.number) for line in source.lines),
    )
