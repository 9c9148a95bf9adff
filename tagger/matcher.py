"""The label matcher: a printed row label -> a concept, with the method and confidence.

Order of trust: an exact wording of the taxonomy valid in this statement and section; the
same after dropping opening/closing words (年初, 年末); a fuzzy wording (rapidfuzz) above a
threshold, with its score as confidence; otherwise None, and the match stage
(``tagger.matching``) makes a filing extension concept named after the printed label.

The candidate wordings per statement, section and period type are derived once per
vocabulary (``_choices``, memoised): the vocabulary is built once and never changed.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from tagger.regex_cache import regex
from tagger.vocabulary import Vocabulary, compact
from tagger.wording import LEAD_WORDS, OPENING_CLOSING, SIGN_NOTE, UNIT_NOTE
from taxonomy.models import Concept, Section, StatementKind

FUZZY_THRESHOLD = 88
# Characters that carry the meaning of a line item (Traditional and Simplified): a fuzzy
# match that adds, drops or changes one of them is no match.
_DISCRIMINATING = frozenset(
    "非投融籌筹經经營营增減减收支付資资負负借貸贷長长短前後后基攤摊稀股債债利損损益虧亏"
    "淨净額额總总流動动其他應应稅税所得用出入售購购買买存貨货現现金"
)
# The other sign a label allows for: 溢利/(虧損), 來自（用於）, 增加（減少）, 收益（開支）.
_EITHER_WAY = regex(
    r"/?\((?:虧損|亏损|損失|损失|虧絀|亏绌|用於|用于|所用|所得|來自|来自|減少|减少|增加|開支|开支)\)/?"
)
_YEAR_IN_LABEL = regex(r"(?:19|20)\d{2}(?:年度|年)?")
_RELATED: dict[str, tuple[StatementKind, ...]] = {
    "income": ("comprehensive_income",),
    "comprehensive_income": ("income",),
}
_COMPREHENSIVE_WORDS = ("全面收益", "全面虧損", "全面亏损", "综合收益")


class Match(BaseModel):
    model_config = ConfigDict(frozen=True)

    concept: Concept | None  # None: the row needs a filing extension concept
    method: str  # exact | section | stripped | fuzzy | balance | extension
    confidence: float
    wording: str  # the taxonomy wording that matched, or the printed label


def _period_fits(concept: Concept, instant: bool | None) -> bool:
    return instant is None or (concept.facts.period_type == "instant") == instant


def _fits(
    concept: Concept, statement: StatementKind, section: Section | None, instant: bool | None
) -> bool:
    return (
        (not concept.statements or statement in concept.statements)
        and (concept.section is None or concept.section == section)
        and _period_fits(concept, instant)
        and not concept.facts.abstract
    )


def _filter(
    candidates: list[Concept],
    statement: StatementKind,
    section: Section | None,
    instant: bool | None,
) -> list[Concept]:
    fitting = [c for c in candidates if _fits(c, statement, section, instant)]
    in_section = [c for c in fitting if section is not None and c.section == section]
    return in_section or fitting


def _meaning_differs(label: str, wording: str) -> bool:
    """Fuzzy matching is for wording noise (的, 之, brackets, a dropped character), not for a
    different line: 投資 vs 籌資, 淨額 vs none, 流動 vs 非流動 change the concept."""
    changed = ""
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(label, wording):
        if tag != "equal":
            changed += label[i1:i2] + wording[j1:j2]
    return any(ch in _DISCRIMINATING for ch in changed)


def _exact(vocab: Vocabulary, label: str, statement, section, instant) -> Match | None:
    candidates = vocab.concepts_for(label)
    if not candidates:
        return None  # most variants of a label are no wording at all
    found = _filter(candidates, statement, section, instant)
    if not found:
        return None
    method = "section" if found[0].section else "exact"
    confidence = 1.0 if len(found) == 1 else 0.7
    return Match(concept=found[0], method=method, confidence=confidence, wording=label)


def _variants(label: str, heading: str) -> list[str]:
    """Other readings of a label: without opening/closing words (年初現金…), list marks and
    a printed unit (（港仙）); then set into its heading (每股盈利 + －基本 -> 每股基本盈利)."""
    core = UNIT_NOTE.sub("", LEAD_WORDS.sub("", OPENING_CLOSING.sub("", label)))
    core = SIGN_NOTE.sub("", core)
    out = [core] if core and core != label else []
    undated = _YEAR_IN_LABEL.sub("", core)  # 已宣派2021年末期股息 -> 已宣派末期股息
    if undated and undated != core:
        out.append(undated)
    one_way = _EITHER_WAY.sub("", core)  # 年度溢利/(虧損) -> 年度溢利: the line, either sign
    if one_way and one_way != core:
        out.append(one_way)
    if heading and core and len(core) <= 6:
        heading = UNIT_NOTE.sub("", heading)
        out += [heading + core, core + heading]
        out += [heading[:i] + core + heading[i:] for i in range(1, len(heading))]
    return out


def _in_heading(label: str, heading: str) -> list[str]:
    """A short label set into its heading (來自持續經營業務 + 基本)."""
    core = UNIT_NOTE.sub("", LEAD_WORDS.sub("", label))
    heading = UNIT_NOTE.sub("", heading)
    return [heading + core, *(heading[:i] + core + heading[i:] for i in range(1, len(heading)))]


def _statements_to_try(statement: StatementKind, heading: str | None) -> list[StatementKind]:
    """A combined 損益及其他全面收益表 is detected as an income statement and also prints
    other comprehensive income: under a heading about 全面收益 the comprehensive income
    concepts come first."""
    kinds = [statement, *_RELATED.get(statement, ())]
    if len(kinds) > 1 and heading and any(w in heading for w in _COMPREHENSIVE_WORDS):
        kinds.sort(key=lambda kind: kind != "comprehensive_income")
    return kinds


class _FitGroup(NamedTuple):
    """Concepts that ``_fits`` reads alike (the same statements, section, period type and
    abstractness), with the places of their wordings in the vocabulary's order."""

    concept: Concept  # any one of them
    ids: frozenset[int]
    places: frozenset[int]


@functools.lru_cache(maxsize=8)
def _fit_groups(vocab: Vocabulary) -> tuple[list[str], tuple[_FitGroup, ...]]:
    """The vocabulary's wordings in its order, and its concepts in ``_FitGroup``s: a
    statement's candidates are the wordings of the groups that fit, put in order by sorting
    their places (375 concepts, 27 groups in the shipped map)."""
    groups: dict[tuple, list[Concept]] = {}
    for c in vocab.concept_map.concepts.values():
        fit = (c.statements, c.section, c.facts.period_type, c.facts.abstract)
        groups.setdefault(fit, []).append(c)
    rank, by_concept = vocab.wording_rank, vocab.wordings_by_concept
    return list(vocab.wordings), tuple(
        _FitGroup(
            members[0],
            frozenset(map(id, members)),
            frozenset(rank[w] for c in members for w in by_concept.get(id(c), ())),
        )
        for members in groups.values()
    )


@functools.lru_cache(maxsize=512)
def _choices(
    vocab: Vocabulary, purpose: str, statement, section, instant
) -> dict[str, list[Concept]]:
    """Wordings whose concepts fit the statement, section and period type: all of them for
    fuzzy matching, those of IFRS concepts for anchoring, in the vocabulary's order (a tie
    in score goes to the first). A pure function of a vocabulary that never changes, so it
    is memoised for the process (by the vocabulary's identity)."""
    ordered, groups = _fit_groups(vocab)
    fit = [g for g in groups if _fits(g.concept, statement, section, instant)]
    fitting = frozenset().union(*(g.ids for g in fit))
    chosen_places = frozenset().union(*(g.places for g in fit))
    choices: dict[str, list[Concept]] = {}
    for place in sorted(chosen_places):
        wording = ordered[place]
        listed = vocab.wordings[wording]
        if purpose == "anchor":
            chosen = [c for c in listed if id(c) in fitting]
            chosen = [c for c in chosen if section is not None and c.section == section] or chosen
            if not any(c.prefix == "ifrs-full" for c in chosen):
                continue
        choices[wording] = listed
    return choices


@functools.lru_cache(maxsize=512)
def _fuzzy_by_length(vocab: Vocabulary, statement, section, instant) -> dict[int, list[str]]:
    """The fuzzy choices by length, each length's wordings in the choices' order (that is,
    the vocabulary's), memoised like ``_choices``."""
    groups: dict[int, list[str]] = {}
    for wording in _choices(vocab, "fuzzy", statement, section, instant):
        groups.setdefault(len(wording), []).append(wording)
    return groups


def _may_reach(length: int, other: int, score: float) -> bool:
    """Whether two texts of these lengths can have a fuzz.ratio of ``score``: it is at most
    200 min(a, b) / (a + b), as at most the shorter text is common to both (one point of
    margin for the rounding of floats)."""
    return 200 * min(length, other) >= (score - 1) * (length + other)


def best_fuzzy(label: str, groups: dict[int, list[str]], places: dict[str, int]) -> tuple | None:
    """``process.extractOne(label, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)``
    over the choices ``_fuzzy_by_length`` grouped, which are in the order of ``places``:
    (wording, score) of the first best, or None. Only the lengths that may reach the
    threshold are scored."""
    best = None  # (wording, score, place)
    for length, wordings in groups.items():
        if not _may_reach(len(label), length, FUZZY_THRESHOLD):
            continue
        found = process.extractOne(label, wordings, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if found is None:
            continue
        at = places[found[0]]
        if best is None or found[1] > best[1] or (found[1] == best[1] and at < best[2]):
            best = (found[0], found[1], at)
    return best[:2] if best else None


def _fuzzy(vocab: Vocabulary, label: str, statement, section, instant) -> Match | None:
    choices = _choices(vocab, "fuzzy", statement, section, instant)
    groups = _fuzzy_by_length(vocab, statement, section, instant)
    best = best_fuzzy(label, groups, vocab.wording_rank)
    if not best or _meaning_differs(label, best[0]):
        return None
    concept = _filter(choices[best[0]], statement, section, instant)[0]
    return Match(
        concept=concept, method="fuzzy", confidence=round(best[1] / 100, 2), wording=best[0]
    )


@functools.lru_cache(maxsize=1 << 14)
def _match_row(
    vocab: Vocabulary,
    label: str,
    statement: StatementKind,
    section: Section | None,
    instant: bool | None,
    heading: str | None,
    fuzzy: bool,
) -> Match:
    """``Matcher.match_row``: a pure function of a vocabulary that never changes and of
    strings, memoised for the process (several stages match the same labels: the
    statements', the restated tables', the running text's)."""
    label = compact(label)
    kinds = _statements_to_try(statement, heading)
    if heading and len(UNIT_NOTE.sub("", LEAD_WORDS.sub("", label))) <= 6:
        # 基本 under 來自持續經營業務: the heading says which earnings per share
        for candidate in _in_heading(label, compact(heading)):
            for kind in kinds:
                found = _exact(vocab, candidate, kind, section, instant)
                if found and found.concept.facts.type.endswith("perShareItemType"):
                    return found.model_copy(update={"method": "stripped", "confidence": 0.9})
    for kind in kinds:
        found = _exact(vocab, label, kind, section, instant)
        if found:
            return found
    for candidate in _variants(label, compact(heading or "")):
        for kind in kinds:
            found = _exact(vocab, candidate, kind, section, instant)
            if found:
                return found.model_copy(update={"method": "stripped", "confidence": 0.9})
    for kind in kinds if len(label) >= 3 and fuzzy else ():
        found = _fuzzy(vocab, label, kind, section, instant)
        if found:
            return found
    return Match(concept=None, method="extension", confidence=0.0, wording=label)


class Matcher:
    """Matches labels against one vocabulary (its candidate lists and matches are memoised
    per vocabulary, for the process)."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab

    def choices(self, purpose: str, statement, section, instant) -> dict[str, list[Concept]]:
        return _choices(self.vocab, purpose, statement, section, instant)

    def match_row(
        self,
        label: str,
        statement: StatementKind,
        section: Section | None,
        instant: bool | None,
        heading: str | None = None,
        fuzzy: bool = True,
    ) -> Match:
        """The concept for a printed row label; ``instant`` says which period type fits.
        ``fuzzy=False``: the taxonomy's wordings and their variants only."""
        return _match_row(self.vocab, label, statement, section, instant, heading, fuzzy)

    def nearest_concept(
        self, label: str, statement: StatementKind, instant: bool | None
    ) -> Concept | None:
        """The closest IFRS concept to anchor an extension to, whatever the score."""
        choices = self.choices("anchor", statement, None, instant)
        best = process.extractOne(compact(label), choices.keys(), scorer=fuzz.partial_ratio)
        if not best:
            return None
        ifrs = [
            c
            for c in _filter(choices[best[0]], statement, None, instant)
            if c.prefix == "ifrs-full"
        ]
        return ifrs[0] if ifrs else None
