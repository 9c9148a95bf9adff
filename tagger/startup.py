"""The ``ixtag`` command's entry point, and the end of its start-up.

Importing the stack (pydantic, click, lxml) and ixtag's modules makes a few hundred thousand
objects that live as long as the process; the cycle collector's passes over them while they
are made find nothing to free and cost about a tenth of the imports' time. ``main`` turns
the collector off before anything is imported; once the command is known, the modules it
needs are imported too, and what exists then is frozen (kept out of the collector's sight for
good: its passes between the inputs of a batch do not walk it again) before the collector
runs again. The stages themselves run without it (``tagger.pipeline``).

At the end, regular expressions compiled for the first time are kept for the next process
(``tagger.regex_cache``), and ``ixtag tag`` leaves without the interpreter's teardown, which
frees every object one by one (about 20 ms, a twentieth of the command) though nothing needs
freeing: its files are written and closed, and it leaves so only when nothing else is waiting
for the exit (no exit handler such as a temporary folder's clean-up, no other thread).
"""

from __future__ import annotations

import atexit
import gc
import importlib
import os
import sys
import threading
import types

_TAGGING = frozenset({"tag", "demo"})
_LEAVES_AT_ONCE = frozenset({"tag"})  # commands whose work is all in files when they return
_command: str | None = None
_started_by_main = False  # the collector was off until ``finish``: the process is ``ixtag``'s


def main() -> None:
    """``ixtag``: ``start``, then the exit (``leave``)."""
    try:
        start()
    except SystemExit as end:
        _keep_patterns()
        leave(end.code)
        raise


def _keep_patterns() -> None:
    """Keep the regular expressions this command compiled for the next process (see
    ``tagger.regex_cache``), if it compiled any the cache lacked."""
    cache = sys.modules.get("tagger.regex_cache")  # not imported: no pattern was compiled
    if cache is not None:
        cache.save_quietly()


def start() -> None:
    """``tagger.cli.main``, started with the cycle collector off."""
    gc.disable()
    # pydantic looks for plugins of other packages (their entry points) before its first model
    # is built: about 7 ms of every command's start, for plugins that would instrument only
    # ixtag's own models. A user who sets the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in _NO_PLUGINS:
        _plugin_loader_without_discovery()
    from tagger.cli import main as cli

    cli()


# the values for which pydantic's plugin loader returns no plugin without looking for any
_NO_PLUGINS = ("__all__", "1", "true")
_PLUGIN_LOADER = "pydantic.plugin._loader"


def _plugin_loader_without_discovery() -> None:
    """Stand in for pydantic's plugin loader while plugins are off. The real module imports
    ``importlib.metadata`` (with ``email``, ``socket`` and more: about 15 ms) to read entry
    points it then never reads, as every plugin is disabled. The stand-in answers the loader's
    one question, ``get_plugins()``, as the real one does when plugins are off (no plugin);
    asked anything else (another pydantic's loader), it gives way to the real module."""
    if _PLUGIN_LOADER in sys.modules:
        return
    stand_in = types.ModuleType(_PLUGIN_LOADER)
    stand_in.get_plugins = tuple

    def anything_else(name: str) -> object:
        if name.startswith("__"):  # the import system's questions (__path__, ...): a module's
            raise AttributeError(name)
        if sys.modules.get(_PLUGIN_LOADER) is stand_in:
            del sys.modules[_PLUGIN_LOADER]
        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    stand_in.__getattr__ = anything_else
    sys.modules[_PLUGIN_LOADER] = stand_in


def leave(code: object) -> None:
    """End the process with ``code`` (as ``sys.exit`` takes it) at once when the command
    allows it and nothing waits for the exit; else return, for a normal exit."""
    waiting = getattr(atexit, "_ncallbacks", lambda: 1)()  # unknown: assume something waits
    if _command not in _LEAVES_AT_ONCE or waiting or threading.active_count() > 1:
        return
    if isinstance(code, str):
        print(code, file=sys.stderr)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken stream: let the normal exit report it
        return
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def finish(command: str | None) -> None:
    """Start-up is over for ``command``: its modules are imported and the collector is back
    on. Nothing to do in a process that did not start with ``main`` (the Python API, tests)."""
    global _command, _started_by_main
    _command = command
    if gc.isenabled():
        return
    _started_by_main = True
    if command in _TAGGING:
        import tagger.pipeline  # noqa: F401  (else imported by the first input)
        import tagger.report  # noqa: F401
    gc.freeze()
    gc.enable()


def last_input() -> None:
    """The command's one input is about to be tagged and written, and then the process leaves
    at once (``leave``). Its objects die with the process, so the cycle collector stays off:
    turned back on after the stages, it would walk all they made once more, for nothing
    (about 5 ms). Nothing to do in a process that did not start with ``main`` (the Python API,
    tests) or that goes on after the command."""
    if _started_by_main and _command in _LEAVES_AT_ONCE:
        gc.disable()
