"""``ixtag taxonomy build`` and ``ixtag taxonomy check``."""

from __future__ import annotations

import click


@click.group("taxonomy")
def taxonomy_group() -> None:
    """Build and check ixtag's XBRL taxonomy packages."""
