"""Validating reports with Arelle and ixtag's taxonomy packages.

    summary = validate_report(Path("report.xbri"))
    summary.passed        # no error and no inconsistency (summary.clean: no warning either)
    summary.findings()    # each problem with its code and the facts it points at
    validate_reports([a, b, c], jobs=2)   # several: one Arelle per process
    validate_report(path, rules="esef")   # and Arelle's ESEF plugin (tagger.rule_sets)

Stages: the packages (ixtag's shipped ones, or those in a folder, plus the user's; a user
package that provides the IFRS Taxonomy replaces ixtag's offline IFRS subset) -> one Arelle
run with Calculations 1.1 and duplicate checks (and the rule set's plugin) -> the facts of
the loaded report, read through ``inspect`` while Arelle holds them -> findings: messages
joined to their facts; codes the rule set says a filing outside the EU cannot meet apart.
"""

from __future__ import annotations

import posixpath
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from lxml import etree
from pydantic import BaseModel, ConfigDict, Field

from tagger.archives import check_archive
from tagger.arelle_runner import ArelleMessage, ArelleRun, run_arelle
from tagger.errors import IxtagError, ValidationSetupError
from tagger.findings import FactInfo, Finding, Source
from tagger.rule_sets import RULE_SETS, RuleSet
from xbrl.urls import (
    BASE_PACKAGE_NAME,
    CATALOG_NS,
    IFRS_CORE_SCHEMA,
    IFRS_PACKAGE_NAME,
)

PASSING_LEVELS = frozenset({"INFO", "DEBUG", "NOTSET"})  # nothing to show the user
WARNING_LEVELS = frozenset({"WARNING"})  # shown; fail a report only with --strict
# Warnings that fail a report all the same: Arelle reports inconsistent duplicate facts (one
# concept and context, two values) at WARNING level, but a report that says two things of one
# fact is not valid.
FAILING_WARNINGS = frozenset({"arelle:duplicateFacts"})


# --- the facts of a loaded report -------------------------------------------------------


class ReportFacts(BaseModel):
    facts: list[FactInfo] = Field(default_factory=list)

    @cached_property
    def _index(self) -> tuple[dict[str, FactInfo], dict[tuple[str, str | None], list[FactInfo]]]:
        ids: dict[str, FactInfo] = {}
        keys: dict[tuple[str, str | None], list[FactInfo]] = defaultdict(list)
        for fact in self.facts:
            if fact.id:
                ids.setdefault(fact.id, fact)
            keys[fact.concept, fact.context].append(fact)
        return ids, keys

    def by_id(self, fact_id: str) -> FactInfo | None:
        return self._index[0].get(fact_id)

    def find(self, concept: str, context: str | None) -> list[FactInfo]:
        return list(self._index[1].get((concept, context), ()))


def _localname(node: Any) -> str:
    return etree.QName(node.tag).localname if isinstance(node.tag, str) else ""


def _period(context: Any) -> str | None:
    period = getattr(context, "period", None)
    if period is None:
        return None
    dates = {_localname(child): (child.text or "").strip() for child in period}
    if "instant" in dates:
        return dates["instant"]
    if "startDate" in dates:
        return f"{dates['startDate']}..{dates.get('endDate', '')}"
    return "forever" if "forever" in dates else None


def _dimensions(context: Any) -> dict[str, str]:
    dims: dict[str, str] = {}
    for axis, dim in (getattr(context, "qnameDims", None) or {}).items():
        member = getattr(dim, "memberQname", None)
        typed = getattr(dim, "typedMember", None)
        typed_text = (typed.text or "") if typed is not None else ""
        dims[str(axis)] = str(member) if member is not None else typed_text
    return dims


def fact_info(fact: Any) -> FactInfo:
    """Arelle's model fact (an lxml element) -> FactInfo, without importing Arelle."""
    context = fact.context
    line = fact.sourceline
    decimals = fact.decimals
    return FactInfo(
        id=fact.id,
        concept=str(fact.qname),
        context=fact.contextID,
        period=_period(context) if context is not None else None,
        dimensions=_dimensions(context) if context is not None else {},
        unit=fact.unitID,
        decimals=str(decimals) if decimals is not None else None,
        value=fact.value,
        text=" ".join("".join(fact.itertext()).split()) or None,
        document=fact.modelDocument.basename if fact.modelDocument is not None else None,
        line=line if isinstance(line, int) else None,
    )


def report_facts(models: list[Any]) -> ReportFacts:
    """The ``inspect`` hook of run_arelle: every top-level fact of the loaded reports."""
    return ReportFacts(facts=[fact_info(f) for model in models for f in model.facts])


# --- findings ---------------------------------------------------------------------------


def _facts_of(message: ArelleMessage, facts: ReportFacts) -> list[FactInfo]:
    found: list[FactInfo] = []
    for ref in message.refs:
        fragment = (ref.href or "").partition("#")[2]
        by_id = facts.by_id(fragment) if fragment else None
        if by_id is not None:
            candidates = [by_id]
        else:
            candidates = facts.find(ref.concept, ref.context) if ref.concept else []
        found.extend(f for f in candidates if f not in found)
    return found


_SEVERITY = {"ERROR": "error", "CRITICAL": "error", "INCONSISTENCY": "inconsistency"}


def arelle_finding(message: ArelleMessage, facts: ReportFacts) -> Finding:
    """An Arelle message as a Finding: Arelle's code, its level as severity, the facts it
    names, and where in the report it points."""
    ref = next((r for r in message.refs if r.href), None)
    document, line = None, None
    if ref is not None:
        document, line = ref.href, ref.source_line
    named = _facts_of(message, facts)
    return Finding(
        code=message.code,
        severity=_SEVERITY.get(message.level, "warning" if message.level == "WARNING" else "info"),
        message=message.text,
        source=Source(document=document, line=line),
        printed=" | ".join(f.text for f in named if f.text),
        facts=tuple(named),
    )


# --- the summary of one report ----------------------------------------------------------


class NotApplicable(BaseModel):
    """A code of the rule set that a filing outside the EU cannot meet, as often as raised."""

    model_config = ConfigDict(frozen=True)

    code: str
    count: int
    reason: str
    message: str  # the first such message, as Arelle wrote it


class ValidationSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    report: Path
    run: ArelleRun
    seconds: float = 0.0
    rules: str = "core"  # a key of tagger.rule_sets.RULE_SETS

    @property
    def rule_set(self) -> RuleSet:
        return RULE_SETS[self.rules]

    @property
    def messages(self) -> list[ArelleMessage]:
        """Arelle's messages that apply to the report (not those listed as not applicable)."""
        return [m for m in self.run.messages if self.rule_set.applies(m.code)]

    @property
    def counts(self) -> dict[str, int]:
        """Levels of the applicable messages."""
        if not self.rule_set.not_applicable:
            return dict(self.run.counts)
        return dict(sorted(Counter(m.level for m in self.messages).items()))

    def not_applicable(self) -> list[NotApplicable]:
        """The rule set's codes a filing outside the EU cannot meet, with how often each was
        raised: never a failure, always listed."""
        seen: dict[str, list[ArelleMessage]] = defaultdict(list)
        for message in self.run.messages:
            if not self.rule_set.applies(message.code):
                seen[message.code].append(message)
        return [
            NotApplicable(
                code=code,
                count=len(found),
                reason=self.rule_set.not_applicable[code],
                message=found[0].text,
            )
            for code, found in seen.items()
        ]

    @property
    def is_report(self) -> bool:
        """Whether Arelle found an Inline XBRL report: a page with no fact (and no error
        saying why) is not one."""
        return bool(self.facts.facts) or bool(self.run.problems)

    @property
    def passed(self) -> bool:
        """No error, no inconsistency and no inconsistent duplicate (other warnings allowed),
        in an Inline XBRL report."""
        if not self.is_report or any(m.code in FAILING_WARNINGS for m in self.messages):
            return False
        return all(level in PASSING_LEVELS | WARNING_LEVELS for level in self.counts)

    @property
    def clean(self) -> bool:
        """No error, inconsistency or warning."""
        return all(level in PASSING_LEVELS for level in self.counts)

    @property
    def facts(self) -> ReportFacts:
        return self.run.inspected if isinstance(self.run.inspected, ReportFacts) else ReportFacts()

    def findings(self) -> list[Finding]:
        """The messages that fail the report (errors, inconsistencies, warnings), in order."""
        return [
            arelle_finding(m, self.facts) for m in self.messages if m.level not in PASSING_LEVELS
        ]

    def one_line(self) -> str:
        shown = ", ".join(
            f"{n} {level.lower()}"
            for level, n in sorted(self.counts.items())
            if level not in PASSING_LEVELS
        )
        verdict = "valid" if self.passed else "NOT valid"
        if not self.is_report:
            verdict = "NOT an Inline XBRL report (no fact in it)"
        verdict += " with warnings" if self.passed and not self.clean else ""
        shown = shown or "no errors, inconsistencies or warnings"
        excused = sum(item.count for item in self.not_applicable())
        if excused:
            shown += f"; {excused} not applicable outside the EU"
        rules = f" under the {self.rules} rules" if self.rules != "core" else ""
        return f"Arelle: {self.report.name} is {verdict}{rules} ({shown})"

    def as_dict(self) -> dict[str, Any]:
        """What ``ixtag validate --json`` prints for this report."""
        return {
            "report": str(self.report),
            "rules": self.rules,
            "passed": self.passed,
            "is_report": self.is_report,
            "counts": self.counts,
            "facts": len(self.facts.facts),
            "seconds": round(self.seconds, 2),
            "findings": [f.model_dump(mode="json") for f in self.findings()],
            "not_applicable_outside_eu": [n.model_dump() for n in self.not_applicable()],
        }


# --- taxonomy packages ------------------------------------------------------------------


def catalog_rewrites(package: Path) -> dict[str, str]:
    """uriStartString -> rewritePrefix, resolved to a path inside the zip, of the package's
    META-INF/catalog.xml (empty when it has none)."""
    try:
        with zipfile.ZipFile(package) as archive:
            name = next((n for n in archive.namelist() if n.endswith("META-INF/catalog.xml")), None)
            root = etree.fromstring(archive.read(name)) if name else None
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise ValidationSetupError(f"{package}: not a taxonomy package ({exc})") from exc
    if root is None:
        return {}
    folder = posixpath.dirname(name)
    rewrites = {}
    for node in root.iter(f"{{{CATALOG_NS}}}rewriteURI"):
        if node.get("uriStartString"):
            target = posixpath.join(folder, node.get("rewritePrefix", ""))
            rewrites[node.get("uriStartString")] = posixpath.normpath(target)
    return rewrites


def provides_ifrs(package: Path) -> bool:
    """Whether the package holds the IFRS Taxonomy 2022-03-24: its catalog maps those URLs
    and the core schema is in the zip where the catalog says. A package that merely mentions
    the URLs does not replace ixtag's own IFRS package."""
    for start, target in catalog_rewrites(package).items():
        if not IFRS_CORE_SCHEMA.startswith(start):
            continue
        core = posixpath.normpath(posixpath.join(target, IFRS_CORE_SCHEMA[len(start) :]))
        with zipfile.ZipFile(package) as archive:
            if core in archive.namelist():
                return True
    return False


def ixtag_packages(packages_dir: Path | None = None) -> list[Path]:
    """ixtag's IFRS offline and base packages: the shipped ones, or those in ``packages_dir``
    (as ``ixtag taxonomy build -o DIR`` writes them)."""
    from taxonomy.builder import shipped_packages

    if packages_dir is None:
        paths = shipped_packages()
    else:
        paths = [packages_dir / f"{name}.zip" for name in (IFRS_PACKAGE_NAME, BASE_PACKAGE_NAME)]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise ValidationSetupError(f"missing {', '.join(missing)}: run `make taxonomy`")
    return paths


def _leaves_package(target: str) -> bool:
    """A catalog rewrite (resolved from the zip's root) that is a URL, an absolute path, or
    climbs out of the zip."""
    first = target.split("/")[0]
    return "://" in target or target.startswith(("/", "\\")) or ":" in first or first == ".."


def taxonomy_packages(extra: Sequence[Path] = (), packages_dir: Path | None = None) -> list[Path]:
    """ixtag's packages plus ``extra``; an extra package that provides the IFRS Taxonomy (the
    official one) replaces ixtag's offline IFRS subset."""
    extra = [Path(p) for p in extra]
    for path in extra:
        if not path.is_file():
            raise ValidationSetupError(f"{path}: no such taxonomy package")
        try:
            check_archive(path)
        except IxtagError as exc:
            reason = str(exc).removeprefix(f"{path}: ")
            raise ValidationSetupError(f"{path}: not a taxonomy package: {reason}") from exc
        outside = [t for t in catalog_rewrites(path).values() if _leaves_package(t)]
        if outside:
            raise ValidationSetupError(
                f"{path}: its catalog points outside the package ({outside[0]})"
            )
    ours = ixtag_packages(packages_dir)
    if any(provides_ifrs(p) for p in extra):
        ours = [p for p in ours if p.name != f"{IFRS_PACKAGE_NAME}.zip"]
    return [*ours, *extra]


# --- validating -------------------------------------------------------------------------


def validate_with(report: Path, packages: Sequence[Path], rules: str = "core") -> ValidationSummary:
    """One Arelle run: Calculations 1.1 with rounding, inconsistent duplicates, the rule set's
    plugin, offline. A report that cannot be opened (a hostile zip, a missing file) is a
    summary with that one error, so that the other reports of a batch are still validated and
    listed."""
    started = time.perf_counter()
    rule_set = RULE_SETS[rules]
    try:
        check_archive(report)
        run = run_arelle(
            report,
            packages,
            calcs="c11r",
            duplicates="inconsistent",
            plugins=rule_set.plugins,
            disclosure_system=rule_set.disclosure_system,
            inspect=report_facts,
        )
    except IxtagError as exc:
        message = ArelleMessage(level="ERROR", code="ixtag:cannotOpen", text=str(exc))
        run = ArelleRun(entrypoint=str(report), messages=[message], counts={"ERROR": 1})
    seconds = time.perf_counter() - started
    return ValidationSummary(report=report, run=run, seconds=seconds, rules=rules)


def validate_report(
    report: Path,
    extra_packages: Sequence[Path] = (),
    packages_dir: Path | None = None,
    rules: str = "core",
) -> ValidationSummary:
    return validate_with(report, taxonomy_packages(extra_packages, packages_dir), rules)


def validate_reports(
    reports: Sequence[Path],
    extra_packages: Sequence[Path] = (),
    packages_dir: Path | None = None,
    jobs: int = 1,
    rules: str = "core",
) -> list[ValidationSummary]:
    """Validate each report, in order. Arelle allows one run at a time per process, so
    ``jobs`` > 1 validates in that many worker processes (each pays Arelle's start-up)."""
    if rules not in RULE_SETS:
        raise ValidationSetupError(f"unknown rule set {rules!r} (known: {', '.join(RULE_SETS)})")
    packages = taxonomy_packages(extra_packages, packages_dir)
    jobs = max(1, min(jobs, len(reports)))
    if jobs == 1:
        return [validate_with(report, packages, rules) for report in reports]
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    # fork is cheapest, but only safe while this process holds no Arelle state
    context = multiprocessing.get_context("spawn" if "arelle" in sys.modules else "fork")
    count = len(reports)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        return list(pool.map(validate_with, reports, [packages] * count, [rules] * count))
