"""The one options model of a tagging run, shared by the CLI and the Python API."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

# The entity identifier's scheme when the user gives none: HKEX stock codes.
DEFAULT_SCHEME = "https://www.hkex.com.hk/stock-code"
# The scheme of a Legal Entity Identifier (ISO 17442), given with ``ixtag tag --lei``.
LEI_SCHEME = "http://standards.iso.org/iso/17442"


class TagOptions(BaseModel):
    model_config = ConfigDict(frozen=True)

    period_end: date | None = None  # for statements whose column headers print no period end
    entity_scheme: str = DEFAULT_SCHEME
    entity_id: str | None = None  # default: the stock code printed in the announcement
    stem: str | None = None  # name of the report's files; default: the input's file stem
    concept_map: Path | None = None  # a concept map data folder; default: the shipped one
    min_confidence: float = 0.0  # facts below this go to review instead of the report
