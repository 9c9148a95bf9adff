"""What each row of a note region is, under one kind of note (``taxonomy.models.NoteKind``).

A row is one of the kind's line items (matched by the concepts' own wordings, list marks and
footnote references set aside, or set into the heading above it: 核數師酬金 / －審計服務), a
member of the kind's axis (an IFRS member by its wordings, or the entity's own region named
after the printed label), or the total the other rows add up to. Anything else is in doubt
and stays untagged, with the reason.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from tagger.arithmetic import table_structure
from tagger.lines import CJK
from tagger.model import Table
from tagger.regex_cache import regex
from tagger.vocabulary import Vocabulary, compact
from taxonomy.models import Concept, NoteKind

_LIST_MARKS = "-•‧·"  # after compact: －, — and – read as -
_FOOTNOTE_REFS = regex(r"(?:\((?:[a-z]|[ivx]{1,4}|\d)\)|\*)+$")
_NOTE_REF = regex(r"\(附[註注][^)]*\)")  # （附注12）: compact drops only the Traditional
_TOTAL_WORDS = ("總計", "合計", "總額", "小計", "总计", "合计", "总额", "小计")
# A row naming what is left over (其他, 其他地區) is a member of an axis of the entity's own
# regions; among line items it names no concept by itself.


class RowReading(NamedTuple):
    """A row read under a kind: its concept and member (None: no member), or why not."""

    concept: Concept | None = None
    member: str | None = None  # ifrs-full member name, or the printed label of an entity one
    entity: bool = False  # the member is the entity's own (a filing extension member)
    total: bool = False  # the row the others add up to
    method: str = "exact"  # exact, heading (set into its heading), member, total, subtotal,
    # gross, allowance, net
    doubt: str = ""
    axis: str | None = None  # the member's axis when it is not the kind's (gross, allowance)
    subtotal: bool = False  # an unlabelled subtotal: a concept only if a statement proves it
    unproved: bool = False  # printed as a total, but the rows above do not add up to it
    parts: tuple[int, ...] = ()  # a net subtotal's gross and allowance rows
    items: tuple[int, ...] = ()  # a total's rows, which add up to it
    extension: str = ""  # the label of the filing's own line item, narrower than ``concept``
    deduction: bool = False  # printed as deducted from its subtotal: the value is negated


@functools.lru_cache(maxsize=1 << 12)  # a label is read under each kind its region may be
def core_label(label: str) -> str:
    """A row label without list marks and footnote references: －應收第三方款項(a) -> …."""
    text = _NOTE_REF.sub("", compact(label)).lstrip(_LIST_MARKS)
    return _FOOTNOTE_REFS.sub("", text).lstrip(_LIST_MARKS)


def _item(
    vocab: Vocabulary, kind: NoteKind, label: str, heading: str
) -> tuple[Concept, str] | None:
    allowed = {*kind.items, *([kind.total] if kind.total else [])}
    core = core_label(label)
    candidates = [(core, "exact")]
    if heading:
        candidates.append((core_label(heading) + core, "heading"))
    for text, method in candidates:
        for concept in vocab.concepts_for(text):
            if concept.name in allowed:
                return concept, method
    return None


def _member(vocab: Vocabulary, kind: NoteKind, label: str) -> RowReading:
    core = core_label(label)
    concept = vocab.concept_map.concepts[kind.concept]
    axis = vocab.concept_map.axes[kind.axis]
    for member in vocab.members_for(core):
        if member.axis == kind.axis and member.name != axis.default_member:
            return RowReading(concept=concept, member=member.name, method="member")
    own = not any(w in core for w in _TOTAL_WORDS) and not vocab.concepts_for(core)
    if kind.entity_members and CJK.search(core) and own:  # a line item is no region
        return RowReading(concept=concept, member=core, entity=True, method="member")
    return RowReading(doubt=f"names no member of {kind.axis}")


def region_structure(table: Table, rows: tuple[int, ...]) -> dict[int, list[int]]:
    """{total row: its item rows} of the region's rows, in the table's row indexes."""
    if rows == tuple(range(len(rows))):
        # The table's first rows (most regions: the whole table): a row's reading depends
        # only on the rows above it, so the whole table's structure, which the arithmetic
        # stages ask for too, holds the region's (measured: 1.5 ms of the example's 130).
        totals, _ = table_structure(table)
        return {t: [i for i, _ in items] for t, items in totals.items() if t < len(rows)}
    sub = table.model_copy(update={"rows": tuple(table.rows[i] for i in rows)})
    totals, _ = table_structure(sub)
    return {rows[t]: [rows[i] for i, _ in items] for t, items in totals.items()}


def _top_totals(structure: dict[int, list[int]]) -> set[int]:
    """Totals of rows above them that are not themselves items of a further total (a
    subtotal of some regions is not the whole)."""
    nested = {item for items in structure.values() for item in items}
    return {t for t in structure if t not in nested}


def read_rows(
    table: Table,
    rows: tuple[int, ...],
    kind: NoteKind,
    vocab: Vocabulary,
    labels=(),
    structure: dict[int, list[int]] | None = None,
) -> dict[int, RowReading]:
    """{row index: RowReading} for the region's rows that print amounts; ``labels``: (row,
    label) pairs that replace a row's own label; ``structure``: the region's
    ``region_structure``, when the caller has it (it is the same under every kind)."""
    own = dict(labels)
    if structure is None:
        structure = region_structure(table, rows)
    totals = _top_totals(structure)
    total_concept = kind.total or kind.concept
    out: dict[int, RowReading] = {}
    for index in rows:
        row = table.rows[index]
        if not row.cells or row.problem:
            continue
        label = own.get(index, row.label)
        if _is_total_label(vocab, kind, core_label(label)):
            if index in totals and total_concept:
                concept = vocab.concept_map.concepts[total_concept]
                items = tuple(structure[index])
                out[index] = RowReading(concept=concept, total=True, method="total", items=items)
            elif index in structure:
                out[index] = RowReading(doubt="a subtotal of some of the rows", subtotal=True)
            else:
                out[index] = RowReading(
                    doubt="a total that is not the sum of the rows above it", unproved=True
                )
            continue
        if kind.axis:
            out[index] = _member(vocab, kind, label)
            continue
        found = _item(vocab, kind, label, "" if index in own else row.heading or "")
        if found is None:
            out[index] = RowReading(doubt=f"names none of the line items of a {kind.name} note")
            continue
        concept, method = found
        if concept.name == kind.total and index not in totals:
            why = "printed as the note's total, but the rows above do not add up to it"
            out[index] = RowReading(doubt=why, unproved=True)
            continue
        total = concept.name == kind.total
        items = tuple(structure.get(index, ())) if total else ()
        out[index] = RowReading(concept=concept, total=total, method=method, items=items)
    if kind.allowances:
        out.update(_gross_and_net(table, rows, structure, kind, vocab, own))
    if kind.extend:
        out.update(_own_items(table, structure, out, kind, vocab, own))
    return out


def _own_items(table: Table, structure, readings, kind: NoteKind, vocab: Vocabulary, own):
    """The items of a printed total beside a row of ``kind.extend_beside`` (a reconciliation's
    tax at the applicable rate) that name none of the kind's line items: the filing's own
    line items, narrower than ``kind.extend``; the catch-all (其他) is that concept itself."""
    anchor = vocab.concept_map.concepts[kind.extend]
    others = {compact(w) for w in kind.other_wordings}
    out: dict[int, RowReading] = {}
    for items in structure.values():
        names = {readings[i].concept.name for i in items if readings.get(i) and readings[i].concept}
        if kind.extend_beside not in names:
            continue
        for index in items:
            reading = readings.get(index)
            if reading is None or reading.concept is not None or reading.subtotal:
                continue
            label = core_label(own.get(index, table.rows[index].label))
            if label in others:
                out[index] = RowReading(concept=anchor, method="other")
            elif CJK.search(label) and not any(w in label for w in _TOTAL_WORDS):
                out[index] = RowReading(concept=anchor, extension=label, method="extension")
    return out


def _gross_and_net(table: Table, rows, structure, kind: NoteKind, vocab: Vocabulary, own) -> dict:
    """Gross, allowance and net rows of one item: an unlabelled (or the item's own) net row
    that is the sum of exactly a gross row naming one of the kind's items and an allowance
    row (減值撥備) printed negative, read on the kind's carrying-amount axis. An allowance
    printed any other way leaves itself and the amount above it in doubt (gross or net?)."""
    words = {compact(w) for w in kind.allowances}
    amounts = [i for i in rows if table.rows[i].cells and not table.rows[i].problem]
    out: dict[int, RowReading] = {}
    for net, items in structure.items():
        if (
            len(items) != 2
            or core_label(own.get(items[1], table.rows[items[1]].label)) not in words
        ):
            continue
        gross, allowance = items
        if any(c.value is not None and c.value > 0 for c in table.rows[allowance].cells):
            continue  # an allowance printed positive: which way it goes is not printed
        concept = _gross_item(vocab, kind, own.get(gross, table.rows[gross].label))
        net_label = core_label(own.get(net, table.rows[net].label))
        if concept is None and not net_label and kind.subtotals:
            # 流動資產 / 虧損撥備 / (net): the item is the subtotal a statement proves the net is
            why = "the net amount of an item only a statement's line can name"
            out[net] = RowReading(doubt=why, subtotal=True, parts=(gross, allowance))
            out[allowance] = RowReading(doubt="an allowance of an item no line names")
            continue
        if concept is None or (net_label and concept not in vocab.concepts_for(net_label)):
            continue
        axis = kind.carrying_axis
        out[gross] = RowReading(concept, kind.gross_member, axis=axis, method="gross")
        out[allowance] = RowReading(concept, kind.allowance_member, axis=axis, method="allowance")
        out[net] = RowReading(concept=concept, method="net")
    for before, index in zip(amounts, amounts[1:], strict=False):
        label = core_label(own.get(index, table.rows[index].label))
        if label in words and index not in out:
            out[index] = RowReading(doubt="an allowance not printed as gross, less it, net")
            out[before] = RowReading(doubt="an amount above an allowance: gross or net?")
    return out


def _gross_item(vocab: Vocabulary, kind: NoteKind, label: str) -> Concept | None:
    """The item a gross row names: its wording, or its wording and a gross word (總額)."""
    core = core_label(label)
    texts = [core] + [core[: -len(w)] for w in map(compact, kind.gross_words) if core.endswith(w)]
    for text in texts:
        for concept in vocab.concepts_for(text):
            if concept.name in kind.items:
                return concept
    return None


def _is_total_label(vocab: Vocabulary, kind: NoteKind, label: str) -> bool:
    """An unlabelled row, a total's wording (總計), or the axis' whole (所有地區)."""
    if not label or label in _TOTAL_WORDS:
        return True
    if kind.axis is None:
        return False
    domain = vocab.concept_map.axes[kind.axis].default_member
    return any(m.name == domain for m in vocab.members_for(label))


def fits(readings: dict[int, RowReading]) -> int:
    """How many rows a kind reads as members, line items or subtotals: the kind that reads
    most wins."""
    return sum(1 for r in readings.values() if r.concept is not None and not r.total)
