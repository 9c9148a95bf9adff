"""Findings: everything a run leaves for a person to look at, in one shape.

What the tagger does not tag (and why), printed figures that do not add up, relationships it
leaves out, and Arelle's messages on a report are all ``Finding``s: a stable ``code``, a
``severity``, a one-line ``message``, a ``hint`` saying what to do, the ``source`` (line, or
page and line on the page, and the table), and the ``printed`` text. ``review.csv`` and
``ixtag validate --json`` write this shape. Exceptions are only for what stops a run
(``tagger.errors``).

The tagger's codes are the table ``CODES`` below; the README lists the same table (a test
checks that they agree). Arelle's messages keep Arelle's own codes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "inconsistency", "warning", "info"]

# code -> (severity, hint): the one documented table of the tagger's finding codes.
CODES: dict[str, tuple[Severity, str]] = {
    "untagged-note-table": (
        "info",
        "an amount in a table outside the primary statements; not tagged in this version",
    ),
    "columns-not-periods": (
        "info",
        "an amount in a table whose columns are not periods (ageing bands, say) and which no "
        "member of the taxonomy names; not tagged",
    ),
    "ageing-bands-unclear": (
        "info",
        "a table headed as an ageing analysis whose rows are not age bands covering the ages "
        "with no gap or overlap (sub-headings among them, a band no wording reads): not tagged",
    ),
    "ageing-sum-differs": (
        "warning",
        "an ageing analysis whose bands do not add up to its printed total: not tagged, check "
        "the printed figures",
    ),
    "ageing-total-unproved": (
        "info",
        "an ageing analysis whose total is no amount tagged elsewhere for its date (or could be "
        "more than one): not tagged",
    ),
    "ageing-duplicate-differs": (
        "warning",
        "an age band printed twice (the discussion's copy in 百萬元) whose amounts differ "
        "beyond rounding: the coarser copy is not tagged",
    ),
    "ecl-matrix-unclear": (
        "info",
        "a provision matrix of expected credit losses whose heads are not one date and age "
        "bands covering the ages in order then a total: not tagged",
    ),
    "ecl-matrix-sum-differs": (
        "warning",
        "a provision matrix whose bands do not add up to its printed total: not tagged, check "
        "the printed figures",
    ),
    "ecl-matrix-unproved": (
        "info",
        "a provision matrix whose collective total, with the receivables assessed one by one, "
        "is not the gross amount and allowance tagged for its date: not tagged",
    ),
    "ecl-matrix-rate": (
        "info",
        "a rate of expected credit loss in a provision matrix: IFRS has no concept for it; "
        "not tagged",
    ),
    "eps-input-differs": (
        "warning",
        "a profit, share count or EPS of the EPS note that does not agree with the statements "
        "(or with the EPS it computes) within rounding; not tagged, check the printed figures",
    ),
    "eps-input-unclear": (
        "info",
        "a row of the EPS note that nothing printed can check (no statement figure for its "
        "period, a share count no EPS proves, a diluted numerator); not tagged",
    ),
    "untagged-text-figure": (
        "info",
        "a figure printed in running text (management discussion, notes) that does not restate "
        "a statement line in so many words; not tagged",
    ),
    "text-figure-differs": (
        "warning",
        "a figure in running text names a statement line and year, but its amount differs "
        "from the statement's beyond rounding; not tagged, check the printed figures",
    ),
    "below-unit-mark": (
        "info",
        "printed as a mark (such as * for an amount below the unit), not an amount",
    ),
    "ambiguous-layout": (
        "warning",
        "the row's amounts cannot be matched to the columns; read the printed row",
    ),
    "unreadable-columns": (
        "warning",
        "the column header cannot be read (periods or components); no cell is tagged",
    ),
    "percentage-column": (
        "info",
        "a percentage printed beside the amounts (a share of the year's total, or the change "
        "on the year): no concept takes it",
    ),
    "no-period": (
        "warning",
        "no period could be read from the column headers; give --period-end",
    ),
    "no-unit": (
        "warning",
        "no currency or scale is printed for the table",
    ),
    "attribution-unclear": (
        "warning",
        "a row naming the owners or non-controlling interests whose total cannot be told "
        "from the printed amounts; left untagged",
    ),
    "total-adds-to-nothing": (
        "warning",
        "printed as a total, but no rows above add up to it; check the printed figures",
    ),
    "conflicting-duplicate": (
        "warning",
        "the same concept and period printed elsewhere with another value; tagged with an "
        "extension concept of its own",
    ),
    "conflicting-duplicate-untagged": (
        "warning",
        "the same concept and period printed elsewhere with another value; left untagged",
    ),
    "below-min-confidence": (
        "info",
        "tagged with less confidence than --min-confidence asks for; left out of the report",
    ),
    "extension-names-ifrs-concept": (
        "warning",
        "an extension labelled with the wording of an IFRS concept that fits its statement, "
        "period type and balance; the IFRS concept was probably missed",
    ),
    "note-row-unclear": (
        "info",
        "a row of a note table ixtag reads (revenue by region, expenses by nature …) whose "
        "line item, member or period is in doubt; left untagged",
    ),
    "note-sign-unclear": (
        "warning",
        "which way a note table prints its amounts cannot be told (no total matching a "
        "statement amount, and the total may be either sign); left untagged",
    ),
    "note-total-unproved": (
        "warning",
        "a note table ixtag reads whose printed total the rows above do not add up to, or "
        "differs from the statement's line; the whole table is left untagged",
    ),
    "note-row-no-axis": (
        "info",
        "a row of a note table whose total is tagged, splitting it along something IFRS has no "
        "axis for (the currency of a bank facility); the total is tagged, the row is not",
    ),
    "note-conflicts": (
        "warning",
        "a note amount differs from the one already tagged for its concept and period; left "
        "untagged",
    ),
    "movement-does-not-add-up": (
        "warning",
        "a movement table (property, plant and equipment …, a class of one balance) whose "
        "printed figures do not prove "
        "out: a column that does not roll forward, cost and accumulated depreciation that do "
        "not make the carrying amount, a total that is not the sum of the classes; left untagged",
    ),
    "movement-columns-unclear": (
        "warning",
        "a movement table whose class header cannot be read as one name per column (or names "
        "a column that is no class of its axis); left untagged",
    ),
    "calculation-left-out": (
        "info",
        "the printed rows add up, but the relationship cannot hold in every context of the "
        "report; left out of the calculation linkbase",
    ),
}


class Source(BaseModel):
    """Where a finding points: a line of the input (and its page and line on the page), or a
    document and line inside a report; and the table it belongs to."""

    model_config = ConfigDict(frozen=True)

    line: int | None = None
    page: int | None = None
    page_line: int | None = None
    document: str | None = None
    table: str = ""

    def text(self) -> str:
        parts = [self.document or ""]
        if self.page is not None and self.page_line is not None:
            parts.append(f"page {self.page} line {self.page_line}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(p for p in parts if p)


class FactInfo(BaseModel):
    """A fact a finding names, as Arelle loaded it: what a reader needs to find it."""

    model_config = ConfigDict(frozen=True)

    id: str | None = None
    concept: str
    context: str | None = None
    period: str | None = None  # "2023-01-01..2023-12-31" or "2023-12-31"
    dimensions: dict[str, str] = Field(default_factory=dict)
    unit: str | None = None
    decimals: str | None = None
    value: str | None = None  # the XBRL value, after transform, scale and sign
    text: str | None = None  # the text printed in the report
    document: str | None = None
    line: int | None = None

    def label(self) -> str:
        dims = "".join(f" {axis}={member}" for axis, member in self.dimensions.items())
        period = f": {self.period}" if self.period else ""
        return f"{self.concept} [{self.context or '-'}{period}{dims}]"


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str
    hint: str = ""
    source: Source = Source()
    printed: str = ""
    facts: tuple[FactInfo, ...] = ()


def finding(code: str, message: str, source: Source, printed: str = "") -> Finding:
    """A tagger finding: severity and hint from ``CODES``."""
    severity, hint = CODES[code]
    return Finding(
        code=code, severity=severity, message=message, hint=hint, source=source, printed=printed
    )
