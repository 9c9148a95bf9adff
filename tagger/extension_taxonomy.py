"""The filing extension taxonomy of one report: schema, labels, presentation, calculation
and definition linkbases, as the statements were printed.

It imports the IFRS core schema by its official URL (resolved offline by ixtag's IFRS
package, or by the official package) and declares the report's extension concepts and
members. It does not import ixtag's base templates: their calculations describe a typical
filer, while the report's calculations are the ones its own statements print.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, ConfigDict

from tagger.arithmetic import Summation
from tagger.extensions import EXTENSION_PREFIX, ConceptRef, ExtensionMember
from tagger.facts import OTHER_TABLE, Fact
from taxonomy.loader import simplified, traditional
from taxonomy.models import (
    CONSOLIDATED_MEMBER,
    EQUITY_AXIS,
    SEPARATE_AXIS,
    SEPARATE_MEMBER,
    ConceptMap,
    ElementFacts,
)
from xbrl.dimensions import AxisTree, hypercube_arcs, hypercube_presentation
from xbrl.linkbase import (
    WIDER_NARROWER,
    Arc,
    ExtendedLink,
    Label,
    calculation_linkbase,
    definition_linkbase,
    label_linkbase,
    presentation_linkbase,
    tree_arcs,
)
from xbrl.schema import Element, Import, LinkbaseRef, RoleType, write_schema
from xbrl.urls import (
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
    "notes",
    OTHER_TABLE,
)
# Facts from tables outside the statements (non-IFRS measures) sit under an abstract of the
# extension's own: IFRS has none for them.
_OTHER_ROOT = "NonIfrsMeasuresAbstract"
_OTHER_TITLE = "非國際財務報告準則計量"
_OTHER_ROLE = "NonIfrsMeasures"
# Facts of the notes' tables (tagger.notes) sit under an abstract of the extension's own too,
# in a role whose hypercube holds every axis the notes use.
_NOTES_ROOT = "NotesAbstract"
_NOTES_TITLE = "財務報表附註"
_NOTES_ROLE = "Notes"
_OWN_ABSTRACTS = {OTHER_TABLE: (_OTHER_ROOT, _OTHER_TITLE), "notes": (_NOTES_ROOT, _NOTES_TITLE)}
_ROOTS = {
    "income": "ifrs-full:IncomeStatementAbstract",
    "comprehensive_income": "ifrs-full:StatementOfComprehensiveIncomeAbstract",
    "financial_position": "ifrs-full:StatementOfFinancialPositionAbstract",
    "changes_in_equity": "ifrs-full:StatementOfChangesInEquityAbstract",
    "cash_flows": "ifrs-full:StatementOfCashFlowsAbstract",
    "notes": f"{EXTENSION_PREFIX}:{_NOTES_ROOT}",
    OTHER_TABLE: f"{EXTENSION_PREFIX}:{_OTHER_ROOT}",
}


class ExtensionTaxonomy(BaseModel):
    model_config = ConfigDict(frozen=True)

    namespace: str
    schema_file: str
    files: dict[str, bytes]  # file name -> content, all in one folder


class _Hrefs:
    def __init__(self, schema_file: str):
        self.schema_file = schema_file

    def __call__(self, qname: str) -> str:
        prefix, name = qname.split(":")
        if prefix == EXTENSION_PREFIX:
            return f"{self.schema_file}#{prefix}_{name}"
        if prefix == IXTAG_PREFIX:
            return f"{IXTAG_CONCEPTS_SCHEMA}#{prefix}_{name}"
        return f"{IFRS_CORE_SCHEMA}#ifrs-full_{name}"

    def role(self, role_id: str) -> str:
        return f"{self.schema_file}#{role_id}"


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
                uri=f"{namespace}/role/{role_id}",
                id=role_id,
                definition=f"[{number}] {title}",
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
) -> list[Label]:
    out: list[Label] = []
    known_members = {f"ifrs-full:{m}" for m in cmap.members} | {f"ifrs-full:{a}" for a in cmap.axes}
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
    for qname in sorted(known_members):
        name = qname.split(":")[1]
        entry = cmap.members.get(name) or cmap.axes.get(name)
        out += [
            Label(href(qname), "zh-Hant", entry.labels.zh_hant),
            Label(href(qname), "zh-Hans", entry.labels.zh_hans),
        ]
    for member in members:
        out += _both_scripts(href(f"{EXTENSION_PREFIX}:{member.name}"), member.label, lang)
    for statement, (_, title) in _OWN_ABSTRACTS.items():
        if statement in statements:
            out += _both_scripts(href(_ROOTS[statement]), title, "zh-Hant")
    return out


def _both_scripts(href: str, printed: str, lang: str) -> list[Label]:
    """The printed label in the report's script, and converted (OpenCC) in the other."""
    if lang == "zh-Hans":
        return [Label(href, "zh-Hans", printed), Label(href, "zh-Hant", traditional(printed))]
    return [Label(href, "zh-Hant", printed), Label(href, "zh-Hans", simplified(printed))]


def _presentation(
    cmap: ConceptMap, facts: list[Fact], statements: list[str], roles: dict[str, RoleType], href
) -> list[ExtendedLink]:
    """Concepts in printed order under the statement's abstract; the statement of changes
    in equity laid out as its hypercube (table, axis and members, line items)."""
    links = []
    for statement in statements:
        seen: dict[str, None] = {}
        for fact in facts:
            if fact.statement == statement:
                seen.setdefault(fact.concept.qname, None)
        root = href(_ROOTS[statement])
        members = {
            m for f in facts if f.statement == statement for a, m in f.dims if a == EQUITY_AXIS
        }
        if members:
            edges = hypercube_presentation(
                root=root,
                line_items=href("ifrs-full:StatementOfChangesInEquityLineItems"),
                table=href("ifrs-full:StatementOfChangesInEquityTable"),
                axes=[_member_tree(cmap, members, href)],
                items=[href(q) for q in seen],
            )
        else:
            edges = [(root, href(q)) for q in seen]
        role = roles[statement]
        links.append(ExtendedLink(role.uri, href.role(role.id), tree_arcs(edges)))
    return links


def _calculation(
    summations: list[Summation], roles: dict[str, RoleType], href
) -> tuple[list[ExtendedLink], list[RoleType]]:
    """One link per statement; a total summed two ways goes to a further link of its own."""
    networks: dict[tuple[str, int], list[Summation]] = defaultdict(list)
    for summation in summations:
        n = 0
        while any(
            s.total.qname == summation.total.qname for s in networks[(summation.statement, n)]
        ):
            n += 1
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
        arcs = [
            Arc(href(s.total.qname), href(item.qname), order=i, weight=weight)
            for s in group
            for i, (item, weight) in enumerate(s.items, start=1)
        ]
        links.append(ExtendedLink(role.uri, href.role(role.id), arcs))
    return links, extra_roles


def _member_tree(cmap: ConceptMap, used: set[str], href) -> AxisTree:
    """ComponentsOfEquityAxis: the members used with their ancestors; extensions under the
    domain."""
    names = set()
    for qname in used:
        prefix, name = qname.split(":")
        while prefix == "ifrs-full" and name in cmap.members:
            names.add(name)
            name = cmap.members[name].parent or ""
    names.discard("EquityMember")
    edges = sorted(
        (href(f"ifrs-full:{cmap.members[n].parent}"), href(f"ifrs-full:{n}")) for n in names
    )
    edges += sorted(
        (href("ifrs-full:EquityMember"), href(q)) for q in used if q.startswith(EXTENSION_PREFIX)
    )
    domain = href("ifrs-full:EquityMember")
    return AxisTree(axis=href(EQUITY_AXIS), domain=domain, edges=edges, default=domain)


def _axis_tree(cmap: ConceptMap, axis: str, facts: list[Fact], statement: str, href) -> AxisTree:
    """An IFRS axis the notes use: its members used with their ancestors under the axis'
    default member; the entity's own members directly under it."""
    name = axis.split(":")[1]
    default = cmap.axes[name].default_member
    used = {m for f in facts if f.statement == statement for a, m in f.dims if a == axis}
    names: set[str] = set()
    for qname in used:
        prefix, member = qname.split(":")
        while prefix == "ifrs-full" and member in cmap.members and member != default:
            names.add(member)
            member = cmap.members[member].parent or default
    edges = sorted(
        (href(f"ifrs-full:{cmap.members[n].parent or default}"), href(f"ifrs-full:{n}"))
        for n in names
    )
    domain = href(f"ifrs-full:{default}")
    edges += sorted((domain, href(q)) for q in used if q.startswith(EXTENSION_PREFIX))
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


def _dimensional_statements(facts: list[Fact]) -> dict[str, set[str]]:
    """statement -> the axes its facts use."""
    used: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        for axis, _ in fact.dims:
            used[fact.statement].add(axis)
    return used


def _definition(
    cmap: ConceptMap, facts: list[Fact], concepts: list[ConceptRef], roles, href
) -> list[ExtendedLink]:
    links = []
    for statement, axes in _dimensional_statements(facts).items():
        members = {
            m for f in facts if f.statement == statement for a, m in f.dims if a == EQUITY_AXIS
        }
        trees = [_member_tree(cmap, members, href)] if EQUITY_AXIS in axes else []
        trees += [_separate_tree(href)] if SEPARATE_AXIS in axes else []
        others = sorted(axes - {EQUITY_AXIS, SEPARATE_AXIS})
        trees += [_axis_tree(cmap, axis, facts, statement, href) for axis in others]
        table, line_items = _hypercube_names(statement)
        items = list(dict.fromkeys(f.concept.qname for f in facts if f.statement == statement))
        if others:  # a note's own concepts: only those split on an axis join its hypercube
            items = list(
                dict.fromkeys(f.concept.qname for f in facts if f.dims and f.statement == statement)
            )
        arcs = hypercube_arcs(
            line_items=href(line_items),
            table=href(table),
            axes=trees,
            items=[href(q) for q in items],
        )
        role = roles[statement]
        links.append(ExtendedLink(role.uri, href.role(role.id), arcs))
    anchors = [
        Arc(href(c.anchor), href(c.qname), arcrole=WIDER_NARROWER)
        for c in concepts
        if c.extension and c.anchor
    ]
    if anchors:
        links.append(ExtendedLink("http://www.xbrl.org/2003/role/link", None, anchors))
    return links


def _elements(
    concepts: list[ConceptRef],
    members: list[ExtensionMember],
    statements: list[str],
    separate_statements: set[str] = frozenset(),
    dimensional: set[str] = frozenset(),
) -> list[Element]:
    """``dimensional``: statements other than the equity statement whose facts use an axis
    other than the separate statements' (the notes): each needs a hypercube of its own."""
    elements = [
        Element(
            EXTENSION_PREFIX,
            c.name,
            ElementFacts(type=c.type, period_type=c.period_type, balance=c.balance),
        )
        for c in concepts
        if c.extension
    ]
    member_facts = ElementFacts(
        type="dtr-types:domainItemType", period_type="duration", abstract=True
    )
    elements += [Element(EXTENSION_PREFIX, m.name, member_facts) for m in members]
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
    for statement in [s for s in statements if s in dimensional and s != "changes_in_equity"]:
        if statement not in separate_statements:
            table, items = (n.split(":")[1] for n in _hypercube_names(statement))
            elements += [
                Element(EXTENSION_PREFIX, table, hypercube),
                Element(EXTENSION_PREFIX, items, line_items),
            ]
    abstract = ElementFacts(type="xbrli:stringItemType", period_type="duration", abstract=True)
    for statement, (root, _) in _OWN_ABSTRACTS.items():
        if statement in statements:
            elements.append(Element(EXTENSION_PREFIX, root, abstract))
    return elements


def build_extension(
    *,
    cmap: ConceptMap,
    namespace: str,
    stem: str,
    lang: str,
    facts: list[Fact],
    summations: list[Summation],
    members: list[ExtensionMember],
    titles: dict[str, str],
) -> ExtensionTaxonomy:
    schema_file = f"{stem}.xsd"
    href = _Hrefs(schema_file)
    concepts = list({f.concept.qname: f.concept for f in facts}.values())
    statements = [s for s in _STATEMENT_ORDER if any(f.statement == s for f in facts)]
    role_list = _roles(cmap, namespace, statements, titles)
    roles = {s: r for s, r in zip(statements, role_list, strict=True)}
    calc_links, extra_roles = _calculation(summations, roles, href)
    files = {
        f"{stem}_lab.xml": label_linkbase(_labels(cmap, concepts, members, href, lang, statements)),
        f"{stem}_pre.xml": presentation_linkbase(
            _presentation(cmap, facts, statements, roles, href)
        ),
        f"{stem}_cal.xml": calculation_linkbase(calc_links),
        f"{stem}_def.xml": definition_linkbase(_definition(cmap, facts, concepts, roles, href)),
    }
    files[schema_file] = write_schema(
        target_namespace=namespace,
        prefix=EXTENSION_PREFIX,
        elements=_elements(
            concepts,
            members,
            statements,
            {s for s, axes in _dimensional_statements(facts).items() if SEPARATE_AXIS in axes},
            {
                s
                for s, axes in _dimensional_statements(facts).items()
                if axes - {EQUITY_AXIS, SEPARATE_AXIS}
            },
        ),
        imports=[
            Import("ifrs-full", IFRS_NAMESPACE, IFRS_CORE_SCHEMA),
            *(
                [Import(IXTAG_PREFIX, IXTAG_NAMESPACE, IXTAG_CONCEPTS_SCHEMA)]
                if any(c.prefix == IXTAG_PREFIX for c in concepts)
                else []
            ),
        ],
        roles=[*role_list, *extra_roles],
        linkbases=[
            LinkbaseRef(name, kind)
            for name, kind in (
                (f"{stem}_lab.xml", "label"),
                (f"{stem}_pre.xml", "presentation"),
                (f"{stem}_cal.xml", "calculation"),
                (f"{stem}_def.xml", "definition"),
            )
        ],
    )
    return ExtensionTaxonomy(namespace=namespace, schema_file=schema_file, files=files)
