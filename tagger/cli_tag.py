"""``ixtag tag`` (one or many announcements) and ``ixtag demo``."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from tagger import startup
from tagger.cli_options import output_folder
from tagger.errors import InputError, IxtagError, OutputError, UsageError
from tagger.options import DEFAULT_SCHEME, LEI_SCHEME, TagOptions

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def tag_one(path: Path, outdir: Path, options: TagOptions | None = None):
    """Tag one announcement and write its report package and listings."""
    from tagger.pipeline import tag
    from tagger.report import write_report

    return write_report(tag(path, options), outdir)


def expand_inputs(inputs: tuple[Path, ...]) -> list[Path]:
    """Files as given; folders as the announcements (.txt, .pdf) they hold, sorted."""
    paths: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found = [*path.glob("*.txt"), *path.glob("*.pdf")]
            paths += sorted(found)  # what is not a readable file says so on its line
        elif path.exists():
            paths.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    if not paths:
        raise InputError("no announcement (.txt or .pdf) found in the inputs given")
    return paths


def _refuse_same_stems(paths: list[Path]) -> None:
    """Two inputs whose reports would have one name (x/a.txt, y/a.pdf): stop before writing
    anything, rather than let the second report replace the first."""
    seen: dict[str, Path] = {}
    for path in paths:
        first = seen.setdefault(path.stem, path)
        if first != path:
            raise InputError(
                f"{first} and {path} would both be written as {path.stem}.xbri; "
                "tag them into different output folders"
            )


def writable_folder(outdir: Path) -> None:
    """The output folder, made if missing, must take files: said before any tagging."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{outdir}: cannot make the output folder: {exc.strerror}") from exc
    if not outdir.is_dir():
        raise OutputError(f"{outdir}: not a folder")
    if not os.access(outdir, os.W_OK | os.X_OK):
        raise OutputError(f"{outdir}: the output folder is not writable")


def _report_line(path: Path, written, summary) -> str:
    line = (
        f"{path}: {written.fact_count} facts -> {written.package}; "
        f"{written.review_count} items to review in {written.review_csv}"
    )
    return line if summary is None else f"{line}\n  {summary.one_line()}"


def _validate(package: Path):
    from tagger.validation import validate_report

    return validate_report(package)


def _one(path: Path, outdir: Path, options: TagOptions, validate: bool) -> tuple[str, bool]:
    """Tag (and validate) one input: (the line to print, whether it failed). An input that
    cannot be tagged is its one line; the run goes on with the others."""
    try:
        written = tag_one(path, outdir, options)
        summary = _validate(written.package) if validate else None
    except IxtagError as exc:
        return f"ixtag: {exc}", True
    return _report_line(path, written, summary), bool(summary and not summary.passed)


def _tag_all(
    paths: list[Path], outdir: Path, options: TagOptions, validate: bool, jobs: int = 1
) -> int:
    """Tag each input, on `jobs` worker processes; lines are printed in the inputs' order,
    and each report is written by the one worker that tagged it, so the output is the same
    bytes whatever `jobs` is."""
    if len(paths) == 1:  # one input: its error is the run's, raised as such
        if not validate:  # (Arelle's validation makes cycles: the collector stays for it)
            startup.last_input()
        written = tag_one(paths[0], outdir, options)
        summary = _validate(written.package) if validate else None
        click.echo(_report_line(paths[0], written, summary))
        return int(bool(summary and not summary.passed))
    calls = [(p, outdir, options, validate) for p in paths]
    failures = 0
    if not sys.stdout.isatty():  # a log or a pipe: plain lines, no progress bar, no rich
        with _pool(jobs) as pool:
            for line, failed in pool(_one, calls):
                click.echo(line)
                failures += failed
        return failures
    from rich.progress import Progress

    with Progress(transient=True) as progress, _pool(jobs) as pool:
        task = progress.add_task("tagging", total=len(paths))
        for line, failed in pool(_one, calls):
            progress.console.print(line, highlight=False, soft_wrap=True)
            failures += failed
            progress.advance(task)
    return failures


@contextmanager
def _pool(jobs: int):
    """A map over worker processes (or in this process for one job), in input order."""
    if jobs <= 1:
        yield lambda function, calls: (function(*call) for call in calls)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as executor:
        yield lambda function, calls: executor.map(function, *zip(*calls, strict=True))


def _lei_entity(lei: str, scheme: str, identifier: str | None) -> tuple[str, str]:
    """(scheme, identifier) of a report filed under an LEI; an LEI given beside another
    identifier is a usage error, as is a code that is not an LEI."""
    from tagger.lei import checked_lei

    if identifier is not None or scheme != DEFAULT_SCHEME:
        raise UsageError("--lei names the entity: give it without --entity-id/--entity-scheme")
    return LEI_SCHEME, checked_lei(lei)


@click.command("tag")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_folder("Folder for <stem>.xbri, <stem>.facts.csv and <stem>.review.csv.")
@click.option(
    "--entity-scheme",
    default=DEFAULT_SCHEME,
    show_default=True,
    help="Scheme of the entity identifier.",
)
@click.option(
    "--entity-id",
    default=None,
    help="Entity identifier; default: the stock code printed in the announcement.",
)
@click.option(
    "--lei",
    default=None,
    help=f"Legal Entity Identifier (ISO 17442, checked): the entity is this LEI on {LEI_SCHEME}.",
)
@click.option(
    "--period-end",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Period end (YYYY-MM-DD) for statements whose column headers print none.",
)
@click.option(
    "--concept-map",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="A concept map data folder (as taxonomy/data) to tag with instead of the shipped one.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Facts tagged with less confidence go to review.csv instead of the report.",
)
@click.option("--validate", is_flag=True, help="Validate each report with Arelle after tagging.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Worker processes tagging inputs at once (output is the same whatever the number).",
)
def tag_command(
    inputs: tuple[Path, ...],
    outdir: Path,
    entity_scheme: str,
    entity_id: str | None,
    lei: str | None,
    period_end,
    concept_map: Path | None,
    min_confidence: float,
    validate: bool,
    jobs: int,
) -> None:
    """Tag announcements (text or PDF files, or folders of them) as Inline XBRL report
    packages."""
    end: date | None = period_end.date() if period_end else None
    if lei is not None:
        entity_scheme, entity_id = _lei_entity(lei, entity_scheme, entity_id)
    options = TagOptions(
        period_end=end,
        entity_scheme=entity_scheme,
        entity_id=entity_id,
        concept_map=concept_map,
        min_confidence=min_confidence,
    )
    paths = expand_inputs(inputs)
    _refuse_same_stems(paths)
    writable_folder(outdir)
    if concept_map is not None:
        from tagger.vocabulary import vocabulary_for

        vocabulary_for(concept_map)  # a broken map stops the run before any input is read
    failures = _tag_all(paths, outdir, options, validate, jobs)
    if failures:
        raise SystemExit(1)


@click.command("demo")
@click.option(
    "-o",
    "--output",
    "outdir",
    default="out",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
)
def demo_command(outdir: Path) -> None:
    """Tag the bundled examples, validate them with Arelle, say where the reports are."""
    from tagger.validation import validate_report

    examples = sorted(EXAMPLES.glob("*.txt"))
    if not examples:
        raise IxtagError(f"{EXAMPLES}: no bundled example (run from a clone of ixtag)")
    clean = True
    for example in examples:
        written = tag_one(example, outdir)
        summary = validate_report(written.package)
        click.echo(
            f"tagged {example.name}: {written.fact_count} facts, "
            f"{written.review_count} review items\n{summary.one_line()}\n"
            f"report: {written.package.resolve()}\n"
            f"facts:  {written.facts_csv.resolve()}\nreview: {written.review_csv.resolve()}"
        )
        clean = clean and summary.clean
    if not clean:
        raise SystemExit(1)
