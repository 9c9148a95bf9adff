"""``ixtag taxonomy build`` and ``ixtag taxonomy check``."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group("taxonomy")
def taxonomy_group() -> None:
    """Build and check ixtag's XBRL taxonomy packages."""


@taxonomy_group.command("build")
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the packages to (taxonomy/packages to refresh the shipped ones).",
)
def build_command(out_dir: Path) -> None:
    """Build the IFRS offline package and the ixtag base package from the concept map, and
    the map's snapshot (concept-map.json, read at start-up instead of the data)."""
    from taxonomy.builder import build_packages
    from taxonomy.loader import DATA_DIR, load_concept_map
    from taxonomy.snapshot import SNAPSHOT, write_snapshot

    cmap = load_concept_map(DATA_DIR)  # from the data itself, never from an old snapshot
    paths = build_packages(out_dir, cmap)
    paths.append(write_snapshot(cmap, DATA_DIR, out_dir / SNAPSHOT.name))
    for path in paths:
        click.echo(f"{path}  {path.stat().st_size:,} bytes")


@taxonomy_group.command("check")
@click.option(
    "-d",
    "--dir",
    "packages_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Check the packages in this folder instead of the shipped ones.",
)
def check_command(packages_dir: Path | None) -> None:
    """Load every entry point of the packages in Arelle, offline; exit 1 on any error,
    warning or inconsistency."""
    from tagger.arelle_runner import run_arelle
    from tagger.validation import ixtag_packages
    from xbrl.package import entry_points_of

    packages = ixtag_packages(packages_dir)
    failed = False
    for package in packages:
        for entry in entry_points_of(package):
            run = run_arelle(entry, packages)
            counts = ", ".join(f"{level} {n}" for level, n in run.counts.items())
            click.echo(f"{entry}: {counts or 'no messages'}")
            for message in run.messages:
                if message.level not in ("INFO", "DEBUG"):
                    click.echo(f"  {message.line()}")
            failed = failed or not run.clean
    sys.exit(1 if failed else 0)
