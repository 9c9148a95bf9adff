"""Typed models passed between the tagger's stages.

Extraction (source lines, laid-out lines, document, tables, cells) knows nothing of the
taxonomy; matching and facts add concepts, periods and signs. Amounts stay Decimal, in printed
units, until the fact stage. Every model is frozen: a stage returns new values.
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from taxonomy.models import Section, StatementKind


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


_M = TypeVar("_M", bound=_Model)
_new = object.__new__
_set = object.__setattr__
# BaseModel's slots, set through their descriptors (object.__setattr__ looks each one up)
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def trusted(model: type[_M], **fields: object) -> _M:
    """``model(**fields)`` without validating: for values our own stage built and typed,
    made once per line or cell (validation costs twice this, ``model_construct`` more still).
    ``fields`` names every field of the model, in the order the model declares them."""
    if len(fields) != len(model.__pydantic_fields__):  # a default is not filled in here
        raise TypeError(f"{model.__name__}: every field must be given, got {sorted(fields)}")
    made = _new(model)
    _set(made, "__dict__", fields)
    _set_fields_set(made, set(fields))
    _set_extra(made, None)
    _set_private(made, None)
    return made


class Period(_Model):
    """An instant (start is None) or a duration, both ends inclusive as XBRL writes them."""

    start: date | None = None
    end: date

    @property
    def is_instant(self) -> bool:
        return self.start is None

    def key(self) -> str:
        return (
            f"i{_day(self.end)}" if self.start is None else f"d{_day(self.start)}-{_day(self.end)}"
        )


@functools.cache  # strftime is slow, and a report names a few days in every fact's context
def _day(day: date) -> str:
    return f"{day:%Y%m%d}"


class SourceLine(_Model):
    """One line of the input as the reader gives it."""

    number: int  # 1-based line number in the input file (form feeds are not line breaks)
    text: str  # normalised text, stripped
    furniture: bool = False  # page number or similar: not content
    page: int | None = None  # 1-based page, counted from form feeds or the PDF's pages
    page_line: int | None = None  # 1-based line on that page


class SourceText(_Model):
    path: str
    encoding: str
    script: str  # "zh-Hant" or "zh-Hans"
    lines: tuple[SourceLine, ...]


class Unit(_Model):
    """How a table prints its amounts: currency and scale (千元 = 3, 百萬元 = 6)."""

    currency: str  # ISO 4217
    scale: int
    printed: str  # the unit text as printed, e.g. 人民幣千元


class RowUnit(_Model):
    """The unit a row prints in its own label (（千股）, （人民幣千元）, （以每股人民幣元表示）)
    where the table prints none: ``kind`` is money, per_share, shares or pure; the scale
    of its amounts (千股 = 3, 港仙 = -2, % = -2)."""

    kind: Literal["money", "per_share", "shares", "pure"]
    currency: str | None = None  # ISO 4217; None for share counts and ratios
    scale: int = 0
    printed: str  # the unit as printed inside the brackets


class Cell(_Model):
    text: str  # exactly as printed, brackets included
    line: int
    value: Decimal | None = None  # signed as printed (brackets negative), printed units
    dash: bool = False  # "–": a printed zero
    blank: bool = False  # a column the row leaves empty (known from a PDF's positions)
    places: int = 0  # digits after the decimal point as printed


class LaidLine(_Model):
    """A line as the layout stage reads it: the label text and the trailing amount cells."""

    source: SourceLine  # the line the row starts on (its label's line)
    text: str  # the row as one printed line: label, then the cells
    label: str  # the text before the trailing amounts, as printed
    cells: tuple[Cell, ...] = ()  # trailing amounts (a note number may be among them)
    problem: str | None = None  # why the amounts cannot be read as the columns
    inferred: bool = False  # the layout stage joined or split what the extractor printed

    @property
    def number(self) -> int:
        return self.source.number

    @property
    def furniture(self) -> bool:
        return self.source.furniture


class Layout(_Model):
    path: str
    encoding: str
    script: str
    lines: tuple[LaidLine, ...]
    pages: tuple[tuple[int, int], ...] = ()  # (page, line on the page) per source line


class Row(_Model):
    lines: tuple[int, ...]  # source lines the row spans (wrapped labels)
    label: str  # joined label, spaces removed
    printed_label: str  # as printed, wrapped parts joined with a newline
    note: str | None = None
    cells: tuple[Cell, ...] = ()
    section: Section | None = None
    heading: str | None = None  # nearest heading above the row inside the table
    problem: str | None = None  # why the cells could not be read as the columns
    inferred: bool = False  # the row was rebuilt by the layout stage, not read as printed
    unit: RowUnit | None = None  # the unit its label prints, in a table that prints none

    @property
    def is_heading(self) -> bool:
        return not self.cells


class Column(_Model):
    period: Period | None = None  # None in a statement of changes in equity
    member: str | None = None  # equity component (ifrs-full or extension member name)
    label: str = ""
    # A component printed as a deduction (减：库存股): its amounts count against equity.
    deducted: bool = False
    # A column of percentages beside the amounts: "share" of the year's total (佔總收入百分比)
    # or the "change" on the year (同比變動). No concept takes them.
    ratio: str | None = None


class Table(_Model):
    statement: StatementKind | None  # None for tables outside the primary statements
    title: str
    lines: tuple[int, int]  # first and last source line
    header_lines: tuple[str, ...]
    rows: tuple[Row, ...]
    note_column: bool = False
    # Read from the header by the columns stage:
    columns: tuple[Column, ...] = ()
    unit: Unit | None = None
    separate: bool = False  # the parent company's own statement (母公司资产负债表)
    # The mainland template (项目 … 本期发生额) prints every line with its own sign (expenses
    # and payments positive), not in the direction of the statement's result.
    natural_signs: bool = False
    footnotes: tuple[str, ...] = ()
    problem: str | None = None  # why the columns cannot be read; no cell is then tagged
    context: str = ""  # the nearest heading above the table, to name it in reviews
    lead_in: str = ""  # the sentence just above that introduces it (下表載列…概要：)

    def is_note_by_period(self) -> bool:
        """A table outside the statements whose columns were read, each a period (no
        percentages beside the amounts): the kind the notes' rules read row by row."""
        if self.statement is not None or self.problem or self.unit is None or not self.columns:
            return False
        return all(c.period is not None and not c.ratio for c in self.columns)


class Block(_Model):
    kind: Literal["heading", "paragraph", "table", "page"]
    lines: tuple[int, ...]
    text: str = ""
    table: Table | None = None


class Document(_Model):
    path: str
    script: str
    encoding: str
    blocks: tuple[Block, ...]
    # (page, line on the page) of each source line, by line number - 1: where a figure came
    # from in the printed document (form feeds in text, the PDF's own pages).
    pages: tuple[tuple[int, int], ...] = ()

    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.table is not None]

    def page_of(self, line: int) -> tuple[int, int] | None:
        return self.pages[line - 1] if 0 < line <= len(self.pages) else None
