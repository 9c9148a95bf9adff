"""``ixtag validate --rules esef``: Arelle's ESEF plugin, run for real and offline, on the
example and on corpus excerpts, and the entity information facts read by hand from the
example."""

from __future__ import annotations

import json
import re
import socket
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tagger.cli import main
from tagger.options import TagOptions
from tagger.pipeline import tag
from tagger.report import write_report
from tagger.validation import validate_report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
CORPUS = ROOT / "tests" / "corpus"

# What a Hong Kong filing cannot meet: ESMA's taxonomy is not imported (EU only).
EU_ONLY = {
    "ESEF.RTS.efrsCoreRequired",
    "ESEF.3.1.2.requiredEntryPointNotImported",
    "ESEF.1.2.IFRSNotYetIncluded",
}
# Met by `--lei` (another branch): the stock code is not an LEI.
NO_LEI = "ESEF.2.1.1.nonLEIContextScheme"
MISSING_MARKUPS = "ESEF.RTS.Annex.II.Par.2.missingMandatoryMarkups"
# The mandatory entity information the example does not print (read by hand): no domicile
# wording, no change of name, no principal place of business in the announcement, and
# "本集團自2023年12月15日起並無最終控股公司" (no parent, no ultimate parent).
NOT_PRINTED_IN_EXAMPLE = {
    "DomicileOfEntity",
    "ExplanationOfChangeInNameOfReportingEntityOrOtherMeansOfIdentificationFromEndOfPrecedingReportingPeriod",
    "NameOfParentEntity",
    "NameOfUltimateParentOfGroup",
    "PrincipalPlaceOfBusiness",
}
ALL_MANDATORY = NOT_PRINTED_IN_EXAMPLE | {
    "NameOfReportingEntityOrOtherMeansOfIdentification",
    "CountryOfIncorporation",
    "LegalFormOfEntity",
    "AddressOfRegisteredOfficeOfEntity",
    "DescriptionOfNatureOfEntitysOperationsAndPrincipalActivities",
}


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("esef")
    return write_report(tag(EXAMPLE, TagOptions(stem="sensetime")), out)


@pytest.fixture(scope="module")
def esef(example):
    return validate_report(example.package, rules="esef")


def _missing(summary) -> set[str]:
    message = next(m for m in summary.run.messages if m.code == MISSING_MARKUPS)
    return set(re.findall(r"\w+", message.text.split(":", 1)[1]))


def test_the_example_raises_only_what_a_hong_kong_filing_cannot_meet(esef):
    raised = {m.code for m in esef.run.problems}
    assert raised == EU_ONLY | {NO_LEI, MISSING_MARKUPS}
    assert {n.code for n in esef.not_applicable()} == EU_ONLY
    assert _missing(esef) == NOT_PRINTED_IN_EXAMPLE
    # the EU-only codes neither fail the report nor vanish
    assert esef.passed and esef.counts == {"INFO": esef.counts["INFO"], "WARNING": 2}
    assert sum(n.count for n in esef.not_applicable()) > 400  # one per IFRS concept, and 2


def test_core_validation_stays_clean(example):
    summary = validate_report(example.package)
    assert summary.clean and summary.not_applicable() == []
    # 1090 amounts of the tables (401 of the statements and summaries; the highlights' EBITDA;
    # 224 of the notes' tables; 234 of the movement tables of property, plant and equipment;
    # 40 of note 12's movements of classes of financial assets at fair value (34) and their
    # fair value changes printed again by class (6);
    # revenue by business line; 56 restated statement lines, note 11's total read as the
    # note's; 8 rows restating the notes' rows, 10 totals restating a line; the EPS note's
    # 6; 24 unused tax losses by expiry band, 2 undrawn facilities, 2 long-term payables
    # restating the balance sheet; the transaction price allocated to the remaining
    # performance obligations (2), the non-current contract liabilities' one row (2); 23 of
    # the trade receivables' ageing analyses and 10 of the trade payables and bills
    # payable's; 28 of the receivables'
    # provision matrices; 8 of the depreciation by function), 46 figures of the discussion
    # (one a headcount), 6 of the notes' text (buildings pledged, 4 receivables assessed one
    # by one), 15 notes, 7 entity facts
    assert len(summary.facts.facts) == 1090 + 46 + 6 + 15 + 7


ENTITY_FACTS = {
    # the cover, lines 6 and 8: "SenseTime Group Inc." above
    # "(於開曼群島註冊成立以不同投票權控制的有限公司)"
    "ifrs-full:NameOfReportingEntityOrOtherMeansOfIdentification": "SenseTime Group Inc.",
    "ifrs-full:CountryOfIncorporation": "開曼群島",
    "ifrs-full:LegalFormOfEntity": "以不同投票權控制的有限公司",
    # note 1 一般資料, lines 1274-1277, the address split by a blank line after "P.O. Box"
    "ifrs-full:AddressOfRegisteredOfficeOfEntity": "Third Floor, Century Yard, Cricket Square, "
    "P.O. Box 902, Grand Cayman, KY1-1103, Cayman Islands",
    # lines 1279-1283, split by a blank line after "AIDC"
    "ifrs-full:DescriptionOfNatureOfEntitysOperationsAndPrincipalActivities": (
        "本公司及其附屬公司（「本集團」），包括結構實體（統稱「本集團」）主要業務為主要在"
        "中華人民共和國（「中國」）、東北亞、東南亞及其他地區銷售先進人工智能（「人工智能」）"
        "軟件、銷售軟件平台及相關服務、銷售軟硬一體產品及相關服務、AIDC服務以及有關人工智能"
        "技術的研發活動。"
    ),
    # the cover's title, line 12: 截至2023年12月31日止年度之 (年度業績公告), the period's end
    "ifrs-full:DateOfEndOfReportingPeriod2013": "2023-12-31",
    # note 1, lines 1291-1292: 該等綜合財務報表已於2024年3月26日獲董事會批准刊發。
    "ifrs-full:DateOfAuthorisationForIssueOfFinancialStatements2013": "2024-03-26",
}


ENTITY_NAMES = {f"ifrs-full:{name}" for name in ALL_MANDATORY}


def test_entity_information_as_arelle_reads_it(esef):
    text = {f.concept: f for f in esef.facts.facts if f.concept in ENTITY_FACTS}
    assert {c: f.value for c, f in text.items()} == ENTITY_FACTS
    for fact in text.values():
        assert fact.period == "2023-01-01..2023-12-31" and fact.dimensions == {}
        assert fact.unit is None


def test_entity_facts_stay_out_of_calculations_and_are_presented(example):
    with zipfile.ZipFile(example.package) as archive:
        stem = "sensetime/extension/00020-2023-12-31"
        calculation = archive.read(f"{stem}_cal.xml").decode()
        presentation = archive.read(f"{stem}_pre.xml").decode()
        definition = archive.read(f"{stem}_def.xml").decode()
    for concept in ENTITY_FACTS:
        name = concept.split(":")[1]
        assert f"_{name}" not in calculation
        assert f"_{name}" in presentation and f"_{name}" in definition
    assert "esef_role-999999" in definition and "ifrs-dim_role-990000" in definition


def test_file_names_follow_the_esef_conventions(example):
    with zipfile.ZipFile(example.package) as archive:
        names = sorted(archive.namelist())
    assert "sensetime/reports/00020-2023-12-31-1-zh-Hant.xhtml" in names
    assert {n.rpartition("/")[2] for n in names if "/extension/" in n} == {
        "00020-2023-12-31.xsd",
        "00020-2023-12-31_pre.xml",
        "00020-2023-12-31_cal.xml",
        "00020-2023-12-31_def.xml",
        "00020-2023-12-31_lab-zh-Hant.xml",
        "00020-2023-12-31_lab-zh-Hans.xml",
    }


# Corpus excerpts: the entity information each prints, read by hand (01's cover, in Big5:
# "示範實業控股有限公司" above "（於百慕達註冊成立之有限公司）"; the others print statements only).
EXCERPTS = {
    "01-old-wording-income-hkd": {
        "ifrs-full:NameOfReportingEntityOrOtherMeansOfIdentification": "示範實業控股有限公司",
        "ifrs-full:CountryOfIncorporation": "百慕達",
        "ifrs-full:LegalFormOfEntity": "有限公司",
    },
    "05-cell-per-line-balance-sheet-hans": {},
    "25-mainland-equity-statement-hans": {},
    "38-bilingual-equity-stacked-header-hkd": {},
}


@pytest.mark.parametrize("stem", EXCERPTS)
def test_corpus_excerpts_raise_only_what_they_cannot_meet(stem, tmp_path):
    written = write_report(tag(CORPUS / f"{stem}.txt"), tmp_path)
    assert validate_report(written.package).clean
    esef = validate_report(written.package, rules="esef")
    assert {m.code for m in esef.run.problems} == EU_ONLY | {NO_LEI, MISSING_MARKUPS}
    printed = EXCERPTS[stem]
    text = {f.concept: f.value for f in esef.facts.facts if f.concept in ENTITY_NAMES}
    assert text == printed
    assert _missing(esef) == ALL_MANDATORY - {c.split(":")[1] for c in printed}
    assert esef.passed


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network use: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_cli_esef_offline_exit_code_and_json(example, no_network):
    runner = CliRunner()
    shown = runner.invoke(main, ["validate", "--rules", "esef", str(example.package)])
    assert shown.exit_code == 0, shown.output
    assert "not applicable outside the EU" in shown.output
    assert "ESEF.1.2.IFRSNotYetIncluded" in shown.output and NO_LEI in shown.output
    strict = runner.invoke(main, ["validate", "--rules", "esef", "--strict", str(example.package)])
    assert strict.exit_code == 1  # the two warnings a Hong Kong filing can still meet
    body = json.loads(
        runner.invoke(main, ["validate", "--rules", "esef", "--json", str(example.package)]).output
    )
    report = body["reports"][0]
    assert body["passed"] and report["rules"] == "esef"
    assert {f["code"] for f in report["findings"]} == {NO_LEI, MISSING_MARKUPS}
    assert {n["code"] for n in report["not_applicable_outside_eu"]} == EU_ONLY
    core = runner.invoke(main, ["validate", "--json", str(example.package)])
    assert json.loads(core.output)["reports"][0]["not_applicable_outside_eu"] == []
