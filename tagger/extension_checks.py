"""A check on the extensions a run made: an extension whose own label, or the printed label
it was made for, is the wording of an IFRS concept that fits its statement (and section),
period type and balance is a sign that the IFRS concept was missed (a section rule too
narrow, a wording read wrongly). Each is a finding for a person; the report keeps it.
"""

from __future__ import annotations

from tagger.extensions import ConceptRef
from tagger.facts import Fact
from tagger.findings import Finding, Source, finding
from tagger.identity_memo import by_identity
from tagger.model import Table
from tagger.vocabulary import compact
from taxonomy.models import IFRS_PREFIX, Concept, ConceptMap


def _fits(concept: Concept, extension: ConceptRef, statement: str, section) -> bool:
    same_balance = None in (concept.facts.balance, extension.balance) or (
        concept.facts.balance == extension.balance
    )
    return (
        concept.prefix == IFRS_PREFIX
        and not concept.facts.abstract
        and (not concept.statements or statement in concept.statements)
        and concept.section in (None, section)
        and concept.facts.period_type == extension.period_type
        and same_balance
    )


@by_identity  # a run's map is the process's, built once: its wordings are indexed once
def ifrs_wordings(cmap: ConceptMap) -> dict[str, list[Concept]]:
    """Every wording of the map's IFRS concepts (both scripts) -> the concepts it names."""
    out: dict[str, list[Concept]] = {}
    for concept in cmap.ifrs_concepts():
        for wording in concept.labels.all_wordings():
            out.setdefault(compact(wording), []).append(concept)
    return out


def missed_concepts(facts: list[Fact], tables: list[Table], cmap: ConceptMap) -> list[Finding]:
    """One finding per extension (the first fact of each) whose label names an IFRS concept
    that fits it. The printed label counts only for a plain extension (no IFRS wording
    matched it): other extensions are made on purpose from an IFRS concept's line."""
    wordings = ifrs_wordings(cmap)
    seen: set[str] = set()
    out: list[Finding] = []
    for fact in facts:
        concept = fact.concept
        if not concept.extension or concept.qname in seen:
            continue
        seen.add(concept.qname)
        labels = [concept.label, *([fact.label] if fact.method == "extension" else [])]
        table = tables[fact.table]
        section = table.rows[fact.row].section if fact.row < len(table.rows) else None
        named = [
            c
            for label in labels
            for c in wordings.get(compact(label), [])
            if _fits(c, concept, fact.statement, section)
        ]
        if named and concept.anchor not in {c.qname for c in named}:
            # (an extension anchored to the concept it names is narrower on purpose)
            message = (
                f"extension {concept.qname} ({concept.label}) has the wording of "
                f"{named[0].qname}, which fits its statement, period type and balance"
            )
            source = Source(line=fact.cell.line, table=table.title or table.context)
            out.append(finding("extension-names-ifrs-concept", message, source, fact.label))
    return out
