"""What each row of a note region is, under one kind of note (``taxonomy.models.NoteKind``).

A row is one of the kind's line items (matched by the concepts' own wordings, list marks and
footnote references set aside, or set into the heading above it: 核數師酬金 / －審計服務), a
member of the kind's axis (an IFRS member by its wordings, or the entity's own region named
after the printed label), or the total the other rows add up to. Anything else is in doubt
and stays untagged, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tagger.arithmetic import table_structure
from tagger.lines import CJK
from tagger.model import Table
from tagger.vocabulary import Vocabulary, compact
from taxonomy.models import Concept, NoteKind

_LIST_MARKS = "-•‧·"  # after compact: －, — and – read as -
_FOOTNOTE_REFS = re.compile(r"(?:\((?:[a-z]|[ivx]{1,4}|\d)\)|\*)+$")
_NOTE_REF = re.compile(r"\(附[註注][^)]*\)")  # （附注12）: compact drops only the Traditional
_TOTAL_WORDS = ("總計", "合計", "總額", "小計", "总计", "合计", "总额", "小计")
# A row naming what is left over (其他, 其他地區) is a member of an axis of the entity's own
# regions; among line items it names no concept by itself.


@dataclass(frozen=True)
class RowReading:
    """A row read under a kind: its concept and member (None: no member), or why not."""

    concept: Concept | None = None
    member: str | None = None  # ifrs-full member name, or the printed label of an entity one
    entity: bool = False  # the member is the entity's own (a filing extension member)
    total: bool = False  # the row the others add up to
    method: str = "exact"  # exact (a wording), heading (set into its heading), member, total
    doubt: str = ""


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


def _top_totals(table: Table, rows: tuple[int, ...]) -> set[int]:
    """Rows of the region that are totals of rows above them and not themselves items of a
    further total (a subtotal of some regions is not the whole)."""
    sub = table.model_copy(update={"rows": tuple(table.rows[i] for i in rows)})
    totals, _ = table_structure(sub)
    nested = {item for items in totals.values() for item, _ in items}
    return {rows[t] for t in totals if t not in nested}


def read_rows(
    table: Table, rows: tuple[int, ...], kind: NoteKind, vocab: Vocabulary, labels=()
) -> dict[int, RowReading]:
    """{row index: RowReading} for the region's rows that print amounts; ``labels``: (row,
    label) pairs that replace a row's own label."""
    own = dict(labels)
    totals = _top_totals(table, rows)
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
                out[index] = RowReading(concept=concept, total=True, method="total")
            else:
                out[index] = RowReading(doubt="a total that is not the sum of the rows above it")
            continue
        if kind.axis:
            out[index] = _member(vocab, kind, label)
            continue
        found = _item(vocab, kind, label, "" if index in own else row.heading or "")
        if found is None:
            out[index] = RowReading(doubt=f"names none of the line items of a {kind.name} note")
            continue
        concept, method = found
        out[index] = RowReading(concept=concept, total=concept.name == kind.total, method=method)
    return out


def _is_total_label(vocab: Vocabulary, kind: NoteKind, label: str) -> bool:
    """An unlabelled row, a total's wording (總計), or the axis' whole (所有地區)."""
    if not label or label in _TOTAL_WORDS:
        return True
    if kind.axis is None:
        return False
    domain = vocab.concept_map.axes[kind.axis].default_member
    return any(m.name == domain for m in vocab.members_for(label))


def fits(readings: dict[int, RowReading]) -> int:
    """How many rows a kind reads as members or line items: the kind that reads most wins."""
    return sum(1 for r in readings.values() if r.concept is not None and not r.total)
