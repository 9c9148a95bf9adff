"""Writer of XBRL taxonomy schemas: element declarations, roleTypes, imports, linkbaseRefs.

Reusable for any schema ixtag writes (the IFRS offline schema, the ixtag base schema, a
report's filing extension schema)::

    from xbrl.schema import Element, Import, LinkbaseRef, RoleType, write_schema

    write_schema(
        target_namespace="https://example.com/xbrl/2024/abc",
        prefix="abc",
        elements=[Element("abc", "SegmentOneMember", facts)],       # facts: models.ElementFacts
        imports=[Import("ixtag", IXTAG_NAMESPACE, IXTAG_SCHEMA)],   # beyond the standard ones
        roles=[RoleType(uri, "IncomeStatement", "[100000] Income statement")],
        linkbases=[LinkbaseRef("abc_lab.xml", "label")],
    ) -> bytes

Element attributes follow the IFRS Taxonomy exactly: id="<prefix>_<name>", name, type,
substitutionGroup, xbrli:periodType, xbrli:balance (when present), abstract, nillable.
The schemas of the standard prefixes used in types and substitution groups (xbrli, xbrldt,
dtr-types) are imported automatically from ``urls.STANDARD_IMPORTS``; pass ``imports`` for
any other prefix (ifrs-full, ixtag ...). Elements and roles are written sorted, so the output
does not depend on input order.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from lxml import etree
from pydantic import BaseModel, ConfigDict

from xbrl.urls import STANDARD_IMPORTS
from xbrl.xmlutil import NS, attributes, encode_document, escape_attribute, qn, serialize

# The records below are NamedTuples: a frozen dataclass costs a third of a millisecond to
# declare, paid at import by every process.
PeriodType = Literal["instant", "duration"]
Balance = Literal["debit", "credit"]


class ElementFacts(BaseModel):
    """XML Schema facts of an element, exactly as the taxonomy that owns it declares them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: str
    substitution_group: str = "xbrli:item"
    period_type: PeriodType
    balance: Balance | None = None
    abstract: bool = False
    nillable: bool = True


LinkbaseKind = Literal["label", "presentation", "calculation", "definition", "reference"]
ALL_LINKS: tuple[str, ...] = (
    "link:presentationLink",
    "link:calculationLink",
    "link:definitionLink",
)
_LINKBASE_REF_ROLE = "http://www.xbrl.org/2003/role/{kind}LinkbaseRef"
_LINKBASE_ARCROLE = "http://www.w3.org/1999/xlink/properties/linkbase"


class Element(NamedTuple):
    """One element declaration; ``prefix`` names the schema's namespace prefix (for the id)."""

    prefix: str
    name: str
    facts: ElementFacts

    @property
    def id(self) -> str:
        return f"{self.prefix}_{self.name}"


class Import(NamedTuple):
    prefix: str
    namespace: str
    location: str


class RoleType(NamedTuple):
    """An extended link role; ``definition`` is what viewers show, ``id`` its fragment id."""

    uri: str
    id: str
    definition: str
    used_on: tuple[str, ...] = ALL_LINKS


class LinkbaseRef(NamedTuple):
    href: str
    kind: LinkbaseKind


def _prefixes_used(elements: Iterable[Element]) -> set[str]:
    used = {"xbrli"}
    for element in elements:
        for qname in (element.facts.type, element.facts.substitution_group):
            used.add(qname.partition(":")[0])
    return used


def _imports(elements: Sequence[Element], extra: Sequence[Import]) -> list[Import]:
    imports = {i.prefix: i for i in extra}
    for prefix in sorted(_prefixes_used(elements)):
        if prefix in imports:
            continue
        if prefix not in STANDARD_IMPORTS:
            raise ValueError(f"no import given for prefix {prefix!r} used by an element")
        namespace, location = STANDARD_IMPORTS[prefix]
        imports[prefix] = Import(prefix, namespace, location)
    return sorted(imports.values(), key=lambda i: i.namespace)


def _element(element: Element) -> etree._Element:
    facts = element.facts
    node = etree.Element(qn("xsd:element"))
    node.set("id", element.id)
    node.set("name", element.name)
    node.set("type", facts.type)
    node.set("substitutionGroup", facts.substitution_group)
    node.set(qn("xbrli:periodType"), facts.period_type)
    if facts.balance:
        node.set(qn("xbrli:balance"), facts.balance)
    node.set("abstract", "true" if facts.abstract else "false")
    node.set("nillable", "true" if facts.nillable else "false")
    return node


def _role_type(role: RoleType) -> etree._Element:
    node = etree.Element(qn("link:roleType"), roleURI=role.uri, id=role.id)
    etree.SubElement(node, qn("link:definition")).text = role.definition
    for used_on in role.used_on:
        etree.SubElement(node, qn("link:usedOn")).text = used_on
    return node


def _linkbase_ref(ref: LinkbaseRef) -> etree._Element:
    node = etree.Element(qn("link:linkbaseRef"))
    node.set(qn("xlink:type"), "simple")
    node.set(qn("xlink:href"), ref.href)
    node.set(qn("xlink:role"), _LINKBASE_REF_ROLE.format(kind=ref.kind))
    node.set(qn("xlink:arcrole"), _LINKBASE_ARCROLE)
    return node


def _declared_prefix(nsmap: dict[str, str], namespace: str) -> str | None:
    """The one prefix ``nsmap`` declares for ``namespace``; None if it declares several (which
    one lxml writes is then lxml's choice) or none."""
    prefixes = [p for p, ns in nsmap.items() if ns == namespace]
    return prefixes[0] if len(prefixes) == 1 else None


def _elements_text(elements: Sequence[Element], nsmap: dict[str, str]) -> str | None:
    """The element declarations as lxml writes them at the end of the schema (one per line,
    indented, after the imports), written as text: a report's schema declares a hundred, the
    IFRS offline schema thousands. None when the prefixes lxml would write are not certain."""
    xsd, xbrli = _declared_prefix(nsmap, NS["xsd"]), _declared_prefix(nsmap, NS["xbrli"])
    if xsd is None or xbrli is None:
        return None
    lines = []
    for element in elements:
        facts = element.facts
        written = _facts_attributes(
            xbrli,
            facts.type,
            facts.substitution_group,
            facts.period_type,
            facts.balance,
            facts.abstract,
            facts.nillable,
        )
        name = escape_attribute(element.name)
        lines.append(
            f'  <{xsd}:element id="{escape_attribute(element.id)}" name="{name}"{written}/>\n'
        )
    return "".join(lines)


# A schema's elements are of a few kinds (a report's 107 of 8: monetary debit duration …),
# their attributes after the name written once per kind.
@functools.lru_cache(maxsize=256)
def _facts_attributes(
    xbrli: str,
    type_: str,
    substitution_group: str,
    period_type: str,
    balance: str | None,
    abstract: bool,
    nillable: bool,
) -> str:
    pairs = [
        ("type", type_),
        ("substitutionGroup", substitution_group),
        (f"{xbrli}:periodType", period_type),
    ]
    if balance:
        pairs.append((f"{xbrli}:balance", balance))
    pairs.append(("abstract", "true" if abstract else "false"))
    pairs.append(("nillable", "true" if nillable else "false"))
    return attributes(pairs)


def write_schema(
    *,
    target_namespace: str,
    prefix: str,
    elements: Sequence[Element] = (),
    imports: Sequence[Import] = (),
    roles: Sequence[RoleType] = (),
    linkbases: Sequence[LinkbaseRef] = (),
    as_text: bool = True,
) -> bytes:
    """A taxonomy schema as bytes (see the module docstring). ``as_text``: the element
    declarations written as text where the bytes are certain to be lxml's (False: all by
    lxml, as the tests compare)."""
    all_imports = _imports(elements, imports)
    nsmap = {"xsd": NS["xsd"], "link": NS["link"], "xlink": NS["xlink"], prefix: target_namespace}
    nsmap.update({i.prefix: i.namespace for i in all_imports})
    root = etree.Element(qn("xsd:schema"), nsmap=nsmap)
    root.set("targetNamespace", target_namespace)
    root.set("elementFormDefault", "qualified")
    root.set("attributeFormDefault", "unqualified")
    if roles or linkbases:
        appinfo = etree.SubElement(etree.SubElement(root, qn("xsd:annotation")), qn("xsd:appinfo"))
        for ref in linkbases:
            appinfo.append(_linkbase_ref(ref))
        for role in sorted(roles, key=lambda r: r.uri):
            appinfo.append(_role_type(role))
    for imp in all_imports:
        etree.SubElement(
            root, qn("xsd:import"), namespace=imp.namespace, schemaLocation=imp.location
        )
    ordered = sorted(elements, key=lambda e: e.name)
    text = _elements_text(ordered, nsmap) if as_text and ordered else None
    if text is not None:
        # the schema always imports (xbrli at least): its last line closes it
        written = serialize(root).decode("utf-8")
        end = f"</{_declared_prefix(nsmap, NS['xsd'])}:schema>\n"
        if written.endswith(end):
            return encode_document(written[: -len(end)] + text + end)
    for element in ordered:
        root.append(_element(element))
    return serialize(root)
