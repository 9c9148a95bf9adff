"""The filing extension taxonomy of one report: schema, labels, presentation, calculation
and definition linkbases, as the statements were printed.

It imports the IFRS core schema by its official URL (resolved offline by ixtag's IFRS
package, or by the official package) and declares the report's extension concepts and
members. It does not import ixtag's base templates: their calculations describe a typical
filer, while the report's calculations are the ones its own statements print.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import NamedTuple

from tagger.arithmetic import Summation
from tagger.entity_facts import TextFact
from tagger.extensions import EXTENSION_PREFIX, ConceptRef, ExtensionMember
from tagger.facts import OTHER_TABLE, Fact
from tagger.identity_memo import by_identity
from taxonomy.loader import simplified, traditional
from taxonomy.models import (
    CONSOLIDATED_MEMBER,
    EQUITY_AXIS,
    SEPARATE_AXIS,
    SEPARATE_MEMBER,
    ConceptMap,
    ElementFacts,
)
from xbrl.dimensions import AxisTree, default_arcs, hypercube_arcs, hypercube_presentation
from xbrl.linkbase import (
    WIDER_NARROWER,
    Arc,
    ExtendedLink,
    Label,
    calculation_linkbase,
    definition_linkbase,
    label_linkbases,
    presentation_linkbase,
    tree_arcs,
)
from xbrl.naming import TaxonomyFiles
from xbrl.schema import Element, Import, LinkbaseRef, RoleType, write_schema
from xbrl.urls import (
    ESEF_DEFAULTS_ROLE,
    ESEF_NOT_DIMENSIONAL_ROLE,
    IFRS_CORE_SCHEMA,
    IFRS_NAMESPACE,
    IXTAG_CONCEPTS_SCHEMA,
    IXTAG_NAMESPACE,
    IXTAG_PREFIX,
)

_STATEMENT_ORDER = (
    "income",
    "comprehensive_income",
    "financial_position",
    "changes_in_equity",
    "cash_flows",
    OTHER_TABLE,
    "notes",
)
# Facts from tables outside the statements (non-IFRS measures) sit under an abstract of the
# extension's own: IFRS has none for them.
_OTHER_ROOT = "NonIfrsMeasuresAbstract"
_OTHER_TITLE = "主要報表以外的表格"  # highlights, non-IFRS measures, note breakdowns
_ROOTS = {
    "income": "ifrs-full:IncomeStatementAbstract",
    "comprehensive_income": "ifrs-full:StatementOfComprehensiveIncomeAbstract",
    "financial_position": "ifrs-full:StatementOfFinancialPositionAbstract",
    "changes_in_equity": "ifrs-full:StatementOfChangesInEquityAbstract",
    "cash_flows": "ifrs-full:StatementOfCashFlowsAbstract",
    OTHER_TABLE: f"{EXTENSION_PREFIX}:{_OTHER_ROOT}",
    "notes": f"{EXTENSION_PREFIX}:NotesAbstract",
}
_OTHER_ROLE = "NonIfrsMeasures"
# Facts of the notes' tables (tagger.notes) sit under an abstract of the extension's own too,
# in a role whose hypercube holds every axis the notes use.
_NOTES_ROOT = "NotesAbstract"
_NOTES_TITLE = "財務報表附註"
_NOTES_ROLE = "Notes"
_OWN_ABSTRACTS = {OTHER_TABLE: (_OTHER_ROOT, _OTHER_TITLE), "notes": (_NOTES_ROOT, _NOTES_TITLE)}
# Entity information (name, incorporation, registered office …) under an abstract of the
# extension's own, in the first role.
_GENERAL_ROOT = "GeneralInformationAbstract"
_GENERAL_TITLE = "一般資料"
_GENERAL_ROLE = RoleType(uri="", id="GeneralInformation", definition=f"[000000] {_GENERAL_TITLE}")
# The notes as text blocks (tagger.note_sections), in a role of their own.
_TEXT_BLOCKS_ROOT = "NoteTextBlocksAbstract"
_TEXT_BLOCKS_TITLE = "財務報表附註全文"
_TEXT_BLOCKS_ROLE = RoleType(
    uri="", id="NoteTextBlocks", definition=f"[800100] {_TEXT_BLOCKS_TITLE}"
)
# ESEF 3.4.3: every dimension's default in an ELR of its own; ESEF 3.4.2: line items reported
# without dimensions linked to a closed hypercube of their own (no dimension), in the ELR ESMA
# names for it.
_DEFAULTS_ROLE = RoleType(
    uri=ESEF_DEFAULTS_ROLE,
    id="ifrs-dim_role-990000",
    definition="[990000] Axis - Defaults",
    used_on=("link:definitionLink",),
)
_NOT_DIMENSIONAL_ROLE = RoleType(
    uri=ESEF_NOT_DIMENSIONAL_ROLE,
    id="esef_role-999999",
    definition="[999999] Line items not dimensionally qualified",
    used_on=("link:definitionLink",),
)
_NOT_DIMENSIONAL = ("LineItemsNotDimensionallyQualifiedTable", "LineItemsNotDimensionallyQualified")
_NOT_DIMENSIONAL_LABELS = ("無維度限定的項目［表格］", "無維度限定的項目")


class ExtensionTaxonomy(NamedTuple):  # a stage's result: no model class to build or validate
    namespace: str
    schema_file: str
    files: dict[str, bytes]  # file name -> content, all in one folder


class _Hrefs:
    def __init__(self, schema_file: str):
        self.schema_file = schema_file
        self.made: dict[str, str] = {}  # qname -> href: a concept is named in every linkbase

    def __call__(self, qname: str) -> str:
        href = self.made.get(qname)
        if href is None:
            href = self.made[qname] = self._href(qname)
        return href

    def _href(self, qname: str) -> str:
        prefix, name = qname.split(":")
        if prefix == EXTENSION_PREFIX:
            return f"{self.schema_file}#{prefix}_{name}"
        if prefix == IXTAG_PREFIX:
            return f"{IXTAG_CONCEPTS_SCHEMA}#{prefix}_{name}"
        return _ifrs_href(name)

    def role(self, role_id: str) -> str:
        return f"{self.schema_file}#{role_id}"


def _ifrs_href(name: str) -> str:
    return f"{IFRS_CORE_SCHEMA}#ifrs-full_{name}"


def _roles(
    cmap: ConceptMap, namespace: str, statements: list[str], titles: dict[str, str]
) -> list[RoleType]:
    """One role per statement, named as the statement templates name theirs; the [n00000]
    prefix keeps viewers in printed order."""
    roles = []
    for statement in statements:
        number = (_STATEMENT_ORDER.index(statement) + 1) * 100000
        template = cmap.templates.get(statement)
        role_id = template.role if template else _OTHER_ROLE
        title = titles.get(statement, _OTHER_TITLE)
        if statement == "notes":
            role_id, title = _NOTES_ROLE, _NOTES_TITLE
        roles.append(
            RoleType(
                uri=f"{namespace}/role/{role_id}", id=role_id, definition=f"[{number}] {title}"
            )
        )
    return roles


def _labels(
    cmap: ConceptMap,
    concepts: list[ConceptRef],
    members: list[ExtensionMember],
    href,
    lang: str,
    statements: list[str],
    structural: list[tuple[str, str]] = (),
) -> list[Label]:
    out: list[Label] = []
    for concept in concepts:
        if concept.prefix == IXTAG_PREFIX:
            continue  # labelled in ixtag's concepts schema, which the extension imports
        source = cmap.concepts.get(concept.name) if not concept.extension else None
        if source is not None:
            out += [
                Label(href(concept.qname), "zh-Hant", source.labels.zh_hant),
                Label(href(concept.qname), "zh-Hans", source.labels.zh_hans),
            ]
        else:
            out += _both_scripts(href(concept.qname), concept.label, lang)
    out += _map_member_labels(cmap)
    for member in members:
        out += _both_scripts(href(f"{EXTENSION_PREFIX}:{member.name}"), member.label, lang)
    for statement, (_, title) in _OWN_ABSTRACTS.items():
        if statement in statements:
            out += _both_scripts(href(_ROOTS[statement]), title, "zh-Hant")
    for qname, text in structural:
        out += _both_scripts(href(qname), text, "zh-Hant")
    return out


@by_identity  # the same for every report tagged with the map
def _map_member_labels(cmap: ConceptMap) -> list[Label]:
    """The labels of every member and axis the map knows, in both scripts (a report's own
    members may sit under any of them)."""
    known_members = {f"ifrs-full:{m}" for m in cmap.members} | {f"ifrs-full:{a}" for a in cmap.axes}
    out = []
    for qname in sorted(known_members):
        name = qname.split(":")[1]
        entry = cmap.members.get(name) or cmap.axes.get(name)
        href = _ifrs_href(name)
        out += [
            Label(href, "zh-Hant", entry.labels.zh_hant),
            Label(href, "zh-Hans", entry.labels.zh_hans),
        ]
    return out


def _structural_labels(
    cmap: ConceptMap, separate_statements: set[str], not_dimensional: bool
) -> list[tuple[str, str]]:
    """(qname, zh-Hant label) of the extension's own tables and line items: ESEF asks a label
    of every extension concept."""
    out = []
    for statement in sorted(separate_statements - {"changes_in_equity"}):
        template = cmap.templates.get(statement)
        title = template.labels.zh_hant if template else _OWN_ABSTRACTS[statement][1]
        table, items = _hypercube_names(statement)
        out += [(table, f"{title}［表格］"), (items, f"{title}［項目］")]
    if not_dimensional:
        names = (f"{EXTENSION_PREFIX}:{name}" for name in _NOT_DIMENSIONAL)
        out += list(zip(names, _NOT_DIMENSIONAL_LABELS, strict=True))
    return out


def _both_scripts(href: str, printed: str, lang: str) -> list[Label]:
    """The printed label in the report's script, and converted (OpenCC) in the other."""
    if lang == "zh-Hans":
        return [Label(href, "zh-Hans", printed), Label(href, "zh-Hant", traditional(printed))]
    return [Label(href, "zh-Hant", printed), Label(href, "zh-Hans", simplified(printed))]


def _presentation(
    cmap: ConceptMap,
    by_statement: dict[str, list[tuple[Fact, str]]],
    members_on: dict[str, dict[str, set]],
    statements: list[str],
    roles: dict[str, RoleType],
    href,
    parents: dict[str, str],
) -> list[ExtendedLink]:
    """Concepts in printed order under the statement's abstract; the statement of changes
    in equity laid out as its hypercube (table, axis and members, line items)."""
    links = []
    for statement in statements:
        own = by_statement.get(statement, [])
        seen = dict.fromkeys(q for _, q in own)
        root = href(_ROOTS[statement])
        members = members_on.get(statement, {}).get(EQUITY_AXIS)
        if members:
            edges = hypercube_presentation(
                root=root,
                line_items=href("ifrs-full:StatementOfChangesInEquityLineItems"),
                table=href("ifrs-full:StatementOfChangesInEquityTable"),
                axes=[_member_tree(cmap, members, href, parents)],
                items=[href(q) for q in seen],
            )
        else:
            edges = [(root, href(q)) for q in seen]
        role = roles[statement]
        links.append(ExtendedLink(role.uri, href.role(role.id), tree_arcs(edges)))
    return links


def _own_role(
    namespace: str, role: RoleType, root: str, qnames: list[str], href
) -> tuple[list[ExtendedLink], list[RoleType]]:
    """Facts outside the statements (the entity's information, the notes) under an abstract
    of their own, in a role of their own, in the order given."""
    if not qnames:
        return [], []
    role = role._replace(uri=f"{namespace}/role/{role.id}")
    edges = [(href(f"{EXTENSION_PREFIX}:{root}"), href(q)) for q in qnames]
    return [ExtendedLink(role.uri, href.role(role.id), tree_arcs(edges))], [role]


def _calculation(
    summations: list[Summation], roles: dict[str, RoleType], href
) -> tuple[list[ExtendedLink], list[RoleType]]:
    """One link per statement; a total summed two ways goes to a further link of its own."""
    networks: dict[tuple[str, int], list[Summation]] = defaultdict(list)
    totals: dict[tuple[str, int], set[str]] = defaultdict(set)  # network -> its totals' qnames
    for summation in summations:
        total, n = summation.total.qname, 0
        while total in totals[(summation.statement, n)]:
            n += 1
        totals[(summation.statement, n)].add(total)
        networks[(summation.statement, n)].append(summation)
    links, extra_roles = [], []
    for (statement, n), group in sorted(
        networks.items(), key=lambda kv: (_STATEMENT_ORDER.index(kv[0][0]), kv[0][1])
    ):
        role = roles[statement]
        if n:
            role = RoleType(
                uri=f"{role.uri}-{n + 1}",
                id=f"{role.id}{n + 1}",
                definition=f"{role.definition} ({n + 1})",
            )
            extra_roles.append(role)
        arcs = []
        for s in group:
            total = href(s.total.qname)
            items = enumerate(s.items, start=1)
            arcs += [Arc(total, href(item.qname), order=i, weight=w) for i, (item, w) in items]
        links.append(ExtendedLink(role.uri, href.role(role.id), arcs))
    return links, extra_roles


def _member_tree(
    cmap: ConceptMap, used: set[str], href, parents: dict[str, str] | None = None
) -> AxisTree:
    """ComponentsOfEquityAxis: see ``_axis_tree``."""
    return _axis_tree(cmap, EQUITY_AXIS, used, href, parents)


def _axis_tree(
    cmap: ConceptMap,
    axis: str,
    used: set[str],
    href,
    parents: dict[str, str] | None = None,
    domains: dict[str, str] | None = None,
) -> AxisTree:
    """An axis (qname) with the members used and their ancestors under its domain;
    extension members under the member they are a part of (``parents``: qname -> parent
    qname), else under the domain, which is the default. ``domains``: the domain (qname) of
    each axis of the filing's own (qname)."""
    parents = parents or {}
    domain_qname = (domains or {}).get(axis)
    if domain_qname is None:
        domain_qname = f"ifrs-full:{cmap.axes[axis.split(':')[1]].default_member}"
    names = set()
    for qname in used | {parents[q] for q in used if q in parents}:
        prefix, name = qname.split(":")
        while prefix == "ifrs-full" and name in cmap.members:
            names.add(name)
            name = cmap.members[name].parent or ""
    names.discard(domain_qname.split(":")[1])
    edges = sorted(
        (href(f"ifrs-full:{cmap.members[n].parent}"), href(f"ifrs-full:{n}")) for n in names
    )
    edges += sorted(
        (href(parents.get(q, domain_qname)), href(q))
        for q in used
        if q.startswith(EXTENSION_PREFIX)
    )
    domain = href(domain_qname)
    return AxisTree(axis=href(axis), domain=domain, edges=edges, default=domain)


def _separate_tree(href) -> AxisTree:
    domain = href(CONSOLIDATED_MEMBER)
    return AxisTree(
        axis=href(SEPARATE_AXIS),
        domain=domain,
        edges=[(domain, href(SEPARATE_MEMBER))],
        default=domain,
    )


def _hypercube_names(statement: str) -> tuple[str, str]:
    """(table, line items) of a statement's hypercube: IFRS's own for the statement of
    changes in equity, the filing extension's for the others."""
    if statement == "changes_in_equity":
        return (
            "ifrs-full:StatementOfChangesInEquityTable",
            "ifrs-full:StatementOfChangesInEquityLineItems",
        )
    stem = "".join(word.capitalize() for word in statement.split("_"))
    return f"{EXTENSION_PREFIX}:{stem}Table", f"{EXTENSION_PREFIX}:{stem}LineItems"


def _qnames(facts: list[Fact]) -> list[str]:
    """Each fact's concept's qname. A row's facts follow each other and share its concept:
    the qname is made once per row, not per fact (measured: 0.1 ms of 0.18)."""
    qnames = []
    concept = qname = None
    for fact in facts:
        if fact.concept is not concept:
            concept = fact.concept
            qname = concept.qname
        qnames.append(qname)
    return qnames


def _by_statement(facts: list[Fact], qnames: list[str]) -> dict[str, list[tuple[Fact, str]]]:
    """statement -> its facts with their concepts' qnames, in order: read once, not once per
    statement (or per linkbase)."""
    out: dict[str, list[tuple[Fact, str]]] = defaultdict(list)
    for fact, qname in zip(facts, qnames, strict=True):
        out[fact.statement].append((fact, qname))
    return out


def _members_on(by_statement: dict[str, list[tuple[Fact, str]]]) -> dict[str, dict[str, set]]:
    """statement -> axis -> the members its facts name on the axis: read once for the
    presentation and the definition links."""
    out: dict[str, dict[str, set]] = {}
    for statement, own in by_statement.items():
        axes = out[statement] = defaultdict(set)
        for fact, _ in own:
            for axis, member in fact.dims:
                axes[axis].add(member)
    return out


def _dimensional_statements(facts: list[Fact]) -> dict[str, set[str]]:
    """statement -> the axes its facts use. A figure of the text restates a fact of a table
    with its dimensions, so the table's hypercube holds it: the text has none of its own."""
    used: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        for axis, _ in fact.dims if fact.in_text is None else ():
            used[fact.statement].add(axis)
    return used


def _definition(
    cmap: ConceptMap,
    by_statement: dict[str, list[tuple[Fact, str]]],
    members_on: dict[str, dict[str, set]],
    dimensional: dict[str, set[str]],
    concepts: list[ConceptRef],
    roles,
    href,
    plain: list[str],
    parents: dict[str, str],
    domains: dict[str, str] | None = None,
) -> tuple[list[ExtendedLink], list[RoleType]]:
    """The statements' hypercubes, the dimension defaults and the line items reported without
    dimensions (ESEF 3.4.2, 3.4.3), the anchoring; with the ESMA roles used."""
    links, trees_used = [], []
    for statement, axes in dimensional.items():
        own = by_statement[statement]
        members = members_on[statement].get(EQUITY_AXIS, set())
        trees = [_member_tree(cmap, members, href, parents)] if EQUITY_AXIS in axes else []
        trees += [_separate_tree(href)] if SEPARATE_AXIS in axes else []
        for axis in sorted(axes - {EQUITY_AXIS, SEPARATE_AXIS}):  # a note's breakdown axes
            on_axis = members_on[statement].get(axis, set())
            trees.append(_axis_tree(cmap, axis, on_axis, href, parents, domains))
        trees_used += trees
        table, line_items = _hypercube_names(statement)
        items = list(dict.fromkeys(q for _, q in own))
        if axes - {EQUITY_AXIS, SEPARATE_AXIS}:  # a note's axes: only what is split on one
            items = list(dict.fromkeys(q for f, q in own if f.dims))
        arcs = hypercube_arcs(
            line_items=href(line_items),
            table=href(table),
            axes=trees,
            items=[href(q) for q in items],
            defaults=False,
        )
        role = roles[statement]
        links.append(ExtendedLink(role.uri, href.role(role.id), arcs))
    esma_roles = []
    if trees_used:
        esma_roles.append(_DEFAULTS_ROLE)
        arcs = default_arcs(trees_used)
        links.append(ExtendedLink(_DEFAULTS_ROLE.uri, href.role(_DEFAULTS_ROLE.id), arcs))
    if plain:
        esma_roles.append(_NOT_DIMENSIONAL_ROLE)
        table, line_items = (f"{EXTENSION_PREFIX}:{name}" for name in _NOT_DIMENSIONAL)
        arcs = hypercube_arcs(
            line_items=href(line_items), table=href(table), axes=[], items=[href(q) for q in plain]
        )
        role = _NOT_DIMENSIONAL_ROLE
        links.append(ExtendedLink(role.uri, href.role(role.id), arcs))
    # ESEF anchoring: from the wider concept to the narrower one.
    anchors = [
        Arc(href(c.anchor), href(c.qname), arcrole=WIDER_NARROWER)
        for c in concepts
        if c.extension and c.anchor
    ]
    anchors += [
        Arc(href(c.qname), href(n), arcrole=WIDER_NARROWER)
        for c in concepts
        if c.extension
        for n in c.narrower
    ]
    if anchors:
        links.append(ExtendedLink("http://www.xbrl.org/2003/role/link", None, anchors))
    return links, esma_roles


# Extension concepts are of a few kinds (monetary, debit, duration …): each kind's facts
# validated once, not once per concept.
@functools.lru_cache(maxsize=64)
def _concept_facts(type_: str, period_type: str, balance: str | None) -> ElementFacts:
    return ElementFacts(type=type_, period_type=period_type, balance=balance)


def _elements(
    concepts: list[ConceptRef],
    members: list[ExtensionMember],
    statements: list[str],
    separate_statements: set[str] = frozenset(),
    not_dimensional: bool = False,
    general_information: bool = False,
    notes: bool = False,
) -> list[Element]:
    elements = [
        Element(EXTENSION_PREFIX, c.name, _concept_facts(c.type, c.period_type, c.balance))
        for c in concepts
        if c.extension
    ]
    member_facts = ElementFacts(
        type="dtr-types-2022:domainItemType", period_type="duration", abstract=True
    )
    axis_facts = ElementFacts(
        type="xbrli:stringItemType",
        substitution_group="xbrldt:dimensionItem",
        period_type="duration",
        abstract=True,
    )
    elements += [
        Element(EXTENSION_PREFIX, m.name, axis_facts if m.kind == "axis" else member_facts)
        for m in members
    ]
    hypercube = ElementFacts(
        type="xbrli:stringItemType",
        substitution_group="xbrldt:hypercubeItem",
        period_type="duration",
        abstract=True,
    )
    line_items = ElementFacts(type="xbrli:stringItemType", period_type="duration", abstract=True)
    for statement in separate_statements:
        if statement != "changes_in_equity":
            table, items = (n.split(":")[1] for n in _hypercube_names(statement))
            elements += [
                Element(EXTENSION_PREFIX, table, hypercube),
                Element(EXTENSION_PREFIX, items, line_items),
            ]
    if not_dimensional:
        table, items = _NOT_DIMENSIONAL
        elements += [
            Element(EXTENSION_PREFIX, table, hypercube),
            Element(EXTENSION_PREFIX, items, line_items),
        ]
    abstract = ElementFacts(type="xbrli:stringItemType", period_type="duration", abstract=True)
    for statement, (root, _) in _OWN_ABSTRACTS.items():
        if statement in statements:
            elements.append(Element(EXTENSION_PREFIX, root, abstract))
    if general_information:
        elements.append(Element(EXTENSION_PREFIX, _GENERAL_ROOT, abstract))
    if notes:
        elements.append(Element(EXTENSION_PREFIX, _TEXT_BLOCKS_ROOT, abstract))
    return elements


def build_extension(
    *,
    cmap: ConceptMap,
    namespace: str,
    names: TaxonomyFiles,
    lang: str,
    facts: list[Fact],
    summations: list[Summation],
    members: list[ExtensionMember],
    titles: dict[str, str],
    text_facts: list[TextFact] = (),
    text_blocks: list[str] = (),
) -> ExtensionTaxonomy:
    """The extension's files, named as ``names`` says (ESEF 3.1.5: ``{base}-{date}.xsd``,
    ``_pre``, ``_cal``, ``_def``, one ``_lab-{lang}`` per language). ``text_blocks``: the
    qnames of the notes' text block concepts, in the notes' order."""
    href = _Hrefs(names.schema)
    qnames = _qnames(facts)  # once: every linkbase names them
    text_qnames = [f.concept.qname for f in text_facts]
    # each qname's concept as the last fact naming it gives it
    by_qname = dict(zip(qnames, (f.concept for f in facts), strict=True))
    by_qname.update(zip(text_qnames, (f.concept for f in text_facts), strict=True))
    concepts = list(by_qname.values())
    reported = _by_statement(facts, qnames)
    members_on = _members_on(reported)
    statements = [s for s in _STATEMENT_ORDER if s in reported]
    role_list = _roles(cmap, namespace, statements, titles)
    roles = {s: r for s, r in zip(statements, role_list, strict=True)}
    calc_links, extra_roles = _calculation(summations, roles, href)
    plain = [q for f, q in zip(text_facts, text_qnames, strict=True) if not f.dims]
    plain += [q for f, q in zip(facts, qnames, strict=True) if not f.dims]
    plain += text_blocks
    parents = {f"{EXTENSION_PREFIX}:{m.name}": m.parent for m in members if m.parent}
    domains = {m.axis: f"{EXTENSION_PREFIX}:{m.name}" for m in members if m.kind == "domain"}
    dimensional = _dimensional_statements(facts)
    def_links, esma_roles = _definition(
        cmap,
        reported,
        members_on,
        dimensional,
        concepts,
        roles,
        href,
        list(dict.fromkeys(plain)),
        parents,
        domains,
    )
    # the entity's information, and figures of the text that restate no table (a headcount)
    in_tables = {q for f, q in zip(facts, qnames, strict=True) if f.in_text is None}
    general = list(text_qnames)
    general += dict.fromkeys(
        q for f, q in zip(facts, qnames, strict=True) if f.in_text and q not in in_tables
    )
    general_links, general_roles = _own_role(namespace, _GENERAL_ROLE, _GENERAL_ROOT, general, href)
    notes_links, notes_roles = _own_role(
        namespace, _TEXT_BLOCKS_ROLE, _TEXT_BLOCKS_ROOT, list(text_blocks), href
    )
    # statements whose hypercube is the extension's own (the equity statement's is IFRS's)
    separate = set(dimensional)
    not_dimensional = _NOT_DIMENSIONAL_ROLE in esma_roles
    structural = _structural_labels(cmap, separate, not_dimensional)
    if general:
        structural.append((f"{EXTENSION_PREFIX}:{_GENERAL_ROOT}", _GENERAL_TITLE))
    if text_blocks:
        structural.append((f"{EXTENSION_PREFIX}:{_TEXT_BLOCKS_ROOT}", _TEXT_BLOCKS_TITLE))
    labels = label_linkbases(_labels(cmap, concepts, members, href, lang, statements, structural))
    files = {names.label(lang): data for lang, data in labels.items()}
    files[names.linkbase("pre")] = presentation_linkbase(
        [
            *general_links,
            *_presentation(cmap, reported, members_on, statements, roles, href, parents),
            *notes_links,
        ]
    )
    # ESEF 3.1.1: a calculation linkbase with a calculationLink, even when nothing adds up
    calc_links = calc_links or [ExtendedLink(role_list[0].uri, href.role(role_list[0].id))]
    files[names.linkbase("cal")] = calculation_linkbase(calc_links)
    files[names.linkbase("def")] = definition_linkbase(def_links)
    files[names.schema] = write_schema(
        target_namespace=namespace,
        prefix=EXTENSION_PREFIX,
        elements=_elements(
            concepts,
            members,
            statements,
            separate,
            not_dimensional=not_dimensional,
            general_information=bool(general),
            notes=bool(text_blocks),
        ),
        imports=[
            Import("ifrs-full", IFRS_NAMESPACE, IFRS_CORE_SCHEMA),
            *(
                [Import(IXTAG_PREFIX, IXTAG_NAMESPACE, IXTAG_CONCEPTS_SCHEMA)]
                if any(c.prefix == IXTAG_PREFIX for c in concepts)
                else []
            ),
        ],
        roles=[*general_roles, *role_list, *notes_roles, *extra_roles, *esma_roles],
        linkbases=[
            *(LinkbaseRef(names.label(lang), "label") for lang in labels),
            LinkbaseRef(names.linkbase("pre"), "presentation"),
            LinkbaseRef(names.linkbase("cal"), "calculation"),
            LinkbaseRef(names.linkbase("def"), "definition"),
        ],
    )
    return ExtensionTaxonomy(namespace=namespace, schema_file=names.schema, files=files)
