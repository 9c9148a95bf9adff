"""The report page is one document whether an XML parser (Arelle, lxml) or an HTML5 parser
(a browser given it as text/html; html5lib is the reference implementation) reads it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import html5lib
import pytest
from lxml import etree

from tagger.pipeline import tag

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / ("sensetime-2023-annual-results.zh-Hant.txt")
)


@pytest.fixture(scope="module")
def page() -> bytes:
    package = tag(EXAMPLE).package
    return next(data for name, data in package.files.items() if name.endswith(".xhtml"))


def _shape_as_xml(page: bytes) -> list[tuple[int, str]]:
    root = etree.fromstring(page)
    prefixes = {uri: prefix for prefix, uri in root.nsmap.items()}
    shape = []

    def walk(element, depth):
        qname = etree.QName(element)
        prefix = prefixes.get(qname.namespace)
        shape.append((depth, (f"{prefix}:" if prefix else "") + qname.localname.lower()))
        for child in element:
            if isinstance(child.tag, str):
                walk(child, depth + 1)

    walk(root, 0)
    return shape


def _shape_as_html(page: bytes) -> tuple[list[tuple[int, str]], list]:
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    root = parser.parse(page)
    shape = []

    def walk(element, depth):
        shape.append((depth, element.tag))
        for child in element:
            if isinstance(child.tag, str):
                walk(child, depth + 1)

    walk(root, 0)
    return shape, [error for _, error, _ in parser.errors]


def test_an_html5_parser_reads_the_page_without_errors_but_the_absent_doctype(page):
    _, errors = _shape_as_html(page)
    # ESEF refuses the HTML doctype (ESEF.RTS.Art.3.htmlDoctype): its absence is the one note
    assert errors == ["expected-doctype-but-got-start-tag"]


def test_both_parsers_build_the_same_tree(page):
    html_shape, _ = _shape_as_html(page)
    xml_shape = _shape_as_xml(page)
    assert len(xml_shape) > 3000
    assert html_shape == xml_shape


def test_the_package_page_is_what_the_pipeline_wrote(page, tmp_path):
    from tagger.report import write_report

    written = write_report(tag(EXAMPLE), tmp_path)
    with zipfile.ZipFile(written.package) as archive:
        stored = next(archive.read(n) for n in archive.namelist() if n.endswith(".xhtml"))
    assert stored == page
    assert not stored.startswith(b"<?xml")  # no declaration: the HTML parser's bogus comment
