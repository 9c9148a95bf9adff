"""The shipped concept map: size, labels, IFRS facts, ambiguity, calculations, templates."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from taxonomy.loader import DATA_DIR, ConceptMapError, load_concept_map, simplified
from taxonomy.models import IFRS_PREFIX, ConceptMap

REPO = Path(__file__).resolve().parents[1]
SHARED_IFRS = REPO.parent / "shared" / "ifrs"

# Row labels of SenseTime's 2023 primary statements, copied by hand from
# examples/sensetime-2023-annual-results.zh-Hant.txt (wrapped labels joined).
SENSETIME_LABELS = [
    "收入",
    "銷售成本",
    "金融資產及合約資產減值虧損淨額",
    "其他虧損－淨額",
    "財務收入－淨額",
    "應佔使用權益法核算的投資虧損",
    "除所得稅前虧損",
    "所得稅抵免",
    "年度虧損",
    "每股基本及攤薄虧損（人民幣元）",
    "年度其他全面收益（除稅後）",
    "指定為按公允價值計量且變動計入損益的金融負債信用風險變動的影響",
    "年度全面虧損總額",
    "按公允價值計量且變動計入損益的金融資產",
    "貿易、其他應收款項及預付款項",
    "本公司權益持有人應佔權益",
    "累計虧損",
    "總權益及負債",
    "流動資產淨值",
    "總資產減流動負債",
    "行使受限制股份和購股權",
    "與權益持有人的交易總額",
    "經營活動所用現金淨額",
    "投資活動所得╱（所用）現金淨額",
    "租賃付款的本金部分",
    "現金及現金等價物增加╱（減少）淨額",
    "年末現金及現金等價物",
]


@pytest.fixture(scope="module")
def cmap() -> ConceptMap:
    return load_concept_map()


# The combined line 每股基本及攤薄虧損 is both basic and diluted EPS: the tagger tags both.
# 每股基本及攤薄 (and its continuing / discontinued forms) is printed once for both concepts.
SHARED_ON_PURPOSE = {
    frozenset({f"Basic{eps}", f"Diluted{eps}"})
    for eps in (
        "EarningsLossPerShare",
        "EarningsLossPerShareFromContinuingOperations",
        "EarningsLossPerShareFromDiscontinuedOperations",
    )
}


def _norm(text: str) -> str:
    return "".join(text.split())


def test_size_and_labels(cmap: ConceptMap) -> None:
    ifrs = [c for c in cmap.ifrs_concepts() if not c.facts.abstract]
    assert len(ifrs) >= 250
    for concept in cmap.concepts.values():
        assert concept.labels.zh_hant.strip(), concept.name
        assert concept.labels.zh_hans.strip(), concept.name
        assert concept.statements, f"{concept.name}: no statements"
    average = sum(len(c.labels.synonyms_hant) for c in cmap.concepts.values()) / len(cmap.concepts)
    assert average >= 2


def test_ifrs_facts_match_the_taxonomy(cmap: ConceptMap) -> None:
    path = SHARED_IFRS / "ifrs-full-2022-03-24-concepts.tsv"
    if not path.exists():
        pytest.skip(f"IFRS Taxonomy facts not present at {path} (a fresh clone has no ../shared)")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = {row["name"]: row for row in csv.DictReader(handle, delimiter="\t")}
    elements = [
        *(c for c in cmap.concepts.values() if c.prefix == IFRS_PREFIX),
        *cmap.axes.values(),
        *cmap.members.values(),
    ]
    for element in elements:
        row = rows.get(element.name)
        assert row is not None, f"{element.name} is not in the IFRS Taxonomy 2022-03-24"
        facts = element.facts
        assert facts.type == row["type"], element.name
        assert facts.substitution_group == row["substitutionGroup"], element.name
        assert facts.period_type == row["periodType"], element.name
        assert (facts.balance or "") == row["balance"], element.name
        assert facts.abstract == (row["abstract"] == "true"), element.name


def test_no_ambiguous_wording(cmap: ConceptMap) -> None:
    by_wording = defaultdict(list)
    for concept in cmap.concepts.values():
        for wording in concept.labels.all_wordings():
            by_wording[_norm(wording)].append(concept)
    clashes = []
    for wording, concepts in by_wording.items():
        for i, first in enumerate(concepts):
            for second in concepts[i + 1 :]:
                if frozenset({first.name, second.name}) in SHARED_ON_PURPOSE | {
                    frozenset({first.name})
                }:
                    continue
                shared = set(first.statements) & set(second.statements)
                if shared and first.section == second.section:
                    clashes.append(f"{wording}: {first.name} / {second.name} in {sorted(shared)}")
    assert not clashes, "\n".join(clashes)


def test_members_unambiguous_within_axis(cmap: ConceptMap) -> None:
    seen: dict[tuple[str, str], str] = {}
    for member in cmap.members.values():
        for wording in member.labels.all_wordings():
            key = (member.axis, _norm(wording))
            assert seen.setdefault(key, member.name) == member.name, key


def test_calculations_agree_with_balances(cmap: ConceptMap) -> None:
    for template in cmap.templates.values():
        totals = [calc.total for calc in template.calculations]
        assert len(totals) == len(set(totals)), f"{template.statement}: a total summed twice"
        for calc in template.calculations:
            total = cmap.concepts[calc.total].facts
            for name, weight in calc.items:
                item = cmap.concepts[name].facts
                where = f"{template.statement}: {calc.total} <- {name}"
                assert weight in (1, -1), where
                assert item.period_type == total.period_type, where
                if item.balance and total.balance:
                    expected = 1 if item.balance == total.balance else -1
                    assert weight == expected, where


def test_templates_use_known_concepts(cmap: ConceptMap) -> None:
    assert set(cmap.templates) == {
        "income",
        "comprehensive_income",
        "financial_position",
        "changes_in_equity",
        "cash_flows",
    }
    for template in cmap.templates.values():
        for name in template.presentation:
            assert name in cmap.concepts, f"{template.statement}: {name}"
        for calc in template.calculations:
            assert calc.total in cmap.concepts
            assert all(name in cmap.concepts for name, _ in calc.items)
            assert calc.total in template.presentation, calc.total
        for axis in template.axes:
            assert axis in cmap.axes
    sce = cmap.templates["changes_in_equity"]
    assert sce.axes == ("ComponentsOfEquityAxis",)
    assert sce.table == "StatementOfChangesInEquityTable"
    assert sce.line_items == "StatementOfChangesInEquityLineItems"


def test_ixtag_concepts_are_anchored(cmap: ConceptMap) -> None:
    ixtag = cmap.ixtag_concepts()
    assert 5 <= len(ixtag) <= 8
    for concept in ixtag:
        assert concept.anchor is not None, concept.name
        target = cmap.concepts.get(concept.anchor.concept)
        assert target is not None and target.prefix == IFRS_PREFIX, concept.name
        assert concept.labels.en, concept.name


def test_member_parents_complete(cmap: ConceptMap) -> None:
    for member in cmap.members.values():
        chain = member
        while chain.parent is not None:
            assert chain.parent in cmap.members, f"{member.name}: {chain.parent}"
            chain = cmap.members[chain.parent]
        assert chain.name == cmap.axes[member.axis].default_member, member.name


def test_sensetime_labels_are_known(cmap: ConceptMap) -> None:
    wordings = {_norm(w) for c in cmap.concepts.values() for w in c.labels.all_wordings()}
    missing = [label for label in SENSETIME_LABELS if _norm(label) not in wordings]
    assert not missing


def test_totals_under_section_headings(cmap: ConceptMap) -> None:
    expected = {
        "NoncurrentAssets": "非流動資產",
        "CurrentAssets": "流動資產",
        "NoncurrentLiabilities": "非流動負債",
        "CurrentLiabilities": "流動負債",
        "EquityAttributableToOwnersOfParent": "本公司權益持有人應佔權益",
    }
    for name, wording in expected.items():
        assert wording in cmap.concepts[name].labels.all_wordings(), name


def test_sections_have_both_scripts(cmap: ConceptMap) -> None:
    names = {s.section for s in cmap.sections}
    assert {"noncurrent_assets", "current_liabilities", "operating", "oci_reclassifiable"} <= names
    for section in cmap.sections:
        missing = [h for h in section.headings if simplified(h) not in section.headings]
        assert not missing, f"{section.section}: no Simplified form of {missing}"
    sensetime = {h for s in cmap.sections for h in s.headings}
    assert {"可重新分類至損益的項目", "經營活動現金流量"} <= sensetime


def test_printed_headings_with_a_character_lost_still_open_their_section(cmap) -> None:
    """SenseTime prints 不會重新分至損益的項目 (類 lost): the tagger's fuzzy heading match
    finds the section; the data keeps only correct wordings."""
    from tagger.vocabulary import build_vocabulary

    vocab = build_vocabulary(cmap)
    heading = "不會重新分至損益的項目"
    assert not any(heading in s.headings for s in cmap.sections)
    assert vocab.section_of(heading, "comprehensive_income") == "oci_not_reclassifiable"
    reclassifiable = vocab.section_of("可重新分類至損益的項目", "comprehensive_income")
    assert reclassifiable == "oci_reclassifiable"


def test_broken_data_names_file_and_entry(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    broken = data / "concepts" / "zz_broken.toml"
    broken.write_text(
        '[[concept]]\nname = "NoSuchConceptAnywhere"\nzh-Hant = "不存在"\n', encoding="utf-8"
    )
    with pytest.raises(ConceptMapError) as excinfo:
        load_concept_map(data)
    assert "zz_broken.toml" in str(excinfo.value)
    assert "NoSuchConceptAnywhere" in str(excinfo.value)


def test_missing_label_names_file_and_entry(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    broken = data / "concepts" / "zz_broken.toml"
    broken.write_text('[[concept]]\nname = "Revenue"\nsynonyms = ["收入"]\n', encoding="utf-8")
    with pytest.raises(ConceptMapError) as excinfo:
        load_concept_map(data)
    assert "zz_broken.toml: concept #1 (Revenue)" in str(excinfo.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[concept]]\nname = "Revenue"\nzh-Hant = "收入"\nstatements = "income"\n', "Revenue"),
        ('[[concept]]\nzh-Hant = "收入"\n', "missing key 'name'"),
        ("[[concept]\nname = 1\n", "not valid TOML"),
    ],
)
def test_ixtag_tag_with_a_broken_concept_map_gives_one_line(tmp_path: Path, text, expected):
    """A broken entry stops `ixtag tag` with one line naming the file and entry, exit 1."""
    from click.testing import CliRunner

    from tagger.cli import main

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "concepts" / "zz_broken.toml").write_text(text, encoding="utf-8")
    example = Path(__file__).resolve().parents[1] / "examples"
    run = CliRunner().invoke(
        main,
        [
            "tag",
            str(next(example.glob("*.txt"))),
            "-o",
            str(tmp_path / "out"),
            "--concept-map",
            str(data),
        ],
    )
    assert run.exit_code == 1, run.output
    lines = run.output.strip().splitlines()
    assert len(lines) == 1 and "zz_broken.toml" in lines[0] and expected in lines[0]
    assert "internal error" not in run.output


def test_every_exception_class_derives_from_ixtag_error() -> None:
    import importlib
    import inspect
    import pkgutil

    import tagger
    import taxonomy
    import xbrl
    from tagger.errors import IxtagError

    for package in (tagger, taxonomy, xbrl):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, BaseException) and cls.__module__ == module.__name__:
                    assert issubclass(cls, IxtagError), f"{info.name}.{name}"
