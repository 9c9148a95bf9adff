"""The wordings of the entity information facts (``data/entity_information.toml``).

info = entity_information()
info.general_headings        # 一般資料, 公司資料 …
for item in info.facts:      # in the file's order
    item.concept, item.labels, item.cover, item.general   # compiled patterns
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from tagger.errors import ConceptMapError
from tagger.regex_cache import regex
from taxonomy.loader import DATA_DIR, read_ifrs_facts, simplified
from taxonomy.models import ElementFacts, Labels

ENTITY_INFORMATION_FILE = "entity_information.toml"


class EntityWording(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    concept: str  # an ifrs-full name
    labels: Labels
    cover: tuple[re.Pattern[str], ...] = ()
    general: tuple[re.Pattern[str], ...] = ()
    # the Inline XBRL transformation that reads the printed text (dates), if any
    format: str | None = None
    # "period-end": the date must be the end of the report's current period
    check: str | None = None


class EntityInformation(BaseModel):
    model_config = ConfigDict(frozen=True)

    general_headings: tuple[str, ...]
    facts: tuple[EntityWording, ...]


def _patterns(path: Path, concept: str, texts: list[str]) -> tuple[re.Pattern[str], ...]:
    out = []
    for text in texts:
        try:
            pattern = regex(text, re.MULTILINE)
        except re.error as exc:
            raise ConceptMapError(f"{path}: {concept}: bad wording {text!r}: {exc}") from exc
        if "value" not in pattern.groupindex:
            raise ConceptMapError(f"{path}: {concept}: wording {text!r} has no group 'value'")
        out.append(pattern)
    return tuple(out)


def load_entity_information(path: Path) -> EntityInformation:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    facts = []
    for entry in data.get("fact", []):
        concept = entry["concept"]
        label = entry["zh-Hant"]
        facts.append(
            EntityWording(
                concept=concept,
                labels=Labels(zh_hant=label, zh_hans=simplified(label)),
                cover=_patterns(path, concept, entry.get("cover", [])),
                general=_patterns(path, concept, entry.get("general", [])),
                format=entry.get("format"),
                check=entry.get("check"),
            )
        )
    headings = tuple(data.get("general-headings", ()))
    return EntityInformation(general_headings=headings, facts=tuple(facts))


@functools.cache
def entity_information() -> EntityInformation:
    return load_entity_information(DATA_DIR / ENTITY_INFORMATION_FILE)


@functools.cache
def entity_element_facts() -> dict[str, ElementFacts]:
    """The IFRS Taxonomy's facts (type, period type) of the entity information concepts
    (made for those few, not for the file's every concept: paid by every process)."""
    wanted = {f.concept for f in entity_information().facts}
    ifrs = read_ifrs_facts(DATA_DIR / "ifrs-full-facts.tsv", only=wanted)
    return {f.concept: ifrs[f.concept] for f in entity_information().facts if f.concept in ifrs}
