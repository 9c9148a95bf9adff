"""Small helpers shared by the XML writers: qualified names and deterministic serialisation
of lxml trees; for the large documents (linkbases, the XHTML report), escapes and encoding
of XML written as text, byte for byte what lxml writes (tests/test_xml_text.py)."""

from __future__ import annotations

import functools
from collections.abc import Iterable

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


# Writers that build XML as text, for the documents ixtag writes by the thousand elements: the
# escapes are libxml2's (what ``serialize`` and ``etree.tostring`` write in UTF-8), so the text
# is byte for byte what lxml would make of the same tree, at a fraction of the cost.
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTRIBUTE_ESCAPES = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;"))
# What lxml refuses in a text or an attribute value: control characters but tab, line feed
# and carriage return (bytes below 0x20 in UTF-8 are only these), and the non-characters
# U+FFFE and U+FFFF.
_CONTROL_BYTES = bytes(c for c in range(0x20) if c not in b"\t\n\r")
XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"


def _replaced(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    for char, escaped in escapes:
        text = text.replace(char, escaped)
    return text


# Most text has nothing to escape. Whether it has is asked by one `in` per character: each is
# a fast scan, several times faster than a regular expression's search on a paragraph.
def escape_text(text: str) -> str:
    """Character data as libxml2 writes it: &, <, > and carriage returns escaped."""
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        return _replaced(text, _TEXT_ESCAPES)
    return text


def escape_attribute(value: str) -> str:
    """An attribute value (between double quotes) as libxml2 writes it."""
    if (
        '"' in value
        or "&" in value
        or "<" in value
        or ">" in value
        or "\n" in value
        or "\r" in value
        or "\t" in value
    ):
        return _replaced(value, _ATTRIBUTE_ESCAPES)
    return value


def attributes(pairs: Iterable[tuple[str, str]]) -> str:
    """`` name="value"`` for each (prefixed name, value), in order."""
    return "".join(f' {name}="{escape_attribute(value)}"' for name, value in pairs)


def encode_document(text: str) -> bytes:
    """A document written as text, in UTF-8; a text or value lxml would refuse raises as
    lxml does (ValueError)."""
    data = text.encode("utf-8")
    if (
        len(data.translate(None, _CONTROL_BYTES)) < len(data)
        or "\ufffe" in text
        or "\uffff" in text
    ):
        raise ValueError(
            "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control "
            "characters"
        )
    return data
