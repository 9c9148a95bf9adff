"""Rule: an attribution row takes its meaning from the total it divides.

本公司擁有人 / 非控股權益 printed under 年度溢利 are the profit attributable to the owners and
to the non-controlling interests; under 全面收益總額 they are the comprehensive income's; under
持續經營業務溢利 the continuing operations'. Which total a group of attribution rows divides
is read from the printed numbers: the group adds up to the amounts of the row just above it
or of the (often unlabelled) row just below it. The concepts come from the concept map's
attributions. A group whose total cannot be told, or whose total has no attributed
concepts, is reported and left untagged: never guessed from the heading alone.
"""

from __future__ import annotations

from decimal import Decimal

from tagger.extensions import ConceptRef, concept_ref
from tagger.model import Table
from tagger.vocabulary import Vocabulary, compact

_OWNERS = "EquityAttributableToOwnersOfParentMember"
_NCI = "NoncontrollingInterestsMember"
_TOTAL_WORDS = ("總計", "小計", "合計", "总计", "小计", "合计")
_SHARE_OF = ("應佔", "应占")


def party(label: str, vocab: Vocabulary) -> str | None:
    """ "owners" or "nci" for a row that names a party (－本公司擁有人, 非控股權益), else None."""
    key = compact(label).lstrip("-")
    if not key or any(word in key for word in _TOTAL_WORDS):
        return None
    for text in (key, key + _SHARE_OF[0], key + _SHARE_OF[1]):
        names = {m.name for m in vocab.members_for(text)}
        if _OWNERS in names:
            return "owners"
        if _NCI in names:
            return "nci"
    return None


def _values(table: Table, index: int) -> list[Decimal | None]:
    return [c.value for c in table.rows[index].cells]


def _matched_party(concept: ConceptRef | None, vocab: Vocabulary) -> str | None:
    """The party of a row the matcher already gave an attributed concept."""
    for attribution in vocab.concept_map.attributions.values():
        if concept is not None and concept.name == attribution.owners:
            return "owners"
        if concept is not None and concept.name == attribution.nci:
            return "nci"
    return None


def _groups(
    table: Table, concepts: dict[int, ConceptRef], vocab: Vocabulary
) -> list[list[tuple[int, str]]]:
    """Runs of consecutive amount rows that each name a party."""
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for index, row in enumerate(table.rows):
        if not row.cells:
            continue
        who = (party(row.label, vocab) if row.label else None) or _matched_party(
            concepts.get(index), vocab
        )
        if who:
            current.append((index, who))
            continue
        if current:
            groups.append(current)
        current = []
    if current:
        groups.append(current)
    return groups


def _sums_to(table: Table, rows: list[int], total: int) -> bool:
    total_values = _values(table, total)
    sums = [
        sum(v for v in column if v is not None) if None not in column else None
        for column in zip(*(_values(table, r) for r in rows), strict=False)
    ]
    return bool(total_values) and len(sums) == len(total_values) and sums == total_values


def attributed(
    table: Table, concepts: dict[int, ConceptRef], vocab: Vocabulary
) -> tuple[dict[int, ConceptRef], dict[int, str]]:
    """(row -> attributed concept, row -> why it cannot be told) for a statement table whose
    rows are matched to ``concepts``."""
    found: dict[int, ConceptRef] = {}
    unclear: dict[int, str] = {}
    amount_rows = [i for i, row in enumerate(table.rows) if row.cells]
    for group in _groups(table, concepts, vocab):
        indices = [i for i, _ in group]
        position = amount_rows.index(indices[0])
        neighbours = [
            amount_rows[k]
            for k in (position - 1, position + len(indices))
            if 0 <= k < len(amount_rows)
        ]
        totals = {
            concepts[n].name for n in neighbours if n in concepts and _sums_to(table, indices, n)
        }
        attribution = (
            vocab.concept_map.attributions.get(next(iter(totals))) if len(totals) == 1 else None
        )
        for index, who in group:
            name = getattr(attribution, who, None) if attribution else None
            concept = vocab.concept_map.concepts.get(name) if name else None
            if concept is None:
                unclear[index] = (
                    "an attribution row whose total cannot be told from the printed amounts"
                    if len(totals) != 1
                    else f"no attributed concept for the total {next(iter(totals))}"
                )
            else:
                found[index] = concept_ref(concept)
    return found, unclear
