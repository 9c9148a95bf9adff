"""Rows of a note table that name none of its kind's line items, read where the printed
arithmetic places them (kinds with ``own-items`` in ``note_kinds.toml``).

IFRS has no concept for most of what a note itemises (硬件成本及項目分包服務費, 應收票據,
銀行借款－有抵押, 遞延服務費收入 …). Such a row is the filing's own line item, an extension
concept narrower than the note's total (the whole every row is a part of: expenses by
nature, trade and other receivables, borrowings …), or than the IFRS concept its words name
where the note's arithmetic makes it only a part of it (銀行借款－有抵押 under 非流動, before
the current portion is taken out), only where the printed amounts prove what it is a part of:
- it is one of the rows a printed total or subtotal adds up to, and, in a note whose total is
  never negative, prints every amount with that total's sign (a bracketed amount among
  positive parts is a deduction: its meaning must be named, else it stays in doubt);
- under an item's gross amount (貿易應收款項總額, on the gross member), it is narrower than
  that item and on the same member, since it is a part of the gross amount;
- a row printed gross, then less an allowance (減值撥備, in brackets), then an unlabelled net
  amount that is itself a part of a printed total is one such line item on the carrying
  amount axis, as the kind's own items are (gross, allowance negative, net).
A list item (－第三方) is labelled with its heading (貿易應付款項－第三方), a bare catch-all
(其他) with its total's name, so that labels say what they are. The rows of an analysis by
ageing band or currency (最多6個月, 人民幣) are members of no IFRS axis, never line items.
One label printed twice is in doubt, with every list item under its heading, unless section
headings (非流動 / 流動) tell the two apart.

A row printing a deduction word before one of the kind's items (減：非流動借款的即期部分),
in brackets among positive parts, is that item deducted: its value is the item's, positive.
"""

from __future__ import annotations

from decimal import Decimal

from tagger.arithmetic import TOTAL_WORDS
from tagger.lines import CJK
from tagger.model import Table
from tagger.note_rows import RowReading, core_label, region_structure
from tagger.regex_cache import regex
from tagger.units import CURRENCIES
from tagger.vocabulary import Vocabulary, compact
from taxonomy.models import IFRS_PREFIX, Concept, NoteKind

_LIST_MARKS = ("-", "•", "‧", "·")  # after compact: －, — and – read as -
_SEPARATOR = "－"


def own_items(
    table: Table,
    rows: tuple[int, ...],
    readings: dict[int, RowReading],
    kind: NoteKind,
    vocab: Vocabulary,
    labels=(),
    structure: dict[int, list[int]] | None = None,
) -> dict[int, RowReading]:
    """``readings`` with the rows the arithmetic places read (see the module docstring);
    ``structure``: the region's ``region_structure``, when the caller has it."""
    if not kind.own_items or not kind.total:
        return readings
    reader = _Reader(table, kind, vocab, dict(labels))
    if structure is None:
        structure = region_structure(table, rows)
    out = dict(readings)
    out.update(reader.gross_and_net(structure, out))
    for total, items in structure.items():
        parent = out.get(total)
        if parent is None or parent.concept is None or parent.method == "net":
            continue
        if any(_band(core_label(reader.label(i))) for i in items):
            continue  # an analysis by band or currency (its 其他 is another currency)
        for index in items:
            reading = out.get(index)
            if reading is None or reading.concept is not None or reading.subtotal:
                continue
            found = reader.deduction(index, total) or reader.part(index, total, parent)
            if found is not None:
                out[index] = found
    return reader.told_apart(out)


class _Reader:
    def __init__(self, table: Table, kind: NoteKind, vocab: Vocabulary, own: dict[int, str]):
        self.table = table
        self.kind = kind
        self.vocab = vocab
        self.labels = own
        self.whole = vocab.concept_map.concepts[kind.total]

    def label(self, index: int) -> str:
        return self.labels.get(index, self.table.rows[index].label)

    def amounts(self, index: int) -> list[Decimal | None]:
        return [c.value for c in self.table.rows[index].cells[: len(self.table.columns)]]

    def same_sign(self, index: int, total: int) -> bool:
        """Every amount of the row has its total's sign (or one of them is nil)."""
        pairs = zip(self.amounts(index), self.amounts(total), strict=False)
        return all(not a or not t or (a > 0) == (t > 0) for a, t in pairs)

    def deduction(self, index: int, total: int) -> RowReading | None:
        core = core_label(self.label(index))
        words = sorted({compact(w) for w in self.kind.deduction_words}, key=len, reverse=True)
        word = next((w for w in words if w and core.startswith(w)), None)
        if word is None:
            return None
        pairs = list(zip(self.amounts(index), self.amounts(total), strict=False))
        if not all(not a or (t and (a > 0) != (t > 0)) for a, t in pairs):
            return None  # a deduction is printed in brackets among positive parts
        if not any(a for a, _ in pairs):
            return None
        for concept in self.vocab.concepts_for(core[len(word) :]):
            if concept.name in self.kind.items:
                return RowReading(concept=concept, method="deduction", deduction=True)
        return None

    def part(self, index: int, total: int, parent: RowReading) -> RowReading | None:
        label = self.own_label(index)
        if not label or (not self.kind.signed and not self.same_sign(index, total)):
            return None
        if parent.method == "gross":  # a part of an item's gross amount
            return RowReading(
                concept=parent.concept,
                member=parent.member,
                axis=parent.axis,
                method="own",
                extension=label,
            )
        return RowReading(concept=self.named(label), method="own", extension=label)

    def named(self, label: str) -> Concept:
        """What an own item is narrower than: the IFRS concept its words name, where one of
        the total's period type and balance does (銀行借款－有抵押 printed among non-current
        borrowings is a part of the secured bank loans), else the note's total."""
        for concept in self.vocab.concepts_for(label):
            facts, whole = concept.facts, self.whole.facts
            if (
                concept.prefix == IFRS_PREFIX
                and not facts.abstract
                and (facts.period_type, facts.balance) == (whole.period_type, whole.balance)
            ):
                return concept
        return self.whole

    def own_label(self, index: int) -> str:
        """The extension's label: the row's own words, a list item's with its heading, a
        catch-all's with its total's name, without a section's words the layout ran into
        either (流動短期借款, 非流動資產債務投資), which depend on how the page was extracted;
        empty where the row names nothing of its own."""
        printed = self.label(index)
        section, core = self._section(core_label(printed))
        if index not in self.labels:
            core = _as_printed(self.table.rows[index].printed_label, core, len(section))
        if not CJK.search(core) or any(w in core for w in TOTAL_WORDS) or _band(core):
            return ""
        if any(
            compact(w) and compact(core).startswith(compact(w)) for w in self.kind.deduction_words
        ):
            return ""  # a deduction of something the kind does not name: in doubt
        if self._listed(index):
            heading = self._section(core_label(self.table.rows[index].heading))[1]
            core = f"{heading}{_SEPARATOR}{core}" if heading else core
        elif compact(core) in {compact(w) for w in self.kind.other_wordings}:
            core = f"{core}（{self.whole.labels.zh_hant}）"
        return core

    def told_apart(self, readings: dict[int, RowReading]) -> dict[int, RowReading]:
        """Own items printed with one label in two sections (銀行借款－有抵押 under 非流動 and
        under 流動) take their sections' words, where each row's heading is a section's.
        Otherwise one label twice is in doubt, and with it every list item under the same
        heading: a list names each item once, so its heading was read wrong (a heading run
        into the row above it by the extraction)."""
        by_label: dict[str, list[int]] = {}
        for index, reading in readings.items():
            if reading.method == "own":
                by_label.setdefault(reading.extension, []).append(index)
        out = dict(readings)
        words = {compact(w) for w in self.kind.section_words}
        doubtful: set[str] = set()
        for label, rows in by_label.items():
            if len(rows) < 2:
                continue
            headings = [compact(self.table.rows[i].heading or "") for i in rows]
            if set(headings) <= words and len(set(headings)) == len(rows):
                for index, heading in zip(rows, headings, strict=True):
                    out[index] = readings[index]._replace(extension=f"{label}（{heading}）")
                continue
            doubtful |= {self.table.rows[i].heading or "" for i in rows if self._listed(i)}
            for index in rows:
                out[index] = RowReading(doubt="one label printed twice among a note's rows")
        for index, reading in readings.items():
            heading = self.table.rows[index].heading or ""
            if reading.method == "own" and self._listed(index) and heading in doubtful:
                out[index] = RowReading(doubt="a list item under a heading read in doubt")
        return out

    def _listed(self, index: int) -> bool:
        """A list item (－第三方), which its heading names."""
        return (
            index not in self.labels
            and bool(self.table.rows[index].heading)
            and compact(self.label(index)).lstrip().startswith(_LIST_MARKS)
        )

    def _section(self, text: str) -> tuple[str, str]:
        """(section, rest) of a label or heading the layout ran a section's words into; the
        section empty where there are none."""
        for word in sorted(map(compact, self.kind.section_words), key=len, reverse=True):
            if word and text.startswith(word) and CJK.search(text[len(word) :]):
                return word, text[len(word) :]
        return "", text

    def gross_and_net(self, structure: dict[int, list[int]], readings: dict) -> dict:
        """Gross, allowance and net rows of an item the kind does not name (應收票據 /
        減值撥備 / net): the net row must itself be a part of a printed total."""
        if not self.kind.allowances or not self.kind.carrying_axis:
            return {}
        words = {compact(w) for w in self.kind.allowances}
        parts = {i for items in structure.values() for i in items}
        out: dict[int, RowReading] = {}
        for net, items in structure.items():
            if len(items) != 2 or net not in parts or core_label(self.label(net)):
                continue
            gross, allowance = items
            if core_label(self.label(allowance)) not in words:
                continue
            if readings.get(gross) is None or readings[gross].concept is not None:
                continue
            label = self.own_label(gross)
            if not label or not _positive(self.amounts(gross)):
                continue
            if any(a is not None and a > 0 for a in self.amounts(allowance)):
                continue  # an allowance printed positive: which way it goes is not printed
            kind, concept = self.kind, self.whole
            axis = kind.carrying_axis
            out[gross] = _ext(concept, label, "gross", kind.gross_member, axis)
            out[allowance] = _ext(concept, label, "allowance", kind.allowance_member, axis)
            out[net] = _ext(concept, label, "net")
        return out


_EDGES = regex(
    r"^[－\-—–•‧·\s]+|(?:[(（](?:[a-z]|[ivx]{1,4}|\d)[)）]|\*|\s)+$|[(（]附[註注][^)）]*[)）]"
)


def _as_printed(printed: str, core: str, section: int) -> str:
    """The row's words as printed (－, （虧損）╱利得), when they are, read compactly, the
    words ``core`` has; else ``core``."""
    text = _EDGES.sub("", "".join(printed.split()))[section:]
    return text if compact(text) == compact(core) else core


_NUMBER = r"[\d一二三四五六七八九十兩两半]+(?:\.\d+)?"
_SPAN = rf"{_NUMBER}(?:個|个)?(?:月|年|日|天)?"
# An ageing or maturity band (最多6個月, 1至2年, 一年內, 3年以上): a member of an axis, not a
# line item, whatever total its rows add up to
_BAND = regex(
    rf"(?:最多|超過|超过|多於|多于|少於|少于|逾|於|于|不超過|不超过)?{_SPAN}"
    rf"(?:至{_SPAN})?(?:以內|以内|內|内|以上|以下|或以上|或以下|以後|以后)?"
)
_CURRENCY_WORDS = {word for word, _ in CURRENCIES}


def _band(label: str) -> bool:
    """A band of time or a currency (人民幣, 美元 …): what an analysis of the balance splits it
    by, which its rows name as members, never as line items."""
    text = compact(label)
    return bool(_BAND.fullmatch(text)) or text.removesuffix("計值") in _CURRENCY_WORDS


def _positive(amounts: list[Decimal | None]) -> bool:
    return any(amounts) and all(a is None or a >= 0 for a in amounts)


def _ext(
    concept: Concept, label: str, method: str, member: str | None = None, axis=None
) -> RowReading:
    return RowReading(concept=concept, member=member, axis=axis, method=method, extension=label)
