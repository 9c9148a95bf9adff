"""Stage 9, arithmetic: which printed rows are totals of which, from the printed numbers.

A row is the total of the rows just above it (the last ones not yet summed) when their
printed amounts add up to its amounts in every column; a net line is the difference of two
earlier rows when that holds in every column. Each summation found becomes a Calculations
1.1 relationship with weights from the sign rule. A summation is written only if it holds
in every context where the report binds it (a total printed in the statement of changes in
equity must not be checked against items that statement does not print). Printed totals
that add up to nothing are reported, never adjusted.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from tagger.extensions import ConceptRef
from tagger.facts import Fact, fact_keys
from tagger.findings import Finding, Source, finding
from tagger.identity_memo import by_identity
from tagger.model import Table
from tagger.regex_cache import regex
from tagger.signs import sign_factor

# Words of a printed total: such a row with no rows adding up to it is reported. Net lines
# (淨額) are tried as differences but not reported: many are single items.
TOTAL_WORDS = ("總額", "總計", "合計", "小計", "总额", "总计", "合计", "小计")
_NET_WORDS = ("淨額", "淨值", "淨", "減", "净额", "净值", "净", "减")
# either list in one search of a row's label, rather than one scan per word
_SAYS_TOTAL = regex("|".join(TOTAL_WORDS))
_SAYS_NET = regex("|".join(_NET_WORDS))


class Summation(BaseModel):
    model_config = ConfigDict(frozen=True)

    statement: str
    table: int
    total: ConceptRef
    items: tuple[tuple[ConceptRef, int], ...]  # (concept, weight)
    line: int


def _values(table: Table, index: int) -> list[Decimal | None] | None:
    """Printed amounts of a row; None for a cell printed as a mark (such as *)."""
    row = table.rows[index]
    if not row.cells or row.problem or all(c.value is None for c in row.cells):
        return None
    return [c.value for c in row.cells]


def _sums_to(rows: list[list], coefficients: list[int], total: list) -> bool:
    """Whether the rows add up to the total in every column where all amounts are printed."""
    columns = [
        col
        for col in range(len(total))
        if total[col] is not None and all(len(r) == len(total) and r[col] is not None for r in rows)
    ]
    if not columns or not any(total[c] for c in columns):
        return False
    return all(
        sum(c * r[col] for c, r in zip(coefficients, rows, strict=True)) == total[col]
        for col in columns
    )


def _summed_suffix(rows: list[list], total: list) -> int:
    """The length (two or more) of the shortest run of rows just before the total that adds
    up to it, as `_sums_to` judges a run, or 0. The run grows one row at a time, keeping its
    column sums, so a long table costs one pass per total rather than one per run length."""
    width = len(total)
    sums = [Decimal(0)] * width
    columns = [col for col in range(width) if total[col] is not None]
    checkable = any(total[col] for col in columns)  # a column with an amount to check
    for length, row in enumerate(reversed(rows), start=1):
        if len(row) != width:
            return 0  # this run and every longer one has a row of another width
        printed = [col for col in columns if row[col] is not None]
        if len(printed) < len(columns):  # a mark: its columns are checked no more
            columns = printed
            checkable = any(total[col] for col in columns)
        if not checkable:
            return 0  # no column can be checked, now or with more rows
        for col in columns:
            sums[col] += row[col]
        if length >= 2 and all(sums[col] == total[col] for col in columns):
            return length
    return 0


def _difference(values: dict[int, list[Decimal]], before: list[int], total: list[Decimal]):
    """The first two earlier rows (a, b), in row order, with a - b = total. Rows b are looked
    up by the amount they would need in one column, rather than tried pair by pair."""
    col = next((c for c in range(len(total)) if total[c] is not None), None)
    if col is None:
        return None  # no column to check: no pair adds up
    by_amount: dict[Decimal, list[int]] = defaultdict(list)
    unprinted: list[int] = []  # rows with no amount in that column: any a may pair with them
    for position, b in enumerate(before):
        row = values[b]
        if len(row) == len(total):  # a row of another width never adds up (see _sums_to)
            (unprinted if row[col] is None else by_amount[row[col]]).append(position)
    for a in before:
        row = values[a]
        if len(row) != len(total):
            continue
        if row[col] is None:
            positions: list[int] | range = range(len(before))
        else:
            positions = sorted([*by_amount.get(row[col] - total[col], ()), *unprinted])
        for position in positions:
            b = before[position]
            if a != b and _sums_to([row, values[b]], [1, -1], total):
                return [(a, 1), (b, -1)]
    return None


Structure = tuple[dict[int, list[tuple[int, int]]], list[int]]


# The statements', notes' and breakdowns' rules and the report ask it of the same tables.
@by_identity
def table_structure(table: Table) -> Structure:
    """{total row: [(item row, printed coefficient)]} and the total-like rows left unresolved
    (shared between callers: read them, never change them)."""
    values = {i: v for i in range(len(table.rows)) if (v := _values(table, i)) is not None}
    stack: list[int] = []
    stacked: list[list] = []  # the stack's rows' values, kept beside it rather than copied
    totals: dict[int, list[tuple[int, int]]] = {}
    unresolved: list[int] = []
    for index, row_values in values.items():
        length = _summed_suffix(stacked, row_values)
        found = [(i, 1) for i in stack[-length:]] if length else None
        if length:
            del stack[-length:], stacked[-length:]
        label = table.rows[index].label
        is_total = not label or _SAYS_TOTAL.search(label) is not None
        if found is None and (is_total or _SAYS_NET.search(label)):
            found = _difference(values, [i for i in values if i < index], row_values)
            if found is None and is_total:
                unresolved.append(index)
        if found:
            totals[index] = found
        stack.append(index)
        stacked.append(row_values)
    return totals, unresolved


def printed_totals(tables: list[Table]) -> frozenset[tuple[int, int]]:
    """(table, row) of every row that the rows above it add up to, in any table: where the
    printed page rules a line above the amounts."""
    return frozenset(
        (index, row) for index, table in enumerate(tables) for row in table_structure(table)[0]
    )


def _factor(table: Table, concept: ConceptRef) -> int:
    return sign_factor(table.statement, concept.balance, concept.name)


def _weight_fits(total: ConceptRef, item: ConceptRef, weight: int) -> bool:
    """XBRL 2.1 (5.1.1.2): items with the total's balance weigh +1, the opposite -1."""
    if total.balance is None or item.balance is None:
        return True
    return (weight > 0) == (total.balance == item.balance)


def _not_written(table: Table, row: int, total: ConceptRef, why: str) -> Finding:
    return finding(
        "calculation-left-out",
        f"{total.qname}: the printed rows add up to this total, but {why}",
        Source(line=table.rows[row].lines[-1], table=table.title),
    )


def summations(
    table: Table,
    table_index: int,
    concepts: dict[int, ConceptRef],
    factors: dict[int, int] | None = None,
    statement: str | None = None,
) -> tuple[list[Summation], list[Finding]]:
    """``factors``: row -> the sign the facts of the row were given (printed amount times
    factor is the fact value); the statement's sign rule where a row has none.
    ``statement``: the role of a table outside the statements (the notes')."""
    factors = factors or {}
    totals, unresolved = table_structure(table)
    found: list[Summation] = []
    review: list[Finding] = []

    def factor(row: int) -> int:
        return factors.get(row) or _factor(table, concepts[row])

    for total_row, items in totals.items():
        total = concepts.get(total_row)
        if total is None or any(i not in concepts for i, _ in items):
            continue
        s_total = factor(total_row)
        weighted = tuple((concepts[i], c * s_total * factor(i)) for i, c in items)
        if any(item.period_type != total.period_type for item, _ in weighted):
            continue  # e.g. closing = opening + movements: checked here, not by XBRL
        if not all(_weight_fits(total, item, weight) for item, weight in weighted):
            review.append(
                _not_written(
                    table, total_row, total, "its items' balances contradict the printed signs"
                )
            )
            continue
        line = table.rows[total_row].lines[-1]
        found.append(
            Summation(
                statement=statement or table.statement,
                table=table_index,
                total=total,
                items=weighted,
                line=line,
            )
        )
    review += [
        finding(
            "total-adds-to-nothing",
            f"{table.rows[i].label or '(unlabelled total)'}: no rows above add up to it",
            Source(line=table.rows[i].lines[-1], table=table.title),
            " ".join(c.text for c in table.rows[i].cells),
        )
        for i in unresolved
    ]
    return found, review


def _index(facts: list[Fact], named: set[str]) -> dict[tuple, Fact]:
    """One fact per concept, context and unit of the concepts ``named``: of consistent
    duplicates (4,369,023 千元 and 4,369.0 百萬元), the most precise, as Calculations 1.1
    takes it. ``fact_keys`` formats each period's key once, not once per fact (measured:
    0.3 ms of find_summations' 3.9 on the example)."""
    index: dict[tuple, Fact] = {}
    for fact, key in zip(facts, fact_keys(facts), strict=True):
        if key[0] in named and (key not in index or fact.decimals > index[key].decimals):
            index[key] = fact
    return index


def _holds(
    total: str, items: list[tuple[str, int]], facts: dict[tuple, Fact], context: tuple, unit: str
) -> bool:
    """Whether the items (qname, weight) add up to the total (qname) in the context."""
    total_fact = facts[(total, context, unit)]
    present = [(f, w) for q, w in items if (f := facts.get((q, context, unit))) is not None]
    if not present:
        return True  # Calculations 1.1 does not check a total with no items
    tolerance = Decimal("0.5") * (len(present) + 1) * (Decimal(10) ** -total_fact.decimals)
    return abs(sum(f.value * w for f, w in present) - total_fact.value) <= tolerance


def _merged(found: list[Summation], holds) -> list[Summation]:
    """One summation per statement and total where the union of the printed ones holds
    (a movement printed in one year only): Calculations 1.1 sums every item of a network."""
    groups: dict[tuple[str, str], list[Summation]] = defaultdict(list)
    for s in found:
        groups[(s.statement, s.total.qname)].append(s)
    out: list[Summation] = []
    for group in groups.values():
        if len(group) == 1:
            out += group
            continue
        items: dict[str, tuple[ConceptRef, int]] = {}
        for s in group:
            for concept, weight in s.items:
                items.setdefault(concept.qname, (concept, weight))
        union = group[0].model_copy(update={"items": tuple(items.values())})
        agree = all(items[c.qname][1] == w for s in group for c, w in s.items)
        out += [union] if agree and holds(union) else group
    return out


def bound_everywhere(
    found: list[Summation], facts: list[Fact]
) -> tuple[list[Summation], list[Finding]]:
    """Keep the summations that hold in every context and unit where the total is reported."""
    named = {s.total.qname for s in found} | {c.qname for s in found for c, _ in s.items}
    index = _index(facts, named)  # the facts looked up
    keys_by_concept: dict[str, list[tuple]] = defaultdict(list)
    for qname, context, unit in index:
        keys_by_concept[qname].append((context, unit))

    def failures(summation: Summation) -> list[tuple]:
        total = summation.total.qname
        items = [(c.qname, w) for c, w in summation.items]
        return [ctx for ctx in keys_by_concept[total] if not _holds(total, items, index, *ctx)]

    kept, review = [], []
    for summation in _merged(_dedupe(found), lambda s: not failures(s)):
        bad = failures(summation)
        if not bad:
            kept.append(summation)
            continue
        message = (
            f"{summation.total.qname}: the printed sum holds in its table but not in context "
            f"{bad[0][0]}, where the report does not print every item"
        )
        review.append(finding("calculation-left-out", message, Source(line=summation.line)))
    return _dedupe(kept), review


def _dedupe(found: list[Summation]) -> list[Summation]:
    seen: set[tuple] = set()
    out = []
    for s in found:
        key = (s.statement, s.total.qname, tuple(sorted((c.qname, w) for c, w in s.items)))
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def find_summations(
    tables: list[Table], facts: list[Fact], more: list[Summation] = ()
) -> tuple[list[Summation], list[Finding]]:
    """The stage: each statement's printed totals (and ``more``, found by other rules: the
    notes'), kept where they hold in every context."""
    concepts: dict[int, dict[int, ConceptRef]] = defaultdict(dict)
    factors: dict[int, dict[int, int]] = defaultdict(dict)
    statements = {index for index, table in enumerate(tables) if table.statement}
    for fact in facts:  # one pass: a lookup per table, not a scan of every fact per table
        if fact.table not in statements:
            continue
        concepts[fact.table][fact.row] = fact.concept
        if fact.cell.value and fact.value:
            factors[fact.table][fact.row] = 1 if (fact.value > 0) == (fact.cell.value > 0) else -1
    found: list[Summation] = []
    findings: list[Finding] = []
    for index, table in enumerate(tables):
        if table.statement:
            table_sums, table_findings = summations(table, index, concepts[index], factors[index])
            found += table_sums
            findings += table_findings
    kept, dropped = bound_everywhere(found + list(more), facts)
    return kept, findings + dropped
