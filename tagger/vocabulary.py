"""Lookups built once from the concept map: statement titles, section headings, wordings.

Everything the tagger knows about words comes from the taxonomy data; this module only
indexes it. Keys are normalised with ``compact`` so that printed spacing and bracket width
do not matter.
"""

from __future__ import annotations

import functools
from pathlib import Path

from rapidfuzz import fuzz, process

from tagger.lines import CJK, without_english_dates
from tagger.regex_cache import regex
from taxonomy.loader import default_concept_map, load_concept_map
from taxonomy.models import Concept, ConceptMap, Member, Section, StatementKind

_DROP = regex(r"[\s　:：*＊]")
_NOTE_IN_LABEL = regex(r"[（(]附[註注]\s*[\w()（）、]*[）)]")
# Full-width brackets and dashes, replaced one by one (no ASCII one is replaced in turn): a
# few str.replace scans cost a third of str.translate with a table
_BRACKETS = (("（", "("), ("）", ")"), ("／", "/"), ("╱", "/"), ("－", "-"), ("—", "-"), ("–", "-"))
# A word of English standing apart from the Chinese ones on a bilingual line ("Revenue",
# "(Note 5)", "Profit/(loss) for the year"); English inside a Chinese word (經調整EBITDA) stays.
_ENGLISH_WORD = regex(r"(?<![^\s])[A-Za-z(][A-Za-z0-9'’&,.()/\-:;]*(?![^\s])")
# The characters some step of _normalised acts on (附 of a note, ASCII letters and brackets,
# spaces, colons, stars, full-width brackets and dashes): a text with none is its own key.
_MAY_CHANGE = regex(r"[附A-Za-z(\s:：*＊（）／╱－—–]")
HEADING_FUZZ = 90  # rapidfuzz ratio above which a printed heading is taken as a known one


@functools.lru_cache(maxsize=1 << 16)
def compact(text: str) -> str:
    """Normalise a printed label for lookup: no spaces, no colons, ASCII brackets; on a
    bilingual line (Revenue 收入), the Chinese words only."""
    if not _MAY_CHANGE.search(text):  # most wordings: nothing _normalised does changes them
        return text
    return _normalised(text)


def _normalised(text: str) -> str:
    if "附" in text:  # a note reference (附註5)
        text = _NOTE_IN_LABEL.sub("", text)
    if CJK.search(text):
        text = _ENGLISH_WORD.sub("", without_english_dates(text))
    text = _DROP.sub("", text)
    for wide, narrow in _BRACKETS:
        text = text.replace(wide, narrow)
    return text


def label_as_printed(printed: str) -> str:
    """A printed (possibly wrapped) label as one line, for an extension's label: on a
    bilingual line the Chinese only, as it is matched (Revenue 收入 -> 收入)."""
    text = join_wrapped(printed.split("\n"))
    if CJK.search(text):
        text = _ENGLISH_WORD.sub("", without_english_dates(text))
    return " ".join(text.split())


def join_wrapped(parts: list[str]) -> str:
    """A label wrapped over lines, joined: Chinese runs on with no space, but an English
    word at a line's edge stays a word of its own (so a bilingual label's English tail,
    wrapped under its Chinese, is set aside by `compact` like the rest of its English)."""
    joined = ""
    for part in parts:
        edge = joined[-1:] + part[:1]
        joined += (" " if joined and any(c.isascii() and c.isalpha() for c in edge) else "") + part
    return joined


_CONTINUED = ("(續)", "(续)", "續", "续")


def continued_title(key: str) -> str:
    """A title printed again after a page break with (續): the title itself."""
    for mark in _CONTINUED:
        key = key.removesuffix(mark)
    return key


def is_continued(text: str) -> bool:
    return compact(text).endswith(_CONTINUED)


class Vocabulary:
    """Compared and hashed by identity: built once, never changed (a plain class, as a
    dataclass's generated methods cost 0.5 ms at import)."""

    def __init__(self, concept_map: ConceptMap) -> None:
        self.concept_map = concept_map
        self.titles: dict[str, StatementKind] = {}
        self.sections: dict[str, tuple[Section, tuple[StatementKind, ...]]] = {}
        self.wordings: dict[str, list[Concept]] = {}
        self.members: dict[str, list[Member]] = {}
        self.negated: set[tuple[str, str]] = set()  # (wording, concept name)
        self.party_wordings: frozenset[str] = frozenset()  # compacted, of the map's parties
        # The wordings of each concept (by identity), in the order of ``wordings``: fuzzy
        # matching's candidate lists are built from the few concepts that fit, not all wordings.
        self.wordings_by_concept: dict[int, list[str]] = {}
        self.wording_rank: dict[str, int] = {}  # place in ``wordings``
        # Fuzzy heading matches already made: a pure memo, the only thing that grows after build.
        self._near: dict[str, tuple[Section, tuple[StatementKind, ...]] | None] = {}

    def statement_of_title(self, text: str) -> StatementKind | None:
        """The statement a printed title names: as the taxonomy words it, condensed (簡明),
        continued on the next page (（續）), or with its last character cut off by the page
        (綜合財務狀況 for 綜合財務狀況表)."""
        return _statement_of_title(self, text)

    def section_of(self, text: str, statement: StatementKind | None) -> Section | None:
        key = compact(text)
        hit = self.sections.get(key)
        if hit is None and len(key) >= 4:
            hit = self._near_section(key)
        if hit and (statement is None or statement in hit[1]):
            return hit[0]
        return None

    def _near_section(self, key: str) -> tuple[Section, tuple[StatementKind, ...]] | None:
        """The section heading a printed one nearly is (a fuzzy match, remembered)."""
        if key not in self._near:
            best = process.extractOne(key, self.sections.keys(), scorer=fuzz.ratio)
            self._near[key] = self.sections[best[0]] if best and best[1] >= HEADING_FUZZ else None
        return self._near[key]

    def is_heading(self, text: str, statement: StatementKind | None) -> bool:
        """A label-only line that stands on its own rather than starting a wrapped label."""
        stripped = text.strip()
        if stripped.endswith(("：", ":")):
            return True
        if self.section_of(stripped, statement):
            return True
        key = compact(stripped)
        return key in self.wordings or key in self.party_wordings

    def names_opposite(self, wording: str, concept: Concept) -> bool:
        """Whether ``wording`` names the concept's opposite (流動負債淨額)."""
        return (compact(wording), concept.name) in self.negated

    def concepts_for(self, text: str) -> list[Concept]:
        return self.wordings.get(compact(text), [])

    def members_for(self, text: str) -> list[Member]:
        return self.members.get(compact(text), [])


@functools.lru_cache(maxsize=1 << 14)  # the segmenter asks of most lines, some twice
def _statement_of_title(vocab: Vocabulary, text: str) -> StatementKind | None:
    key = continued_title(compact(text))
    if len(key) > 80 or not key:
        return None
    for prefix in ("", "簡明", "简明"):
        if prefix and not key.startswith(prefix):
            continue  # the key itself again: already looked up
        bare = key.removeprefix(prefix).upper()  # English: any case
        cut = vocab.titles.get(bare + "表") if len(bare) >= 5 else None
        kind = vocab.titles.get(bare) or cut
        if kind:
            return kind
    return None


def build_vocabulary(concept_map: ConceptMap) -> Vocabulary:
    vocab = Vocabulary(concept_map=concept_map)
    for kind, template in concept_map.templates.items():
        for title in (*template.labels.all_wordings(), *template.en_titles):
            vocab.titles.setdefault(compact(title).upper(), kind)
    for heading in concept_map.sections:
        for text in heading.headings:
            vocab.sections.setdefault(compact(text), (heading.section, heading.statements))
    for concept in concept_map.concepts.values():
        for text in concept.labels.all_wordings():
            key = compact(text)
            bucket = vocab.wordings.setdefault(key, [])
            if concept not in bucket:
                bucket.append(concept)
                vocab.wordings_by_concept.setdefault(id(concept), []).append(key)
        vocab.negated |= {(compact(text), concept.name) for text in concept.labels.negated}
    vocab.wording_rank = {wording: rank for rank, wording in enumerate(vocab.wordings)}
    # looked up for every label-only line the layout and the segmenter ask about
    vocab.party_wordings = frozenset(compact(w) for ws in concept_map.parties.values() for w in ws)
    for member in concept_map.members.values():
        for text in member.labels.all_wordings():
            bucket = vocab.members.setdefault(compact(text), [])
            if member not in bucket:
                bucket.append(member)
    return vocab


@functools.cache
def vocabulary_for(data_dir: Path | None = None) -> Vocabulary:
    """The vocabulary of a concept map data folder (the shipped map by default), built once
    per process and never changed afterwards."""
    if data_dir is None:
        return build_vocabulary(default_concept_map())
    return build_vocabulary(load_concept_map(data_dir))


def default_vocabulary() -> Vocabulary:
    return vocabulary_for(None)
