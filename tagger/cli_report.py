"""``ixtag validate``, ``ixtag export`` and ``ixtag view``: thin shells over
tagger.validation, tagger.export and tagger.viewer."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from tagger.cli_options import output_folder

_REPORT = click.Path(exists=True, dir_okay=False, path_type=Path)
_SEVERITY_STYLE = {
    "error": "bold red",
    "inconsistency": "bold magenta",
    "warning": "yellow",
    "info": "dim",
}


def _taxonomy_options(command):
    """--package and --taxonomy-dir, shared by the three commands."""
    command = click.option(
        "--package",
        "packages",
        multiple=True,
        type=_REPORT,
        metavar="ZIP",
        help="A taxonomy package to load as well (repeatable), e.g. the official IFRS "
        "Taxonomy package, which then replaces ixtag's offline IFRS subset.",
    )(command)
    return click.option(
        "-d",
        "--taxonomy-dir",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        help="Use ixtag's taxonomy packages from this folder (`ixtag taxonomy build -o DIR`) "
        "instead of the shipped ones.",
    )(command)


def _console():
    from rich.console import Console

    return Console(soft_wrap=True, highlight=False)


def _fact_line(fact) -> str:
    printed = f'printed "{fact.text}" = ' if fact.text else ""
    unit = f" {fact.unit}" if fact.unit else ""
    where = ", ".join(
        x for x in (f"#{fact.id}" if fact.id else "", f"line {fact.line}" if fact.line else "") if x
    )
    return f"    {fact.label()}  {printed}{fact.value}{unit}" + (f"  ({where})" if where else "")


def _print_findings(console, findings) -> None:
    from rich.text import Text

    for item in findings:
        head = Text("  ")
        head.append(item.severity.upper(), style=_SEVERITY_STYLE.get(item.severity, "bold"))
        head.append(f" {item.code}")
        console.print(head)
        console.print(Text(f"    {item.message}"))
        for fact in item.facts:
            console.print(Text(_fact_line(fact), style="cyan"))
        where = item.source.text()
        if not item.facts and where:
            console.print(Text(f"    at {where}", style="dim"))


def _counts_table(summaries):
    from rich.table import Table

    levels = sorted(
        {level for s in summaries for level in s.counts}, key=lambda lv: (lv == "INFO", lv)
    )
    excused = any(s.not_applicable() for s in summaries)
    table = Table(title="Arelle validation", title_justify="left")
    extra = ("n/a (EU)",) if excused else ()
    for name in ("report", "verdict", "facts", *(lv.lower() for lv in levels), *extra, "s"):
        left = name in ("report", "verdict")
        table.add_column(name, justify="left" if left else "right", no_wrap=True)
    for s in summaries:
        verdict = "[green]valid[/]" if s.passed else "[bold red]NOT valid[/]"
        counts = [str(s.counts.get(level, 0)) for level in levels]
        if excused:
            counts.append(str(sum(item.count for item in s.not_applicable())))
        table.add_row(s.report.name, verdict, str(len(s.facts.facts)), *counts, f"{s.seconds:.1f}")
    return table


def _print_not_applicable(console, summary) -> None:
    """The rule set's codes a filing outside the EU cannot meet: listed, never failing."""
    from rich.text import Text

    items = summary.not_applicable()
    if not items:
        return
    total = sum(item.count for item in items)
    console.print(Text(f"  not applicable outside the EU ({total}, not failing the report):"))
    for item in items:
        console.print(Text(f"    {item.code} x{item.count}: {item.reason}", style="dim"))


def print_summaries(summaries, limit: int) -> None:
    console = _console()
    console.print(_counts_table(summaries))
    for summary in summaries:
        findings = summary.findings()
        if summary.passed:
            console.print(f"[green]valid[/]: {summary.report}")
        elif not summary.is_report:
            console.print(f"[bold red]NOT an Inline XBRL report[/]: {summary.report}: no fact")
        else:
            console.print(f"[bold red]NOT valid[/]: {summary.report}: {len(findings)} finding(s)")
        _print_findings(console, findings[:limit])
        if len(findings) > limit:
            console.print(f"  … and {len(findings) - limit} more (--limit, or --json for all)")
        _print_not_applicable(console, summary)


@click.command("validate")
@click.argument("reports", nargs=-1, required=True, type=_REPORT)
@_taxonomy_options
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=25,
    show_default=True,
    help="Findings shown per report (--json shows all).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Validate in this many processes (Arelle runs one report at a time per "
    "process; each worker pays Arelle's start-up again).",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--rules",
    type=click.Choice(["core", "esef"]),
    default="core",
    show_default=True,
    help="esef: also Arelle's ESEF plugin (ESMA's RTS on ESEF); the codes a filing outside "
    "the EU cannot meet are listed apart and never fail a report.",
)
def validate_command(reports, packages, taxonomy_dir, as_json, limit, jobs, strict, rules) -> None:
    """Validate report packages (.xbri) or Inline XBRL files (.xhtml) with Arelle, offline.

    Calculations 1.1 (with rounding) and inconsistent duplicate facts are checked; with
    --rules esef, ESMA's ESEF rules too. Exit status 0 when no report has an error or
    inconsistency (with --strict: or warning), 1 otherwise; codes not applicable outside the
    EU count for neither.
    """
    from tagger.validation import validate_reports

    summaries = validate_reports(list(reports), packages, taxonomy_dir, jobs=jobs, rules=rules)
    passed = all(s.clean if strict else s.passed for s in summaries)
    if as_json:
        body = {"passed": passed, "reports": [s.as_dict() for s in summaries]}
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        print_summaries(summaries, limit)
    sys.exit(0 if passed else 1)


@click.command("export")
@click.argument("report", type=_REPORT)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "xlsx"]),
    help="xBRL-JSON, xBRL-CSV or Excel; default: from the suffix of -o, else json.",
)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="The file to write (for csv: <base>.csv gives <base>-metadata.json and "
    "<base>-facts.csv), or a folder for <report stem>.<format>.",
)
@_taxonomy_options
def export_command(report, fmt, out, packages, taxonomy_dir) -> None:
    """Export a report's facts as xBRL-JSON, xBRL-CSV or Excel (Arelle's saveLoadableOIM).

    The taxonomy reference is written as the https URL of the filing extension, which the
    report package itself maps: reload an export with the report package as a taxonomy package.
    """
    from tagger.export import FORMATS, export_report

    if fmt is None:
        fmt = next((f for f, suffix in FORMATS.items() if out.suffix.lower() == suffix), "json")
    exported = export_report(report, fmt, out, packages, taxonomy_dir)
    click.echo(f"{report}: {exported.fact_count} facts -> {fmt}")
    for path in exported.files:
        click.echo(f"  {path}")
    click.echo(f"  taxonomy: {', '.join(exported.taxonomy)}")


@click.command("view")
@click.argument("report", type=_REPORT)
@output_folder("Folder for <report stem>.html and ixbrlviewer.js.")
@_taxonomy_options
def view_command(report, outdir, packages, taxonomy_dir) -> None:
    """Write the interactive Inline XBRL viewer (ixbrl-viewer) as offline HTML."""
    from tagger.viewer import write_viewer

    viewer = write_viewer(report, outdir, packages, taxonomy_dir)
    problems = len(viewer.run.problems)
    click.echo(
        f"viewer: {viewer.html} (script {viewer.script.name} beside it; "
        f"{problems} Arelle finding(s) listed in it)"
    )
    click.echo(f"open: {viewer.html.resolve().as_uri()}")
