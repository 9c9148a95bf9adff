"""The cost-first layout of a movement table (tagger.movements): the cost and the accumulated
depreciation each rolled forward by date rows, then the carrying amounts at the dates.

    成本                                 <- a section: a balance of the carrying-amount axis
    於2022年1月1日            10,000 …   <- the section's balance at the date's instant
    添置 / 出售               …          <- its movements over the days between two dates
    於2022年12月31日及2023年1月1日 …     <- the 2022-12-31 instant (the day after is the same)
    累計折舊
    於2022年1月1日 / 年內支出 / 出售時撇銷 / 於2022年12月31日 …
    賬面值
    於2023年12月31日 / 於2022年12月31日  <- carrying amounts, no movements

A section is named by a line of its own (English beside it, COST, is left aside) or by the
first row's label before its date (成本於2022年1月1日, as a PDF's lines run together). The
proofs: each section rolls forward in every column (its balance before the movements plus
the movements is its balance after them, as printed); at every date the carrying amounts
are printed, cost and the deductions make them, which gives the deductions' sign (printed
positive and taken off: -1); the total column is the sum of the classes (checked by the
caller). A table that fails raises ``Unproven`` and is reported whole.

Signs. The accumulated depreciation's member is valued negative (gross + accumulated =
carrying, as tagger.movements says). A movement printed in a deduction's section moves that
member by ``sign * printed`` (printed positive: the charge 500 makes the member 500 more
negative, the write-back on disposal (150) 150 less negative). A decrease concept's value is
minus its effect on the member it is tagged on, an increase's or a signed one's the effect:
so the charge is +500 (DepreciationPropertyPlantAndEquipment positive, as on the carrying
amount) and the disposal on the accumulated member is -150, so that the disposal of the
carrying amount (200 of cost - 150) is the sum of the disposals on the two members. Which
sign each concept may take there is data (``accumulated`` in movement_kinds.toml); a value
against it is reported, not tagged (tagger.movements).
"""

from __future__ import annotations

from datetime import date, timedelta

from tagger.lines import arabic_dates, safe_date
from tagger.model import Period, Table
from tagger.movement_rows import (
    _AT,
    _DATES,
    ACCUMULATED,
    CARRYING_AXIS,
    GROSS,
    Reading,
    Unproven,
    _amounts,
    rolls_forward,
)
from tagger.note_rows import core_label
from tagger.periods import opening_instant
from tagger.regex_cache import regex
from tagger.vocabulary import Vocabulary, compact
from taxonomy.models import MovementKind

_CARRYING = "CarryingAmountMember"
_ENGLISH = regex(r"[A-Za-z][A-Za-z '’,.&/()-]*")
_NAMES = {"gross": "cost", "deduction": "accumulated depreciation"}
_JOINS = ("", "及", "和", "与", "與")  # what is left of 於2022年12月31日及2023年1月1日


class _Section:  # a plain class, not a dataclass: 0.3 ms less at import
    __slots__ = ("role", "member", "rows")

    def __init__(self, role: str, member: str, rows: list[Reading]) -> None:
        self.role = role  # gross, deduction, carrying
        self.member = member
        self.rows = rows


def _section_word(text: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """(role, member) of a section heading (成本, 累計折舊 COST …), None when it names none."""
    core = core_label(_ENGLISH.sub("", compact(text)))
    if not core:
        return None
    for member in vocab.members_for(core):
        if member.axis == CARRYING_AXIS:
            role = {_CARRYING: "carrying", GROSS: "gross"}.get(member.name, "deduction")
            return role, member.name
    return None


def _instant(text: str) -> date | None:
    """The instant of a date row: its last date printed (於…及2023年1月1日: the day before)."""
    at = list(_AT.finditer(compact(arabic_dates(text))))
    day = safe_date(int(at[-1][1]), int(at[-1][2]), int(at[-1][3])) if at else None
    return opening_instant(day) if day else None


def _split(label: str) -> tuple[str, str]:
    """(the words before the first date, the rest): 成本於2022年1月1日 -> (成本, 於2022…)."""
    text = compact(arabic_dates(label))
    found = _DATES.search(text)
    return (text, "") if found is None else (text[: found.start()], text[found.start() :])


def _movement(core: str, kind: MovementKind):
    for line in kind.lines:
        if core in (compact(w) for w in line.wordings):
            return line
    return None


def looks_cost_first(
    table: Table, kind: MovementKind, vocab: Vocabulary, texts: dict[int, str]
) -> bool:
    """Whether the table prints cost, a deduction and carrying amounts as sections of date
    rows (and is so read by ``read_sections``)."""
    try:
        sections = _sections(table, kind, vocab, texts)
    except Unproven:
        return False
    roles = [s.role for s in sections]
    return "gross" in roles and "deduction" in roles and "carrying" in roles


def _sections(
    table: Table, kind: MovementKind, vocab: Vocabulary, texts: dict[int, str]
) -> list[_Section]:
    sections: list[_Section] = []
    last = table.lines[0]
    for index, row in enumerate(table.rows):
        for number in range(last + 1, row.lines[0]):
            named = _section_word(texts.get(number, ""), vocab)
            if named:
                sections.append(_Section(*named, []))
        last = row.lines[-1]
        before, dated = _split(row.label)
        named = _section_word(before, vocab) if before else None
        if named and (dated or not row.cells):
            sections.append(_Section(*named, []))
            before = ""
        if not row.cells:
            if before and not named:
                raise Unproven("note-row-unclear", "a line of no section")
            continue
        if not sections:
            raise Unproven("movement-does-not-add-up", "amounts before the first section")
        sections[-1].rows.append(_reading(index, before, dated, sections[-1], kind))
    return sections


def _reading(index: int, before: str, dated: str, section: _Section, kind) -> Reading:
    rest = core_label(_DATES.sub("", dated))
    if dated and not before and rest in _JOINS:
        instant = _instant(dated)
        if instant is None:
            raise Unproven("movement-does-not-add-up", "a balance date that is no date")
        return Reading(index, section.role, Period(end=instant), member=section.member)
    words = core_label(_ENGLISH.sub("", before + dated))  # 添置 Additions: 添置
    line = _movement(words, kind) if section.role != "carrying" else None
    if line is not None:
        moves_it = line.gross if section.role == "gross" else line.accumulated is not None
        if moves_it:
            return Reading(index, "movement", line=line, member=section.member)
    what = _NAMES.get(section.role, "carrying amount")
    why = f"names no balance or movement of the {what} of a {kind.name} table"
    return Reading(index, "unclear", doubt=why, member=section.member)


def read_sections(
    table: Table, kind: MovementKind, vocab: Vocabulary, texts: dict[int, str]
) -> list[Reading]:
    """Each amount row's reading, proven: sections rolled forward, carrying amounts made."""
    sections = _sections(table, kind, vocab, texts)
    roles = [s.role for s in sections]
    if roles.count("gross") != 1 or roles.count("carrying") != 1 or "deduction" not in roles:
        raise Unproven("movement-does-not-add-up", "not one cost, deductions and carrying amount")
    deductions = [s for s in sections if s.role == "deduction"]
    members = [s.member for s in deductions]
    if len(deductions) > 1 and (len(set(members)) != len(members) or ACCUMULATED in members):
        raise Unproven("movement-does-not-add-up", "deductions that overlap")
    for section in sections:
        if len(deductions) == 1 and section.role == "deduction":
            section.member = ACCUMULATED
        if section.role == "carrying":
            section.member = ""  # the asset's concept with no member of the axis
        section.rows = _rolled(table, section)
    sign = _sign(table, sections)
    out = [
        r._replace(member=s.member, sign=sign if s.role == "deduction" else 1)
        for s in sections
        for r in s.rows
    ]
    return sorted(out, key=lambda r: r.index)


def _rolled(table: Table, section: _Section) -> list[Reading]:
    """The section's rows, its movements given the days between the balances around them:
    every column's balance before them plus them is the balance after them."""
    rows = section.rows
    if section.role == "carrying":
        if any(r.role != "carrying" for r in rows):
            raise Unproven("movement-does-not-add-up", "movements of the carrying amounts")
        return rows
    out, before, moves = [], None, []
    for reading in rows:
        if reading.role in ("movement", "unclear"):
            moves.append(reading)
            continue
        if before is None and moves:
            raise Unproven("movement-does-not-add-up", "movements with no balance before them")
        if before is not None and not moves and not _alike(table, before, reading):
            raise Unproven("movement-does-not-add-up", "two balances and no movements")
        if moves:
            if not rolls_forward(table, before, reading, moves):
                raise Unproven(
                    "movement-does-not-add-up",
                    f"the {_NAMES[section.role]} before plus movements is not the one after",
                )
            period = Period(start=before.period.end + timedelta(days=1), end=reading.period.end)
            if period.start > period.end:
                raise Unproven("movement-does-not-add-up", "the balances are out of order")
            out.extend(m._replace(period=period) for m in moves)
            moves = []
        out.append(reading)
        before = reading
    if moves or len(out) < 3:
        raise Unproven("movement-does-not-add-up", "movements that end in no balance")
    return out


def _alike(table: Table, one: Reading, other: Reading) -> bool:
    """於2022年12月31日 then 於2023年1月1日: one balance printed twice."""
    return one.period == other.period and _amounts(table, one) == _amounts(table, other)


def _balances_at(table: Table, sections: list[_Section]) -> dict[tuple[str, date], dict]:
    """(role, instant) -> member -> the amounts printed (one balance printed twice, proven
    alike in _rolled, is one)."""
    at: dict[tuple[str, date], dict[str, list]] = {}
    for section in sections:
        for r in section.rows:
            if r.role not in ("movement", "unclear"):
                at.setdefault((section.role, r.period.end), {})[section.member] = _amounts(table, r)
    return at


def _sign(table: Table, sections: list[_Section]) -> int:
    """How the deductions count against the cost (-1: printed positive and taken off): the
    one sign that makes cost and deductions the carrying amount at every date printed."""
    at = _balances_at(table, sections)
    carried = [(day, rows) for (role, day), rows in at.items() if role == "carrying"]
    if not carried:
        raise Unproven("movement-does-not-add-up", "no carrying amount at any date")
    deductions = len({s.member for s in sections if s.role == "deduction"})
    for day, _ in carried:
        if ("gross", day) not in at or len(at.get(("deduction", day), {})) != deductions:
            raise Unproven("movement-does-not-add-up", "a carrying amount with no cost beside")
    fitting = [
        sign
        for sign in (1, -1)
        if all(
            g + sign * sum(d) == c
            for day, rows in carried
            for g, c, *d in zip(
                *at[("gross", day)].values(),
                *rows.values(),
                *at[("deduction", day)].values(),
                strict=True,
            )
        )
    ]
    printed = [
        v for s in sections if s.role == "deduction" for r in s.rows for v in _amounts(table, r)
    ]
    if len(fitting) == 2 and any(printed):
        # nil deductions at every date with a carrying amount: how the others count is unknown
        raise Unproven(
            "movement-does-not-add-up", "the accumulated depreciation's sign is unproven"
        )
    if fitting:
        return fitting[0]
    raise Unproven(
        "movement-does-not-add-up",
        "cost and accumulated depreciation do not make the carrying amount",
    )
