"""Stage 11, write: a tagged announcement as a Report Package (.xbri), and the two CSV listings.

Package layout (Report Package 1.0, inline):
    <stem>/META-INF/reportPackage.json
    <stem>/META-INF/taxonomyPackage.xml, catalog.xml   the filing extension as a package
    <stem>/reports/<base>-<date>-1-<lang>.xhtml        the whole announcement, tagged
    <stem>/extension/<base>-<date>.xsd, _pre/_cal/_def.xml, _lab-<lang>.xml
                                                       the filing extension taxonomy
<base> is the entity identifier (at most 20 URL-safe characters), <date> the period end,
<lang> the announcement's script: the names ESEF 3.1.5 and 2.6.3 ask for (xbrl.naming).
Zip entries are sorted and time-stamped 1980-01-01, so the same input gives the same bytes.
``build_package`` makes the files in memory (the pipeline's last stage); ``write_report``
saves the package, ``facts.csv`` and ``review.csv``.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from tagger.arithmetic import Summation
from tagger.entity_facts import TextFact
from tagger.errors import NothingTaggedError
from tagger.extension_taxonomy import build_extension
from tagger.extensions import ExtensionMember
from tagger.facts import Fact
from tagger.findings import Finding
from tagger.model import Document, Period
from tagger.note_sections import NoteSection
from tagger.options import TagOptions
from tagger.regex_cache import regex
from tagger.xhtml import write_xhtml
from taxonomy.models import ConceptMap
from xbrl.files import write_atomically
from xbrl.naming import TaxonomyFiles, file_base, report_file_name
from xbrl.package import EntryPoint, PackageInfo, taxonomy_package_files, write_zip
from xbrl.urls import FILING_BASE_URL

_STOCK_CODE = regex(
    r"(?:股份代號|股份代号|股票代碼|股票代码|證券代碼|证券代码|公司代码|Stock Code)\s*[:：]\s*"
    r"(\d{1,6})(?!\d)"
)
_STOCK_CODE_LINES = 80  # the cover: an issuer's own code stands there, others' codes later
_REPORT_PACKAGE_JSON = {
    "documentInfo": {"documentType": "https://xbrl.org/report-package/2023/xbri"}
}
FACTS_COLUMNS = (
    "concept",
    "matched_label",
    "statement",
    "period_start",
    "period_end",
    "dimensions",
    "unit",
    "decimals",
    "value",
    "printed",
    "source_line",
    "page",
    "page_line",
    "method",
    "evidence",
    "confidence",
    "taxonomy_wording",
)
REVIEW_COLUMNS = (
    "code",
    "severity",
    "source_line",
    "page",
    "page_line",
    "printed",
    "message",
    "table",
    "hint",
)


class ReportPackage(BaseModel):
    model_config = ConfigDict(frozen=True)

    identifier: str  # the entity identifier written in every context
    files: dict[str, bytes]  # zip entry name -> content


class WrittenReport(NamedTuple):  # what was written: no model class to build, no validation
    package: Path
    facts_csv: Path
    review_csv: Path
    fact_count: int
    review_count: int


def stock_code(document: Document) -> str | None:
    """The issuer's stock code as its exchange prints it: five digits in Hong Kong (00020),
    six on the mainland (600201). Read from the cover only: further on, a director's
    biography or a note names other companies' codes."""
    for block in document.blocks:
        if block.lines and block.lines[0] > _STOCK_CODE_LINES:
            break
        match = _STOCK_CODE.search(block.text)
        if match:
            code = match.group(1)
            return code if len(code) == 6 else code.zfill(5)
    return None


def value_text(fact: Fact) -> str:
    """The fact value in full units, as many decimal places as ``decimals`` says."""
    places = max(fact.decimals, 0)
    return f"{fact.value:.{places}f}"


def _csv(header: tuple[str, ...], rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _text_block_rows(notes: tuple[NoteSection, ...], period: Period | None, page) -> list[list]:
    """One row per text block fact: its notes' titles; the text itself is in the report."""
    rows: dict[str, list] = {}
    for note in notes if period is not None else ():
        if note.concept in rows:
            rows[note.concept][1] += f"；{note.number} {note.title}"
            continue
        why = "the note's title names it" if note.specific else "no concept names the title"
        rows[note.concept] = [
            f"ifrs-full:{note.concept}",
            f"{note.number} {note.title}",
            "notes",
            period.start.isoformat() if period.start else "",
            period.end.isoformat(),
            "",
            "",
            "",
            "",  # a text block: the note as printed, in the report
            f"{note.number} {note.title}",
            note.first_line,
            *page(note.first_line),
            "note title",
            why,
            1.0,
            note.title,
        ]
    return list(rows.values())


def text_block_concepts(notes: tuple[NoteSection, ...]) -> list[str]:
    """The qnames of the notes' text block facts, one per concept, in the notes' order."""
    return [f"ifrs-full:{c}" for c in dict.fromkeys(note.concept for note in notes)]


def text_block_count(notes: tuple[NoteSection, ...]) -> int:
    return len(text_block_concepts(notes))


def _entity_rows(entity: list[TextFact], page) -> list[list]:
    """One row per fact of the entity's information, its value as printed."""
    return [
        [
            f.concept.qname,
            f.concept.label,
            "entity",
            f.period.start.isoformat() if f.period.start else "",
            f.period.end.isoformat(),
            "",
            "",
            "",
            f.fact_value,
            f.value,
            f.line,
            *page(f.line),
            "entity wording",
            f"read from the {f.wording}",
            1.0,
            f.wording,
        ]
        for f in entity
    ]


def facts_csv(
    facts: list[Fact],
    document: Document | None = None,
    notes: tuple[NoteSection, ...] = (),
    entity: list[TextFact] = (),
) -> bytes:
    """The facts of the report, one row each: the amounts, then the entity's information and
    the notes' text blocks."""

    def page(line: int) -> tuple[int | str, int | str]:
        return (document.page_of(line) if document else None) or ("", "")

    blocks = _entity_rows(entity, page) + _text_block_rows(notes, reporting_period(facts), page)
    return _csv(FACTS_COLUMNS, [*_fact_rows(facts, page), *blocks])


def _fact_rows(facts: list[Fact], page) -> Iterator[list]:
    # facts share a few dozen periods and sets of dimensions: each written once
    dates: dict[tuple, tuple[str, str]] = {}
    dimensions: dict[tuple, str] = {(): ""}
    for f in facts:
        period = f.period
        when = dates.get((period.start, period.end))
        if when is None:
            start = period.start.isoformat() if period.start else ""
            when = dates[(period.start, period.end)] = (start, period.end.isoformat())
        dims = dimensions.get(f.dims)
        if dims is None:
            dims = dimensions[f.dims] = ";".join(f"{a}={m}" for a, m in f.dims)
        yield [
            f.concept.qname,
            f.label.replace("\n", ""),
            f.statement,
            *when,
            dims,
            f.unit,
            f.decimals,
            value_text(f),
            f.cell.text,
            f.cell.line,
            *page(f.cell.line),
            f.method,
            f.evidence,
            f.confidence,
            f.wording,
        ]


def review_csv(findings: list[Finding], document: Document | None = None) -> bytes:
    ordered = sorted(findings, key=lambda f: (f.source.line or 0, f.code, f.printed, f.message))

    def page(line: int | None) -> tuple[int | str, int | str]:
        return (document.page_of(line) if document and line else None) or ("", "")

    return _csv(
        REVIEW_COLUMNS,
        (
            [
                f.code,
                f.severity,
                f.source.line or "",
                *page(f.source.line),
                f.printed,
                f.message,
                f.source.table,
                f.hint,
            ]
            for f in ordered
        ),
    )


_TITLE_ENDS = ("公告", "報告", "报告", "年報", "年报", "ANNOUNCEMENT", "REPORT")
_LONGEST_TITLE = 40  # characters
_TITLE_BLOCKS = 60  # blocks from the top where the title is looked for


def announcement_title(document: Document) -> str | None:
    """The announcement's own title, as printed near its top (截至2023年12月31日止年度之年度業績
    公告, 2020年年度报告): a short line, no sentence, ending in 公告 / 報告; None if none is
    found. A report's running header counts, as annual reports print their title there."""
    for block in document.blocks[:_TITLE_BLOCKS]:
        text = " ".join(block.text.split())
        short = len(text) <= _LONGEST_TITLE and "。" not in text
        if (
            block.kind in ("heading", "paragraph", "page")
            and short
            and text.upper().endswith(_TITLE_ENDS)
        ):
            return text
    return None


def _titles(document: Document) -> dict[str, str]:
    titles: dict[str, str] = {}
    for table in document.tables():
        if table.statement:
            titles.setdefault(table.statement, table.title)
    return titles


_UNSAFE_IN_NAMES = regex(r"[^\w.\-]")  # \w: letters of any script, digits, _


def package_name(stem: str) -> str:
    """The name the files inside a report package take from an input's name: the characters
    that mean something in a URL (#, %, ?, space …) become _, so that every reference inside
    the package resolves (an input r#1.txt gives r#1.xbri holding reports/r_1.xhtml)."""
    return _UNSAFE_IN_NAMES.sub("_", stem) or "report"


def reporting_period(facts: list[Fact]) -> Period | None:
    """The financial period the announcement reports: the duration most of its facts for
    the latest period end are of (the year, or the interim period)."""
    durations = [f.period for f in facts if f.period.start is not None]
    if not durations:
        return None
    end = max(p.end for p in durations)
    # counted by (start, end): a period's value, far cheaper to hash than the model
    latest = Counter((p.start, p.end) for p in durations if p.end == end)
    most = max(latest, key=lambda k: (latest[k], k[1] - k[0]))
    return next(p for p in durations if (p.start, p.end) == most)


def build_package(
    document: Document,
    facts: list[Fact],
    summations: list[Summation],
    members: list[ExtensionMember],
    concept_map: ConceptMap,
    stem: str,
    options: TagOptions,
    totals: frozenset[tuple[int, int]] = frozenset(),
    notes: tuple[NoteSection, ...] = (),
    text_facts: list[TextFact] = (),
) -> ReportPackage | None:
    """The report package's files, or None when there is no fact to report. ``totals``:
    the (table, row) the page rules a line above (``arithmetic.printed_totals``)."""
    if not facts:
        return None
    stem = package_name(stem)
    identifier = options.entity_id or stock_code(document) or stem
    period_end = max(f.period.end for f in facts).isoformat()
    base = f"{FILING_BASE_URL}{identifier}/{period_end}/"
    namespace = base.rstrip("/")
    names = TaxonomyFiles(file_base(identifier), period_end)
    period = reporting_period(facts)
    extension = build_extension(
        cmap=concept_map,
        namespace=namespace,
        names=names,
        lang=document.script,
        facts=facts,
        summations=summations,
        members=members,
        titles=_titles(document),
        text_facts=text_facts,
        text_blocks=text_block_concepts(notes) if period else [],
    )
    xhtml = write_xhtml(
        document,
        facts,
        schema_href=f"../extension/{extension.schema_file}",
        scheme=options.entity_scheme,
        identifier=identifier,
        extension_ns=namespace,
        title=announcement_title(document) or f"{stem} ({identifier})",
        totals=totals,
        notes=notes,
        notes_period=period,
        text_facts=text_facts,
    )
    info = PackageInfo(
        identifier=base,
        name=f"{stem} filing extension",
        version=period_end,
        entry_points=[EntryPoint(stem, base + extension.schema_file)],
    )
    files = taxonomy_package_files(
        stem,
        info,
        {base: "../extension/"},
        {f"extension/{name}": data for name, data in extension.files.items()},
    )
    report_name = report_file_name(names.base, period_end, document.script)
    files[f"{stem}/reports/{report_name}"] = xhtml
    files[f"{stem}/META-INF/reportPackage.json"] = json.dumps(_REPORT_PACKAGE_JSON).encode()
    return ReportPackage(identifier=identifier, files=files)


def write_report(result, outdir: Path) -> WrittenReport:
    """Save ``<stem>.review.csv``, then ``<stem>.xbri`` and ``<stem>.facts.csv``; a result with
    no fact raises NothingTaggedError after writing the review, which says why."""
    outdir.mkdir(parents=True, exist_ok=True)
    # Arelle reads %xx in a package's own path as an escape: a % in a name becomes _.
    stem = result.stem.replace("%", "_")
    review = outdir / f"{stem}.review.csv"
    write_atomically(review, review_csv(result.findings, result.document))
    if result.package is None:
        raise NothingTaggedError(
            f"statements found but no amount could be tagged; the reasons are in {review}"
        )
    package = write_zip(outdir / f"{stem}.xbri", result.package.files)
    facts = outdir / f"{stem}.facts.csv"
    listing = facts_csv(result.facts, result.document, result.notes, result.entity_facts)
    write_atomically(facts, listing)
    return WrittenReport(
        package=package,
        facts_csv=facts,
        review_csv=review,
        fact_count=len(result.facts) + len(result.entity_facts) + text_block_count(result.notes),
        review_count=len(result.findings),
    )
