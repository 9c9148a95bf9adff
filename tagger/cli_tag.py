"""``ixtag tag`` and ``ixtag demo``."""

from __future__ import annotations

from pathlib import Path

import click

from tagger.errors import IxtagError


def tag_one(path: Path, outdir: Path, entity_scheme: str, entity_id: str | None):
    """Tag one announcement and write its report package and listings."""
    from tagger.pipeline import tag
    from tagger.report import ReportOptions, write_report

    result = tag(path)
    options = ReportOptions(entity_scheme=entity_scheme, entity_id=entity_id)
    return write_report(result, outdir, path.stem, options)


@click.command("tag")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for <stem>.xbri, <stem>.facts.csv and <stem>.review.csv.")
@click.option("--entity-scheme", default="https://www.hkex.com.hk/stock-code", show_default=True,
              help="Scheme of the entity identifier.")
@click.option("--entity-id", default=None,
              help="Entity identifier; default: the stock code printed in the announcement.")
def tag_command(inputs: tuple[Path, ...], outdir: Path, entity_scheme: str, entity_id: str | None) -> None:
    """Tag announcements (plain text) as Inline XBRL report packages."""
    for path in inputs:
        if not path.exists():
            raise IxtagError(f"{path}: no such file")
        written = tag_one(path, outdir, entity_scheme, entity_id)
        click.echo(
            f"{path}: {written.fact_count} facts -> {written.package}; "
            f"{written.review_count} items to review in {written.review_csv}"
        )


@click.command("demo")
@click.option("-o", "--output", "outdir", default="out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
def demo_command(outdir: Path) -> None:
    """Tag the bundled example, validate it with Arelle, say where the report is."""
    from tagger.validation import validate_report

    example = Path(__file__).resolve().parent.parent / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
    if not example.is_file():
        raise IxtagError(f"{example}: the bundled example is missing (run from a clone of ixtag)")
    written = tag_one(example, outdir, "https://www.hkex.com.hk/stock-code", None)
    click.echo(f"tagged {example.name}: {written.fact_count} facts, {written.review_count} review items")
    summary = validate_report(written.package)
    click.echo(summary.one_line())
    click.echo(f"report: {written.package.resolve()}")
    click.echo(f"facts:  {written.facts_csv.resolve()}\nreview: {written.review_csv.resolve()}")
    if not summary.passed:
        raise SystemExit(1)
