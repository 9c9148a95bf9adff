"""The Inline XBRL document: the WHOLE announcement as XHTML, with facts tagged in place.

Headings, paragraphs and tables keep their printed text; amounts in the primary statements
are wrapped in ix:nonFraction (brackets stay outside the tag, the sign goes in ``sign``);
a printed dash is ``ixt:fixed-zero``. Figures of running text that restate a statement line
(tagger.text_figures) are tagged where the sentence prints them. Entity information
(tagger.entity_facts) is ix:nonNumeric in the heading or paragraph that prints it, continued
(ix:continuation) where the extractor split its sentence; each numbered note is a text
block. Scale, sign and number format are decided here only.

The page is written as text (``xbrl.xmlutil``: libxml2's escapes), not as an lxml tree: it has
thousands of elements, each far cheaper as a string; the bytes are those lxml would write.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import defaultdict

from lxml import etree

from tagger.entity_facts import TextFact
from tagger.facts import Fact
from tagger.lines import NOTE_WORDS, is_period_line, is_unit_line
from tagger.model import Block, Cell, Document, Period, Table
from tagger.note_sections import NoteSection
from tagger.regex_cache import regex
from tagger.units import unit_measures
from tagger.wording import numbered_heading
from xbrl.urls import IFRS_NAMESPACE, IXTAG_NAMESPACE
from xbrl.xmlutil import attributes, encode_document, escape_attribute, escape_text

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


def context_id(period: Period, dims: tuple[tuple[str, str], ...]) -> str:
    suffix = "".join(f"_{member.split(':')[1]}" for _, member in dims)
    return f"C_{period.key()}{suffix}"


def _fact_tags(facts: list[Fact]) -> tuple[dict[int, str], dict[str, tuple[Period, tuple]]]:
    """Each fact's ix:nonFraction start tag, by id(fact), and the contexts the facts refer
    to (id -> the period and dimensions of the first fact naming it), in the facts' order.
    Facts share a few hundred contexts, each named once."""
    named: dict[tuple, str] = {}  # (start, end, dims) -> the context's id, escaped
    contexts: dict[str, tuple[Period, tuple]] = {}
    starts = {}
    concept = name = None
    for n, fact in enumerate(facts, start=1):
        period = fact.period
        key = (period.start, period.end, fact.dims)
        ref = named.get(key)
        if ref is None:
            context = context_id(period, fact.dims)
            contexts.setdefault(context, (period, fact.dims))  # two keys may name one context
            ref = named[key] = escape_attribute(context)
        # a row's facts follow each other and share its concept: its name is read once per
        # row, not per fact (measured: 0.2 ms of 1.8)
        if fact.concept is not concept:
            concept = fact.concept
            name = _escaped_name(concept.qname)
        starts[id(fact)] = _non_fraction(fact, n, name, ref)
    return starts, contexts


def _element(tag: str, text: str | None, attrs: str = "") -> str:
    """An element holding only text. Never <td/>, even empty: an HTML5 parser ignores the
    slash and would nest what follows inside the element (schemaRef, empty cells, contexts'
    empty parts); only the void elements (br, hr, meta) are written empty, as <br/>.
    ``attrs``: the attributes, written (``attributes``)."""
    return f"<{tag}{attrs}>{escape_text(text or '')}</{tag}>"


def _context(out: list[str], ref: str, key: tuple[Period, tuple], entity: str) -> None:
    """The context ``ref``; ``entity``: its xbrli:entity, written, the same in every
    context. Dates need no escape."""
    when, dims = key
    if when.start is None:
        period = f"<xbrli:instant>{when.end.isoformat()}</xbrli:instant>"
    else:
        period = (
            f"<xbrli:startDate>{when.start.isoformat()}</xbrli:startDate>"
            f"<xbrli:endDate>{when.end.isoformat()}</xbrli:endDate>"
        )
    out.append(f'<xbrli:context id="{escape_attribute(ref)}">{entity}')
    out.append(f"<xbrli:period>{period}</xbrli:period>")
    if dims:
        out.append("<xbrli:scenario>")
        out += [_explicit_member(axis, member) for axis, member in dims]
        out.append("</xbrli:scenario>")
    out.append("</xbrli:context>")


@functools.lru_cache(maxsize=1024)  # a few members, in many contexts
def _explicit_member(axis: str, member: str) -> str:
    return _element("xbrldi:explicitMember", member, attributes([("dimension", axis)]))


def _unit(out: list[str], unit_id: str) -> None:
    out.append(f"<xbrli:unit{attributes([('id', unit_id)])}>")
    numerators, denominators = unit_measures(unit_id)
    if not denominators:
        out += [_element("xbrli:measure", measure) for measure in numerators]
    else:
        out.append("<xbrli:divide>")
        for part, measures in (
            ("xbrli:unitNumerator", numerators),
            ("xbrli:unitDenominator", denominators),
        ):
            out.append(f"<{part}>")
            out += [_element("xbrli:measure", measure) for measure in measures]
            out.append(f"</{part}>")
        out.append("</xbrli:divide>")
    out.append("</xbrli:unit>")


def _header(
    out: list[str],
    facts: list[Fact],
    contexts: dict[str, tuple[Period, tuple]],
    schema_href: str,
    scheme: str,
    identifier: str,
    periods=(),
) -> None:
    """``contexts``: those of the facts (``_fact_tags``); ``periods``: contexts (with no
    dimension) that facts other than amounts refer to."""
    out.append('<div style="display:none"><ix:header><ix:references>')
    out.append(
        _element(
            "link:schemaRef",
            "",
            attributes([("xlink:type", "simple"), ("xlink:href", schema_href)]),
        )
    )
    out.append("</ix:references><ix:resources>")
    contexts = dict(contexts)
    for period in periods:
        contexts.setdefault(context_id(period, ()), (period, ()))
    identifier_element = _element("xbrli:identifier", identifier, attributes([("scheme", scheme)]))
    entity = f"<xbrli:entity>{identifier_element}</xbrli:entity>"
    for ref in sorted(contexts):
        _context(out, ref, contexts[ref], entity)
    for unit_id in sorted({f.unit for f in facts}):
        _unit(out, unit_id)
    out.append("</ix:resources></ix:header></div>")


_UNIT_AFTER = regex(r"(%|港仙|仙|分)$")  # printed after the number, outside the tag
# what a text _UNIT_AFTER matches in ends with ($ also matches before a final line feed)
_UNIT_ENDS = ("%", "仙", "分", "\n")


def _digits(cell: Cell) -> tuple[str, str, str]:
    """(before, number text, after): brackets, a leading minus and a % sign stay outside the
    tag."""
    text = cell.text
    if text[:1].isdigit() and text[-1:].isdigit():  # most amounts: nothing around the digits
        return "", text, ""
    before = after = ""
    unit = _UNIT_AFTER.search(text) if text.endswith(_UNIT_ENDS) else None
    if unit:
        after, text = unit.group(), text[: unit.start()]
    if text.startswith("("):
        before, text = "(", text[1:]
    if text.endswith(")"):
        after, text = ")" + after, text[:-1]
    if text[:1] in "–—-－" and len(text) > 1:
        before, text = before + text[0], text[1:]
    return before, text, after


def _non_fraction(fact: Fact, number: int, name: str, context: str) -> str:
    """The start tag of the ``number``-th fact's ix:nonFraction (``name``: its concept's
    qname, ``context``: its context id, both escaped): a printed dash is a fixed zero; the
    sign is an attribute, the brackets stay outside."""
    # written as one string: the fact's start tag is the page's most frequent (ids, numbers
    # and formats need no escape)
    rest = _start_tag_end(fact.unit, fact.decimals, fact.scale, fact.cell.dash, fact.value < 0)
    return f'<ix:nonFraction id="f{number}" name="{name}" contextRef="{context}"{rest}'


# Concepts: a few hundred, named by thousands of facts.
_escaped_name = functools.lru_cache(maxsize=4096)(escape_attribute)


@functools.lru_cache(maxsize=1024)  # a few kinds of amount (unit, scale …) for all the facts
def _start_tag_end(unit: str, decimals: int, scale: int, dash: bool, negative: bool) -> str:
    """A fact's start tag from its unit on."""
    number_format = "ixt:fixed-zero" if dash else "ixt:num-dot-decimal"
    sign = ' sign="-"' if negative else ""
    return (
        f' unitRef="{escape_attribute(unit)}" decimals="{decimals}"'
        f' scale="{scale}" format="{number_format}"{sign}>'
    )


def _number_cell(out: list[str], cell: Cell, facts: list[Fact] | None, starts) -> None:
    """The cell, its number in the ix:nonFraction of its first fact, nesting the others (same
    printed number). ``starts``: the start tag of each fact, by id(fact)."""
    if not facts:
        out.append(_element("td", cell.text, ' class="num"'))
        return
    before, text, after = _digits(cell) if not cell.dash else ("", cell.text, "")
    tagged = escape_text(text)
    for fact in reversed(facts):
        tagged = f"{starts[id(fact)]}{tagged}</ix:nonFraction>"
    if before or after:
        tagged = f"{escape_text(before)}{tagged}{escape_text(after)}"
    out.append(f'<td class="num">{tagged}</td>')


_LETTERED = regex(r"^[(（]?[a-zA-Z]{1,4}[)）]\s*\S")  # (a) 按地區劃分的收入, (ii) …


def _is_heading_line(line: str) -> bool:
    """A heading printed over a table (14 借款, (a) 按地區劃分的收入): one line across it,
    even when its words happen to be as many as the columns."""
    return numbered_heading(line) is not None or bool(_LETTERED.match(line.strip()))


def _header_row(out: list[str], line: str, width: int, note_column: bool, span: str) -> None:
    """A column header line: one heading per amount column when it prints one per column
    (2023年 2022年, 人民幣千元 人民幣千元), else one heading across the table."""
    out.append(_header_row_text(line, width, note_column, span))


# Most tables print the same few header lines (2023年 2022年, 人民幣千元 人民幣千元): the
# example's 178 are 34 lines (measured: 0.3 ms of 2.5 for its tables, written each time).
@functools.lru_cache(maxsize=1024)
def _header_row_text(line: str, width: int, note_column: bool, span: str) -> str:
    tokens = line.split()
    note = tokens.pop(0) if note_column and tokens and tokens[0] in NOTE_WORDS else None
    if width and len(tokens) == width and not _is_heading_line(line):
        cells = ["<th></th>"]
        if note_column:
            cells.append(_element("th", note, ' class="note"'))
        cells += [_element("th", token) for token in tokens]
    else:
        cells = [_element("th", line, f' colspan="{span}"')]
    return f"<tr>{''.join(cells)}</tr>"


def _member_header(out: list[str], table: Table, width: int, span: str) -> None:
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
            out.append("<tr>")
            out.append(_element("th", "", f' colspan="{1 + table.note_column}"'))
            out.append(_element("th", line, f' colspan="{owners + 1}" class="group"'))
            if width > owners + 1:
                out.append(_element("th", "", f' colspan="{width - owners - 1}"'))
            out.append("</tr>")
        else:
            _header_row(out, line, width, table.note_column, span)
    labels = " ".join(c.label for c in table.columns)
    _header_row(out, labels, width, table.note_column, span)
    for line in units:
        _header_row(out, line, width, table.note_column, span)


def _label_cell(row, span: str, heading: bool) -> str:
    """The row's label as printed, its wrapped parts on lines of their own; a ``heading``
    row's spans the table."""
    label = row.printed_label
    attrs = f' class="label" colspan="{span}"' if heading else ' class="label"'
    if "\n" in label:
        text = "<br/>".join(escape_text(part) for part in label.split("\n"))
    else:
        text = escape_text(label)
    return f"<td{attrs}>{text}</td>"


_ROW_STARTS = {kind: f"<tr{attributes([('class', kind)])}>" for kind in ("heading", "total")}


def _table(out: list[str], table: Table, by_row: dict, starts, index: int, totals) -> None:
    """``by_row``: (table, row) -> column -> the facts of the cell."""
    width = max((len(r.cells) for r in table.rows), default=0)
    kind = "statement" if table.statement else "note"
    out.append(f"<table{attributes([('class', f'{kind} wide' if width >= 6 else kind)])}>")
    if table.title:
        out.append(_element("caption", table.title))
    out.append("<tbody>")  # which an HTML parser would otherwise add
    span = str(width + 1 + table.note_column)
    if width and len(table.columns) == width and all(c.member for c in table.columns):
        _member_header(out, table, width, span)
    else:
        for line in table.header_lines:
            if line != table.title:
                _header_row(out, line, width, table.note_column, span)
    for row_index, row in enumerate(table.rows):
        heading = row.is_heading
        total = not row.label or (index, row_index) in totals
        kind = "heading" if heading else "total" if total else None
        out.append(_ROW_STARTS[kind] if kind else "<tr>")
        out.append(_label_cell(row, span, heading))
        if not heading:
            if table.note_column:
                out.append(_element("td", row.note, ' class="note"'))
            cells = by_row.get((index, row_index))
            if cells is None:  # nothing tagged in the row
                out += [_element("td", cell.text, ' class="num"') for cell in row.cells]
            else:
                for column, cell in enumerate(row.cells):
                    _number_cell(out, cell, cells.get(column), starts)
        out.append("</tr>")
    out.append("</tbody></table>")
    out += [_element("p", note, ' class="footnote"') for note in table.footnotes]


def _text_part(fact: TextFact, part: int, fact_id: str, lang: str) -> tuple[str, str]:
    """The start and end tags of the ``part``-th span of a text fact: ix:nonNumeric (in the
    report's language: Arelle reads it from the fact, not from <html>, ESEF 2.5.2), then
    ix:continuation."""
    if part == 0:
        tag = "ix:nonNumeric"
        attrs = [
            ("name", fact.concept.qname),
            ("contextRef", context_id(fact.period, ())),
            ("id", fact_id),
        ]
        if fact.format:
            attrs.append(("format", fact.format))
    else:
        tag = "ix:continuation"
        attrs = [("id", f"{fact_id}_{part}")]
    if part + 1 < len(fact.spans):
        attrs.append(("continuedAt", f"{fact_id}_{part + 1}"))
    if part == 0:
        attrs.append(("xml:lang", lang))
    return f"<{tag}{attributes(attrs)}>", f"</{tag}>"


def _marked_text(
    out: list[str], block: Block, figures: list[Fact], parts, starts, lang: str
) -> None:
    """A heading or paragraph with what is tagged in its text in place: figures (the number
    in the tag, currency and scale words around it as printed) and spans of text facts."""
    tag = "h2" if block.kind == "heading" else "p"
    text = block.text
    marks = [(f.in_text[1], f.in_text[1] + len(f.cell.text), f, None) for f in figures]
    for fact, part, fact_id in parts:
        span = fact.spans[part]
        marks.append((span.start, span.end, (fact, part, fact_id), span.space_after))
    out.append(f"<{tag}>")
    cursor = 0
    for start, end, mark, space_after in sorted(marks, key=lambda m: m[0]):
        out.append(escape_text(text[cursor:start]))
        if isinstance(mark, Fact):
            out.append(f"{starts[id(mark)]}{escape_text(mark.cell.text)}</ix:nonFraction>")
        else:
            start_tag, end_tag = _text_part(*mark, lang)
            marked = text[start:end] + (" " if space_after else "")
            out.append(f"{start_tag}{escape_text(marked)}{end_tag}")
        cursor = end
    out.append(f"{escape_text(text[cursor:])}</{tag}>")


def _block(out: list[str], block: Block, by_row, starts, table_index: int, totals) -> None:
    if block.kind == "table":
        _table(out, block.table, by_row, starts, table_index, totals)
    elif block.kind == "heading":
        out.append(_element("h2", block.text))
    elif block.kind == "page":
        out.append(_element("div", block.text, ' class="page"'))
    else:
        out.append(_element("p", block.text))


class _TextBlocks:
    """The notes as text blocks: one ix:nonNumeric per concept, its content the note's blocks;
    a page break, the page's furniture or another note between two parts of one fact ends a
    fragment, and the fact goes on in an ix:continuation (a note on the general concept
    continues the earlier ones). Fragments are written into ``out`` as the blocks come; a
    fragment's start tag is written again when a continuation names it in continuedAt."""

    def __init__(
        self, out: list[str], sections: tuple[NoteSection, ...], period: Period | None, lang: str
    ):
        self.out = out
        self.sections = sections if period is not None else ()
        self.context = context_id(period, ()) if period is not None else ""
        self.lang = lang
        self.facts: dict[str, str] = {}  # concept -> id of its ix:nonNumeric
        # concept -> its latest fragment: where its start tag is in ``out``, its tag, attributes
        self.last: dict[str, tuple[int, str, list[tuple[str, str]]]] = {}
        self.parts: dict[str, int] = {}  # concept -> continuations so far
        self.open: tuple[NoteSection, str] | None = None  # the open fragment's section, tag
        # read once, as every block asks: the first section heading at each line, and each
        # section's lines
        self.headings: dict[int, int] = {}  # line -> index of the first section starting there
        for n, section in enumerate(self.sections):
            self.headings.setdefault(section.first_line, n)
        self.spans = [(s.first_line, s.last_line, s) for s in self.sections]
        # the sections' first lines, when the sections follow each other without overlap
        # (as numbered notes do): a line's section is then the last one starting before it
        following = all(
            a_first <= b_first and a_last < b_first
            for (a_first, a_last, _), (b_first, _, _) in itertools.pairwise(self.spans)
        )
        self.firsts = [s.first_line for s in self.sections] if following else None

    def _section(self, block: Block) -> NoteSection | None:
        if not block.lines or block.kind == "page":
            return None
        if not self.headings.keys().isdisjoint(block.lines):
            # a table whose header prints the note's heading (14 借款): the first such note
            heading = min(self.headings[line] for line in block.lines if line in self.headings)
            return self.sections[heading]
        first = block.lines[0]
        if self.firsts:
            _, last, section = self.spans[bisect.bisect_right(self.firsts, first) - 1]
            return section if self.firsts[0] <= first <= last else None
        return next((s for low, high, s in self.spans if low <= first <= high), None)

    def interrupt(self) -> None:
        """The open fragment, if any, ends here."""
        if self.open is not None:
            self.out.append(f"</{self.open[1]}>")
            self.open = None

    def _start_tag(self, tag: str, attrs: list[tuple[str, str]]) -> str:
        lang = [("xml:lang", self.lang)] if tag == "ix:nonNumeric" else []
        return f"<{tag}{attributes(attrs + lang)}>"

    def _fragment(self, concept: str) -> str:
        """Opens the concept's next fragment: its fact, or a continuation of it."""
        if concept not in self.facts:
            tag = "ix:nonNumeric"
            self.facts[concept] = f"tb{len(self.facts) + 1}"
            attrs = [
                ("id", self.facts[concept]),
                ("name", f"ifrs-full:{concept}"),
                ("contextRef", self.context),
                ("escape", "true"),
            ]
        else:
            tag = "ix:continuation"
            self.parts[concept] = self.parts.get(concept, 0) + 1
            attrs = [("id", f"{self.facts[concept]}c{self.parts[concept]}")]
            at, last_tag, last_attrs = self.last[concept]
            last_attrs.append(("continuedAt", attrs[0][1]))
            self.out[at] = self._start_tag(last_tag, last_attrs)
        self.last[concept] = (len(self.out), tag, attrs)
        self.out.append(self._start_tag(tag, attrs))
        return tag

    def enter(self, block: Block) -> None:
        """Where the block goes: into its note's open fragment (opened if need be) or the
        body."""
        section = self._section(block)
        if self.open is not None and self.open[0] is section:
            return
        self.interrupt()
        if section is not None:
            self.open = (section, self._fragment(section.concept))


def _root_start(extension_ns: str, lang: str) -> str:
    """<html> with its namespace declarations, as lxml writes them."""
    nsmap = dict(NS)
    nsmap["ext"] = extension_ns
    html = etree.Element(f"{{{NS[None]}}}html", nsmap=nsmap)
    html.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    html.text = ""
    return etree.tostring(html, encoding="unicode").removesuffix("</html>")


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
    out = [_root_start(extension_ns, document.script), "<head>"]
    out.append('<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>')
    out.append(_element("title", title))
    out.append(_element("style", _STYLE, ' type="text/css"'))
    out.append("</head><body>")
    periods = [notes_period] if notes and notes_period is not None else []
    periods += [fact.period for fact in text_facts]
    starts, contexts = _fact_tags(facts)
    _header(out, facts, contexts, schema_href, scheme, identifier, periods)
    parts: dict[int, list[tuple[TextFact, int, str]]] = defaultdict(list)
    for n, fact in enumerate(text_facts, start=1):
        for part, span in enumerate(fact.spans):
            parts[span.block].append((fact, part, f"t{n}"))
    text_blocks = _TextBlocks(out, notes, notes_period, document.script)
    by_row: dict[tuple[int, int], dict[int, list[Fact]]] = {}  # (table, row) -> column -> facts
    in_text: dict[int, list[Fact]] = defaultdict(list)  # block index -> its figures
    for fact in facts:
        if fact.in_text is not None:
            in_text[fact.in_text[0]].append(fact)
        else:
            row = by_row.setdefault((fact.table, fact.row), {})
            row.setdefault(fact.column, []).append(fact)
    table_index = 0
    page = 1
    for block_index, block in enumerate(document.blocks):
        printed_on = document.page_of(block.lines[0]) if block.lines else None
        if printed_on and printed_on[0] > page:  # a page break of the printed document
            page = printed_on[0]
            text_blocks.interrupt()
            out.append(f'<hr class="page-break" title="page {page}"/>')
        text_blocks.enter(block)
        if in_text.get(block_index) or parts.get(block_index):
            figures = in_text[block_index]
            _marked_text(out, block, figures, parts[block_index], starts, document.script)
        else:
            _block(out, block, by_row, starts, table_index, totals)
        table_index += block.kind == "table"
    text_blocks.interrupt()
    out.append("</body></html>")
    # No XML declaration: UTF-8 needs none, and an HTML parser would read it as a bogus
    # comment. No doctype either: ESEF refuses the HTML one (ESEF.RTS.Art.3.htmlDoctype); an
    # HTML parser then only notes its absence, and builds the same tree as an XML parser.
    return encode_document("".join(out))
