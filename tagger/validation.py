"""Validating a report package with Arelle and ixtag's taxonomy packages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from tagger.arelle_runner import ArelleRun, run_arelle

FAILING_LEVELS = ("ERROR", "CRITICAL", "FATAL", "INCONSISTENCY", "WARNING")


class ValidationSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    report: Path
    run: ArelleRun

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.run.counts)

    @property
    def passed(self) -> bool:
        return not any(self.counts.get(level) for level in FAILING_LEVELS)

    def one_line(self) -> str:
        shown = ", ".join(
            f"{n} {level.lower()}"
            for level, n in sorted(self.counts.items())
            if level not in ("INFO", "DEBUG")
        )
        verdict = "valid" if self.passed else "NOT valid"
        return f"Arelle: {self.report.name} is {verdict} ({shown or 'no errors, inconsistencies or warnings'})"


def taxonomy_packages(extra: Sequence[Path] = ()) -> list[Path]:
    from taxonomy.build import shipped_packages

    return [*shipped_packages(), *extra]


def validate_report(report: Path, extra_packages: Sequence[Path] = ()) -> ValidationSummary:
    run = run_arelle(report, taxonomy_packages(extra_packages))
    return ValidationSummary(report=report, run=run)
