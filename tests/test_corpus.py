"""The corpus (tests/corpus): statement excerpts in the layouts and wordings issuers use,
written for the tests with invented figures that add up, each with its expected facts in a
TSV beside it. Every expected fact must be tagged with its value, and no other fact may be.

A TSV row is: concept, period (2023-12-31 or 2023-01-01..2023-12-31), dimensions
(axis=member;…), value in full units, printed label. ``ext`` stands for a filing extension
concept, matched by label, period and value. ``# ambiguous: TEXT`` says a printed amount
that must be reported and left untagged."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from tagger.pipeline import tag
from tagger.vocabulary import compact

CORPUS = Path(__file__).parent / "corpus"
EXCERPTS = sorted(CORPUS.glob("*.txt"))


def _period(fact) -> str:
    start = f"{fact.period.start.isoformat()}.." if fact.period.start else ""
    return start + fact.period.end.isoformat()


def _dims(fact) -> str:
    return ";".join(f"{axis}={member}" for axis, member in fact.dims)


def expected_facts(tsv: Path) -> tuple[list[dict], list[str]]:
    rows, ambiguous = [], []
    lines = tsv.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("# ambiguous:"):
            ambiguous.append(line.split(":", 1)[1].strip())
    body = [ln for ln in lines if ln and not ln.startswith("#")]
    for row in csv.DictReader(body, delimiter="\t"):
        rows.append(row)
    return rows, ambiguous


def _dims_match(expected: str, fact) -> bool:
    wanted = [d for d in expected.split(";") if d]
    got = [f"{axis}={member}" for axis, member in fact.dims]
    if len(wanted) != len(got):
        return False
    return all(
        w == g or (w.endswith("=ext") and g.split("=")[1].startswith("ext:"))
        for w, g in zip(sorted(wanted), sorted(got), strict=True)
    )


def _is(expected: dict, fact) -> bool:
    if _period(fact) != expected["period"] or not _dims_match(expected["dims"], fact):
        return False
    if fact.value != Decimal(expected["value"]):
        return False
    if expected["concept"] == "ext":
        return fact.concept.extension and compact(expected["label"]) in compact(
            fact.label.replace("\n", "")
        ) + compact(fact.concept.label)
    return fact.concept.qname == expected["concept"]


def score(txt: Path) -> tuple[list[str], list[str]]:
    """(missing, wrong) for one excerpt, each a readable line."""
    expected, ambiguous = expected_facts(txt.with_suffix(".facts.tsv"))
    result = tag(txt)
    facts = list(
        {
            (f.concept.qname, _period(f), f.dims, f.value, f.cell.line, f.column): f
            for f in result.facts
        }.values()
    )
    missing = [
        f"{e['concept']} {e['period']} {e['dims']} {e['value']} ({e['label']})"
        for e in expected
        if not any(_is(e, f) for f in facts)
    ]
    wrong = [
        f"{f.concept.qname} {_period(f)} {_dims(f)} {f.value} (line {f.cell.line}: "
        f"{f.label.replace(chr(10), '')} {f.cell.text})"
        for f in facts
        if not any(_is(e, f) for e in expected)
    ]
    # An ambiguous row is named by its printed text; the finding by the amounts it could
    # not read, which stand in that text.
    reported = [f.printed for f in result.findings if f.printed and f.code == "ambiguous-layout"]
    for text in ambiguous:
        if not any(printed in text for printed in reported):
            missing.append(f"no finding reports the ambiguous {text}")
    return missing, wrong


@pytest.mark.parametrize("txt", EXCERPTS, ids=lambda p: p.stem)
def test_corpus_excerpt(txt):
    missing, wrong = score(txt)
    assert (missing, wrong) == ([], [])
