"""Concepts as the report uses them, and the filing extension concepts and members made for
printed lines and columns the taxonomy does not know.

Extension names are the printed label in pinyin (pypinyin's readings, see tagger.pinyin),
CamelCase, so that a reader of Chinese can recognise them; the printed label itself is the
extension's standard label.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from tagger.pinyin import lazy_pinyin
from tagger.regex_cache import regex
from taxonomy.loader import simplified
from taxonomy.models import EQUITY_AXIS, Balance, Concept, StatementKind

EXTENSION_PREFIX = "ext"
_NAME_CHARS = regex(r"[^A-Za-z0-9]")
_MAX_NAME = 80


class ConceptRef(BaseModel):
    """A concept as a fact refers to it: taxonomy concept or filing extension."""

    model_config = ConfigDict(frozen=True)

    prefix: str
    name: str
    type: str
    period_type: str
    balance: Balance | None = None
    label: str  # standard label in the report's language
    extension: bool = False
    anchor: str | None = None  # qname of the IFRS concept an extension is narrower than
    narrower: tuple[str, ...] = ()  # qnames of IFRS concepts an extension is wider than
    # The anchor is the closest concept a rule or hint named (anchors.toml, a part printed
    # beside it): a total the line adds up to is not closer.
    closest: bool = False
    statement: StatementKind | None = None

    @property
    def qname(self) -> str:
        return f"{self.prefix}:{self.name}"


class ExtensionMember(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    label: str
    axis: str  # qname
    parent: str | None = None  # qname of the member it is a part of; None: the axis' domain
    # An axis of the filing's own (ageing bands: IFRS has none) and its domain are declared
    # like its members: "axis" names the axis itself (``axis`` is then its own qname).
    kind: Literal["member", "domain", "axis"] = "member"


# One ConceptRef per taxonomy concept, by the concept's identity: every rule refers to
# concepts of a concept map built once per process, and both are frozen. The entry holds
# the concept, so that its id is not reused while the entry lives.
_REFS: dict[int, tuple[Concept, ConceptRef]] = {}


def concept_ref(concept: Concept) -> ConceptRef:
    entry = _REFS.get(id(concept))
    if entry is None:
        ref = ConceptRef(
            prefix=concept.prefix,
            name=concept.name,
            type=concept.facts.type,
            period_type=concept.facts.period_type,
            balance=concept.facts.balance,
            label=concept.labels.zh_hant,
        )
        entry = _REFS[id(concept)] = (concept, ref)
    return entry[1]


def pinyin_name(label: str, suffix: str = "") -> str:
    """CamelCase pinyin of a Chinese label, a valid XML NCName. Read from the Simplified form,
    so that a label gives the same name in either script (and pypinyin's phrase readings,
    which know 银行 better than 銀行, are right more often)."""
    words = lazy_pinyin(simplified(label))
    name = "".join(_name_part(w) for w in words)
    if not name or not name[0].isalpha():
        name = "Item" + name
    return name[: _MAX_NAME - len(suffix)] + suffix


def _name_part(word: str) -> str:
    """A word of a name: letters and digits only, capitalised (a reading most often has
    nothing to drop)."""
    if not (word.isascii() and word.isalnum()):
        word = _NAME_CHARS.sub("", word)
    return word.capitalize()


class ExtensionRegistry:
    """Extension concepts and members made by one stage of one run; the same printed line in
    the same statement with the same period type and balance is one concept. ``taken``: the
    names earlier stages gave, so that new names stay unique. A stage keeps its registry to
    itself and returns what it made."""

    def __init__(self, taken: set[str] | frozenset[str] = frozenset()) -> None:
        self.concepts: dict[tuple, ConceptRef] = {}
        self.members: dict[str, ExtensionMember] = {}
        self._names: set[str] = set(taken)

    def _unique(self, base: str) -> str:
        name, n = base, 2
        while name in self._names:
            name, n = f"{base}{n}", n + 1
        self._names.add(name)
        return name

    def concept(
        self,
        label: str,
        statement: StatementKind | None,
        instant: bool,
        balance: Balance | None,
        anchor: Concept | None,
        section: str | None = None,
        narrower: tuple[Concept, ...] = (),
        closest: bool = False,
    ) -> ConceptRef:
        """``section``: the printed heading of the section the line sits in, when the same
        wording appears in two sections (current and non-current) and must stay apart.
        ``anchor``: the IFRS concept it is narrower than; ``narrower``: those it is wider
        than; ``closest``: a rule named them as the closest (no total may replace them)."""
        if section:
            label = f"{label}（{section}）"
        key = (label, statement, instant, balance)
        if key not in self.concepts:
            self.concepts[key] = ConceptRef(
                prefix=EXTENSION_PREFIX,
                name=self._unique(pinyin_name(label)),
                type="xbrli:monetaryItemType",
                period_type="instant" if instant else "duration",
                balance=balance,
                label=label,
                extension=True,
                anchor=anchor.qname if anchor else None,
                narrower=tuple(c.qname for c in narrower),
                closest=closest,
                statement=statement,
            )
        return self.concepts[key]

    def member_qname(self, member: str | None, label: str) -> str:
        """qname of a known ifrs-full member, or of an extension member for the label."""
        if member:
            return f"ifrs-full:{member}"
        if label not in self.members:
            self.members[label] = ExtensionMember(
                name=self._unique(pinyin_name(label, "Member")),
                label=label,
                axis=EQUITY_AXIS,
            )
        return f"{EXTENSION_PREFIX}:{self.members[label].name}"

    def axis_member(self, label: str, axis: str) -> str:
        """qname of an extension member on ``axis`` (a qname) for a printed row (中國內地),
        under the axis' domain."""
        key = f"{axis}#{label}"
        if key not in self.members:
            self.members[key] = ExtensionMember(
                name=self._unique(pinyin_name(label, "Member")), label=label, axis=axis
            )
        return f"{EXTENSION_PREFIX}:{self.members[key].name}"

    def part_member(self, label: str, parent: str) -> str:
        """qname of an extension member for a printed column that is a part of the member
        ``parent`` (qname), placed under it."""
        if label not in self.members:
            self.members[label] = ExtensionMember(
                name=self._unique(pinyin_name(label, "Member")),
                label=label,
                axis=EQUITY_AXIS,
                parent=parent,
            )
        return f"{EXTENSION_PREFIX}:{self.members[label].name}"

    def distinct(self, concept: ConceptRef, printed: str, qualifier: str) -> ConceptRef:
        """A separate extension for a row whose taxonomy concept would give conflicting
        duplicates (the same concept and context with another value elsewhere); named after
        the printed label, qualified by the statement."""
        label = f"{printed}（{qualifier}）"
        key = (label, concept.statement, concept.period_type == "instant", concept.balance)
        if key not in self.concepts:
            self.concepts[key] = concept.model_copy(
                update={
                    "prefix": EXTENSION_PREFIX,
                    "name": self._unique(pinyin_name(label)),
                    "label": label,
                    "extension": True,
                    "anchor": concept.anchor if concept.extension else concept.qname,
                    "closest": concept.closest if concept.extension else True,
                }
            )
        return self.concepts[key]
