"""The rows of a movement table (tagger.movements) and the proofs its figures must pass.

Each amount row is a balance (cost, a deduction such as the accumulated depreciation, or the
carrying amount: a member of the carrying-amount axis by its wording, 期初/期末 before the
carrying amount's) or a movement of the kind (增加, 出售, 折舊 … by the kind's wordings), else
unclear. A balance is at the date printed above it (於2023年1月1日: the 2022-12-31 instant)
or, 期初/期末, at the start or end of the year printed above (截至2023年12月31日止年度); the
movements run between the carrying amounts before and after them. The proofs: the total
column is the sum of the classes; at each date, cost and the deductions make the carrying
amount (which gives the deductions' sign); each column rolls forward. A table that fails one
raises ``Unproven`` with the reason, reported for each of its amounts.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from tagger.errors import IxtagError
from tagger.lines import arabic_dates, period_end_of, safe_date
from tagger.model import Period, Row, Table
from tagger.note_rows import core_label
from tagger.periods import column_period, opening_instant
from tagger.regex_cache import regex
from tagger.vocabulary import Vocabulary, compact
from taxonomy.models import MovementKind, MovementLine

CARRYING_AXIS = (
    "CarryingAmountAccumulatedDepreciationAmortisationAndImpairmentAndGrossCarryingAmountAxis"
)
_CARRYING = "CarryingAmountMember"
GROSS = "GrossCarryingAmountMember"
ACCUMULATED = "AccumulatedDepreciationAmortisationAndImpairmentMember"
TOTAL_WORDS = ("總計", "合計", "總額", "总计", "合计", "总额")
_OPENING = ("期初", "年初")
_CLOSING = ("期末", "年末")
_AT = regex(r"[於于](\d{4})年(\d{1,2})月(\d{1,2})日")
_DATES = regex(r"(?:[於于]|截至)?\d{4}年\d{1,2}月\d{1,2}日(?:止(?:年度|六個月|六个月)?)?")


class Unproven(IxtagError):
    """A table that is not read: the reason, reported for each of its amounts (caught by
    tagger.movements, never raised out of it)."""

    def __init__(self, code: str, why: str):
        super().__init__(why)
        self.code = code


class Reading(NamedTuple):
    index: int  # the row in the table
    role: str  # gross, deduction, carrying, movement, unclear
    period: Period | None = None
    member: str = ""  # a deduction's member on the carrying-amount axis
    line: MovementLine | None = None
    doubt: str = ""
    sign: int = 1  # a deduction printed positive counts against the cost: -1


def _dates(text: str, instant: date | None, duration: Period | None):
    """The balance date (於…) and year (截至…止年度) a row is under, after ``text``: the later
    printed of the two counts (a year heading ends the balance date above it)."""
    text = compact(arabic_dates(text))
    at = list(_AT.finditer(text))
    at_position = at[-1].start() if at else -1
    end = period_end_of(text)
    year_position = text.rfind("截至") if end is not None and end[0] is not None else -1
    if year_position >= 0:
        year, month, day, months = end
        duration = column_period(year, month, day, months)
        if year_position > at_position:
            instant = None
    if at_position > year_position:
        day = safe_date(int(at[-1][1]), int(at[-1][2]), int(at[-1][3]))
        instant = opening_instant(day) if day else instant
    return instant, duration


def _role(core: str, kind: MovementKind, vocab: Vocabulary) -> tuple[str, str, MovementLine | None]:
    for member in vocab.members_for(core):
        if member.axis == CARRYING_AXIS:
            role = {_CARRYING: "carrying", GROSS: "gross"}.get(member.name, "deduction")
            return role, member.name, None
    for line in kind.lines:
        if core in (compact(w) for w in line.wordings):
            return "movement", "", line
    return "unclear", "", None


def _core(label: str) -> str:
    """A row's wording without its dates: 於2023年12月31日的賬面淨值 -> 賬面淨值."""
    dated = compact(arabic_dates(label))
    core = core_label(_DATES.sub("", dated))
    return core.lstrip("的之") if core != core_label(dated) else core


def _read_row(row: Row, index: int, kind, vocab, instant, duration) -> Reading:
    core = _core(row.label)
    edge = next((w for w in (*_OPENING, *_CLOSING) if core.startswith(w)), "")
    role, member, line = _role(core[len(edge) :], kind, vocab)
    if edge and role != "carrying":
        role, line = "unclear", None
    doubt = "" if role != "unclear" else f"names no balance or movement of a {kind.name} table"
    if role == "movement" or role == "unclear":
        return Reading(index, role, duration, line=line, doubt=doubt)
    if edge and duration is None:
        raise Unproven("movement-does-not-add-up", "an opening or closing balance of no year")
    if edge:
        end = duration.start - timedelta(days=1) if edge in _OPENING else duration.end
        return Reading(index, role, Period(end=end), member=member)
    if instant is None:
        raise Unproven("movement-does-not-add-up", "a balance with no date printed above it")
    return Reading(index, role, Period(end=instant), member=member)


def looks_like(table: Table, kind: MovementKind, vocab: Vocabulary) -> bool:
    """Whether the rows print a carrying amount and a movement in the kind's wording (the
    layout read here), dates aside."""
    roles = set()
    for row in table.rows:
        core = _core(row.label)
        edge = next((w for w in (*_OPENING, *_CLOSING) if core.startswith(w)), "")
        roles.add(_role(core[len(edge) :], kind, vocab)[0])
    return {"carrying", "movement"} <= roles


def read_rows(
    table: Table, kind: MovementKind, vocab: Vocabulary, texts: dict[int, str]
) -> list[Reading]:
    """Each amount row's role and period, the dates read from the lines above it."""
    out: list[Reading] = []
    instant: date | None = None
    duration: Period | None = None
    last = table.lines[0]
    for index, row in enumerate(table.rows):
        above = "".join(texts.get(n, "") for n in range(last + 1, row.lines[0]))
        instant, duration = _dates(above + row.label, instant, duration)
        last = row.lines[-1]
        if not row.cells:
            continue
        reading = _read_row(row, index, kind, vocab, instant, duration)
        if reading.role in ("movement", "unclear"):
            instant = None  # the movements end a balance's block
        out.append(reading)
    return out


def rolls_forward(table, before, after, moves) -> bool:
    """The balance before plus the movements is the balance after, in every column."""
    columns = zip(
        _amounts(table, before),
        _amounts(table, after),
        *(_amounts(table, m) for m in moves),
        strict=True,
    )
    return all(opening + sum(rest) == closing for opening, closing, *rest in columns)


def _amounts(table: Table, reading: Reading) -> list[Decimal]:
    return [c.value for c in table.rows[reading.index].cells]


def check_total(table: Table, readings: list[Reading], names: list[str]) -> int | None:
    """The 總計 column, proven the sum of the classes on every row; None when none is printed."""
    totals = [i for i, name in enumerate(names) if compact(name) in TOTAL_WORDS]
    if not totals:
        return None
    if len(totals) > 1:
        raise Unproven("movement-columns-unclear", "more than one total column")
    total = totals[0]
    for reading in readings:
        values = _amounts(table, reading)
        if values[total] != sum(v for i, v in enumerate(values) if i != total):
            raise Unproven(
                "movement-does-not-add-up", "the total column is not the sum of the classes"
            )
    return total


def check_balances(table: Table, readings: list[Reading]) -> list[Reading]:
    """Cost and accumulated depreciation at one instant make its carrying amount: the sign of
    the deductions (printed in brackets, or printed positive and taken off)."""
    out = list(readings)
    blocks: list[list[int]] = []
    for position, reading in enumerate(readings):
        balance = reading.role in ("gross", "deduction", "carrying")
        previous = readings[position - 1] if position else None
        same = previous is not None and previous.period == reading.period and blocks
        if balance and same and previous.role in ("gross", "deduction", "carrying"):
            blocks[-1].append(position)
        elif balance:
            blocks.append([position])
    for block in blocks:
        roles = [readings[p].role for p in block]
        carried = {
            tuple(_amounts(table, readings[p]))
            for p in block
            if roles[block.index(p)] == "carrying"
        }
        if len(carried) > 1:  # 賬面淨值 then 期初賬面淨值: the one amount printed twice
            raise Unproven("movement-does-not-add-up", "two carrying amounts at one date")
        if roles.count("gross") == 0 and roles.count("deduction") == 0:
            continue
        if roles.count("gross") != 1 or not carried or "deduction" not in roles:
            raise Unproven(
                "movement-does-not-add-up",
                "a cost with no accumulated depreciation or carrying amount",
            )
        gross, carrying = (
            next(p for p in block if readings[p].role == r) for r in ("gross", "carrying")
        )
        deductions = [p for p in block if readings[p].role == "deduction"]
        sums = [
            sum(col)
            for col in zip(*(_amounts(table, readings[p]) for p in deductions), strict=True)
        ]
        pairs = list(
            zip(
                _amounts(table, readings[gross]),
                sums,
                _amounts(table, readings[carrying]),
                strict=True,
            )
        )
        sign = next((s for s in (1, -1) if all(g + s * d == c for g, d, c in pairs)), None)
        if sign is None:
            raise Unproven(
                "movement-does-not-add-up",
                "cost and accumulated depreciation do not make the carrying amount",
            )
        only = len(deductions) == 1
        for p in deductions:
            member = ACCUMULATED if only else readings[p].member
            out[p] = readings[p]._replace(sign=sign, member=member)
        members = [readings[p].member for p in deductions]
        if not only and (len(set(members)) != len(members) or ACCUMULATED in members):
            # 累計折舊 and 累計減值 are parts of the whole; the whole beside a part is not
            raise Unproven("movement-does-not-add-up", "deductions that overlap")
    return out


def check_roll_forward(table: Table, readings: list[Reading]) -> list[Reading]:
    """Every column: the carrying amount before the movements plus the movements is the one
    after them; the movements' period runs between the two balances."""
    out = list(readings)
    before: Reading | None = None
    moves: list[int] = []
    rolled = False
    for position, reading in enumerate(readings):
        if reading.role in ("movement", "unclear"):
            moves.append(position)
            continue
        if reading.role != "carrying" and moves:
            raise Unproven(
                "movement-does-not-add-up", "movements with no carrying amount after them"
            )
        if reading.role != "carrying":
            continue
        if moves:
            if before is None:
                raise Unproven(
                    "movement-does-not-add-up", "movements with no opening carrying amount"
                )
            if not rolls_forward(table, before, reading, [readings[p] for p in moves]):
                raise Unproven(
                    "movement-does-not-add-up",
                    "opening plus movements is not the closing carrying amount",
                )
            period = Period(start=before.period.end + timedelta(days=1), end=reading.period.end)
            if period.start > period.end:
                raise Unproven(
                    "movement-does-not-add-up", "the movements' balances are out of order"
                )
            for p in moves:
                if readings[p].period not in (None, period):
                    raise Unproven(
                        "movement-does-not-add-up", "the year printed is not the balances'"
                    )
                out[p] = readings[p]._replace(period=period)
            moves, rolled = [], True
        before = reading
    if moves or not rolled:
        raise Unproven("movement-does-not-add-up", "movements that do not end in a carrying amount")
    return out


def balance_dates(table: Table, texts: dict[int, str]) -> dict[int, tuple[str, ...]]:
    """Row -> the lines printing a balance date alone just above it (於2023年1月1日), which
    the segmenter reads as the column header printed again and leaves out of the rows."""
    out: dict[int, tuple[str, ...]] = {}
    last = table.lines[0]
    for index, row in enumerate(table.rows):
        above = [texts.get(n, "").strip() for n in range(last + 1, row.lines[0])]
        dated = tuple(t for t in above if _AT.fullmatch(compact(arabic_dates(t))))
        if dated and row.cells:
            out[index] = dated
        last = row.lines[-1]
    return out
