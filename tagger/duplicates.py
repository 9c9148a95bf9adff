"""Stage 8, duplicates: one concept and context printed with two different values.

An amount printed twice at two precisions (4,369,023 千元 and 4,369.0 百萬元) is one
consistent fact, kept twice. A second, different value for the same concept and context is
not written as an inconsistent duplicate: the later row gets a filing extension concept of its
own (named after its label and qualified by its table), reported; if it still disagrees with
an earlier fact, it is left untagged and reported.
"""

from __future__ import annotations

from typing import NamedTuple

from tagger.extensions import ConceptRef, ExtensionRegistry
from tagger.facts import Fact, fact_key, fact_keys
from tagger.findings import Finding, Source, finding
from tagger.model import Table


class Deduplicated(NamedTuple):  # a stage's result: no model class to build or validate
    facts: list[Fact]
    findings: list[Finding]


def _source(fact: Fact, tables: list[Table]) -> Source:
    table = tables[fact.table]
    return Source(line=fact.cell.line, table=table.title or table.context)


def _moved_apart(
    facts: list[Fact], keys: list[tuple], tables: list[Table], taken: frozenset[str]
) -> tuple[list[Fact], list[Finding]]:
    """The later row of a conflict gets its own extension concept; ``keys``: the facts'."""
    registry = ExtensionRegistry(taken)
    first: dict[tuple, Fact] = {}
    moved: dict[tuple[int, int], ConceptRef] = {}
    findings = []
    for fact, key in zip(facts, keys, strict=True):
        earlier = first.setdefault(key, fact)
        if earlier.agrees_with(fact) or (fact.table, fact.row) in moved:
            continue
        qualifier = tables[fact.table].title or "表"
        concept = registry.distinct(
            fact.concept, fact.label.replace("\n", "") or fact.concept.label, qualifier
        )
        moved[(fact.table, fact.row)] = concept
        message = (
            f"{fact.concept.qname} already has {earlier.value} for this period (line "
            f"{earlier.cell.line}); tagged with extension {concept.qname} instead"
        )
        findings.append(
            finding("conflicting-duplicate", message, _source(fact, tables), fact.cell.text)
        )
    out = [
        f.model_copy(update={"concept": moved[(f.table, f.row)]})
        if (f.table, f.row) in moved
        else f
        for f in facts
    ]
    return out, findings


def _left_out(
    facts: list[Fact], keys: list[tuple], tables: list[Table]
) -> tuple[list[Fact], list[Finding]]:
    """Last guard: a fact that still disagrees with an earlier one of the same concept and
    context is left untagged and reported, never written as an inconsistent duplicate."""
    first: dict[tuple, Fact] = {}
    kept, findings = [], []
    for fact, key in zip(facts, keys, strict=True):
        earlier = first.setdefault(key, fact)
        if earlier.agrees_with(fact):
            kept.append(fact)
            continue
        message = f"same concept and context as line {earlier.cell.line} with another value"
        source = _source(fact, tables)
        findings.append(finding("conflicting-duplicate-untagged", message, source, fact.cell.text))
    return kept, findings


def resolve_duplicates(
    facts: list[Fact], tables: list[Table], taken: frozenset[str]
) -> Deduplicated:
    """``taken``: the extension names earlier stages gave."""
    keys = fact_keys(facts)
    apart, moved = _moved_apart(facts, keys, tables, taken)
    # only a fact moved to an extension concept has a new key
    keys = [k if a is f else fact_key(a) for k, a, f in zip(keys, apart, facts, strict=True)]
    facts, left_out = _left_out(apart, keys, tables)
    return Deduplicated(facts=facts, findings=[*moved, *left_out])
