"""Rule: highlights and multi-year summaries (財務概要, 五年財務摘要, 業績摘要).

A table outside the primary statements whose columns are whole financial years (three or
more, or two under a summary heading) summarises the statements: each row that prints a
statement line in the taxonomy's own wording (no fuzzy match, no extension) is tagged with
that statement's concept, on its column's year, with that statement's sign rule. Liabilities
printed in brackets as deductions from assets are liabilities all the same. Rows naming the
owners or the non-controlling interests take the total they divide, as in the statements.
Every other row is left to review.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from tagger.attribution import attributed
from tagger.extensions import ConceptRef, concept_ref
from tagger.matcher import Match, Matcher
from tagger.model import Table
from tagger.vocabulary import Vocabulary, compact
from taxonomy.models import StatementKind

_SUMMARY_WORDS = ("摘要", "概要", "概覽", "概览", "summary", "highlights")
_KINDS: tuple[StatementKind, ...] = (
    "income",
    "comprehensive_income",
    "financial_position",
    "cash_flows",
)
_SURE = 0.9  # the least match confidence a summary row is tagged with


class SummaryRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    concept: ConceptRef
    match: Match
    statement: StatementKind  # the statement whose line the row prints (its sign rule)


def is_summary(table: Table) -> bool:
    periods = [c.period for c in table.columns if c.period is not None]
    amounts = [c for c in table.columns if c.ratio is None]  # not the percentages beside them
    if table.statement is not None or table.problem or len(periods) != len(amounts):
        return False
    years = {p.end.year for p in periods}
    if len(years) != len(periods) or len(periods) < 2:
        return False
    named = any(
        w in compact(table.context + table.title + table.lead_in).lower() for w in _SUMMARY_WORDS
    )
    return len(periods) >= 3 or named


def _row(matcher: Matcher, label: str, instant: bool | None) -> SummaryRow | None:
    for kind in _KINDS:
        found = matcher.match_row(label, kind, None, instant)
        if found.concept is not None and found.method != "fuzzy" and found.confidence >= _SURE:
            return SummaryRow(concept=concept_ref(found.concept), match=found, statement=kind)
    return None


def summary_rows(
    table: Table, matcher: Matcher, vocab: Vocabulary
) -> tuple[dict[int, SummaryRow], dict[int, str]]:
    """(row -> its statement concept, row -> why an attribution row is left untagged)."""
    found: dict[int, SummaryRow] = {}
    balances = False  # a results summary often goes on with the balances, same columns
    for index, row in enumerate(table.rows):
        if row.cells and row.label and not row.problem:
            summary = (balances and _row(matcher, row.label, True)) or _row(
                matcher, row.label, None
            )
            if summary is not None:
                found[index] = summary
                balances = balances or summary.statement == "financial_position"
    concepts = {i: s.concept for i, s in found.items()}
    shares, unclear = attributed(table, concepts, vocab)
    for index, concept in shares.items():
        label = table.rows[index].label
        match = Match(concept=None, method="attribution", confidence=1.0, wording=label)
        found[index] = SummaryRow(concept=concept, match=match, statement="income")
    for index in unclear:
        found.pop(index, None)
    return found, unclear


_LIABILITY_SECTIONS = ("noncurrent_liabilities", "current_liabilities")


def is_liability(concept: ConceptRef, vocab_concept) -> bool:
    """A liability line, which a summary may print in brackets as a deduction."""
    section = getattr(vocab_concept, "section", None)
    return section in _LIABILITY_SECTIONS or concept.name.endswith("Liabilities")
