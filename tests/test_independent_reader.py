"""The example's report read by a reader that shares nothing with ixtag or Arelle: ixbrlparse
(BeautifulSoup over the XHTML, its own transforms), in strict mode (any error raises). Every
fact it finds must be a row of facts.csv with the same concept, period and value, and the
other way round; its contexts name the entity as tagged (stock code, or ``--lei``)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from tagger.cli import main

ixbrlparse = pytest.importorskip("ixbrlparse")  # the test extra installs it

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
LEI = "529900T8BM49AURSDO55"  # a published LEI (check digits 55)


def _tag(outdir: Path, *extra: str) -> Path:
    run = CliRunner().invoke(main, ["tag", str(EXAMPLE), "-o", str(outdir), *extra])
    assert run.exit_code == 0, run.output
    return outdir


def _read_report(outdir: Path):
    """ixbrlparse's reading of the report XHTML inside the .xbri, strict."""
    (package,) = outdir.glob("*.xbri")
    with zipfile.ZipFile(package) as archive:
        name = next(n for n in archive.namelist() if "/reports/" in n and n.endswith(".xhtml"))
        data = archive.read(name)
    report = ixbrlparse.IXBRL(io.BytesIO(data), raise_on_error=True)
    assert report.errors == []
    return report


def _period(context) -> tuple[str, str]:
    if context.instant is not None:
        return "", context.instant.isoformat()
    return context.startdate.isoformat(), context.enddate.isoformat()


def _value(value) -> Decimal:
    # ixbrlparse gives floats and ints; every amount here has at most 2 decimals
    return Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.fixture(scope="module")
def tagged(tmp_path_factory) -> Path:
    return _tag(tmp_path_factory.mktemp("stock-code"))


def test_every_fact_read_independently_equals_facts_csv(tagged):
    report = _read_report(tagged)
    (listing,) = tagged.glob("*.facts.csv")
    with listing.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected_numeric = Counter(
        (r["concept"], r["period_start"], r["period_end"], _value(r["value"]))
        for r in rows
        if r["unit"]
    )
    # text blocks: facts.csv names them (the text itself is in the report)
    expected_text = Counter(
        (r["concept"], r["period_start"], r["period_end"]) for r in rows if not r["unit"]
    )
    numeric = Counter(
        (f"{f.schema}:{f.name}", *_period(f.context), _value(f.value)) for f in report.numeric
    )
    text = Counter((f"{f.schema}:{f.name}", *_period(f.context)) for f in report.nonnumeric)
    # 1090 amounts of the tables (234 of them of the movement tables of property, plant and
    # equipment, 40 of note 12's movements of financial assets at fair value, 142 of the notes'
    # tables, 33 of the ageing analyses, 4 one-row tables, 28 of the provision matrices of expected
    # credit losses, 8 by function, 28 of the tables by time band or with one total or row to tag),
    # 46 figures of the discussion and 6 of the notes' text (4 of them receivables assessed one by
    # one); 7 facts of the entity's information and 15 notes' text blocks
    assert len(report.numeric) == sum(expected_numeric.values()) == 1142
    assert len(report.nonnumeric) == sum(expected_text.values()) == 22
    assert numeric == expected_numeric
    assert text == expected_text
    # A few read by hand from the announcement, as ixbrlparse reads them.
    # revenue 2023 in thousands: the statement (line 945), the highlights (38), the
    # discussion's summary of the income statement (406), and the totals of revenue by
    # geography (1421) and by timing (1467)
    assert numeric[("ifrs-full:Revenue", "2023-01-01", "2023-12-31", Decimal("3405842000"))] == 5
    assert numeric[("ifrs-full:ProfitLoss", "2023-01-01", "2023-12-31", Decimal("-6494670000"))]
    assert numeric[("ifrs-full:Equity", "", "2023-12-31", Decimal("23155473000"))] >= 1
    entities = {(c.entity["scheme"], c.entity["identifier"]) for c in report.contexts.values()}
    assert entities == {("https://www.hkex.com.hk/stock-code", "00020")}


def test_lei_names_the_entity_of_every_context(tmp_path):
    report = _read_report(_tag(tmp_path, "--lei", LEI.lower()))
    entities = {(c.entity["scheme"], c.entity["identifier"]) for c in report.contexts.values()}
    assert entities == {("http://standards.iso.org/iso/17442", LEI)}
    assert len(report.numeric) == 1142
