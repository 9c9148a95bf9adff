"""``tag()``: the stages in order.

1. reader      bytes -> normalised lines (tagger.reader)
2. segmenter   lines -> headings, paragraphs, tables; statement kinds (tagger.segmenter)
3. matcher     statement rows -> concepts (tagger.matcher), extensions (tagger.extensions)
4. facts       cells -> facts: periods, units, decimals, signs (tagger.facts, tagger.signs)
5. duplicates  one concept and context printed with two values -> the later row gets its
               own extension concept, reported
6. arithmetic  totals found from the printed numbers -> Calculations 1.1 (tagger.arithmetic)
Writing the report package is tagger.report's job.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from tagger.arithmetic import Summation, bound_everywhere, summations
from tagger.errors import NoStatementsError
from tagger.extensions import ConceptRef, ExtensionRegistry, concept_ref
from tagger.facts import Fact, FactBuilder, ReviewItem, unlabelled_label
from tagger.matcher import Match
from tagger.model import Document, Table
from tagger.reader import read_text
from tagger.segmenter import segment
from tagger.vocabulary import Vocabulary, default_vocabulary

_COMBINED_EPS = ("基本及攤薄", "基本及稀釋", "基本及稀释", "基本和稀释", "基本及摊薄")
_EPS_PAIR = {
    "BasicEarningsLossPerShare": "DilutedEarningsLossPerShare",
    "DilutedEarningsLossPerShare": "BasicEarningsLossPerShare",
}


class TagResult(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    document: Document
    facts: list[Fact]
    summations: list[Summation]
    review: list[ReviewItem]
    extensions: list[ConceptRef]
    members: list  # ExtensionMember


def _combined_eps(builder: FactBuilder, vocab: Vocabulary, fact: Fact) -> Fact | None:
    """每股基本及攤薄虧損 is printed once for two concepts: tag both."""
    other = _EPS_PAIR.get(fact.concept.name)
    if other is None or not any(w in fact.label.replace("\n", "") for w in _COMBINED_EPS):
        return None
    concept = vocab.concept_map.concepts.get(other)
    return fact.model_copy(update={"concept": concept_ref(concept)}) if concept else None


def _tag_table(builder: FactBuilder, vocab: Vocabulary, table: Table, table_index: int) -> None:
    for row_index, row in enumerate(table.rows):
        if not row.cells:
            continue
        start = len(builder.facts)
        label = row.label or unlabelled_label(table, row_index)
        builder.add_row(table, table_index, row_index, label)
        extra = [e for f in builder.facts[start:] if (e := _combined_eps(builder, vocab, f))]
        builder.facts.extend(extra)


def _resolve_conflicts(
    facts: list[Fact], registry: ExtensionRegistry, tables: dict[int, Table]
) -> tuple[list[Fact], list[ReviewItem]]:
    """A concept and context with two printed values: the later row gets its own concept."""
    first: dict[tuple, Fact] = {}
    moved: dict[tuple[int, int], ConceptRef] = {}
    review = []
    for fact in facts:
        key = (fact.concept.qname, fact.context_key(), fact.unit)
        earlier = first.setdefault(key, fact)
        if not earlier.agrees_with(fact) and (fact.table, fact.row) not in moved:
            qualifier = tables[fact.table].title or "表"
            moved[(fact.table, fact.row)] = registry.distinct(
                fact.concept, fact.label.replace("\n", "") or fact.concept.label, qualifier
            )
            review.append(
                ReviewItem(
                    kind="conflict",
                    line=fact.cell.line,
                    text=fact.cell.text,
                    reason=(
                        f"{fact.concept.qname} already has {earlier.value} for this period "
                        f"(line {earlier.cell.line}); tagged with extension "
                        f"{moved[(fact.table, fact.row)].qname} instead"
                    ),
                    table=tables[fact.table].title,
                )
            )
    out = [
        f.model_copy(update={"concept": moved[(f.table, f.row)]})
        if (f.table, f.row) in moved
        else f
        for f in facts
    ]
    return out, review


def _drop_conflicts(facts: list[Fact]) -> tuple[list[Fact], list[ReviewItem]]:
    """Last guard: a fact that still disagrees with an earlier one of the same concept and
    context is left untagged and reported, never written as an inconsistent duplicate."""
    first: dict[tuple, Fact] = {}
    kept, review = [], []
    for fact in facts:
        earlier = first.setdefault((fact.concept.qname, fact.context_key(), fact.unit), fact)
        if earlier.agrees_with(fact):
            kept.append(fact)
            continue
        review.append(
            ReviewItem(
                kind="conflict",
                line=fact.cell.line,
                text=fact.cell.text,
                reason=f"same concept and context as line {earlier.cell.line} with another "
                "value; not tagged",
            )
        )
    return kept, review


def tag_document(document: Document, vocab: Vocabulary) -> TagResult:
    statements = {i: t for i, t in enumerate(document.tables()) if t.statement}
    if not statements:
        raise NoStatementsError(f"{document.path}: no financial statement found")
    registry = ExtensionRegistry()
    builder = FactBuilder(vocab, registry)
    for index, table in statements.items():
        _tag_table(builder, vocab, table, index)
    _tag_non_ifrs_measures(builder, vocab, document)
    all_tables = dict(enumerate(document.tables()))
    facts, conflicts = _resolve_conflicts(builder.facts, registry, all_tables)
    facts, leftover = _drop_conflicts(facts)
    conflicts += leftover
    found: list[Summation] = []
    review = [*builder.review, *conflicts]
    for index, table in statements.items():
        concepts = {f.row: f.concept for f in facts if f.table == index}
        table_sums, table_review = summations(table, index, concepts)
        found += table_sums
        review += table_review
    kept, dropped = bound_everywhere(found, facts)
    review += dropped
    facts, kept = _anchor_to_totals(facts, kept)
    for index, table in enumerate(document.tables()):
        if table.statement is None:
            tagged = {(f.row, f.column) for f in facts if f.table == index}
            review += _note_table_review(table, tagged)
    return TagResult(
        document=document,
        facts=facts,
        summations=kept,
        review=review,
        extensions=list(
            {f.concept.qname: f.concept for f in facts if f.concept.extension}.values()
        ),
        members=list(registry.members.values()),
    )


def _anchor_to_totals(
    facts: list[Fact], found: list[Summation]
) -> tuple[list[Fact], list[Summation]]:
    """Anchor each extension to the IFRS total it adds up to, as printed (ESEF's wider
    concept); the matcher's nearest wording stays the anchor of the others."""
    wider = {}
    for summation in found:
        if summation.total.prefix == "ifrs-full":
            for item, _ in summation.items:
                if item.extension:
                    wider.setdefault(item.qname, summation.total.qname)
    if not wider:
        return facts, found

    def anchored(concept: ConceptRef) -> ConceptRef:
        if concept.qname not in wider:
            return concept
        return concept.model_copy(update={"anchor": wider[concept.qname]})

    facts = [f.model_copy(update={"concept": anchored(f.concept)}) for f in facts]
    found = [
        s.model_copy(
            update={
                "total": anchored(s.total),
                "items": tuple((anchored(c), w) for c, w in s.items),
            }
        )
        for s in found
    ]
    return facts, found


def _note_table_review(table: Table, tagged: set[tuple[int, int]]) -> list[ReviewItem]:
    return [
        ReviewItem(
            kind="untagged",
            line=cell.line,
            text=cell.text,
            reason="table outside the primary statements: not tagged in this version",
            table=table.title or table.context,
        )
        for row_index, row in enumerate(table.rows)
        for column, cell in enumerate(row.cells)
        if (row_index, column) not in tagged
    ]


def _tag_non_ifrs_measures(builder: FactBuilder, vocab: Vocabulary, document: Document) -> None:
    """Outside the primary statements, only rows printing one of ixtag's own non-IFRS
    measures (EBITDA, 經調整EBITDA, 經調整虧損淨額 …) exactly are tagged: their sign is the
    measure's own, whatever table they sit in."""
    for index, table in enumerate(document.tables()):
        if table.statement is not None or table.problem or not table.columns:
            continue
        for row_index, row in enumerate(table.rows):
            own = [c for c in vocab.concepts_for(row.label) if c.prefix == "ixtag"]
            if row.cells and len(own) == 1:
                known = Match(concept=own[0], method="exact", confidence=1.0, wording=row.label)
                builder.add_row(table, index, row_index, known=known)


def tag(path: Path, vocab: Vocabulary | None = None, period_end: date | None = None) -> TagResult:
    """Read, segment and tag one announcement (see the module docstring for the stages)."""
    vocab = vocab or default_vocabulary()
    return tag_document(segment(read_text(path), vocab, period_end), vocab)
