"""Exporting a report's facts as xBRL-JSON, xBRL-CSV or Excel (Arelle's saveLoadableOIM).

    exported = export_report(Path("report.xbri"), "json", Path("out/report.json"))
    exported.files, exported.fact_count

Stages: the packages (as for validation) -> one Arelle run that loads the report (without
validating it) and saves it through saveLoadableOIM -> the taxonomy reference made portable.
Arelle writes the taxonomy as the report's schemaRef wrote it, here a path relative to the
report inside its package ("../extension/x.xsd"); ixtag replaces it with the https URL that
the package's catalog maps to that path, so the export loads anywhere with the taxonomy
packages and the report package itself as one of them (see ``reload_facts``).
An xBRL-CSV export is ``<base>-metadata.json`` (its entry point) plus ``<base>-facts.csv``.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from tagger.archives import check_archive
from tagger.arelle_runner import ArelleRun, run_arelle
from tagger.errors import ExportError
from tagger.regex_cache import regex
from tagger.validation import ReportFacts, catalog_rewrites, report_facts, taxonomy_packages

FORMATS = {"json": ".json", "csv": ".csv", "xlsx": ".xlsx"}
CSV_PARTS = ("metadata.json", "facts.csv", "footnotes.csv")
_REPORT_DOC = regex(r"(^|/)reports/.*\.(xhtml|html|htm|xbrl)$")
_URL = regex(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


class Exported(BaseModel):
    model_config = ConfigDict(frozen=True)

    report: Path
    format: str
    files: list[Path]  # the entry point first
    fact_count: int
    taxonomy: list[str]  # the taxonomy references written in the export


def target_path(report: Path, fmt: str, out: Path) -> Path:
    """The file to ask Arelle for: ``out`` itself, or ``out/<report stem>.<fmt>`` when ``out``
    is a folder (an existing one, or a path without a suffix)."""
    if out.is_dir() or not out.suffix:
        return out / f"{report.stem}{FORMATS[fmt]}"
    if out.suffix.lower() != FORMATS[fmt]:
        raise ExportError(f"{out}: a {fmt} export must end with {FORMATS[fmt]}")
    return out


def written_files(target: Path, fmt: str) -> list[Path]:
    """The files Arelle may write for ``target``: for xBRL-CSV the metadata file (the entry
    point), then its tables of facts and of footnotes."""
    if fmt != "csv":
        return [target]
    base = target.with_suffix("")
    return [base.parent / f"{base.name}-{part}" for part in CSV_PARTS]


def _report_folder(archive: zipfile.ZipFile) -> str | None:
    return next(
        (posixpath.dirname(n) for n in sorted(archive.namelist()) if _REPORT_DOC.search(n)), None
    )


def portable_reference(ref: str, report: Path) -> str:
    """The taxonomy reference ``ref`` (as the report's schemaRef wrote it) as a URL its package
    catalog maps, or an absolute path for a report outside a package; else unchanged."""
    if _URL.match(ref) or ref.startswith("/"):
        return ref
    if not zipfile.is_zipfile(report):
        local = (report.parent / ref).resolve()
        return str(local) if local.is_file() else ref
    with zipfile.ZipFile(report) as archive:
        folder = _report_folder(archive)
    if folder is None:
        return ref
    inside = posixpath.normpath(posixpath.join(folder, ref))
    for start, prefix in catalog_rewrites(report).items():
        if inside.startswith(prefix + "/"):
            return start.rstrip("/") + "/" + inside[len(prefix) + 1 :]
    return ref


def _fix_metadata(metadata: dict[str, Any], report: Path) -> list[str]:
    info = metadata.setdefault("documentInfo", {})
    info["taxonomy"] = [portable_reference(ref, report) for ref in info.get("taxonomy", [])]
    return info["taxonomy"]


def _fix_json_file(path: Path, report: Path, indent: int) -> list[str]:
    metadata = json.loads(path.read_text(encoding="utf-8"))
    refs = _fix_metadata(metadata, report)
    path.write_text(json.dumps(metadata, ensure_ascii=False, indent=indent), encoding="utf-8")
    return refs


def _fix_workbook(path: Path, report: Path) -> list[str]:
    from openpyxl import load_workbook  # Arelle's own dependency for Excel output

    workbook = load_workbook(path)
    cell = workbook["metadata"]["A2"]
    metadata = json.loads(cell.value)
    refs = _fix_metadata(metadata, report)
    cell.value = json.dumps(metadata, ensure_ascii=False, indent=1)
    workbook.save(path)
    return refs


def fix_taxonomy_references(files: list[Path], fmt: str, report: Path) -> list[str]:
    if fmt == "xlsx":
        return _fix_workbook(files[0], report)
    return _fix_json_file(files[0], report, indent=1 if fmt == "json" else 2)


def _fact_count(models: list[Any]) -> int:
    return sum(len(model.facts) for model in models)


def _check_written(run: ArelleRun, report: Path, target: Path, fmt: str) -> list[Path]:
    """The files written, or ExportError (and nothing left behind) when Arelle could not load
    the report cleanly (an unresolved taxonomy gives facts without concepts) or save it."""
    failed = [
        m.line()
        for m in run.messages
        if m.level in ("ERROR", "CRITICAL") or m.text.startswith("Exception saving OIM")
    ]
    files = [f for f in written_files(target, fmt) if f.is_file()]
    if failed or not files:
        for path in files:
            path.unlink()
        reasons = "; ".join(failed[:3]) or "Arelle wrote nothing"
        more = f" (and {len(failed) - 3} more: see `ixtag validate`)" if len(failed) > 3 else ""
        raise ExportError(f"{report}: no {fmt} export: {reasons}{more}")
    return files


def export_report(
    report: Path,
    fmt: str,
    out: Path,
    extra_packages: Sequence[Path] = (),
    packages_dir: Path | None = None,
) -> Exported:
    """Load ``report`` with the taxonomy packages and save its facts in ``fmt``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    check_archive(report)
    target = target_path(report, fmt, out)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in written_files(target, fmt):
        stale.unlink(missing_ok=True)
    run = run_arelle(
        report,
        taxonomy_packages(extra_packages, packages_dir),
        validate=False,
        calcs=None,
        duplicates=None,
        plugins="saveLoadableOIM",
        plugin_options={"saveLoadableOIM": str(target)},
        inspect=_fact_count,
    )
    files = _check_written(run, report, target, fmt)
    refs = fix_taxonomy_references(files, fmt, report)
    return Exported(
        report=report, format=fmt, files=files, fact_count=run.inspected or 0, taxonomy=refs
    )


def reload_facts(export: Path, packages: Sequence[Path]) -> ReportFacts:
    """Load an xBRL-JSON or xBRL-CSV (metadata) export in Arelle and return its facts; pass
    the taxonomy packages and the report package that holds the filing extension."""
    run = run_arelle(
        export,
        packages,
        validate=False,
        calcs=None,
        duplicates=None,
        plugins="loadFromOIM",
        inspect=report_facts,
    )
    return run.inspected if isinstance(run.inspected, ReportFacts) else ReportFacts()
