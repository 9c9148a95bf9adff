"""File names of taxonomies and reports, as the ESEF Reporting Manual names them.

    TaxonomyFiles("00020", "2023-12-31", ("zh-Hant", "zh-Hans"))
        .schema                -> "00020-2023-12-31.xsd"
        .linkbase("pre")       -> "00020-2023-12-31_pre.xml"   (cal, def alike)
        .label("zh-Hant")      -> "00020-2023-12-31_lab-zh-Hant.xml"   one file per language
    report_file_name("00020", "2023-12-31", "zh-Hant") -> "00020-2023-12-31-1-zh-Hant.xhtml"
    file_base("SenseTime Group Inc.") -> "SenseTime_Group_Inc."

ESEF 3.1.5 asks for ``{base}-{date}`` names with a base of at most 20 characters, and 2.6.3
for ``{base}-{date}-{version}-{lang}.xhtml`` reports; a base is made safe for a URL here
(characters such as ``#``, ``%``, ``?`` or spaces become ``_``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

MAX_BASE = 20  # ESEF 3.1.5: the {base} of a taxonomy file name has at most 20 characters
_UNSAFE = re.compile(r"[^\w.\-]")  # \w: letters of any script, digits, _


def file_base(name: str) -> str:
    """A {base}: URL-safe characters only, at most MAX_BASE of them, not ending in . or -."""
    return _UNSAFE.sub("_", name)[:MAX_BASE].rstrip(".-") or "report"


class TaxonomyFiles(NamedTuple):
    """The names of one taxonomy schema's files: ``{base}-{date}.xsd`` and its linkbases."""

    base: str
    date: str  # YYYY-MM-DD
    langs: Sequence[str] = ()

    @property
    def stem(self) -> str:
        return f"{self.base}-{self.date}"

    @property
    def schema(self) -> str:
        return f"{self.stem}.xsd"

    def linkbase(self, kind: str) -> str:
        """``pre``, ``cal``, ``def`` (or ``ref``)."""
        return f"{self.stem}_{kind}.xml"

    def label(self, lang: str) -> str:
        return f"{self.stem}_lab-{lang}.xml"

    def labels(self) -> dict[str, str]:
        """lang -> label linkbase file name."""
        return {lang: self.label(lang) for lang in self.langs}


def report_file_name(base: str, date: str, lang: str, version: int = 1) -> str:
    return f"{base}-{date}-{version}-{lang}.xhtml"
