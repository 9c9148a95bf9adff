"""Stage 5, match: every statement row (and every non-IFRS measure row) -> its concept.

A row's concept is the taxonomy concept its label matches in its statement, section and
period type (``tagger.matcher``); a dated balance row of a statement of changes in equity is
Equity at that date; a row with no match gets a filing extension concept named after its
printed label, with the balance its printed signs imply and anchored to the nearest IFRS
concept. Equity components that no IFRS member names get extension members. The stage keeps
its extension registry to itself and returns what it made.
"""

from __future__ import annotations

from typing import NamedTuple

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from tagger.attribution import attributed
from tagger.cash_change import whole_change
from tagger.extensions import ConceptRef, ExtensionMember, ExtensionRegistry, concept_ref
from tagger.hints import hint_for
from tagger.matcher import Match, Matcher
from tagger.model import Row, Table
from tagger.non_ifrs import measure_matches
from tagger.oci_tax import before_tax
from tagger.periods import instant_hint
from tagger.scope import narrow_printed_wholes, take_free_concepts
from tagger.signs import extension_balance
from tagger.summaries import is_liability, is_summary, summary_rows
from tagger.vocabulary import Vocabulary, compact, label_as_printed
from taxonomy.models import Section, StatementKind

_SUBTOTAL = "小計"  # label of an unlabelled total that no heading or earlier row names


class RowConcept(BaseModel):
    model_config = ConfigDict(frozen=True)

    concept: ConceptRef
    match: Match
    # The statement whose line a row of another table prints (a summary's 總負債): its sign
    # rule applies. None: the table's own statement.
    statement: StatementKind | None = None
    deduction: bool = False  # a liability printed in brackets as a deduction (summaries)
    negated: bool = False  # matched through a wording that names the concept's opposite
    # An extension whose wording names an IFRS concept it is, when no other line of the
    # statement is (anchors.toml, relation "same"): ``tagger.scope`` decides.
    same_as: str | None = None


class Matching(NamedTuple):  # a stage's result: no model class to build or validate
    """The match stage's result: concepts by (table index, row index), equity component
    members by (table index, column index), the extension members made."""

    rows: dict[tuple[int, int], RowConcept]
    members: dict[tuple[int, int], str]  # member qname of an equity column
    extension_members: tuple[ExtensionMember, ...] = ()
    unclear: dict[tuple[int, int], str] = {}  # rows left untagged, and why

    def names(self) -> frozenset[str]:
        """Extension names given, for later stages to keep new names unique."""
        concepts = {r.concept.name for r in self.rows.values() if r.concept.extension}
        return frozenset(concepts | {m.name for m in self.extension_members})


def unlabelled_label(table: Table, row_index: int) -> str:
    """What an unlabelled total stands for: an earlier row with the same amounts (the same
    total printed again; the one the heading names, e.g. 以下應佔期內溢利 -> 期內溢利, else the
    nearest), failing that the heading it closes."""
    row = table.rows[row_index]
    values = [c.value for c in row.cells]
    same = [
        earlier.label
        for earlier in reversed(table.rows[:row_index])
        if earlier.label and earlier.cells and [c.value for c in earlier.cells] == values
    ]
    heading = compact(row.heading or "")
    if same:
        return max(same, key=lambda label: fuzz.partial_ratio(label, heading) if heading else 0)
    return heading


def _in_two_sections(table: Table, row: Row) -> bool:
    """The same printed label in two sections of the table (current and non-current)."""
    return any(o.label == row.label and o.section != row.section for o in table.rows if o.cells)


class _RowMatcher:
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self.registry = ExtensionRegistry()

    def _section_heading(self, section: Section | None) -> str | None:
        for heading in self.vocab.concept_map.sections:
            if heading.section == section:
                return heading.headings[0]
        return None

    def statement_row(self, table: Table, row_index: int) -> RowConcept:
        row = table.rows[row_index]
        label = row.label or unlabelled_label(table, row_index)
        instant = instant_hint(table, row_index)
        equity = self.vocab.concept_map.concepts.get("Equity")
        if table.statement == "changes_in_equity" and instant and equity is not None:
            # A dated balance row (於2023年1月1日) of this statement is equity at that date.
            match = Match(concept=equity, method="balance", confidence=1.0, wording=label)
        else:
            match = self.matcher.match_row(
                label, table.statement, row.section, instant, row.heading
            )
            if match.concept is None:
                match = self._last_line(row, table, instant) or match
        concept, same_as = self._concept(table, row, label, match, instant)
        negated = match.concept is not None and self.vocab.names_opposite(
            match.wording, match.concept
        )
        return RowConcept(concept=concept, match=match, negated=negated, same_as=same_as)

    def _last_line(self, row: Row, table: Table, instant: bool | None) -> Match | None:
        """A label joined from several printed lines that matches nothing: its last line,
        under the lines above it as its heading (每股盈利 / 基本（港仙） -> 每股基本盈利)."""
        *above, last = row.printed_label.split("\n")
        if not above:
            return None
        found = self.matcher.match_row(last, table.statement, row.section, instant, "".join(above))
        if found.concept is None:
            return None
        confidence = round(found.confidence * 0.9, 2)
        return found.model_copy(update={"method": "stripped", "confidence": confidence})

    def _concept(
        self, table: Table, row: Row, label: str, match: Match, instant: bool | None
    ) -> tuple[ConceptRef, str | None]:
        """The row's concept, and for an extension the IFRS concept it may be (see
        ``RowConcept.same_as``)."""
        if match.concept is not None:
            return concept_ref(match.concept), None
        # The line's balance from every row printing it (both years of an equity statement):
        # one line, one extension concept.
        same = [r for r in table.rows if r.label == row.label and r.cells] or [row]
        printed = [c.value for r in same for c in r.cells if c.value is not None]
        concepts = self.vocab.concept_map.concepts
        found = hint_for(self.vocab.concept_map, label, table.statement, row.section)
        hint = found[0] if found else None
        named = [concepts[n] for n in hint.concepts] if hint else []
        if hint is not None and hint.relation == "narrower":
            anchor, narrower = None, tuple(named)
        elif hint is not None:
            anchor, narrower = named[0], ()
        else:
            anchor, narrower = self.matcher.nearest_concept(label, table.statement, instant), ()
        concept = self.registry.concept(
            label=label_as_printed(row.printed_label) or label or _SUBTOTAL,
            statement=table.statement,
            instant=bool(instant),
            balance=extension_balance(table.statement, row.section, printed),
            anchor=anchor,
            section=self._section_heading(row.section) if _in_two_sections(table, row) else None,
            narrower=narrower,
            closest=hint is not None,
        )
        return concept, (named[0].name if hint and hint.relation == "same" else None)


def match_document(tables: list[Table], vocab: Vocabulary) -> Matching:
    """Concepts for the rows of ``tables`` (the document's tables, in order)."""
    matcher = _RowMatcher(vocab)
    rows: dict[tuple[int, int], RowConcept] = {}
    members: dict[tuple[int, int], str] = {}
    unclear: dict[tuple[int, int], str] = {}
    for table_index, table in enumerate(tables):
        if table.statement is None:
            continue
        matched = {
            row_index: matcher.statement_row(table, row_index)
            for row_index, row in enumerate(table.rows)
            if row.cells
        }
        if table.statement in ("income", "comprehensive_income"):
            concepts = {i: rc.concept for i, rc in matched.items()}
            for row_index, concept in before_tax(table, concepts, vocab.concept_map).items():
                matched[row_index] = matched[row_index].model_copy(update={"concept": concept})
            found, why = attributed(table, concepts, vocab)
            for row_index, concept in found.items():
                wording = table.rows[row_index].label
                match = Match(concept=None, method="attribution", confidence=1.0, wording=wording)
                matched[row_index] = RowConcept(concept=concept, match=match)
            for row_index, reason in why.items():
                del matched[row_index]
                unclear[(table_index, row_index)] = reason
        if table.statement == "cash_flows":
            concepts = {i: rc.concept for i, rc in matched.items()}
            for row_index, concept in whole_change(table, concepts, vocab.concept_map).items():
                matched[row_index] = matched[row_index].model_copy(update={"concept": concept})
        rows.update({(table_index, i): rc for i, rc in matched.items()})
        if table.statement == "changes_in_equity" and not table.problem:
            for column_index, column in enumerate(table.columns):
                if column.member != "EquityMember":
                    qname = matcher.registry.member_qname(column.member, column.label)
                    members[(table_index, column_index)] = qname
    rows = take_free_concepts(tables, rows, vocab.concept_map)
    rows, members = narrow_printed_wholes(
        tables, rows, members, vocab.concept_map, matcher.registry
    )
    # Summaries and non-IFRS measures after the statements: the statements' facts first.
    for table_index, table in enumerate(tables):
        if not is_summary(table):
            continue
        summary, why = summary_rows(table, matcher.matcher, vocab)
        for row_index, row in summary.items():
            concept = vocab.concept_map.concepts.get(row.concept.name)
            deduction = row.statement == "financial_position" and is_liability(row.concept, concept)
            rows[(table_index, row_index)] = RowConcept(
                concept=row.concept, match=row.match, statement=row.statement, deduction=deduction
            )
        unclear.update({(table_index, i): reason for i, reason in why.items()})
    for table_index, table in enumerate(tables):
        for row_index, match in measure_matches(table, vocab).items():
            rows[(table_index, row_index)] = RowConcept(
                concept=concept_ref(match.concept), match=match
            )
    return Matching(
        rows=rows,
        members=members,
        extension_members=tuple(matcher.registry.members.values()),
        unclear=unclear,
    )
