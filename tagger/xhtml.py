"""The Inline XBRL document: the WHOLE announcement as XHTML, with facts tagged in place.

Headings, paragraphs and tables keep their printed text; amounts in the primary statements
are wrapped in ix:nonFraction (brackets stay outside the tag, the sign goes in ``sign``);
a printed dash is ``ixt:fixed-zero``. Entity information (tagger.entity_facts) is
ix:nonNumeric in the heading or paragraph that prints it, continued (ix:continuation) where
the extractor split its sentence. Scale, sign and number format are decided here only.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree

from tagger.entity_facts import TextFact
from tagger.facts import Fact
from tagger.lines import NOTE_WORDS
from tagger.model import Block, Cell, Document, Period, Table
from tagger.units import unit_measures
from xbrl.urls import IFRS_NAMESPACE, IXTAG_NAMESPACE

NS = {
    None: "http://www.w3.org/1999/xhtml",
    "ix": "http://www.xbrl.org/2013/inlineXBRL",
    "ixt": "http://www.xbrl.org/inlineXBRL/transformation/2022-02-16",  # TR5
    "xbrli": "http://www.xbrl.org/2003/instance",
    "xbrldi": "http://xbrl.org/2006/xbrldi",
    "link": "http://www.xbrl.org/2003/linkbase",
    "xlink": "http://www.w3.org/1999/xlink",
    "iso4217": "http://www.xbrl.org/2003/iso4217",
    "ifrs-full": IFRS_NAMESPACE,
    "ixtag": IXTAG_NAMESPACE,
}
_STYLE = """
body { font-family: "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", sans-serif;
       max-width: 60em; margin: 2em auto; line-height: 1.6; color: #222; }
h2 { font-size: 1.1em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 1em 0; width: 100%; }
caption { font-weight: bold; text-align: left; padding: .4em 0; }
th, td { padding: .15em .6em; vertical-align: bottom; }
th { font-weight: normal; color: #555; text-align: right; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.note { text-align: center; color: #555; }
tr.heading td { font-weight: bold; padding-top: .6em; }
tr.total td.num { border-top: 1px solid #444; }
th.note { text-align: center; }
hr.page-break { border: none; border-top: 1px dashed #bbb; margin: 2em 0; }
.page { text-align: center; color: #999; font-size: .8em; border-top: 1px dashed #ddd; }
p.footnote { font-size: .9em; color: #555; }
"""


def _q(prefixed: str) -> str:
    prefix, local = prefixed.split(":") if ":" in prefixed else (None, prefixed)
    return f"{{{NS[prefix]}}}{local}"


def context_id(period: Period, dims: tuple[tuple[str, str], ...]) -> str:
    suffix = "".join(f"_{member.split(':')[1]}" for _, member in dims)
    return f"C_{period.key()}{suffix}"


def _context(parent, fact: Fact, scheme: str, identifier: str) -> None:
    ctx = etree.SubElement(parent, _q("xbrli:context"), id=context_id(fact.period, fact.dims))
    entity = etree.SubElement(ctx, _q("xbrli:entity"))
    etree.SubElement(entity, _q("xbrli:identifier"), scheme=scheme).text = identifier
    period = etree.SubElement(ctx, _q("xbrli:period"))
    if fact.period.start is None:
        etree.SubElement(period, _q("xbrli:instant")).text = fact.period.end.isoformat()
    else:
        etree.SubElement(period, _q("xbrli:startDate")).text = fact.period.start.isoformat()
        etree.SubElement(period, _q("xbrli:endDate")).text = fact.period.end.isoformat()
    if fact.dims:
        scenario = etree.SubElement(ctx, _q("xbrli:scenario"))
        for axis, member in fact.dims:
            etree.SubElement(scenario, _q("xbrldi:explicitMember"), dimension=axis).text = member


def _unit(parent, unit_id: str) -> None:
    unit = etree.SubElement(parent, _q("xbrli:unit"), id=unit_id)
    numerators, denominators = unit_measures(unit_id)
    if not denominators:
        for measure in numerators:
            etree.SubElement(unit, _q("xbrli:measure")).text = measure
        return
    divide = etree.SubElement(unit, _q("xbrli:divide"))
    for part, measures in (
        ("xbrli:unitNumerator", numerators),
        ("xbrli:unitDenominator", denominators),
    ):
        holder = etree.SubElement(divide, _q(part))
        for measure in measures:
            etree.SubElement(holder, _q("xbrli:measure")).text = measure


def _header(
    body, facts: list[Fact | TextFact], schema_href: str, scheme: str, identifier: str
) -> None:
    hidden = etree.SubElement(body, "div", style="display:none")
    header = etree.SubElement(hidden, _q("ix:header"))
    refs = etree.SubElement(header, _q("ix:references"))
    ref = etree.SubElement(refs, _q("link:schemaRef"))
    ref.set(_q("xlink:type"), "simple")
    ref.set(_q("xlink:href"), schema_href)
    resources = etree.SubElement(header, _q("ix:resources"))
    contexts = {}
    for fact in facts:
        contexts.setdefault(context_id(fact.period, fact.dims), fact)
    for key in sorted(contexts):
        _context(resources, contexts[key], scheme, identifier)
    for unit_id in sorted({f.unit for f in facts if isinstance(f, Fact)}):
        _unit(resources, unit_id)


def _digits(cell: Cell) -> tuple[str, str, str]:
    """(before, number text, after): brackets, a leading minus and a % sign stay outside the
    tag."""
    text = cell.text
    before = after = ""
    unit = re.search(r"(%|港仙|仙|分)$", text)
    if unit:
        after, text = unit.group(), text[: unit.start()]
    if text.startswith("("):
        before, text = "(", text[1:]
    if text.endswith(")"):
        after, text = ")" + after, text[:-1]
    if text[:1] in "–—-－" and len(text) > 1:
        before, text = before + text[0], text[1:]
    return before, text, after


def _tag(parent, facts: list[Fact], text: str, ids: dict[int, str]) -> None:
    """ix:nonFraction for the first fact, nesting the others (same printed number)."""
    fact = facts[0]
    node = etree.SubElement(parent, _q("ix:nonFraction"))
    node.set("id", ids[id(fact)])
    node.set("name", fact.concept.qname)
    node.set("contextRef", context_id(fact.period, fact.dims))
    node.set("unitRef", fact.unit)
    node.set("decimals", str(fact.decimals))
    node.set("scale", str(fact.scale))
    node.set("format", "ixt:fixed-zero" if fact.cell.dash else "ixt:num-dot-decimal")
    if fact.value < 0:
        node.set("sign", "-")
    if len(facts) > 1:
        _tag(node, facts[1:], text, ids)
    else:
        node.text = text


def _number_cell(tr, cell: Cell, facts: list[Fact], ids: dict[int, str]) -> None:
    td = etree.SubElement(tr, "td", {"class": "num"})
    if not facts:
        td.text = cell.text
        return
    before, text, after = _digits(cell) if not cell.dash else ("", cell.text, "")
    td.text = before or None
    _tag(td, facts, text, ids)
    td[-1].tail = after or None


def _header_row(element, line: str, width: int, note_column: bool, span: str) -> None:
    """A column header line: one heading per amount column when it prints one per column
    (2023年 2022年, 人民幣千元 人民幣千元), else one heading across the table."""
    tr = etree.SubElement(element, "tr")
    tokens = line.split()
    note = tokens.pop(0) if note_column and tokens and tokens[0] in NOTE_WORDS else None
    if width and len(tokens) == width:
        etree.SubElement(tr, "th")
        if note_column:
            etree.SubElement(tr, "th", {"class": "note"}).text = note
        for token in tokens:
            etree.SubElement(tr, "th").text = token
    else:
        etree.SubElement(tr, "th", colspan=span).text = line


def _table(body, table: Table, by_cell: dict, ids: dict[int, str], index: int) -> None:
    element = etree.SubElement(body, "table", {"class": "statement" if table.statement else "note"})
    if table.title:
        etree.SubElement(element, "caption").text = table.title
    width = max((len(r.cells) for r in table.rows), default=0)
    span = str(width + 1 + table.note_column)
    for line in table.header_lines:
        if line != table.title:
            _header_row(element, line, width, table.note_column, span)
    if table.statement == "changes_in_equity" and width and len(table.columns) == width:
        # The components as read from the wrapped header, one above each column.
        labels = " ".join(c.label for c in table.columns)
        _header_row(element, labels, width, table.note_column, span)
    for row_index, row in enumerate(table.rows):
        kind = "heading" if row.is_heading else "total" if not row.label else None
        tr = etree.SubElement(element, "tr", {"class": kind} if kind else {})
        label = etree.SubElement(tr, "td", {"class": "label"})
        parts = row.printed_label.split("\n")
        label.text = parts[0]
        for part in parts[1:]:
            etree.SubElement(label, "br").tail = part
        if row.is_heading:
            label.set("colspan", span)
            continue
        if table.note_column:
            etree.SubElement(tr, "td", {"class": "note"}).text = row.note
        for column, cell in enumerate(row.cells):
            _number_cell(tr, cell, by_cell.get((index, row_index, column), []), ids)
    for note in table.footnotes:
        etree.SubElement(body, "p", {"class": "footnote"}).text = note


def _text_part(parent, fact: TextFact, part: int, fact_id: str) -> etree._Element:
    """The ``part``-th span of a text fact: ix:nonNumeric, then ix:continuation."""
    if part == 0:
        node = etree.SubElement(parent, _q("ix:nonNumeric"))
        node.set("name", fact.concept.qname)
        node.set("contextRef", context_id(fact.period, ()))
        node.set("id", fact_id)
    else:
        node = etree.SubElement(parent, _q("ix:continuation"))
        node.set("id", f"{fact_id}_{part}")
    if part + 1 < len(fact.spans):
        node.set("continuedAt", f"{fact_id}_{part + 1}")
    return node


def _text(element, text: str, parts: list[tuple[TextFact, int, str]]) -> None:
    """``text`` with each (fact, part, id) span tagged in place, in printed order."""
    element.text = text
    cursor, last = 0, None
    for fact, part, fact_id in sorted(parts, key=lambda p: p[0].spans[p[1]].start):
        span = fact.spans[part]
        before = text[cursor : span.start]
        if last is None:
            element.text = before
        else:
            last.tail = before
        last = _text_part(element, fact, part, fact_id)
        last.text = text[span.start : span.end] + (" " if span.space_after else "")
        cursor = span.end
    if last is not None:
        last.tail = text[cursor:] or None


def _block(body, block: Block, by_cell, ids, table_index: int, parts) -> None:
    if block.kind == "table":
        _table(body, block.table, by_cell, ids, table_index)
    elif block.kind == "page":
        etree.SubElement(body, "div", {"class": "page"}).text = block.text
    else:
        _text(etree.SubElement(body, "h2" if block.kind == "heading" else "p"), block.text, parts)


def write_xhtml(
    document: Document,
    facts: list[Fact],
    *,
    schema_href: str,
    scheme: str,
    identifier: str,
    extension_ns: str,
    title: str,
    text_facts: list[TextFact] = (),
) -> bytes:
    nsmap = dict(NS)
    nsmap["ext"] = extension_ns
    html = etree.Element(_q("html"), nsmap=nsmap)
    html.set("{http://www.w3.org/XML/1998/namespace}lang", document.script)
    head = etree.SubElement(html, "head")
    etree.SubElement(
        head, "meta", {"http-equiv": "Content-Type", "content": "text/html; charset=utf-8"}
    )
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "style", type="text/css").text = _STYLE
    body = etree.SubElement(html, "body")
    _header(body, [*facts, *text_facts], schema_href, scheme, identifier)
    parts: dict[int, list[tuple[TextFact, int, str]]] = defaultdict(list)
    for n, fact in enumerate(text_facts, start=1):
        for part, span in enumerate(fact.spans):
            parts[span.block].append((fact, part, f"t{n}"))
    by_cell: dict[tuple[int, int, int], list[Fact]] = defaultdict(list)
    for fact in facts:
        by_cell[(fact.table, fact.row, fact.column)].append(fact)
    ids = {id(f): f"f{n}" for n, f in enumerate(facts, start=1)}
    table_index = 0
    page = 1
    for index, block in enumerate(document.blocks):
        printed_on = document.page_of(block.lines[0]) if block.lines else None
        if printed_on and printed_on[0] > page:  # a page break of the printed document
            page = printed_on[0]
            etree.SubElement(body, "hr", {"class": "page-break", "title": f"page {page}"})
        _block(body, block, by_cell, ids, table_index, parts.get(index, []))
        table_index += block.kind == "table"
    for node in html.iter(_q("ix:nonNumeric")):
        # a text fact's language: Arelle reads it from the fact, not from <html> (ESEF 2.5.2)
        node.set("{http://www.w3.org/XML/1998/namespace}lang", document.script)
    for element in html.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{") is False:
            element.tag = f"{{{NS[None]}}}{element.tag}"
    return etree.tostring(html, xml_declaration=True, encoding="utf-8", pretty_print=False)
