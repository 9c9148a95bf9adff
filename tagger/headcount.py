"""Rule: the number of employees, where running text prints it at a date.

    於2023年12月31日，本集團有4,531名僱員。
    截至2023年12月31日，我們的僱員總數為1,208人。

The count is ``ifrs-full:NumberOfEmployees`` at that date (an instant, unit pure, exact). A
count said to be about (約), more or less (逾, 超過), or printed with no date is not tagged:
it stays reported by the coverage stage, like every other figure of the text.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tagger.extensions import concept_ref
from tagger.facts import Fact, sentence_fact
from tagger.model import Cell, Document, Period
from tagger.regex_cache import regex
from tagger.text_figures import line_of, line_starts
from tagger.units import PURE
from taxonomy.models import ConceptMap

_CONCEPT = "NumberOfEmployees"
_DATE = r"(?:於|于|截至)\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日[，,]?\s*"
_WHO = r"(?:本集團|本集团|我們|我们|本公司|集團|集团)?"
_COUNT = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*"
_STAFF = r"(?:全職|全职)?(?:僱員|雇员|員工|员工)"
_HEADCOUNTS = (
    # 本集團有4,531名僱員 / 我們共聘用1,208名全職員工
    regex(
        rf"{_DATE}{_WHO}(?:共|合共|總共|总共)?(?:有|擁有|拥有|聘有|聘用|僱用|雇用)"
        rf"(?:合共|共)?\s*{_COUNT}名{_STAFF}"
    ),
    # 我們的僱員總數為1,208人
    regex(
        rf"{_DATE}{_WHO}的?{_STAFF}(?:總數|总数|人數|人数)(?:為|为|達|达|共)\s*{_COUNT}(?:名|人)"
    ),
)


def headcount_facts(document: Document, cmap: ConceptMap, lines: dict[int, str]) -> list[Fact]:
    concept = cmap.concepts.get(_CONCEPT)
    if concept is None:
        return []
    facts = []
    for index, block in enumerate(document.blocks):
        if block.kind != "paragraph" or "名" not in block.text and "人" not in block.text:
            continue
        starts = line_starts(block.lines, lines)
        for pattern in _HEADCOUNTS:
            for match in pattern.finditer(block.text):
                try:
                    at = date(int(match["y"]), int(match["m"]), int(match["d"]))
                except ValueError:
                    continue
                count = Decimal(match["n"].replace(",", ""))
                line = line_of(match.start("n"), starts)
                facts.append(
                    sentence_fact(
                        concept_ref(concept),
                        Period(end=at),
                        PURE,
                        Cell(text=match["n"], line=line, value=count, places=0),
                        0,
                        match.group().strip(),
                        "the number of employees at the date the sentence names",
                        (index, match.start("n")),
                    )
                )
    return facts
