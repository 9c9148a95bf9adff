"""The Inline XBRL document: the WHOLE announcement as XHTML, with facts tagged in place.

Headings, paragraphs and tables keep their printed text; amounts in the primary statements
are wrapped in ix:nonFraction (brackets stay outside the tag, the sign goes in ``sign``);
a printed dash is ``ixt:fixed-zero``. Figures of running text that restate a statement line
(tagger.text_figures) are tagged where the sentence prints them. Entity information
(tagger.entity_facts) is ix:nonNumeric in the heading or paragraph that prints it, continued
(ix:continuation) where the extractor split its sentence; each numbered note is a text
block. Scale, sign and number format are decided here only.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from lxml import etree

from tagger.entity_facts import TextFact
from tagger.facts import Fact
from tagger.lines import NOTE_WORDS, is_period_line, is_unit_line
from tagger.model import Block, Cell, Document, Period, Table
from tagger.note_sections import NoteSection
from tagger.units import unit_measures
from tagger.wording import numbered_heading
from xbrl.urls import IFRS_NAMESPACE, IXTAG_NAMESPACE

_OWNERS = "EquityAttributableToOwnersOfParentMember"  # the column the owners' heading ends at

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
th { font-weight: normal; color: #555; text-align: right; word-break: keep-all; }
th.group { text-align: center; border-bottom: 1px solid #999; }
table.wide { font-size: .85em; }
td.label { min-width: 12em; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.note { text-align: center; color: #555; }
tr.heading td { font-weight: bold; padding-top: .6em; }
tr.total td.num { border-top: 1px solid #444; }
th.note { text-align: center; }
hr.page-break { border: none; border-top: 1px dashed #bbb; margin: 2em 0; }
.page { text-align: center; color: #999; font-size: .8em; border-top: 1px dashed #ddd; }
p.footnote { font-size: .9em; color: #555; }
"""


# HTML elements an HTML5 parser knows to be empty: the only ones written as <br/>.
_HTML_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


@functools.cache  # called for every element written
def _q(prefixed: str) -> str:
    prefix, local = prefixed.split(":") if ":" in prefixed else (None, prefixed)
    return f"{{{NS[prefix]}}}{local}"


def context_id(period: Period, dims: tuple[tuple[str, str], ...]) -> str:
    suffix = "".join(f"_{member.split(':')[1]}" for _, member in dims)
    return f"C_{period.key()}{suffix}"


def _context(parent, key: tuple[Period, tuple], scheme: str, identifier: str) -> None:
    when, dims = key
    ctx = etree.SubElement(parent, _q("xbrli:context"), id=context_id(when, dims))
    entity = etree.SubElement(ctx, _q("xbrli:entity"))
    etree.SubElement(entity, _q("xbrli:identifier"), scheme=scheme).text = identifier
    period = etree.SubElement(ctx, _q("xbrli:period"))
    if when.start is None:
        etree.SubElement(period, _q("xbrli:instant")).text = when.end.isoformat()
    else:
        etree.SubElement(period, _q("xbrli:startDate")).text = when.start.isoformat()
        etree.SubElement(period, _q("xbrli:endDate")).text = when.end.isoformat()
    if dims:
        scenario = etree.SubElement(ctx, _q("xbrli:scenario"))
        for axis, member in dims:
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
    body, facts: list[Fact], schema_href: str, scheme: str, identifier: str, periods=()
) -> None:
    """``periods``: contexts (with no dimension) that facts other than amounts refer to."""
    hidden = etree.SubElement(body, "div", style="display:none")
    header = etree.SubElement(hidden, _q("ix:header"))
    refs = etree.SubElement(header, _q("ix:references"))
    ref = etree.SubElement(refs, _q("link:schemaRef"))
    ref.set(_q("xlink:type"), "simple")
    ref.set(_q("xlink:href"), schema_href)
    resources = etree.SubElement(header, _q("ix:resources"))
    contexts = {}
    for fact in facts:
        contexts.setdefault(context_id(fact.period, fact.dims), (fact.period, fact.dims))
    for period in periods:
        contexts.setdefault(context_id(period, ()), (period, ()))
    for key in sorted(contexts):
        _context(resources, contexts[key], scheme, identifier)
    for unit_id in sorted({f.unit for f in facts}):
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


def _non_fraction(parent, fact: Fact, ids: dict[int, str]) -> etree._Element:
    """The ix:nonFraction of one fact: a printed dash is a fixed zero; the sign is an
    attribute, the brackets stay outside."""
    attributes = {
        "id": ids[id(fact)],
        "name": fact.concept.qname,
        "contextRef": context_id(fact.period, fact.dims),
        "unitRef": fact.unit,
        "decimals": str(fact.decimals),
        "scale": str(fact.scale),
        "format": "ixt:fixed-zero" if fact.cell.dash else "ixt:num-dot-decimal",
    }
    if fact.value < 0:
        attributes["sign"] = "-"
    return etree.SubElement(parent, _q("ix:nonFraction"), attributes)


def _tag(parent, facts: list[Fact], text: str, ids: dict[int, str]) -> None:
    """ix:nonFraction for the first fact, nesting the others (same printed number)."""
    node = _non_fraction(parent, facts[0], ids)
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


_LETTERED = re.compile(r"^[(（]?[a-zA-Z]{1,4}[)）]\s*\S")  # (a) 按地區劃分的收入, (ii) …


def _is_heading_line(line: str) -> bool:
    """A heading printed over a table (14 借款, (a) 按地區劃分的收入): one line across it,
    even when its words happen to be as many as the columns."""
    return numbered_heading(line) is not None or bool(_LETTERED.match(line.strip()))


def _header_row(element, line: str, width: int, note_column: bool, span: str) -> None:
    """A column header line: one heading per amount column when it prints one per column
    (2023年 2022年, 人民幣千元 人民幣千元), else one heading across the table."""
    tr = etree.SubElement(element, "tr")
    tokens = line.split()
    note = tokens.pop(0) if note_column and tokens and tokens[0] in NOTE_WORDS else None
    if width and len(tokens) == width and not _is_heading_line(line):
        etree.SubElement(tr, "th")
        if note_column:
            etree.SubElement(tr, "th", {"class": "note"}).text = note
        for token in tokens:
            etree.SubElement(tr, "th").text = token
    else:
        etree.SubElement(tr, "th", colspan=span).text = line


def _member_header(element, table: Table, width: int, span: str) -> None:
    """The header of a table whose columns are members (a statement of changes in equity's
    components), with their names whole: the period; the heading over the components
    attributable to owners, spanning them; one name above each column (as the columns stage
    read them from the wrapped header, whose fragments are not repeated); the units."""
    names = "".join(c.label for c in table.columns)
    owners = next((i for i, c in enumerate(table.columns) if c.member == _OWNERS), None)
    units = []
    for line in table.header_lines:
        if line == table.title:
            continue
        if is_unit_line(line):
            units.append(line)
        elif all(token in names for token in line.split()):
            continue  # a fragment of the components' names, printed whole below
        elif owners is not None and not is_period_line(line):
            tr = etree.SubElement(element, "tr")
            etree.SubElement(tr, "th", colspan=str(1 + table.note_column))
            group = {"colspan": str(owners + 1), "class": "group"}
            etree.SubElement(tr, "th", group).text = line
            if width > owners + 1:
                etree.SubElement(tr, "th", colspan=str(width - owners - 1))
        else:
            _header_row(element, line, width, table.note_column, span)
    labels = " ".join(c.label for c in table.columns)
    _header_row(element, labels, width, table.note_column, span)
    for line in units:
        _header_row(element, line, width, table.note_column, span)


def _table(body, table: Table, by_cell: dict, ids: dict[int, str], index: int, totals) -> None:
    width = max((len(r.cells) for r in table.rows), default=0)
    kind = "statement" if table.statement else "note"
    element = etree.SubElement(body, "table", {"class": f"{kind} wide" if width >= 6 else kind})
    if table.title:
        etree.SubElement(element, "caption").text = table.title
    element = etree.SubElement(element, "tbody")  # which an HTML parser would otherwise add
    span = str(width + 1 + table.note_column)
    if width and len(table.columns) == width and all(c.member for c in table.columns):
        _member_header(element, table, width, span)
    else:
        for line in table.header_lines:
            if line != table.title:
                _header_row(element, line, width, table.note_column, span)
    for row_index, row in enumerate(table.rows):
        total = not row.label or (index, row_index) in totals
        kind = "heading" if row.is_heading else "total" if total else None
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
        if fact.format:
            node.set("format", fact.format)
    else:
        node = etree.SubElement(parent, _q("ix:continuation"))
        node.set("id", f"{fact_id}_{part}")
    if part + 1 < len(fact.spans):
        node.set("continuedAt", f"{fact_id}_{part + 1}")
    return node


def _marked_text(parent, block: Block, figures: list[Fact], parts, ids) -> None:
    """A heading or paragraph with what is tagged in its text in place: figures (the number
    in the tag, currency and scale words around it as printed) and spans of text facts."""
    element = etree.SubElement(parent, "h2" if block.kind == "heading" else "p")
    text = block.text
    marks = [(f.in_text[1], f.in_text[1] + len(f.cell.text), f, None) for f in figures]
    for fact, part, fact_id in parts:
        span = fact.spans[part]
        marks.append((span.start, span.end, (fact, part, fact_id), span.space_after))
    element.text = text
    cursor, last = 0, None
    for start, end, mark, space_after in sorted(marks, key=lambda m: m[0]):
        before = text[cursor:start]
        if last is None:
            element.text = before
        else:
            last.tail = before
        if isinstance(mark, Fact):
            last = _non_fraction(element, mark, ids)
            last.text = mark.cell.text
        else:
            last = _text_part(element, *mark)
            last.text = text[start:end] + (" " if space_after else "")
        cursor = end
    if last is not None:
        last.tail = text[cursor:] or None


def _block(body, block: Block, by_cell, ids, table_index: int, totals) -> None:
    if block.kind == "table":
        _table(body, block.table, by_cell, ids, table_index, totals)
    elif block.kind == "heading":
        etree.SubElement(body, "h2").text = block.text
    elif block.kind == "page":
        etree.SubElement(body, "div", {"class": "page"}).text = block.text
    else:
        etree.SubElement(body, "p").text = block.text


class _TextBlocks:
    """The notes as text blocks: one ix:nonNumeric per concept, its content the note's blocks;
    a page break, the page's furniture or another note between two parts of one fact ends a
    fragment, and the fact goes on in an ix:continuation (a note on the general concept
    continues the earlier ones)."""

    def __init__(self, body, sections: tuple[NoteSection, ...], period: Period | None):
        self.body = body
        self.sections = sections if period is not None else ()
        self.context = context_id(period, ()) if period is not None else ""
        self.facts: dict[str, str] = {}  # concept -> id of its ix:nonNumeric
        self.last: dict[str, etree._Element] = {}  # concept -> its latest fragment
        self.parts: dict[str, int] = {}  # concept -> continuations so far
        self.open: tuple[NoteSection, etree._Element] | None = None

    def _section(self, block: Block) -> NoteSection | None:
        if not block.lines or block.kind == "page":
            return None
        lines = set(block.lines)
        heading = next((s for s in self.sections if s.first_line in lines), None)
        if heading is not None:  # a table whose header prints the note's heading (14 借款)
            return heading
        first = block.lines[0]
        return next((s for s in self.sections if s.first_line <= first <= s.last_line), None)

    def interrupt(self) -> None:
        self.open = None

    def parent(self, block: Block):
        """Where the block goes: into its note's open fragment (opened if need be) or the body."""
        section = self._section(block)
        if section is None:
            self.open = None
            return self.body
        if self.open is not None and self.open[0] is section:
            return self.open[1]
        concept = section.concept
        if concept not in self.facts:
            fragment = etree.SubElement(self.body, _q("ix:nonNumeric"))
            self.facts[concept] = f"tb{len(self.facts) + 1}"
            fragment.set("id", self.facts[concept])
            fragment.set("name", f"ifrs-full:{concept}")
            fragment.set("contextRef", self.context)
            fragment.set("escape", "true")
        else:
            fragment = etree.SubElement(self.body, _q("ix:continuation"))
            self.parts[concept] = self.parts.get(concept, 0) + 1
            fragment.set("id", f"{self.facts[concept]}c{self.parts[concept]}")
            self.last[concept].set("continuedAt", fragment.get("id"))
        self.last[concept] = fragment
        self.open = (section, fragment)
        return fragment


def write_xhtml(
    document: Document,
    facts: list[Fact],
    *,
    schema_href: str,
    scheme: str,
    identifier: str,
    extension_ns: str,
    title: str,
    totals: frozenset[tuple[int, int]] = frozenset(),
    notes: tuple[NoteSection, ...] = (),
    notes_period: Period | None = None,
    text_facts: list[TextFact] = (),
) -> bytes:
    """``notes``: the numbered notes, tagged as text blocks for ``notes_period``;
    ``text_facts``: the entity's information, in the text that prints it."""
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
    periods = [notes_period] if notes and notes_period is not None else []
    periods += [fact.period for fact in text_facts]
    _header(body, facts, schema_href, scheme, identifier, periods)
    parts: dict[int, list[tuple[TextFact, int, str]]] = defaultdict(list)
    for n, fact in enumerate(text_facts, start=1):
        for part, span in enumerate(fact.spans):
            parts[span.block].append((fact, part, f"t{n}"))
    text_blocks = _TextBlocks(body, notes, notes_period)
    by_cell: dict[tuple[int, int, int], list[Fact]] = defaultdict(list)
    in_text: dict[int, list[Fact]] = defaultdict(list)  # block index -> its figures
    for fact in facts:
        if fact.in_text is not None:
            in_text[fact.in_text[0]].append(fact)
        else:
            by_cell[(fact.table, fact.row, fact.column)].append(fact)
    ids = {id(f): f"f{n}" for n, f in enumerate(facts, start=1)}
    table_index = 0
    page = 1
    for block_index, block in enumerate(document.blocks):
        printed_on = document.page_of(block.lines[0]) if block.lines else None
        if printed_on and printed_on[0] > page:  # a page break of the printed document
            page = printed_on[0]
            text_blocks.interrupt()
            etree.SubElement(body, "hr", {"class": "page-break", "title": f"page {page}"})
        parent = text_blocks.parent(block)
        if in_text.get(block_index) or parts.get(block_index):
            _marked_text(parent, block, in_text[block_index], parts[block_index], ids)
        else:
            _block(parent, block, by_cell, ids, table_index, totals)
        table_index += block.kind == "table"
    for node in html.iter(_q("ix:nonNumeric")):
        # a text fact's language: Arelle reads it from the fact, not from <html> (ESEF 2.5.2)
        node.set("{http://www.w3.org/XML/1998/namespace}lang", document.script)
    xhtml = f"{{{NS[None]}}}"
    for element in html.iter():  # every element of the page: kept to the fewest calls
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and not tag.startswith("{"):
            tag = element.tag = xhtml + tag
        name = tag[len(xhtml) :] if tag.startswith(xhtml) else tag  # its local name when XHTML
        if len(element) == 0 and element.text is None and name not in _HTML_VOID:
            # <td></td>, never <td/>: an HTML5 parser ignores the slash and would nest what
            # follows inside the element (schemaRef, empty cells, contexts' empty parts).
            element.text = ""
    # No XML declaration: UTF-8 needs none, and an HTML parser would read it as a bogus
    # comment. No doctype either: ESEF refuses the HTML one (ESEF.RTS.Art.3.htmlDoctype); an
    # HTML parser then only notes its absence, and builds the same tree as an XML parser.
    return etree.tostring(html, encoding="utf-8")
