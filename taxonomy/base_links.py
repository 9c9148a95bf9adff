"""Concept map -> the base taxonomy's relationships: labels, statement roles, presentation,
calculation and definition links, anchoring. Each function takes the concept map and an
``href(name) -> locator href`` function, and returns inputs for ``xbrl.linkbase``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from taxonomy.models import STATEMENT_KINDS, ConceptMap, Labels, StatementTemplate
from xbrl.dimensions import AxisTree, hypercube_arcs, hypercube_presentation
from xbrl.linkbase import WIDER_NARROWER, Arc, ExtendedLink, Label, tree_arcs
from xbrl.schema import RoleType
from xbrl.urls import (
    IFRS_PREFIX,
    IXTAG_CONCEPTS_FILE,
    IXTAG_PREFIX,
    IXTAG_ROLE_BASE,
    IXTAG_SCHEMA_FILE,
)

Href = Callable[[str], str]
ANCHORING_ROLE = RoleType(
    uri=IXTAG_ROLE_BASE + "Anchoring",
    id="Anchoring",
    definition="[990000] Anchoring of ixtag concepts to IFRS concepts",
    used_on=("link:definitionLink",),
)


def href_role(role: RoleType) -> str:
    """Where a base-taxonomy role is declared (the ixtag schema, beside the linkbases)."""
    return f"{IXTAG_SCHEMA_FILE}#{role.id}"


def role_uri(template: StatementTemplate) -> str:
    return IXTAG_ROLE_BASE + template.role


def statement_role(template: StatementTemplate) -> RoleType:
    """The statement's extended link role, numbered in the order of STATEMENT_KINDS."""
    number = (STATEMENT_KINDS.index(template.statement) + 1) * 100000
    title = template.labels.zh_hant
    if template.labels.en:
        title += f" | {template.labels.en}"
    return RoleType(uri=role_uri(template), id=template.role, definition=f"[{number}] {title}")


def _label_set(href: str, labels: Labels, *, english: bool) -> list[Label]:
    out = [Label(href, "zh-Hant", labels.zh_hant), Label(href, "zh-Hans", labels.zh_hans)]
    if english and labels.en:
        out.append(Label(href, "en", labels.en))
    return out


def labels(cmap: ConceptMap, href: Href, *, own: bool = False) -> list[Label]:
    """Standard labels: zh-Hant and zh-Hans for every concept, axis and member; English only
    for ixtag's own concepts. A template's title labels its root abstract. ``own``: only
    ixtag's own concepts (the concepts schema's labels), else all the others."""
    out: dict[tuple[str, str], Label] = {}
    sources: list[tuple[str, str, Labels]] = []
    sources += [(c.name, c.prefix, c.labels) for c in cmap.concepts.values()]
    sources += [(a.name, a.prefix, a.labels) for a in cmap.axes.values()]
    sources += [(m.name, m.prefix, m.labels) for m in cmap.members.values()]
    sources += [(t.root, IFRS_PREFIX, t.labels) for t in cmap.templates.values()]
    for name, prefix, texts in sources:
        if (prefix == IXTAG_PREFIX) != own:
            continue
        for label in _label_set(href(name), texts, english=prefix != IFRS_PREFIX):
            out.setdefault((label.href, label.lang), label)
    return list(out.values())


def axis_trees(cmap: ConceptMap, axes: Iterable[str], href: Href) -> list[AxisTree]:
    """Each axis with its members as the map declares them (parents before children)."""
    trees = []
    for name in axes:
        axis = cmap.axes[name]
        edges = [
            (href(member.parent), href(member.name))
            for member in cmap.members.values()
            if member.axis == name and member.parent is not None
        ]
        domain = href(axis.default_member)
        trees.append(AxisTree(href(name), domain, tuple(edges), default=domain))
    return trees


def template_items(template: StatementTemplate) -> list[str]:
    """Every concept the template names, in printed order, without repeats or the
    structural abstracts (root, table, line items)."""
    structural = {template.root, template.table, template.line_items}
    names = list(template.presentation)
    for calc in template.calculations:
        names += [calc.total, *(item for item, _ in calc.items)]
    return [n for n in dict.fromkeys(names) if n not in structural]


def _has_hypercube(template: StatementTemplate) -> bool:
    return bool(template.table and template.line_items and template.axes)


def presentation_link(cmap: ConceptMap, template: StatementTemplate, href: Href) -> ExtendedLink:
    role = statement_role(template)
    root = href(template.root)
    items = [href(name) for name in template.presentation]
    if _has_hypercube(template):
        edges = hypercube_presentation(
            root=root,
            line_items=href(template.line_items),
            table=href(template.table),
            axes=axis_trees(cmap, template.axes, href),
            items=items,
        )
    else:
        edges = [(root, item) for item in items]
    return ExtendedLink(role.uri, href_role(role), tuple(tree_arcs(edges)))


def calculation_link(template: StatementTemplate, href: Href) -> ExtendedLink | None:
    if not template.calculations:
        return None
    arcs: dict[tuple[str, str], Arc] = {}
    for calc in template.calculations:
        for order, (item, weight) in enumerate(calc.items, start=1):
            key = (href(calc.total), href(item))
            arcs.setdefault(key, Arc(*key, order=order, weight=weight))
    role = statement_role(template)
    return ExtendedLink(role.uri, href_role(role), tuple(arcs.values()))


def definition_link(
    cmap: ConceptMap, template: StatementTemplate, href: Href
) -> ExtendedLink | None:
    if not _has_hypercube(template):
        return None
    arcs = hypercube_arcs(
        line_items=href(template.line_items),
        table=href(template.table),
        axes=axis_trees(cmap, template.axes, href),
        items=[href(name) for name in template_items(template)],
    )
    role = statement_role(template)
    return ExtendedLink(role.uri, href_role(role), tuple(arcs))


def anchoring_link(cmap: ConceptMap, href: Href) -> ExtendedLink | None:
    """ESEF wider-narrower arcs from the wider concept to the narrower one."""
    arcs = []
    for concept in cmap.ixtag_concepts():
        if concept.anchor is None:
            continue
        ours, theirs = href(concept.name), href(concept.anchor.concept)
        pair = (theirs, ours) if concept.anchor.relation == "wider" else (ours, theirs)
        arcs.append(Arc(*pair, order=len(arcs) + 1, arcrole=WIDER_NARROWER))
    if not arcs:
        return None
    return ExtendedLink(
        ANCHORING_ROLE.uri, f"{IXTAG_CONCEPTS_FILE}#{ANCHORING_ROLE.id}", tuple(arcs)
    )
