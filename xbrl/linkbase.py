"""Writers of XBRL linkbases: labels, presentation, calculation, definition.

Concepts are named by locator href, ``concept_href(schema_url, prefix, name)`` ->
``"<schema_url>#<prefix>_<name>"`` (a relative schema path works inside one package). The
writers are independent of the concept map, so the tagger reuses them for a report's filing
extension taxonomy::

    label_linkbase([Label(href, "zh-Hant", "收入"), Label(href, "zh-Hans", "收入")]) -> bytes
    label_linkbases(labels) -> {"zh-Hans": bytes, "zh-Hant": bytes}   one file per language

    link = ExtendedLink(role_uri, role_href="abc.xsd#IncomeStatement",
                        arcs=tree_arcs([(root, revenue), (root, cost)]))   # parent-child
    presentation_linkbase([link]) -> bytes
    calculation_linkbase([ExtendedLink(role_uri, role_href, [Arc(total, item, weight=-1)])])
    definition_linkbase([ExtendedLink(role_uri, role_href, [Arc(a, b, arcrole=DOMAIN_MEMBER)])])

``tree_arcs`` numbers ``order`` by position under each parent. ``hypercube_arcs`` (module
``xbrl.dimensions``) builds the definition arcs of a closed hypercube. Calculation
arcs use the Calculations 1.1 arcrole ``https://xbrl.org/2023/arcrole/summation-item``;
the arcroleRefs and roleRefs each link needs are written automatically (``role_href`` is
where the roleType of a custom role is declared; standard roles need none).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from xbrl.xmlutil import (
    NS,
    XML_DECLARATION,
    attributes,
    encode_document,
    escape_attribute,
    escape_text,
)

STANDARD_LINK_ROLE = "http://www.xbrl.org/2003/role/link"
STANDARD_LABEL = "http://www.xbrl.org/2003/role/label"
CONCEPT_LABEL = "http://www.xbrl.org/2003/arcrole/concept-label"
PARENT_CHILD = "http://www.xbrl.org/2003/arcrole/parent-child"
SUMMATION_ITEM = "https://xbrl.org/2023/arcrole/summation-item"  # Calculations 1.1
ALL = "http://xbrl.org/int/dim/arcrole/all"
HYPERCUBE_DIMENSION = "http://xbrl.org/int/dim/arcrole/hypercube-dimension"
DIMENSION_DOMAIN = "http://xbrl.org/int/dim/arcrole/dimension-domain"
DOMAIN_MEMBER = "http://xbrl.org/int/dim/arcrole/domain-member"
DIMENSION_DEFAULT = "http://xbrl.org/int/dim/arcrole/dimension-default"
WIDER_NARROWER = "http://www.esma.europa.eu/xbrl/esef/arcrole/wider-narrower"

_XBRLDT = "http://www.xbrl.org/2005/xbrldt-2005.xsd"
# Where the arcroles that XBRL 2.1 does not define are declared (all in Arelle's cache).
ARCROLE_HREFS: dict[str, str] = {
    SUMMATION_ITEM: "https://www.xbrl.org/2023/calculation-1.1.xsd#summation-item",
    ALL: f"{_XBRLDT}#all",
    HYPERCUBE_DIMENSION: f"{_XBRLDT}#hypercube-dimension",
    DIMENSION_DOMAIN: f"{_XBRLDT}#dimension-domain",
    DOMAIN_MEMBER: f"{_XBRLDT}#domain-member",
    DIMENSION_DEFAULT: f"{_XBRLDT}#dimension-default",
    WIDER_NARROWER: "http://www.xbrl.org/lrr/arcrole/esma-arcrole-2018-11-21.xsd#wider-narrower",
}


def concept_href(schema_url: str, prefix: str, name: str) -> str:
    """Locator href of a concept whose element id follows the ``prefix_Name`` convention."""
    return f"{schema_url}#{prefix}_{name}"


# Labels, arcs and links are NamedTuples: a report's extension makes about a thousand labels
# and arcs, and a NamedTuple is made in a third of a frozen dataclass's time (and declared in
# a seventh, at import).
class Label(NamedTuple):
    href: str  # concept locator href
    lang: str  # xml:lang, e.g. "zh-Hant", "zh-Hans", "en"
    text: str
    role: str = STANDARD_LABEL


class Arc(NamedTuple):
    """One relationship. ``arcrole`` None = the link's usual one (parent-child, summation-item).

    ``attrs``: extra attributes as (prefixed name, value), e.g. ("xbrldt:closed", "true"), of
    the namespaces the linkbase declares (link, xlink; xbrldt in a definition linkbase).
    """

    from_href: str
    to_href: str
    order: int | float = 1
    weight: int | float | None = None
    preferred_label: str | None = None
    arcrole: str | None = None
    attrs: tuple[tuple[str, str], ...] = ()


class ExtendedLink(NamedTuple):
    role: str
    role_href: str | None = None  # roleType location; None for the standard link role
    arcs: Sequence[Arc] = ()


def tree_arcs(edges: Iterable[tuple[str, str]], arcrole: str | None = None) -> list[Arc]:
    """Arcs for (parent, child) edges, ``order`` = 1, 2, ... by position under each parent."""
    counts: dict[str, int] = {}
    arcs = []
    for parent, child in edges:
        counts[parent] = counts.get(parent, 0) + 1
        arcs.append(Arc(parent, child, order=counts[parent], arcrole=arcrole))
    return arcs


def _fragment(href: str) -> str:
    return href.rpartition("#")[2] or href.rpartition("/")[2]


@functools.lru_cache(maxsize=4096)  # a concept is named in every linkbase, and every report
def _locator(href: str) -> tuple[str, str]:
    """(the first locator label of ``href``, the start of its locator element), escaped."""
    start = f'<link:loc xlink:type="locator" xlink:href="{escape_attribute(href)}"'
    return "loc_" + escape_attribute(_fragment(href)), start


_LINK_CHILD = "\n    "  # a link's children stand one level below the link
# Roles, arcroles and languages: a few values, on every arc and label of a linkbase.
_escaped_role = functools.lru_cache(maxsize=256)(escape_attribute)


def _arc(tag: str, arcrole: str, from_label: str, to_label: str, more: str = "") -> str:
    return f'{_arc_start(tag, arcrole)} xlink:from="{from_label}" xlink:to="{to_label}"{more}/>'


@functools.lru_cache(maxsize=256)  # a few kinds of arc, on thousands of arcs
def _arc_start(tag: str, arcrole: str) -> str:
    return f'<{tag} xlink:type="arc" xlink:arcrole="{escape_attribute(arcrole)}"'


class _LinkWriter:
    """Writes one extended link: one locator per concept href, labels unique in the link.
    The link is written as text (``xmlutil.escape_attribute``): a linkbase holds thousands of
    locators and arcs, each far cheaper as a string than as an lxml element."""

    def __init__(self, tag: str, role: str) -> None:
        self.tag = tag
        self.start = f'<{tag} xlink:type="extended" xlink:role="{escape_attribute(role)}"'
        self.children: list[str] = []
        # Locator labels as written (escaped): escaping keeps them apart and keeps their
        # suffixes, so they are told apart and numbered as well written as read.
        self.labels: dict[str, str] = {}  # href -> first locator label
        self.taken: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()

    def loc(self, href: str, *, fresh: bool = False) -> str:
        """The href's locator label, written; ``fresh`` adds a second locator for the same
        href."""
        if not fresh:
            label = self.labels.get(href)
            if label is not None:
                return label
        label = self.new_label(href)
        self.children.append(f'{_locator(href)[1]} xlink:label="{label}"/>')
        return label

    def new_label(self, href: str) -> str:
        """A locator label for ``href`` that no locator of the link has yet, taken; the
        caller writes the locator."""
        label = _locator(href)[0]
        if label in self.taken:
            base, n = label, 2
            while (label := f"{base}_{n}") in self.taken:
                n += 1
        self.labels.setdefault(href, label)
        self.taken.add(label)
        return label

    def pair(self, from_href: str, to_href: str) -> tuple[str, str]:
        """Locator labels for an arc. XLink forbids two arcs with the same from/to labels in
        one link (even with different arcroles), so a repeated pair gets a fresh locator."""
        labels = self.labels  # most hrefs have their locator by now
        pair = (
            labels.get(from_href) or self.loc(from_href),
            labels.get(to_href) or self.loc(to_href),
        )
        if pair in self.pairs:
            pair = (pair[0], self.loc(to_href, fresh=True))
        self.pairs.add(pair)
        return pair

    def arc(self, tag: str, arcrole: str, from_label: str, to_label: str, more: str = "") -> None:
        """An arc between two labels as ``loc`` gives them; ``more``: its further
        attributes, written (``xmlutil.attributes``)."""
        self.children.append(_arc(tag, arcrole, from_label, to_label, more))

    def text(self) -> str:
        """The link, indented as ``xmlutil.serialize`` indents it."""
        if not self.children:
            return f"{self.start}/>"
        return f"{self.start}>{_LINK_CHILD}{_LINK_CHILD.join(self.children)}\n  </{self.tag}>"


def _linkbase(children: list[str], prefixes: tuple[str, ...] = ()) -> bytes:
    """The linkbase document of ``children`` (written elements), as ``xmlutil.serialize``
    writes it; ``prefixes``: namespaces declared beyond link and xlink."""
    declared = attributes((f"xmlns:{p}", NS[p]) for p in ("link", "xlink", *prefixes))
    if not children:
        return encode_document(f"{XML_DECLARATION}<link:linkbase{declared}/>\n")
    body = "\n  ".join(children)
    return encode_document(
        f"{XML_DECLARATION}<link:linkbase{declared}>\n  {body}\n</link:linkbase>\n"
    )


def _number(value: int | float) -> str:
    if type(value) is int:  # an order or weight counted: most are
        return str(value)
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _simple_ref(tag: str, uri_attribute: str, uri: str, href: str) -> str:
    """A roleRef or arcroleRef: the role's URI and where its type is declared."""
    pairs = ((uri_attribute, uri), ("xlink:type", "simple"), ("xlink:href", href))
    return f"<link:{tag}{attributes(pairs)}/>"


def _role_and_arcrole_refs(links: Sequence[ExtendedLink], default: str) -> list[str]:
    roles = sorted({(link.role, link.role_href) for link in links if link.role_href})
    refs = [_simple_ref("roleRef", "roleURI", uri, href) for uri, href in roles]
    arcroles = {arc.arcrole or default for link in links for arc in link.arcs}
    for uri in sorted(arcroles & set(ARCROLE_HREFS)):
        refs.append(_simple_ref("arcroleRef", "arcroleURI", uri, ARCROLE_HREFS[uri]))
    return refs


def _arc_attributes(arc: Arc, prefixes: tuple[str, ...]) -> str:
    """What an arc has beyond its type, arcrole, from and to, written (numbers need no
    escape)."""
    more = f' order="{_number(arc.order)}"'
    if arc.weight is not None:
        more += f' weight="{_number(arc.weight)}"'
    if arc.preferred_label:
        more += f' preferredLabel="{escape_attribute(arc.preferred_label)}"'
    if not arc.attrs:
        return more
    for name, _ in arc.attrs:
        if name.partition(":")[0] not in ("link", "xlink", "xml", *prefixes):
            raise ValueError(f"{name}: an attribute of a namespace the linkbase does not declare")
    return more + attributes(arc.attrs)


def _relationship_linkbase(kind: str, links: Sequence[ExtendedLink], default: str) -> bytes:
    prefixes = ("xbrldt",) if kind == "definition" else ()
    children = _role_and_arcrole_refs(links, default)
    for link in sorted(links, key=lambda item: item.role):
        writer = _LinkWriter(f"link:{kind}Link", link.role)
        pairs = [writer.pair(a.from_href, a.to_href) for a in link.arcs]  # locators first
        for (from_label, to_label), arc in zip(pairs, link.arcs, strict=True):
            more = _arc_attributes(arc, prefixes)
            writer.arc(f"link:{kind}Arc", arc.arcrole or default, from_label, to_label, more)
        children.append(writer.text())
    return _linkbase(children, prefixes)


def presentation_linkbase(links: Sequence[ExtendedLink]) -> bytes:
    return _relationship_linkbase("presentation", links, PARENT_CHILD)


def calculation_linkbase(links: Sequence[ExtendedLink]) -> bytes:
    """Calculations 1.1 summation-item arcs; every arc needs a ``weight``."""
    if any(arc.weight is None for link in links for arc in link.arcs):
        raise ValueError("a calculation arc needs a weight")
    return _relationship_linkbase("calculation", links, SUMMATION_ITEM)


def definition_linkbase(links: Sequence[ExtendedLink]) -> bytes:
    """Definition arcs; each arc names its arcrole (dimensional or wider-narrower)."""
    if any(arc.arcrole is None for link in links for arc in link.arcs):
        raise ValueError("a definition arc needs an arcrole")
    return _relationship_linkbase("definition", links, "")


def label_linkbase(labels: Iterable[Label]) -> bytes:
    """One labelLink in the standard link role; labels sorted by concept, language, role."""
    writer = _LinkWriter("link:labelLink", STANDARD_LINK_ROLE)
    by_concept: dict[str, list[Label]] = {}
    for label in labels:
        by_concept.setdefault(label.href, []).append(label)
    for href in sorted(by_concept, key=_fragment):
        loc = writer.new_label(href)  # each concept is named once here
        writer.children.append(_concept_labels(href, loc, tuple(by_concept[href])))
    return _linkbase([writer.text()])


@functools.lru_cache(maxsize=4096)  # the map's concepts and members recur in every report
def _concept_labels(href: str, loc: str, labels: tuple[Label, ...]) -> str:
    """A concept's locator (labelled ``loc``), labels and label arc, written as children of
    a label link."""
    resource = "label_" + loc.removeprefix("loc_")
    start = f'<link:label xlink:type="resource" xlink:label="{resource}"'
    elements = [f'{_locator(href)[1]} xlink:label="{loc}"/>']
    for label in sorted(labels, key=lambda lb: (lb.lang, lb.role)):
        role, lang = _escaped_role(label.role), _escaped_role(label.lang)
        text = escape_text(label.text)
        elements.append(f'{start} xlink:role="{role}" xml:lang="{lang}">{text}</link:label>')
    elements.append(_arc("link:labelArc", CONCEPT_LABEL, loc, resource))
    return _LINK_CHILD.join(elements)


def label_linkbases(labels: Iterable[Label]) -> dict[str, bytes]:
    """One label linkbase per language (ESEF 3.1.5 names them ``…_lab-{lang}.xml``):
    lang -> bytes, sorted by language."""
    by_lang: dict[str, list[Label]] = {}
    for label in labels:
        by_lang.setdefault(label.lang, []).append(label)
    return {lang: label_linkbase(by_lang[lang]) for lang in sorted(by_lang)}
