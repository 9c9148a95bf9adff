"""Click options shared by several ixtag commands."""

from __future__ import annotations

from pathlib import Path

import click


def output_folder(help_text: str):
    """``-o/--output DIR`` (required, a folder), passed as ``outdir``."""
    return click.option(
        "-o",
        "--output",
        "outdir",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=help_text,
    )
