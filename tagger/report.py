"""Writing a tagged announcement: the Report Package (.xbri) and the two CSV listings.

Package layout (Report Package 1.0, inline):
    <stem>/META-INF/reportPackage.json
    <stem>/META-INF/taxonomyPackage.xml, catalog.xml   the filing extension as a package
    <stem>/reports/<stem>.xhtml                        the whole announcement, tagged
    <stem>/extension/<stem>.xsd, _lab/_pre/_cal/_def   the filing extension taxonomy
Zip entries are sorted and time-stamped 1980-01-01, so the same input gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from tagger.errors import IxtagError
from tagger.extension_taxonomy import build_extension
from tagger.pipeline import TagResult
from tagger.xhtml import write_xhtml
from taxonomy.loader import default_concept_map
from xbrl.package import EntryPoint, PackageInfo, taxonomy_package_files, write_zip
from xbrl.urls import FILING_BASE_URL

DEFAULT_SCHEME = "https://www.hkex.com.hk/stock-code"
_STOCK_CODE = re.compile(r"(?:股份代號|股份代号|股票代碼|股票代码|Stock Code)\s*[:：]\s*(\d{1,5})")
_REPORT_PACKAGE_JSON = {
    "documentInfo": {"documentType": "https://xbrl.org/report-package/2023/xbri"}
}


class ReportOptions(BaseModel):
    """Options shared by the CLI and the Python API."""

    model_config = ConfigDict(frozen=True)

    entity_scheme: str = DEFAULT_SCHEME
    entity_id: str | None = None  # default: the stock code printed in the announcement


class WrittenReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    package: Path
    facts_csv: Path
    review_csv: Path
    fact_count: int
    review_count: int


def stock_code(result: TagResult) -> str | None:
    for block in result.document.blocks[:80]:
        match = _STOCK_CODE.search(block.text)
        if match:
            return match.group(1).zfill(4)
    return None


def value_text(fact) -> str:
    """The fact value in full units, as many decimal places as ``decimals`` says."""
    places = max(fact.decimals, 0)
    return f"{fact.value:.{places}f}"


def _facts_csv(result: TagResult) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
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
            "method",
            "confidence",
            "taxonomy_wording",
        ]
    )
    for f in result.facts:
        writer.writerow(
            [
                f.concept.qname,
                f.label.replace("\n", ""),
                f.statement,
                f.period.start.isoformat() if f.period.start else "",
                f.period.end.isoformat(),
                ";".join(f"{a}={m}" for a, m in f.dims),
                f.unit,
                f.decimals,
                value_text(f),
                f.cell.text,
                f.cell.line,
                f.method,
                f.confidence,
                f.wording,
            ]
        )
    return out.getvalue().encode("utf-8")


def _review_csv(result: TagResult) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "source_line", "printed", "reason", "table"])
    for item in sorted(result.review, key=lambda r: (r.line, r.kind, r.text)):
        writer.writerow([item.kind, item.line, item.text, item.reason, item.table])
    return out.getvalue().encode("utf-8")


def _titles(result: TagResult) -> dict[str, str]:
    titles: dict[str, str] = {}
    for table in result.document.tables():
        if table.statement:
            titles.setdefault(table.statement, table.title)
    return titles


def package_files(result: TagResult, stem: str, options: ReportOptions) -> dict[str, bytes]:
    identifier = options.entity_id or stock_code(result) or stem
    period_end = max(f.period.end for f in result.facts).isoformat()
    base = f"{FILING_BASE_URL}{identifier}/{period_end}/"
    namespace = base.rstrip("/")
    extension = build_extension(
        cmap=default_concept_map(),
        namespace=namespace,
        stem=stem,
        lang=result.document.script,
        facts=result.facts,
        summations=result.summations,
        members=result.members,
        titles=_titles(result),
    )
    xhtml = write_xhtml(
        result.document,
        result.facts,
        schema_href=f"../extension/{extension.schema_file}",
        scheme=options.entity_scheme,
        identifier=identifier,
        extension_ns=namespace,
        title=f"{stem} ({identifier})",
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
    files[f"{stem}/reports/{stem}.xhtml"] = xhtml
    files[f"{stem}/META-INF/reportPackage.json"] = json.dumps(_REPORT_PACKAGE_JSON).encode()
    return files


def write_report(
    result: TagResult, outdir: Path, stem: str, options: ReportOptions
) -> WrittenReport:
    outdir.mkdir(parents=True, exist_ok=True)
    review_csv = outdir / f"{stem}.review.csv"
    review_csv.write_bytes(_review_csv(result))
    if not result.facts:
        raise IxtagError(
            f"statements found but no amount could be tagged; the reasons are in {review_csv}"
        )
    package = write_zip(outdir / f"{stem}.xbri", package_files(result, stem, options))
    facts_csv = outdir / f"{stem}.facts.csv"
    facts_csv.write_bytes(_facts_csv(result))
    return WrittenReport(
        package=package,
        facts_csv=facts_csv,
        review_csv=review_csv,
        fact_count=len(result.facts),
        review_count=len(result.review),
    )
