"""The ``ixtag`` command's entry point, and the end of its start-up.

Importing the stack (pydantic, click, lxml) and ixtag's modules makes a few hundred thousand
objects that live as long as the process; the cycle collector's passes over them while they
are made find nothing to free and cost about a tenth of the imports' time. ``main`` turns
the collector off before anything is imported; once the command is known, the modules it
needs are imported too, and what exists then is frozen (kept out of the collector's sight for
good: its passes between the inputs of a batch do not walk it again) before the collector
runs again. The stages themselves run without it (``tagger.pipeline``).
"""

from __future__ import annotations

import gc

_TAGGING = frozenset({"tag", "demo"})


def main() -> None:
    """``ixtag``: ``tagger.cli.main``, started with the cycle collector off."""
    gc.disable()
    from tagger.cli import main as cli

    cli()


def finish(command: str | None) -> None:
    """Start-up is over for ``command``: its modules are imported and the collector is back
    on. Nothing to do in a process that did not start with ``main`` (the Python API, tests)."""
    if gc.isenabled():
        return
    if command in _TAGGING:
        import tagger.pipeline  # noqa: F401  (else imported by the first input)
        import tagger.report  # noqa: F401
    gc.freeze()
    gc.enable()
