"""The XML written as text (xbrl.xmlutil) is byte for byte what lxml writes for the same tree."""

from __future__ import annotations

import pytest
from lxml import etree

from xbrl.linkbase import (
    ExtendedLink,
    Label,
    calculation_linkbase,
    definition_linkbase,
    label_linkbase,
    presentation_linkbase,
    tree_arcs,
)
from xbrl.schema import Element, ElementFacts, Import, LinkbaseRef, RoleType, write_schema
from xbrl.xmlutil import encode_document, escape_attribute, escape_text, serialize

# Every character XML allows, in chunks, with the ones escaped somewhere in each chunk.
_XML_CHARS = "".join(
    chr(c) for c in (0x9, 0xA, 0xD, *range(0x20, 0xD800), *range(0xE000, 0xFFFE), 0x10000, 0x10FFFF)
)
_CHUNKS = [f"a&<>\"'\r\n\t]]>{_XML_CHARS[i : i + 4096]}" for i in range(0, len(_XML_CHARS), 4096)]


def _lxml_bytes(text: str, value: str) -> bytes:
    element = etree.Element("e", a=value)
    element.text = text
    return etree.tostring(element, encoding="utf-8")


@pytest.mark.parametrize("chunk", _CHUNKS)
def test_escapes_are_lxmls(chunk):
    written = f'<e a="{escape_attribute(chunk)}">{escape_text(chunk)}</e>'
    assert encode_document(written) == _lxml_bytes(chunk, chunk)


def test_plain_text_is_returned_as_it_is():
    assert escape_text("收入 2023") == "收入 2023"
    assert escape_attribute("loc_ifrs-full_Revenue") == "loc_ifrs-full_Revenue"


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"])
def test_what_lxml_refuses_is_refused_alike(char):
    with pytest.raises(ValueError) as from_lxml:
        _lxml_bytes(f"a{char}", "")
    with pytest.raises(ValueError) as from_text:
        encode_document(f"<e>a{escape_text(char)}</e>")
    assert str(from_text.value) == str(from_lxml.value)


def _linkbases() -> list[bytes]:
    role, weird = "https://x/role/A", 'a&b"c<d>\te\nf\rg'
    arcs = tree_arcs([("s.xsd#ext_R", f"s.xsd#ext_{weird}"), ("s.xsd#ext_R", "s.xsd#ext_R2")])
    labels = [
        Label(f"s.xsd#ext_{weird}", "zh-Hant", weird),
        Label("s.xsd#ext_R", "zh-Hant", "  "),
    ]
    return [
        presentation_linkbase([ExtendedLink(role, "s.xsd#A", arcs + arcs)]),  # fresh locators
        calculation_linkbase([ExtendedLink(f"{role}{weird}", "s.xsd#A")]),  # an empty link
        definition_linkbase([]),
        label_linkbase(labels),
    ]


@pytest.mark.parametrize("written", _linkbases())
def test_a_linkbase_written_as_text_is_what_lxml_writes_of_its_tree(written):
    assert serialize(etree.fromstring(written)) == written


def _schema(as_text: bool, elements: list[Element], imports: list[Import]) -> bytes:
    return write_schema(
        target_namespace="https://x/ext",
        prefix="ext",
        elements=elements,
        imports=imports,
        roles=[RoleType("https://x/role/A", "A", "[100000] A")],
        linkbases=[LinkbaseRef("x_pre.xml", "presentation")],
        as_text=as_text,
    )


_WEIRD = 'a&b"c<d>\te\nf\rg收入'
_ELEMENTS = [
    Element(
        "ext",
        "Revenue",
        ElementFacts(type="xbrli:monetaryItemType", period_type="duration", balance="credit"),
    ),
    Element("ext", f"Z{_WEIRD}", ElementFacts(type=f"xbrli:{_WEIRD}", period_type="instant")),
    Element(
        "ext",
        "AMember",
        ElementFacts(
            type="dtr-types:domainItemType", period_type="duration", abstract=True, nillable=False
        ),
    ),
]


@pytest.mark.parametrize(
    "imports",
    [
        [],
        [Import("ifrs-full", "https://x/ifrs", "https://x/ifrs.xsd")],
        # two prefixes for the instance namespace: lxml's choice, so lxml writes the elements
        [Import("inst", "http://www.xbrl.org/2003/instance", "https://x/i.xsd")],
    ],
)
def test_a_schemas_elements_written_as_text_are_what_lxml_writes(imports):
    assert _schema(True, _ELEMENTS, imports) == _schema(False, _ELEMENTS, imports)
    assert _schema(True, [], imports) == _schema(False, [], imports)
