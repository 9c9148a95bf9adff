"""Rule: facts below the confidence the user asks for go to review, not into the report.

``ixtag tag --min-confidence X`` keeps the facts whose confidence is at least X; each fact
left out is a finding (``below-min-confidence``) with its concept, evidence and value, so
that a person can check it and nothing is lost.
"""

from __future__ import annotations

from tagger.facts import Fact
from tagger.findings import Finding, Source, finding
from tagger.model import Table


def split_by_confidence(
    facts: list[Fact], tables: list[Table], least: float
) -> tuple[list[Fact], list[Finding]]:
    kept: list[Fact] = []
    review: list[Finding] = []
    for fact in facts:
        if fact.confidence >= least:
            kept.append(fact)
            continue
        table = tables[fact.table]
        message = (
            f"{fact.concept.qname} = {fact.value} ({fact.evidence}, confidence "
            f"{fact.confidence}) is below --min-confidence {least}"
        )
        source = Source(line=fact.cell.line, table=table.title or table.context)
        review.append(finding("below-min-confidence", message, source, fact.cell.text))
    return kept, review
