"""Every corpus excerpt's report, as the strictest public rule set and an independent reader
see it: Arelle's ESEF plugin raises only what a Hong Kong filing cannot meet, and ixbrlparse
(strict) reads exactly the amounts of facts.csv."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from tagger.pipeline import tag
from tagger.report import write_report
from tagger.validation import validate_report
from tests.test_esef import EU_ONLY, MISSING_MARKUPS, NO_LEI

ixbrlparse = pytest.importorskip("ixbrlparse")

CORPUS = Path(__file__).resolve().parent / "corpus"
EXCERPTS = sorted(CORPUS.glob("*.txt"))


def _amounts_read_independently(package: Path) -> Counter:
    with zipfile.ZipFile(package) as archive:
        name = next(n for n in archive.namelist() if "/reports/" in n and n.endswith(".xhtml"))
        report = ixbrlparse.IXBRL(io.BytesIO(archive.read(name)), raise_on_error=True)
    assert report.errors == []

    def period(context) -> tuple[str, str]:
        if context.instant is not None:
            return "", context.instant.isoformat()
        return context.startdate.isoformat(), context.enddate.isoformat()

    return Counter(
        (
            f"{f.schema}:{f.name}",
            *period(f.context),
            Decimal(str(f.value)).quantize(Decimal("0.01")),
        )
        for f in report.numeric
    )


def _amounts_listed(listing: Path) -> Counter:
    with listing.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["unit"]]
    return Counter(
        (
            r["concept"],
            r["period_start"],
            r["period_end"],
            Decimal(r["value"]).quantize(Decimal("0.01")),
        )
        for r in rows
    )


def test_every_excerpt_is_filing_grade(tmp_path):
    assert len(EXCERPTS) >= 39
    for excerpt in EXCERPTS:
        written = write_report(tag(excerpt), tmp_path / excerpt.stem)
        esef = validate_report(written.package, rules="esef")
        codes = {m.code for m in esef.run.problems}
        assert codes <= EU_ONLY | {NO_LEI, MISSING_MARKUPS}, (excerpt.name, codes)
        assert esef.passed, excerpt.name
        read = _amounts_read_independently(written.package)
        assert read == _amounts_listed(written.facts_csv), excerpt.name
        assert sum(read.values()) == written.fact_count - _text_facts(written.facts_csv)


def _text_facts(listing: Path) -> int:
    with listing.open(encoding="utf-8", newline="") as handle:
        return sum(1 for r in csv.DictReader(handle) if not r["unit"])
