"""Typed models of the concept map: concepts, axes, members, section headings, templates.

The data lives in human-editable TOML under ``taxonomy/data``; ``taxonomy.loader`` turns it
into these models. Nothing here formats XBRL: the builder and the tagger read these models.
"""

from __future__ import annotations

import functools
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from xbrl.schema import Balance, ElementFacts, PeriodType
from xbrl.urls import IFRS_PREFIX, IXTAG_PREFIX

__all__ = ["Balance", "ElementFacts", "PeriodType", "IFRS_PREFIX", "IXTAG_PREFIX"]

# The axis of the components of equity (columns of a statement of changes in equity).
EQUITY_AXIS = f"{IFRS_PREFIX}:ComponentsOfEquityAxis"
# The parent company's own statements, beside the consolidated ones (the axis' default).
SEPARATE_AXIS = f"{IFRS_PREFIX}:ConsolidatedAndSeparateFinancialStatementsAxis"
SEPARATE_MEMBER = f"{IFRS_PREFIX}:SeparateMember"
CONSOLIDATED_MEMBER = f"{IFRS_PREFIX}:ConsolidatedMember"


StatementKind = Literal[
    "income",
    "comprehensive_income",
    "financial_position",
    "changes_in_equity",
    "cash_flows",
    "notes",
]
STATEMENT_KINDS: tuple[StatementKind, ...] = get_args(StatementKind)

# A section narrows where a label means a concept: 借款 is LongtermBorrowings under
# 非流動負債 and ShorttermBorrowings under 流動負債.
Section = Literal[
    "noncurrent_assets",
    "current_assets",
    "equity",
    "noncurrent_liabilities",
    "current_liabilities",
    "operating",
    "investing",
    "financing",
    "oci_reclassifiable",
    "oci_not_reclassifiable",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Labels(_Frozen):
    """Standard labels by language, plus the other wordings announcements print."""

    zh_hant: str
    zh_hans: str
    en: str | None = None
    synonyms_hant: tuple[str, ...] = ()
    synonyms_hans: tuple[str, ...] = ()
    # Wordings that name the concept's opposite (流動負債淨額 for net current assets, 總虧絀
    # for equity): the amount printed under them is the concept's value negated.
    negated: tuple[str, ...] = ()

    def all_wordings(self) -> tuple[str, ...]:
        """Every wording a matcher may meet, standard labels first, without repeats."""
        seen: dict[str, None] = {}
        texts = (self.zh_hant, self.zh_hans, *self.synonyms_hant, *self.synonyms_hans)
        for text in (*texts, *self.negated):
            seen.setdefault(text, None)
        return tuple(seen)


class Anchor(_Frozen):
    """ESEF-style anchoring of an ixtag concept to the closest IFRS concept.

    ``relation`` says what the IFRS concept is relative to ours: ``wider`` when the IFRS
    concept is wider (ours is a narrower specialisation), ``narrower`` when it is narrower.
    """

    concept: str
    relation: Literal["wider", "narrower"]


class Concept(_Frozen):
    prefix: Literal["ifrs-full", "ixtag"]
    name: str
    facts: ElementFacts
    labels: Labels
    statements: tuple[StatementKind, ...] = ()
    section: Section | None = None
    anchor: Anchor | None = None

    @property
    def qname(self) -> str:
        return f"{self.prefix}:{self.name}"


class Axis(_Frozen):
    prefix: Literal["ifrs-full", "ixtag"] = IFRS_PREFIX
    name: str
    default_member: str
    labels: Labels
    facts: ElementFacts


class Member(_Frozen):
    prefix: Literal["ifrs-full", "ixtag"] = IFRS_PREFIX
    name: str
    axis: str
    parent: str | None = None  # None for the axis' domain (default) member
    labels: Labels
    facts: ElementFacts


class SectionHeading(_Frozen):
    """Printed headings that open a section of a statement."""

    section: Section
    statements: tuple[StatementKind, ...]
    headings: tuple[str, ...]


class Calculation(_Frozen):
    """One summation: total = sum(weight * item)."""

    total: str
    items: tuple[tuple[str, int], ...]


class StatementTemplate(_Frozen):
    """Presentation and calculation of one primary statement, as most filers print it."""

    statement: StatementKind
    role: str  # role identifier suffix, e.g. "IncomeStatement"
    labels: Labels  # the statement's title; synonyms are the printed title variants
    en_titles: tuple[str, ...] = ()  # English titles on bilingual pages
    root: str  # abstract concept at the top of the presentation tree
    presentation: tuple[str, ...]  # concept names in printed order
    calculations: tuple[Calculation, ...] = ()
    axes: tuple[str, ...] = ()  # axes of the statement's hypercube (definition linkbase)
    line_items: str | None = None  # the hypercube's line-items abstract
    table: str | None = None  # the hypercube concept


class Hint(_Frozen):
    """Wordings announcements print for a line that IFRS has no concept of its own for, and
    the closest IFRS concepts (``anchors.toml``). ``relation`` says what the IFRS concepts are
    to the printed line:
    - ``same``: the line is that concept, when no other line of its statement is (two lines
      pointing at it are its parts: extensions narrower than it);
    - ``wider``: the concept is wider: the line is an extension anchored to it;
    - ``narrower``: each concept is narrower (已收股息及利息: dividends, interest): the line
      is an extension wider than each.
    No wordings: the anchor of any other extension of the section (always ``wider``)."""

    wordings: tuple[str, ...]  # Traditional and Simplified; found anywhere in the label
    statement: StatementKind
    section: Section | None = None
    relation: Literal["same", "wider", "narrower"]
    concepts: tuple[str, ...]


class Attribution(_Frozen):
    """The concepts of the shares of a total: the owners' and the non-controlling interests'
    (of a profit), or the continuing and discontinued operations' (of an owners' share)."""

    total: str
    owners: str | None = None
    nci: str | None = None
    continuing: str | None = None
    discontinued: str | None = None

    def share(self, party: str) -> str | None:
        return getattr(self, party, None)


class NoteTitles(_Frozen):
    """The notes to the financial statements as text blocks (taxonomy/data/disclosures.toml):
    the concept each printed note title stands for, in both scripts, compared compacted."""

    general: str  # the concept of a note whose title is none of ``titles``
    opening: tuple[str, ...] = ()  # headings that open the notes
    closing: tuple[str, ...] = ()  # headings of what follows them (matched as a beginning)
    titles: dict[str, str] = Field(default_factory=dict)  # printed title -> concept name

    @property
    def closing_keys(self) -> tuple[str, ...]:
        """``closing`` as compared: spaces and full-width brackets set aside."""
        return _closing_keys(self.closing)


@functools.cache  # asked of every short line of text: made once per map, not per line
def _closing_keys(closing: tuple[str, ...]) -> tuple[str, ...]:
    brackets = str.maketrans({"（": "(", "）": ")"})
    return tuple("".join(w.split()).translate(brackets) for w in closing)


class NoteKind(_Frozen):
    """A kind of note table (revenue by geography, expenses by nature …): the headings that
    name it and what its rows are. Either every amount is one ``concept`` split on ``axis``
    (a row per member; ``entity_members``: rows naming no IFRS member of the axis are the
    entity's own members, such as its regions), or each row is one of the line-item
    ``items``, matched by their wordings. ``total``: the concept of the row the others add
    up to (for an axis note, ``concept`` with no member). ``signed``: the total may be either
    sign (gains and losses, a tax charge or credit), so its printed sign says nothing of the
    direction the note prints in; only the same amount in a statement can.

    ``subtotals``: concepts an unlabelled subtotal may be, taken only where its amounts are
    the statement's figures for that concept in every column (非流動 / 流動 of borrowings).
    ``allowances``: wordings of an allowance row (減值撥備) printed between an item's gross
    amount and an unlabelled net amount that adds them up: the item is then reported gross
    and allowance on ``carrying_axis``'s ``gross_member`` and ``allowance_member`` (the
    allowance negative, as IFRS reports accumulated impairment), net without a member;
    ``gross_words``: what a gross row's label may add to the item's wording (總額).

    ``extend``: rows that are items of a printed total beside a row of ``extend_beside`` (a
    tax reconciliation's tax at the applicable rate) and name none of the kind's items are
    the filing's own line items, extension concepts narrower than ``extend``; a row printed
    as one of ``other_wordings`` (其他) is ``extend`` itself. ``statement_proof``: the table
    is read only when one of its totals or subtotals is a statement's figure in every
    column, and a total no statement prints only as the sum of such a subtotal and other
    rows.

    ``own_items``: rows naming none of the items that a printed total or subtotal adds up
    (and an item printed gross, less an allowance, then net) are the filing's own line items,
    narrower than ``total`` (``tagger.note_own_items``); ``deduction_words``: a row printing
    one of them before an item's wording, in brackets among positive parts, is that item
    deducted (減：非流動借款的即期部分). ``natural``: the rows' one concept is never negative
    (revenue recognised from the opening contract liabilities), so a table with no total that
    prints every amount positive prints it in that concept's own direction."""

    name: str
    headings: tuple[str, ...]
    concept: str | None = None
    axis: str | None = None
    entity_members: bool = False
    items: tuple[str, ...] = ()
    total: str | None = None
    signed: bool = False
    subtotals: tuple[str, ...] = ()
    allowances: tuple[str, ...] = ()
    gross_words: tuple[str, ...] = ()
    carrying_axis: str | None = None
    gross_member: str | None = None
    allowance_member: str | None = None
    extend: str | None = None
    extend_beside: str | None = None
    other_wordings: tuple[str, ...] = ()
    statement_proof: bool = False  # a total or subtotal must be a statement's figure
    own_items: bool = False  # rows naming no item, placed by the arithmetic: extensions
    deduction_words: tuple[str, ...] = ()  # 減： before an item deducted from a subtotal
    section_words: tuple[str, ...] = ()  # 流動 run into an own item's label by the layout
    natural: bool = False  # amounts printed positive in their concept's own direction


class MovementLine(_Frozen):
    """A movement row of a movement table: its concept, the wordings that name it, and how
    the concept's value moves the balance (``increase``: the printed amount; ``decrease``:
    minus the printed amount; ``signed``: an IncreaseDecrease concept, the printed amount).

    In the cost-first layout (成本 and 累計折舊 each rolled forward by date rows), ``gross``:
    whether the line may move the cost; ``accumulated``: the sign its value takes on the
    accumulated depreciation's member (``positive``, ``negative``, ``either``), or None when
    it never moves the accumulated depreciation (see tagger.movement_sections)."""

    concept: str
    effect: Literal["increase", "decrease", "signed"]
    wordings: tuple[str, ...]
    gross: bool = True
    accumulated: Literal["positive", "negative", "either"] | None = None


class MovementKind(_Frozen):
    """A movement table of one asset (property, plant and equipment, intangible assets …):
    its classes as columns on ``axis``, its balances (``concept`` on the carrying-amount axis)
    and movements (``lines``) as rows; see ``movement_kinds.toml``."""

    name: str
    headings: tuple[str, ...]
    concept: str
    axis: str
    not_classes: tuple[str, ...] = ()
    lines: tuple[MovementLine, ...] = ()


class BalanceLine(_Frozen):
    """A movement row: its wordings, how its value moves the balance, and either the IFRS
    concept it is (``concept``) or the one the filing's own movement is narrower than."""

    wordings: tuple[str, ...]
    effect: Literal["increase", "decrease", "signed"]
    concept: str | None = None
    anchor: str | None = None


class BalanceKind(_Frozen):
    name: str
    note: str  # the note kind whose heading encloses the tables
    concept: str  # the note's balance; a class of it is the filing's own, narrower
    opening: tuple[str, ...]
    closing: tuple[str, ...]
    lines: tuple[BalanceLine, ...]


class ConceptMap(_Frozen):
    concepts: dict[str, Concept] = Field(default_factory=dict)  # by name
    axes: dict[str, Axis] = Field(default_factory=dict)
    members: dict[str, Member] = Field(default_factory=dict)
    sections: tuple[SectionHeading, ...] = ()
    templates: dict[StatementKind, StatementTemplate] = Field(default_factory=dict)
    attributions: dict[str, Attribution] = Field(default_factory=dict)  # by total concept
    parties: dict[str, tuple[str, ...]] = Field(default_factory=dict)  # party -> wordings
    notes: NoteTitles | None = None
    hints: tuple[Hint, ...] = ()  # closest IFRS concepts of wordings with no concept of their own
    note_kinds: tuple[NoteKind, ...] = ()  # kinds of note tables (note_kinds.toml)
    movement_kinds: tuple[MovementKind, ...] = ()  # movement tables (movement_kinds.toml)
    balance_kinds: tuple[BalanceKind, ...] = ()  # one balance's movements (balance_movements.toml)

    def ifrs_concepts(self) -> list[Concept]:
        return [c for c in self.concepts.values() if c.prefix == IFRS_PREFIX]

    def ixtag_concepts(self) -> list[Concept]:
        return [c for c in self.concepts.values() if c.prefix == IXTAG_PREFIX]
