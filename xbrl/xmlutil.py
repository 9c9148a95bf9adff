"""Small helpers shared by the XML writers: qualified names and deterministic serialisation."""

from __future__ import annotations

import functools

from lxml import etree

from xbrl.urls import (
    CATALOG_NS,
    DTR_TYPES_NS,
    LINK_NS,
    TP_NS,
    XBRLDT_NS,
    XBRLI_NS,
    XLINK_NS,
    XML_NS,
    XSD_NS,
)

NS: dict[str, str] = {
    "xsd": XSD_NS,
    "link": LINK_NS,
    "xlink": XLINK_NS,
    "xbrli": XBRLI_NS,
    "xbrldt": XBRLDT_NS,
    "dtr-types": DTR_TYPES_NS,
    "tp": TP_NS,
    "catalog": CATALOG_NS,
    "xml": XML_NS,
}


@functools.cache  # called for every attribute of every element written
def qn(prefixed: str) -> str:
    """``"link:loc"`` -> ``"{http://www.xbrl.org/2003/linkbase}loc"`` for the known prefixes."""
    prefix, _, local = prefixed.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def serialize(root: etree._Element) -> bytes:
    """UTF-8 with declaration, indented, LF line ends, trailing newline: same tree, same bytes."""
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
