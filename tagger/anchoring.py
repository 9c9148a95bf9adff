"""Rule: an extension concept that a printed IFRS total adds up is anchored to that total,
unless a closer concept was named for it.

ESEF's wider-narrower anchoring names, for each extension, the closest IFRS concept. The
match stage names it from the wording (``taxonomy/data/anchors.toml``: 已收股息及利息 is
wider than dividends received and interest received) or from a part printed beside it; those
anchors are kept (``ConceptRef.closest``). For the others, the IFRS total the statement prints
the extension as an item of is wider and closer than the nearest wording's concept.
"""

from __future__ import annotations

from tagger.arithmetic import Summation
from tagger.extensions import ConceptRef
from tagger.facts import Fact
from xbrl.urls import IFRS_PREFIX


def anchor_to_totals(
    facts: list[Fact], found: list[Summation]
) -> tuple[list[Fact], list[Summation]]:
    wider: dict[str, str] = {}
    for summation in found:
        if summation.total.prefix == IFRS_PREFIX:
            for item, _ in summation.items:
                if item.extension and not item.closest:
                    wider.setdefault(item.qname, summation.total.qname)
    if not wider:
        return facts, found

    def anchored(concept: ConceptRef) -> ConceptRef:
        if concept.qname not in wider:
            return concept
        return concept.model_copy(update={"anchor": wider[concept.qname]})

    facts = [f.model_copy(update={"concept": anchored(f.concept)}) for f in facts]
    found = [
        s.model_copy(
            update={
                "total": anchored(s.total),
                "items": tuple((anchored(c), w) for c, w in s.items),
            }
        )
        for s in found
    ]
    return facts, found
