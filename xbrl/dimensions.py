"""Definition and presentation arcs of a hypercube, over hrefs (see ``linkbase``).

    AxisTree(axis=href, domain=href, edges=[(parent_href, member_href), ...], default=href)
    hypercube_arcs(line_items=href, table=href, axes=[AxisTree...], items=[concept hrefs])
        -> [Arc] for a definition link: all (closed, scenario), hypercube-dimension,
           dimension-domain, domain-member (members and line items), dimension-default
           (``defaults=False`` leaves those out, for ``default_arcs`` in an ELR of their own)
    default_arcs(axes) -> [Arc] dimension-default, one per axis that has a default
    hypercube_presentation(root=href, line_items=href, table=href, axes, items)
        -> [(parent, child)] edges for ``tree_arcs``: root > table > axis > domain > members,
           table > line items > items (the IFRS Taxonomy's layout)

The tagger uses the same functions for entity members (e.g. business lines on SegmentsAxis)
in a filing extension.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from xbrl.linkbase import (
    ALL,
    DIMENSION_DEFAULT,
    DIMENSION_DOMAIN,
    DOMAIN_MEMBER,
    HYPERCUBE_DIMENSION,
    Arc,
    tree_arcs,
)


class AxisTree(NamedTuple):
    """An explicit dimension: its domain, (parent, member) edges below it, its default."""

    axis: str
    domain: str
    edges: Sequence[tuple[str, str]] = ()
    default: str | None = None


def hypercube_arcs(
    *,
    line_items: str,
    table: str,
    axes: Sequence[AxisTree],
    items: Sequence[str],
    defaults: bool = True,
) -> list[Arc]:
    """Definition arcs of a closed ``all`` hypercube on the scenario (see module docstring)."""
    hypercube_attrs = (("xbrldt:closed", "true"), ("xbrldt:contextElement", "scenario"))
    arcs = [Arc(line_items, table, order=1, arcrole=ALL, attrs=hypercube_attrs)]
    for order, tree in enumerate(axes, start=1):
        arcs.append(Arc(table, tree.axis, order=order, arcrole=HYPERCUBE_DIMENSION))
        arcs.append(Arc(tree.axis, tree.domain, order=1, arcrole=DIMENSION_DOMAIN))
        arcs.extend(tree_arcs(tree.edges, arcrole=DOMAIN_MEMBER))
        if tree.default and defaults:
            arcs.append(Arc(tree.axis, tree.default, order=1, arcrole=DIMENSION_DEFAULT))
    arcs.extend(tree_arcs(((line_items, item) for item in items), arcrole=DOMAIN_MEMBER))
    return arcs


def default_arcs(axes: Sequence[AxisTree]) -> list[Arc]:
    """The dimension-default arc of each axis that has a default, each axis once."""
    defaults = {tree.axis: tree.default for tree in axes if tree.default}
    return [Arc(axis, default, arcrole=DIMENSION_DEFAULT) for axis, default in defaults.items()]


def hypercube_presentation(
    *, root: str, line_items: str, table: str, axes: Sequence[AxisTree], items: Sequence[str]
) -> list[tuple[str, str]]:
    """Presentation edges of a statement laid out as a hypercube (see module docstring)."""
    edges = [(root, table)]
    for tree in axes:
        edges.append((table, tree.axis))
        edges.append((tree.axis, tree.domain))
        edges.extend(tree.edges)
    edges.append((table, line_items))
    edges.extend((line_items, item) for item in items)
    return edges
