"""The taxonomy packages: deterministic, loadable by Arelle offline with no error or warning,
declaring exactly what the concept map uses, labelled in both Chinese scripts, and the shipped
copies up to date. Runs on the shipped concept map and on a small hand-made one (conftest)."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tagger.arelle_runner import run_arelle
from tagger.errors import ValidationSetupError
from taxonomy.builder import build_packages, shipped_packages, used_elements, used_names
from taxonomy.loader import DATA_DIR, default_concept_map, read_ifrs_facts
from xbrl.package import entry_points_of, zip_entries
from xbrl.urls import IFRS_CORE_PATH, IXTAG_SCHEMA

XSD = "{http://www.w3.org/2001/XMLSchema}"
XBRLI = "{http://www.xbrl.org/2003/instance}"
LINK = "{http://www.xbrl.org/2003/linkbase}"
XLINK = "{http://www.w3.org/1999/xlink}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OFFICIAL_FACTS = Path(__file__).parents[2] / "shared/ifrs/ifrs-full-2022-03-24-concepts.tsv"


@pytest.fixture(scope="module", params=["shipped-map", "sample-map"])
def built(request, tmp_path_factory):
    """(concept map, ifrs facts, [ifrs zip, base zip]) for each concept map."""
    if request.param == "shipped-map":
        cmap, facts = default_concept_map(), read_ifrs_facts(DATA_DIR / "ifrs-full-facts.tsv")
    else:
        cmap = request.getfixturevalue("sample_map")
        facts = request.getfixturevalue("sample_facts")
    out = tmp_path_factory.mktemp(request.param)
    return cmap, facts, build_packages(out, cmap, facts)


def _read(package: Path, suffix: str) -> etree._Element:
    with zipfile.ZipFile(package) as archive:
        name = next(n for n in archive.namelist() if n.endswith(suffix))
        return etree.fromstring(archive.read(name))


def _problems(run) -> list[str]:
    return [m.line() for m in run.problems]


def test_rebuild_gives_identical_bytes(built, tmp_path):
    cmap, facts, first = built
    second = build_packages(tmp_path, cmap, facts)
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_arelle_loads_every_entry_point_clean(built):
    _, _, packages = built
    entry_points = [e for p in packages for e in entry_points_of(p)]
    assert IXTAG_SCHEMA in entry_points
    for entry in entry_points:
        run = run_arelle(entry, packages)
        assert _problems(run) == [], entry


def test_ifrs_schema_declares_exactly_the_map_elements(built):
    cmap, facts, (ifrs_zip, _) = built
    schema = _read(ifrs_zip, IFRS_CORE_PATH)
    declared = {e.get("name"): e for e in schema.iter(f"{XSD}element")}
    expected = {e.name: e for e in used_elements(cmap, facts) if e.prefix == "ifrs-full"}
    assert sorted(declared) == sorted(expected)
    for name, node in declared.items():
        f = expected[name].facts
        assert node.get("id") == f"ifrs-full_{name}"
        assert (node.get("type"), node.get("substitutionGroup")) == (f.type, f.substitution_group)
        assert node.get(f"{XBRLI}periodType") == f.period_type
        assert node.get(f"{XBRLI}balance") == f.balance
        assert node.get("abstract") == str(f.abstract).lower()
        assert node.get("nillable") == "true"


def test_ifrs_facts_match_the_official_taxonomy(built):
    if not OFFICIAL_FACTS.is_file():
        pytest.skip(f"{OFFICIAL_FACTS} not present (only in the development workspace)")
    with OFFICIAL_FACTS.open(encoding="utf-8", newline="") as handle:
        official = {row["name"]: row for row in csv.DictReader(handle, delimiter="\t")}
    cmap, facts, _ = built
    for element in used_elements(cmap, facts):
        if element.prefix != "ifrs-full":
            continue
        row, f = official[element.name], element.facts
        assert (f.type, f.substitution_group, f.period_type) == (
            row["type"],
            row["substitutionGroup"],
            row["periodType"],
        ), element.name
        assert (f.balance or "", str(f.abstract).lower()) == (row["balance"], row["abstract"])


def _labels(base_zip: Path) -> dict[str, set[str]]:
    """Concept id -> languages of its standard labels, read back from the label linkbases
    (the templates entry point's and the concepts schema's)."""
    out: dict[str, set[str]] = {}
    with zipfile.ZipFile(base_zip) as archive:
        roots = [etree.fromstring(archive.read(n)) for n in archive.namelist() if "_lab-" in n]
    for root in roots:
        link = root.find(f"{LINK}labelLink")
        locs = {n.get(f"{XLINK}label"): n.get(f"{XLINK}href") for n in link.iter(f"{LINK}loc")}
        resources: dict[str, set[str]] = {}
        for node in link.iter(f"{LINK}label"):
            resources.setdefault(node.get(f"{XLINK}label"), set()).add(node.get(XML_LANG))
        for arc in link.iter(f"{LINK}labelArc"):
            concept = locs[arc.get(f"{XLINK}from")].rpartition("#")[2]
            out.setdefault(concept, set()).update(resources[arc.get(f"{XLINK}to")])
    return out


def test_labels_in_both_scripts_english_only_for_ixtag(built):
    cmap, _, (_, base_zip) = built
    labels = _labels(base_zip)
    for concept in cmap.ifrs_concepts():
        if not concept.facts.abstract:
            assert {"zh-Hant", "zh-Hans"} <= labels.get(f"ifrs-full_{concept.name}", set())
    for name in [*cmap.axes, *cmap.members]:
        assert labels[f"ifrs-full_{name}"] == {"zh-Hant", "zh-Hans"}, name
    for concept in cmap.ixtag_concepts():
        expected = {"zh-Hant", "zh-Hans"} | ({"en"} if concept.labels.en else set())
        assert labels[f"ixtag_{concept.name}"] == expected
    english = [c for c, langs in labels.items() if "en" in langs]
    assert all(c.startswith("ixtag_") for c in english)


def _pairs(model, arcrole: str) -> set[tuple[str, str]]:
    rels = model.relationshipSet(arcrole).modelRelationships
    return {(r.fromModelObject.name, r.toModelObject.name) for r in rels}


def _dimensional_view(models):
    from arelle import XbrlConst

    model = models[0]
    closed = [r.isClosed for r in model.relationshipSet(XbrlConst.all).modelRelationships]
    return {
        "closed": closed,
        "defaults": _pairs(model, XbrlConst.dimensionDefault),
        "members": _pairs(model, XbrlConst.domainMember),
        "anchors": _pairs(model, XbrlConst.widerNarrower),
    }


def test_changes_in_equity_hypercube_as_arelle_reads_it(sample_map, sample_facts, tmp_path):
    packages = build_packages(tmp_path, sample_map, sample_facts)
    view = run_arelle(IXTAG_SCHEMA, packages, inspect=_dimensional_view).inspected
    assert view["closed"] == [True]
    assert view["defaults"] == {("ComponentsOfEquityAxis", "EquityMember")}
    line_items = {t for f, t in view["members"] if f == "StatementOfChangesInEquityLineItems"}
    assert line_items == {
        "Equity",
        "ProfitLoss",
        "DividendsRecognisedAsDistributionsToOwnersOfParent",
    }
    assert ("EquityAttributableToOwnersOfParentMember", "RetainedEarningsMember") in view["members"]
    assert view["anchors"] == {("ProfitLoss", "AdjustedProfitLoss")}


_INSTANCE = """<?xml version="1.0" encoding="UTF-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance"
  xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
  xmlns:ifrs-full="https://xbrl.ifrs.org/taxonomy/2022-03-24/ifrs-full">
  <link:schemaRef xlink:type="simple" xlink:href="{schema}"/>
  <xbrli:context id="FY"><xbrli:entity><xbrli:identifier scheme="http://www.hkex.com.hk"
    >0001</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2023-01-01
    </xbrli:startDate><xbrli:endDate>2023-12-31</xbrli:endDate></xbrli:period></xbrli:context>
  <xbrli:context id="FY_RE"><xbrli:entity><xbrli:identifier scheme="http://www.hkex.com.hk"
    >0001</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2023-01-01
    </xbrli:startDate><xbrli:endDate>2023-12-31</xbrli:endDate></xbrli:period><xbrli:scenario>
    <xbrldi:explicitMember dimension="ifrs-full:ComponentsOfEquityAxis"
    >ifrs-full:RetainedEarningsMember</xbrldi:explicitMember></xbrli:scenario></xbrli:context>
  <xbrli:unit id="CNY"><xbrli:measure>iso4217:CNY</xbrli:measure></xbrli:unit>
  <ifrs-full:Revenue contextRef="FY" unitRef="CNY" decimals="-3">1000000</ifrs-full:Revenue>
  <ifrs-full:CostOfSales contextRef="FY" unitRef="CNY" decimals="-3">400000</ifrs-full:CostOfSales>
  <ifrs-full:GrossProfit contextRef="FY" unitRef="CNY" decimals="-3">{gross}</ifrs-full:GrossProfit>
  <ifrs-full:ProfitLoss contextRef="FY_RE" unitRef="CNY" decimals="-3">90000</ifrs-full:ProfitLoss>
</xbrli:xbrl>
"""


@pytest.mark.parametrize(
    ("gross", "codes"),
    [
        (600000, []),
        (500000, ["calc11e:inconsistentCalculationUsingRounding"]),
    ],
)
def test_an_instance_validates_against_the_sample_taxonomy(
    sample_map, sample_facts, tmp_path, gross, codes
):
    packages = build_packages(tmp_path / "packages", sample_map, sample_facts)
    instance = tmp_path / "report.xbrl"
    instance.write_text(_INSTANCE.format(schema=IXTAG_SCHEMA, gross=gross), encoding="utf-8")
    run = run_arelle(instance, packages)
    assert [m.code for m in run.problems] == codes
    assert all(m.concept == "ifrs-full:GrossProfit" for m in run.problems)


def test_shipped_packages_equal_a_fresh_build(tmp_path):
    fresh = build_packages(tmp_path)
    shipped = shipped_packages()
    assert [p.name for p in shipped] == [p.name for p in fresh]
    for ship, new in zip(shipped, fresh, strict=True):
        assert ship.is_file(), f"{ship} missing: run `make taxonomy`"
        # Entries, not zip bytes: deflate output may differ between zlib builds.
        stale = zip_entries(ship) != zip_entries(new)
        assert not stale, f"{ship.name} differs from the concept map: run `make taxonomy`"


def test_used_names_cover_template_structure(sample_map):
    names = used_names(sample_map)
    for structural in ("StatementOfChangesInEquityTable", "StatementOfChangesInEquityLineItems"):
        assert structural in names


def test_missing_package_is_a_setup_error(tmp_path):
    with pytest.raises(ValidationSetupError, match="not found"):
        run_arelle(IXTAG_SCHEMA, [tmp_path / "nope.zip"])
