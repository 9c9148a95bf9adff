"""The one adapter to Arelle: load an entry point offline, validate, collect the messages.

    run = run_arelle(Path("report.xbri"), shipped_packages())
    run.counts            # levels seen, e.g. {"INCONSISTENCY": 1, "INFO": 3}; run.count("ERROR")
    run.problems        # messages at ERROR, WARNING, INCONSISTENCY (or CRITICAL)
    run.clean             # no problem at all

Arelle is imported inside the functions, so importing this module (and tagging) costs
nothing. ``entrypoint`` may be a local path or a URL that the ``packages`` resolve (a
taxonomy entry point such as ``https://taxonomy.ixtag.org/2024/ixtag-2024-06-30.xsd``).
``plugins`` / ``plugin_options`` pass through to Arelle (e.g. ``"saveLoadableOIM"``,
``"ixbrl-viewer"``, see ARELLE-NOTES); ``disclosure_system`` selects the filing rules a
validation plugin checks (``"esef"`` with ``plugins="validate/ESEF"``). ``inspect``, when
given, is called with Arelle's loaded models while they are still open; its return value is
``ArelleRun.inspected``.
One run at a time per process (Arelle's global state); a lock serialises threads.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from tagger.errors import ValidationSetupError

PROBLEM_LEVELS = frozenset({"CRITICAL", "ERROR", "WARNING", "INCONSISTENCY"})
_LOCK = threading.Lock()


class ArelleRef(BaseModel):
    """Where a message points: a document location and, when Arelle gives them, the
    concept and context of the fact."""

    href: str | None = None
    source_line: int | None = None
    concept: str | None = None
    context: str | None = None


class ArelleMessage(BaseModel):
    level: str  # Arelle's level name: ERROR, WARNING, INCONSISTENCY, INFO, ...
    code: str
    text: str
    refs: list[ArelleRef] = Field(default_factory=list)

    @property
    def concept(self) -> str | None:
        return next((r.concept for r in self.refs if r.concept), None)

    @property
    def context(self) -> str | None:
        return next((r.context for r in self.refs if r.context), None)

    def line(self) -> str:
        where = next((r.href for r in self.refs if r.href), "")
        return f"[{self.level}] {self.code}: {self.text}" + (f" ({where})" if where else "")


class ArelleRun(BaseModel):
    entrypoint: str
    messages: list[ArelleMessage] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    inspected: Any = None

    def count(self, level: str) -> int:
        return self.counts.get(level.upper(), 0)

    @property
    def problems(self) -> list[ArelleMessage]:
        return [m for m in self.messages if m.level in PROBLEM_LEVELS]

    @property
    def clean(self) -> bool:
        return not self.problems


def _ref(raw: Mapping[str, Any]) -> ArelleRef:
    props = dict(p[:2] for p in raw.get("properties", ()) if isinstance(p, list | tuple))
    line = raw.get("sourceLine")
    return ArelleRef(
        href=raw.get("href"),
        source_line=int(line) if isinstance(line, int | str) and str(line).isdigit() else None,
        concept=props.get("QName") if "contextRef" in props else None,
        context=props.get("contextRef"),
    )


def _message(raw: Mapping[str, Any]) -> ArelleMessage:
    return ArelleMessage(
        level=str(raw.get("levelname", "")).upper(),
        code=str(raw.get("messageCode") or ""),
        text=str(raw.get("msg", "")),
        refs=[_ref(r) for r in raw.get("refs") or () if isinstance(r, Mapping)],
    )


def _options(entrypoint: str, packages: Sequence[Path], settings: dict[str, Any]):
    from arelle.RuntimeOptions import RuntimeOptions  # lazily: Arelle is slow to import

    plugin_options = settings.pop("plugin_options", None)
    return RuntimeOptions(
        entrypointFile=entrypoint,
        internetConnectivity="offline",
        disablePersistentConfig=True,
        packages=[str(p) for p in packages],
        logFile="logToStructuredMessage",
        pluginOptions=dict(plugin_options) if plugin_options else None,
        **settings,
    )


def run_arelle(
    entrypoint: Path | str,
    packages: Sequence[Path] = (),
    *,
    validate: bool = True,
    calcs: str | None = "c11r",
    duplicates: str | None = "inconsistent",
    plugins: str | Sequence[str] | None = None,
    plugin_options: Mapping[str, Any] | None = None,
    disclosure_system: str | None = None,
    inspect: Callable[[list[Any]], Any] | None = None,
) -> ArelleRun:
    """Load (and validate) ``entrypoint`` offline with ``packages``; see the module docstring.

    Raises ValidationSetupError when a package or the entry point is missing, Arelle fails,
    or it cannot open the entry point at all; everything else Arelle reports (a report's
    unresolvable schemaRef included) comes back as messages, never raised.
    """
    name = str(entrypoint)
    for path in [*packages, *([entrypoint] if isinstance(entrypoint, Path) else [])]:
        if not Path(path).is_file():
            raise ValidationSetupError(f"file not found: {path}")
    if isinstance(plugins, Sequence) and not isinstance(plugins, str):
        plugins = "|".join(plugins) or None
    settings: dict[str, Any] = {"validate": validate, "keepOpen": True, "plugins": plugins}
    settings.update(calcs=calcs, validateDuplicateFacts=duplicates, plugin_options=plugin_options)
    if disclosure_system:
        settings["disclosureSystemName"] = disclosure_system
    try:
        from arelle.api.Session import Session

        with _LOCK, Session() as session:
            session.run(_options(name, packages, settings))
            raw = list(session.get_log_messages())
            models = list(session.get_models())
            loaded = any(model.modelDocument is not None for model in models)
            inspected = inspect(models) if inspect is not None and loaded else None
    except Exception as exc:  # Arelle raises anything; the caller needs one error type
        raise ValidationSetupError(f"Arelle failed on {name}: {exc}") from exc
    messages = [_message(m) for m in raw]
    if not loaded:
        reasons = "; ".join(m.text for m in messages if m.level in PROBLEM_LEVELS)
        raise ValidationSetupError(f"Arelle could not open {name}: {reasons or 'no model'}")
    counts = dict(sorted(Counter(m.level for m in messages).items()))
    return ArelleRun(entrypoint=name, messages=messages, counts=counts, inspected=inspected)
