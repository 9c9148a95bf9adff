"""Entity information as printed: name, country of incorporation, legal form, registered
office, principal activities … (the facts ESMA's RTS on ESEF, Annex II, asks to be marked up).

    entity_facts(document, facts, concept_map) -> [TextFact]

The wordings are taxonomy data (``taxonomy/data/entity_information.toml``): the cover is read
first, then the general information note; each concept is tagged at most once, for the
report's current period (the latest-ending duration of its amounts), and never where nothing
is printed. A value that runs on from one paragraph into the next (an extractor's blank line
inside a sentence) is one fact in several spans: ix:nonNumeric and ix:continuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from tagger.extensions import ConceptRef
from tagger.facts import Fact
from tagger.model import Block, Document, Period
from tagger.regex_cache import regex
from taxonomy.entity_information import (
    EntityInformation,
    EntityWording,
    entity_element_facts,
    entity_information,
)
from taxonomy.models import ElementFacts

_COVER_LINES = 80  # the cover: an issuer's own name and incorporation stand there
_SENTENCE_ENDS = ("。", "；", ".", "!", "?", "！", "？", ":", "：")
_LATIN_END = regex(r"[A-Za-z0-9,.)]$")
_LATIN_START = regex(r"^[A-Za-z0-9(]")


class TextSpan(BaseModel):
    """Characters start..end of one block's text; ``space_after``: a space joins it to the
    next span (Latin words split by the extractor)."""

    model_config = ConfigDict(frozen=True)

    block: int
    start: int
    end: int
    space_after: bool = False


class TextFact(BaseModel):
    model_config = ConfigDict(frozen=True)

    concept: ConceptRef
    period: Period
    value: str
    spans: tuple[TextSpan, ...]
    line: int  # source line of the first span
    wording: str  # where it was read: cover or general
    format: str | None = None  # the ixt transformation of a date (ixt:date-year-month-day)

    @property
    def fact_value(self) -> str:
        """The fact's value: the text, or a date's ISO form."""
        day = printed_date(self.value) if self.format else None
        return day.isoformat() if day else self.value

    @property
    def dims(self) -> tuple[tuple[str, str], ...]:
        return ()


class _Text(NamedTuple):  # a stage's own value: no model class to build at import
    """Blocks joined into one text, and where each block's text stands in it."""

    text: str
    pieces: list[tuple[int, int, int, bool]]  # (offset, block index, length, space after)


def _joined(document: Document, runs: list[list[int]]) -> _Text:
    """Runs of blocks: blocks of one run joined (a space between Latin words), runs on lines
    of their own."""
    text, pieces = "", []
    for n, run in enumerate(runs):
        if n:
            text += "\n"
        for i, index in enumerate(run):
            block_text = document.blocks[index].text
            nxt = document.blocks[run[i + 1]].text if i + 1 < len(run) else ""
            space = bool(nxt) and bool(_LATIN_END.search(block_text) and _LATIN_START.match(nxt))
            pieces.append((len(text), index, len(block_text), space))
            text += block_text + (" " if space else "")
    return _Text(text=text, pieces=pieces)


def _cover(document: Document) -> list[list[int]]:
    runs = []
    for index, block in enumerate(document.blocks):
        if block.kind == "table" or (block.lines and block.lines[0] > _COVER_LINES):
            break
        if block.kind in ("heading", "paragraph") and block.text:
            runs.append([index])
    return runs


def _is_general_heading(block: Block, headings: tuple[str, ...]) -> bool:
    if block.kind != "heading":
        return False  # told first: the whitespace of every paragraph is not worth removing
    text = re.sub(r"\s", "", block.text)
    return len(text) <= 20 and any(h in text for h in headings)


def _general(document: Document, headings: tuple[str, ...]) -> list[list[int]]:
    """The paragraphs under the first general information heading, up to the next heading;
    a paragraph that does not end a sentence runs on into the next one."""
    blocks = document.blocks
    start = next((i for i, b in enumerate(blocks) if _is_general_heading(b, headings)), None)
    if start is None:
        return []
    runs: list[list[int]] = []
    open_run = False
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if block.kind in ("heading", "table"):
            break
        if block.kind != "paragraph" or not block.text:
            continue
        if open_run:
            runs[-1].append(index)
        else:
            runs.append([index])
        open_run = not block.text.rstrip().endswith(_SENTENCE_ENDS)
    return runs


def _spans(joined: _Text, start: int, end: int) -> tuple[TextSpan, ...]:
    spans = []
    for offset, index, length, space in joined.pieces:
        lo, hi = max(start, offset), min(end, offset + length)
        if lo < hi:
            runs_on = space and hi == offset + length and end > hi
            spans.append(
                TextSpan(block=index, start=lo - offset, end=hi - offset, space_after=runs_on)
            )
    return tuple(spans)


def _current_period(facts: Iterable[Fact]) -> Period | None:
    durations = [f.period for f in facts if f.period.start is not None]
    if not durations:
        return None
    return max(durations, key=lambda p: (p.end, p.end - p.start))


def _concept(item: EntityWording, facts: ElementFacts, script: str) -> ConceptRef:
    label = item.labels.zh_hans if script == "zh-Hans" else item.labels.zh_hant
    return ConceptRef(
        prefix="ifrs-full",
        name=item.concept,
        type=facts.type,
        period_type=facts.period_type,
        label=label,
    )


def printed_date(text: str) -> date | None:
    """2023年12月31日 as a date, or None when it is not one."""
    numbers = re.findall(r"\d+", text)
    if len(numbers) != 3:
        return None
    try:
        return date(*(int(n) for n in numbers))
    except ValueError:
        return None


def _date_fits(item: EntityWording, value: str, period: Period) -> bool:
    """A date fact's text is a real date, and the period's end where the data asks it."""
    if item.format is None:
        return True
    day = printed_date(value)
    return day is not None and (item.check != "period-end" or day == period.end)


def _first(item: EntityWording, texts: dict[str, _Text]) -> tuple[str, _Text, re.Match] | None:
    for where, patterns in (("cover", item.cover), ("general", item.general)):
        for pattern in patterns:
            match = pattern.search(texts[where].text)
            if match and match.group("value").strip():
                return where, texts[where], match
    return None


def entity_facts(
    document: Document,
    facts: list[Fact],
    ifrs_facts: dict[str, ElementFacts] | None = None,
    info: EntityInformation | None = None,
) -> list[TextFact]:
    """The entity information the document prints (see the module docstring)."""
    info = info or entity_information()
    ifrs_facts = ifrs_facts if ifrs_facts is not None else entity_element_facts()
    period = _current_period(facts)
    if period is None:
        return []
    texts = {
        "cover": _joined(document, _cover(document)),
        "general": _joined(document, _general(document, info.general_headings)),
    }
    found: list[TextFact] = []
    taken: set[tuple[int, int]] = set()  # (block, character) already in a fact
    for item in info.facts:
        hit = _first(item, texts)
        if hit is None or item.concept not in ifrs_facts:
            continue
        where, joined, match = hit
        start, end = match.span("value")
        while start < end and joined.text[start].isspace():
            start += 1
        while end > start and joined.text[end - 1].isspace():
            end -= 1
        if not _date_fits(item, joined.text[start:end], period):
            continue
        spans = _spans(joined, start, end)
        chars = {(s.block, c) for s in spans for c in range(s.start, s.end)}
        if not spans or chars & taken:
            continue  # nested facts are not written: the first concept keeps the words
        taken |= chars
        first = document.blocks[spans[0].block]
        found.append(
            TextFact(
                concept=_concept(item, ifrs_facts[item.concept], document.script),
                period=period,
                value=joined.text[start:end],
                spans=spans,
                line=first.lines[0] if first.lines else 0,
                wording=where,
                format=item.format,
            )
        )
    return found
