"""Concept map -> the two taxonomy packages ixtag ships.

    build_packages(out_dir, cmap=None, ifrs_facts=None) -> [ifrs zip, base zip]
    ifrs_package_files(cmap, ifrs_facts) / base_package_files(cmap, ifrs_facts)
        -> {zip entry name: bytes}

1. ``ifrs-full-2022-03-24-offline.zip``: the ifrs-full core schema at its official URL,
   declaring exactly the ifrs-full elements the map uses, with the IFRS Taxonomy's facts.
2. ``ixtag-base-<version>.zip``: ixtag's schema (own concepts, statement roles) importing
   ifrs-full by its official URL, with label, presentation, calculation and definition
   linkbases. Entry point: ``urls.IXTAG_SCHEMA``.

The facts of the abstracts a template names (root, table, line items) and of anchor targets
that are not concepts of the map come from ``ifrs_facts`` (default: the map's
``ifrs-full-facts.tsv``).
"""

from __future__ import annotations

from pathlib import Path

from tagger.errors import BuildError
from taxonomy import base_links
from taxonomy.entity_information import entity_information
from taxonomy.loader import DATA_DIR, default_concept_map, read_ifrs_facts
from taxonomy.models import ConceptMap, ElementFacts
from xbrl.linkbase import (
    calculation_linkbase,
    concept_href,
    definition_linkbase,
    label_linkbases,
    presentation_linkbase,
)
from xbrl.naming import TaxonomyFiles
from xbrl.package import EntryPoint, PackageInfo, taxonomy_package_files, write_zip
from xbrl.schema import Element, Import, LinkbaseRef, write_schema
from xbrl.urls import (
    BASE_PACKAGE_NAME,
    BASE_VERSION,
    IFRS_BASE_URL,
    IFRS_CORE_PATH,
    IFRS_CORE_SCHEMA,
    IFRS_NAMESPACE,
    IFRS_PACKAGE_NAME,
    IFRS_PREFIX,
    IXTAG_BASE_URL,
    IXTAG_CONCEPTS_BASE,
    IXTAG_CONCEPTS_FILE,
    IXTAG_CONCEPTS_SCHEMA,
    IXTAG_NAMESPACE,
    IXTAG_PREFIX,
    IXTAG_SCHEMA,
    IXTAG_SCHEMA_BASE,
    IXTAG_SCHEMA_FILE,
    IXTAG_TEMPLATES_NAMESPACE,
    PUBLICATION_DATE,
    PUBLISHER,
    PUBLISHER_URL,
)

# File names as ESEF 3.1.5 asks: {base}-{date}.xsd, _pre/_cal/_def.xml, one _lab-{lang}.xml
# per language.
TEMPLATE_FILES = TaxonomyFiles(IXTAG_SCHEMA_BASE, PUBLICATION_DATE)
CONCEPTS_FILES = TaxonomyFiles(IXTAG_CONCEPTS_BASE, PUBLICATION_DATE)
_KINDS = {"pre": "presentation", "cal": "calculation", "def": "definition"}


PACKAGES_DIR = Path(__file__).resolve().parent / "packages"


def shipped_packages() -> list[Path]:
    """The packages committed in ``taxonomy/packages`` (``make taxonomy`` rebuilds them): the
    IFRS offline package first, then the base package."""
    return [PACKAGES_DIR / f"{name}.zip" for name in (IFRS_PACKAGE_NAME, BASE_PACKAGE_NAME)]


def _split(name: str) -> tuple[str | None, str]:
    prefix, sep, local = name.rpartition(":")
    return (prefix if sep else None), local


def resolve(cmap: ConceptMap, ifrs_facts: dict[str, ElementFacts], name: str) -> Element:
    """The element a concept map name (``Name`` or ``prefix:Name``) stands for."""
    prefix, local = _split(name)
    for table in (cmap.concepts, cmap.axes, cmap.members):
        item = table.get(local)
        if item is not None and prefix in (None, item.prefix):
            return Element(item.prefix, item.name, item.facts)
    if prefix in (None, IFRS_PREFIX) and local in ifrs_facts:
        return Element(IFRS_PREFIX, local, ifrs_facts[local])
    raise BuildError(f"{name}: not a concept, axis or member of the map, nor an ifrs-full element")


def used_names(cmap: ConceptMap) -> list[str]:
    """Every element name the map uses: concepts, axes, members, template structure, anchors."""
    names = [*cmap.concepts, *cmap.axes, *cmap.members]
    for template in cmap.templates.values():
        names += [template.root, template.table, template.line_items, *template.axes]
        names += base_links.template_items(template)
    names += [c.anchor.concept for c in cmap.concepts.values() if c.anchor]
    if cmap.notes is not None:  # the notes' text blocks
        names += [cmap.notes.general, *sorted(set(cmap.notes.titles.values()))]
    return [n for n in dict.fromkeys(names) if n]


def used_elements(cmap: ConceptMap, ifrs_facts: dict[str, ElementFacts]) -> list[Element]:
    """The map's elements, and the entity information concepts (tagger.entity_facts) that the
    IFRS facts hold."""
    entity = [f.concept for f in entity_information().facts if f.concept in ifrs_facts]
    elements = {}
    for name in [*used_names(cmap), *entity]:
        element = resolve(cmap, ifrs_facts, name)
        elements[(element.prefix, element.name)] = element
    return sorted(elements.values(), key=lambda e: (e.prefix, e.name))


def _href_function(cmap: ConceptMap, ifrs_facts: dict[str, ElementFacts]):
    def href(name: str) -> str:
        element = resolve(cmap, ifrs_facts, name)
        schema = IFRS_CORE_SCHEMA if element.prefix == IFRS_PREFIX else IXTAG_CONCEPTS_FILE
        return concept_href(schema, element.prefix, element.name)

    return href


def ifrs_schema(cmap: ConceptMap, ifrs_facts: dict[str, ElementFacts]) -> bytes:
    elements = [e for e in used_elements(cmap, ifrs_facts) if e.prefix == IFRS_PREFIX]
    return write_schema(target_namespace=IFRS_NAMESPACE, prefix=IFRS_PREFIX, elements=elements)


def _package_info(*, package: str, name: str, description: str, entry_points) -> PackageInfo:
    """What both of ixtag's packages declare alike: identifier, version, publisher, date."""
    return PackageInfo(
        identifier=f"{IXTAG_BASE_URL}{package}",
        name=name,
        description=description,
        version=BASE_VERSION,
        entry_points=entry_points,
        publisher=PUBLISHER,
        publisher_url=PUBLISHER_URL,
        publication_date=PUBLICATION_DATE,
    )


def ifrs_package_files(cmap: ConceptMap, ifrs_facts: dict[str, ElementFacts]) -> dict[str, bytes]:
    info = _package_info(
        package=IFRS_PACKAGE_NAME,
        name="IFRS Accounting Taxonomy 2022-03-24: offline subset for ixtag",
        description="The ifrs-full elements ixtag uses, declared as in the IFRS Taxonomy, so "
        "that reports validate without network. The official IFRS Taxonomy package "
        "can be used instead.",
        entry_points=(EntryPoint("ifrs-full core (ixtag subset)", IFRS_CORE_SCHEMA),),
    )
    files = {IFRS_CORE_PATH: ifrs_schema(cmap, ifrs_facts)}
    return taxonomy_package_files(IFRS_PACKAGE_NAME, info, {IFRS_BASE_URL: "../"}, files)


def _label_files(files: TaxonomyFiles, labels) -> dict[str, bytes]:
    return {files.label(lang): data for lang, data in label_linkbases(labels).items()}


def base_linkbases(cmap: ConceptMap, ifrs_facts: dict[str, ElementFacts]) -> dict[str, bytes]:
    """Linkbase file name -> bytes of the templates entry point; empty calculation and
    definition linkbases are left out."""
    href = _href_function(cmap, ifrs_facts)
    templates = list(cmap.templates.values())
    pre = [base_links.presentation_link(cmap, t, href) for t in templates]
    cal = [x for t in templates if (x := base_links.calculation_link(t, href))]
    dfn = [x for t in templates if (x := base_links.definition_link(cmap, t, href))]
    out = _label_files(TEMPLATE_FILES, base_links.labels(cmap, href))
    if pre:
        out[TEMPLATE_FILES.linkbase("pre")] = presentation_linkbase(pre)
    if cal:
        out[TEMPLATE_FILES.linkbase("cal")] = calculation_linkbase(cal)
    if dfn:
        out[TEMPLATE_FILES.linkbase("def")] = definition_linkbase(dfn)
    return out


def concepts_linkbases(cmap: ConceptMap, ifrs_facts: dict[str, ElementFacts]) -> dict[str, bytes]:
    """The concepts schema's linkbases: labels of ixtag's concepts, their anchoring."""
    href = _href_function(cmap, ifrs_facts)
    out = _label_files(CONCEPTS_FILES, base_links.labels(cmap, href, own=True))
    anchoring = base_links.anchoring_link(cmap, href)
    if anchoring:
        out[CONCEPTS_FILES.linkbase("def")] = definition_linkbase([anchoring])
    return out


def _linkbase_refs(files: TaxonomyFiles, linkbases) -> list[LinkbaseRef]:
    kinds = {files.linkbase(short): kind for short, kind in _KINDS.items()}
    kinds |= {name: "label" for name in linkbases if name.startswith(f"{files.stem}_lab-")}
    return [LinkbaseRef(file, kinds[file]) for file in sorted(linkbases)]


def concepts_schema(cmap: ConceptMap, ifrs_facts: dict[str, ElementFacts], linkbases) -> bytes:
    """ixtag's own concepts, their labels and anchoring: what a report may import."""
    roles = [base_links.ANCHORING_ROLE] if CONCEPTS_FILES.linkbase("def") in linkbases else []
    return write_schema(
        target_namespace=IXTAG_NAMESPACE,
        prefix=IXTAG_PREFIX,
        elements=[e for e in used_elements(cmap, ifrs_facts) if e.prefix == IXTAG_PREFIX],
        imports=[Import(IFRS_PREFIX, IFRS_NAMESPACE, IFRS_CORE_SCHEMA)],
        roles=roles,
        linkbases=_linkbase_refs(CONCEPTS_FILES, linkbases),
    )


def base_schema(cmap: ConceptMap, ifrs_facts: dict[str, ElementFacts], linkbases) -> bytes:
    """The entry point: the concepts schema plus the statement templates."""
    return write_schema(
        target_namespace=IXTAG_TEMPLATES_NAMESPACE,
        prefix="ixtag-tpl",
        imports=[
            Import(IFRS_PREFIX, IFRS_NAMESPACE, IFRS_CORE_SCHEMA),
            Import(IXTAG_PREFIX, IXTAG_NAMESPACE, IXTAG_CONCEPTS_FILE),
        ],
        roles=[base_links.statement_role(t) for t in cmap.templates.values()],
        linkbases=_linkbase_refs(TEMPLATE_FILES, linkbases),
    )


def base_package_files(cmap: ConceptMap, ifrs_facts: dict[str, ElementFacts]) -> dict[str, bytes]:
    info = _package_info(
        package=BASE_PACKAGE_NAME,
        name="ixtag base taxonomy",
        description="Traditional and Simplified Chinese labels for the IFRS concepts ixtag "
        "uses, ixtag's own Hong Kong non-IFRS concepts anchored to IFRS concepts, and "
        "statement templates (presentation, calculation, definition).",
        entry_points=(
            EntryPoint("ixtag base taxonomy", IXTAG_SCHEMA),
            EntryPoint("ixtag concepts (no statement templates)", IXTAG_CONCEPTS_SCHEMA),
        ),
    )
    templates = base_linkbases(cmap, ifrs_facts)
    concepts = concepts_linkbases(cmap, ifrs_facts)
    files = {**templates, **concepts}
    files[IXTAG_SCHEMA_FILE] = base_schema(cmap, ifrs_facts, templates)
    files[IXTAG_CONCEPTS_FILE] = concepts_schema(cmap, ifrs_facts, concepts)
    return taxonomy_package_files(BASE_PACKAGE_NAME, info, {IXTAG_BASE_URL: "../"}, files)


def build_packages(
    out_dir: Path,
    cmap: ConceptMap | None = None,
    ifrs_facts: dict[str, ElementFacts] | None = None,
) -> list[Path]:
    """Write both packages into ``out_dir``; return their paths (IFRS first).

    Base packages of other versions in ``out_dir`` are removed, so that the folder holds one.
    """
    cmap = cmap if cmap is not None else default_concept_map()
    if ifrs_facts is None:
        ifrs_facts = read_ifrs_facts(DATA_DIR / "ifrs-full-facts.tsv")
    base_zip = out_dir / f"{BASE_PACKAGE_NAME}.zip"
    for stale in out_dir.glob("ixtag-base-*.zip"):
        if stale != base_zip:
            stale.unlink()
    return [
        write_zip(out_dir / f"{IFRS_PACKAGE_NAME}.zip", ifrs_package_files(cmap, ifrs_facts)),
        write_zip(base_zip, base_package_files(cmap, ifrs_facts)),
    ]
