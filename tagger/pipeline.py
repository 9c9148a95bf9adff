"""``tag()``: an announcement -> a tagged report, one stage per call, in this order.

 1. read        bytes -> numbered, normalised source lines            tagger.reader
 2. layout      source lines -> lines of label text and amount cells   tagger.layout
 3. segment     lines -> headings, paragraphs, tables, statements      tagger.segmenter
 4. columns     table headers -> periods, units, equity components     tagger.columns
 5. match       statement rows -> concepts (and extension concepts)    tagger.matching
 6. facts       cells -> facts: period, unit, decimals, sign           tagger.facts
 7. rules       combined basic-and-diluted EPS; note tables; the EPS   tagger.combined_eps,
                note's inputs; movement tables (PP&E …);               tagger.notes,
                --min-confidence                                       tagger.eps_inputs,
                                                                       tagger.movements,
                                                                       tagger.confidence
 8. duplicates  one concept and context printed with two values        tagger.duplicates
 9. arithmetic  printed totals (the notes' too) -> Calculations 1.1;   tagger.arithmetic,
                anchoring; extensions that name an IFRS concept;       tagger.note_calculations,
                note tables by                                         tagger.anchoring,
                time band or with only a total to tag; then tables     tagger.extension_checks,
                proved by tagged totals: breakdowns, ageing analyses,  tagger.band_tables,
                provision matrices of expected credit losses,          tagger.breakdowns,
                one-row note tables that print a tagged fact,          tagger.ageing,
                restatements; an expense by the function line it was   tagger.ecl_matrix,
                charged to                                             tagger.single_rows,
                                                                       tagger.restatements,
                                                                       tagger.expense_functions
10. text        figures of running text that restate a tagged fact;   tagger.text_figures,
                headcount, dividends, pledged assets the text states   tagger.pledged_text
11. coverage    every amount left untagged is a finding                tagger.coverage
12. entity      entity information as printed (name, incorporation …)  tagger.entity_facts
13. write       the report package (XHTML, extension taxonomy) in memory   tagger.report

Each stage takes values and returns new ones. The EPS rule runs before the duplicates stage so
that the facts it adds are checked for conflicts like any other. Saving the package and the
CSV listings to disk is ``tagger.report.write_report``.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from tagger.ageing import ageing_facts
from tagger.anchoring import anchor_to_totals
from tagger.arithmetic import Summation, find_summations, printed_totals
from tagger.balance_movements import names_made, tag_balance_movements
from tagger.band_tables import band_facts
from tagger.breakdowns import breakdown_facts
from tagger.columns import read_columns
from tagger.combined_eps import add_combined_eps
from tagger.confidence import split_by_confidence
from tagger.coverage import untagged_cells, untagged_text_figures
from tagger.dividend_text import dividend_facts
from tagger.duplicates import resolve_duplicates
from tagger.ecl_matrix import ecl_matrix_facts
from tagger.entity_facts import TextFact, entity_facts
from tagger.eps_inputs import eps_inputs
from tagger.errors import NoStatementsError
from tagger.expense_functions import function_facts
from tagger.extension_checks import missed_concepts
from tagger.extensions import ConceptRef, ExtensionMember
from tagger.facts import Fact, build_facts
from tagger.findings import Finding
from tagger.headcount import headcount_facts
from tagger.layout import lay_out
from tagger.matching import match_document
from tagger.model import Document
from tagger.movements import tag_movements, with_class_headers
from tagger.note_calculations import note_summations
from tagger.note_sections import NoteSection, note_sections
from tagger.notes import tag_notes
from tagger.options import TagOptions
from tagger.pledged_text import pledged_facts
from tagger.reader import read_text
from tagger.report import ReportPackage, build_package
from tagger.restatements import restated_facts
from tagger.section_rows import section_row_facts
from tagger.segmenter import segment
from tagger.single_rows import single_row_facts
from tagger.summaries import is_summary
from tagger.text_figures import text_figures
from tagger.vocabulary import Vocabulary, vocabulary_for
from taxonomy.models import ConceptMap


class TagResult(NamedTuple):  # the stages' values, typed: no model class to build, no validation
    document: Document
    concept_map: ConceptMap  # the map the run was given: the report is built from it
    facts: list[Fact]
    entity_facts: list[TextFact]  # entity information tagged as text
    summations: list[Summation]
    findings: list[Finding]
    extensions: list[ConceptRef]
    members: list[ExtensionMember]
    package: ReportPackage | None  # None when nothing could be tagged
    stem: str
    notes: tuple[NoteSection, ...] = ()  # the numbered notes, each a text block in the report


@contextmanager
def _no_cycle_collection():
    """The stages make many small objects and free them by reference counting; the cycle
    collector's passes over them cost time that grows faster than the document (16 times
    the text took 20 times as long with it, 14.6 times without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def tag(
    path: Path, options: TagOptions | None = None, vocab: Vocabulary | None = None
) -> TagResult:
    """Read, tag and write one announcement in memory (the stages in the module docstring)."""
    with _no_cycle_collection():
        return _tag(path, options, vocab)


# The notes' rule's doubts about a row (tagger.notes) that a later rule settles by proof: a
# row printing, in every column, a fact another table tagged is that fact's restatement.
# doubts a later rule may settle by tagging the cell (a restated total, an own item)
_NOTE_DOUBTS = (
    "note-row-unclear",
    "note-sign-unclear",
    "note-conflicts",
    "ageing-bands-unclear",
    "ageing-total-unproved",
    "ageing-sum-differs",
)


def _doubts_resolved(findings: list[Finding], proved: list[Fact]) -> list[Finding]:
    cells = {(f.cell.line, f.cell.text) for f in proved}
    return [
        f
        for f in findings
        if f.code not in _NOTE_DOUBTS or not f.source or (f.source.line, f.printed) not in cells
    ]


def _tag(path: Path, options: TagOptions | None, vocab: Vocabulary | None) -> TagResult:
    options = options or TagOptions()
    vocab = vocab or vocabulary_for(options.concept_map)
    source = read_text(path)
    laid_out = lay_out(source, vocab)
    document = segment(laid_out, vocab)
    document = read_columns(document, vocab, options.period_end)
    tables = document.tables()
    if not any(t.statement or is_summary(t) for t in tables):
        raise NoStatementsError(f"{path}: no financial statement found")
    matching = match_document(tables, vocab)
    facts, cell_findings = build_facts(tables, matching)
    facts = add_combined_eps(facts, vocab.concept_map)
    note_tables = tag_notes(document, source.lines, facts, vocab, matching.names())
    eps = eps_inputs(document.tables(), facts, vocab)
    facts = [*facts, *note_tables.facts, *eps.facts]
    cell_findings += note_tables.findings + eps.findings
    taken = matching.names() | {m.name for m in note_tables.members}
    taken |= {f.concept.name for f in note_tables.facts if f.concept.extension}
    movements = tag_movements(document, source.lines, facts, vocab, taken)
    facts = [*facts, *movements.facts]
    cell_findings += movements.findings
    taken |= {m.name for m in movements.members}
    document = with_class_headers(document, movements)
    balances = tag_balance_movements(document, source.lines, facts, vocab, taken)
    facts = [*facts, *balances.facts]
    cell_findings += balances.findings
    taken |= names_made(balances)
    facts, unsure = split_by_confidence(facts, tables, options.min_confidence)
    deduplicated = resolve_duplicates(facts, tables, taken)
    in_notes = note_summations(tables, deduplicated.facts)
    summations, sum_findings = find_summations(tables, deduplicated.facts, in_notes)
    facts, summations = anchor_to_totals(deduplicated.facts, summations)
    banded = band_facts(tables, facts, vocab, taken, source.script, options.concept_map)
    taken |= {m.name for m in banded.members}
    broken, own_members = breakdown_facts(tables, facts + banded.facts, vocab, taken)
    broken = banded.facts + broken
    own_members += banded.members
    cell_findings += banded.findings
    own = taken | {m.name for m in own_members}
    ageing = ageing_facts(tables, facts + broken, vocab, own, document.script)
    broken += ageing.facts
    own_members += ageing.members
    cell_findings += ageing.findings
    texts = {line.number: line.text for line in source.lines}
    own |= {m.name for m in ageing.members}
    ecl = ecl_matrix_facts(
        document, facts + broken, vocab, own, ageing.members, texts, document.script
    )
    broken += ecl.facts
    own_members += ecl.members
    cell_findings += ecl.findings
    broken += restated_facts(tables, facts + broken, vocab)
    broken += single_row_facts(tables, facts + broken, vocab)
    broken += section_row_facts(tables, facts + broken, vocab)
    charged = function_facts(tables, facts + broken, vocab, document.script)
    broken += charged.facts
    own_members += charged.members
    in_text, text_findings = text_figures(document, facts + broken, vocab, texts)
    in_text += ecl.text_facts
    in_text += headcount_facts(document, vocab.concept_map, texts)
    in_text += dividend_facts(document, facts, vocab.concept_map, texts)
    in_text += pledged_facts(document, facts + broken, vocab, texts)
    missed = missed_concepts(facts, tables, vocab.concept_map)
    facts = facts + broken
    cell_findings = _doubts_resolved(cell_findings, broken)
    left = untagged_cells(tables, facts, cell_findings)
    left += untagged_text_figures(document, source.lines, in_text)
    facts = facts + in_text
    stem = options.stem or path.stem
    members = [*matching.extension_members, *note_tables.members, *movements.members]
    members += own_members
    notes = note_sections(document, source.lines, vocab.concept_map.notes)
    entity = entity_facts(document, facts)
    package = build_package(
        document,
        facts,
        summations,
        members,
        vocab.concept_map,
        stem,
        options,
        totals=printed_totals(tables),
        notes=notes,
        text_facts=entity,
    )
    return TagResult(
        document=document,
        concept_map=vocab.concept_map,
        facts=facts,
        entity_facts=entity,
        summations=summations,
        findings=[
            *cell_findings,
            *unsure,
            *deduplicated.findings,
            *sum_findings,
            *text_findings,
            *missed,
            *left,
        ],
        extensions=list(
            {f.concept.qname: f.concept for f in facts if f.concept.extension}.values()
        ),
        members=members,
        package=package,
        stem=stem,
        notes=notes,
    )
