"""The closest IFRS concept of a printed line that no IFRS wording matched, from the
wordings of ``taxonomy/data/anchors.toml`` (``taxonomy.models.Hint``).

Wordings are found anywhere in the label (已收來自…的股息及利息 holds 股息及利息); the longest
wording found wins, a hint for the row's own section before one for any section; with none,
the section's own anchor (a hint with no wordings), if the data gives one.
"""

from __future__ import annotations

from tagger.vocabulary import compact
from taxonomy.models import ConceptMap, Hint, Section, StatementKind


def hint_for(
    cmap: ConceptMap, label: str, statement: StatementKind | None, section: Section | None
) -> tuple[Hint, str] | None:
    """(hint, the wording found) for a printed label, or None."""
    key = compact(label)
    best: tuple[int, int, Hint, str] | None = None
    fallback: Hint | None = None
    for hint in cmap.hints:
        if hint.statement != statement or hint.section not in (None, section):
            continue
        if not hint.wordings:
            if fallback is None or fallback.section is None:
                fallback = hint  # the row's own section's before any section's
            continue
        for wording in hint.wordings:
            if wording in key:
                rank = (len(wording), hint.section is not None)
                if best is None or rank > best[:2]:
                    best = (*rank, hint, wording)
    if best is not None:
        return best[2], best[3]
    return (fallback, "") if fallback is not None else None
