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

import functools
from decimal import Decimal
from typing import NamedTuple

from tagger.extensions import ConceptRef, concept_ref
from tagger.model import Table
from tagger.vocabulary import Vocabulary, compact

_OWNERS = "EquityAttributableToOwnersOfParentMember"
_NCI = "NoncontrollingInterestsMember"
_TOTAL_WORDS = ("總計", "小計", "合計", "总计", "小计", "合计")
_SHARE_OF = ("應佔", "应占")
_WIDEST = ("ProfitLoss", "ComprehensiveIncome")
_KIND = {
    "owners": "holders",
    "nci": "holders",
    "continuing": "operations",
    "discontinued": "operations",
}


class _Wordings(NamedTuple):  # a NamedTuple: a dataclass costs 0.4 ms at import
    """The concept map's attribution wordings, indexed once per vocabulary."""

    parties: dict[str, tuple[int, str]]  # compacted wording -> (place, party), first party
    shares: dict[str, tuple[str, str]]  # attributed concept -> (total, party), first total
    totals: tuple[tuple[str, str], ...]  # (total, compacted wording), in the map's order


@functools.lru_cache(maxsize=8)
def _wordings(vocab: Vocabulary) -> _Wordings:
    """A pure function of a vocabulary, which never changes (memoised by its identity)."""
    concept_map = vocab.concept_map
    parties: dict[str, tuple[int, str]] = {}
    for place, (name, wordings) in enumerate(concept_map.parties.items()):
        for wording in wordings:
            parties.setdefault(compact(wording), (place, name))
    shares: dict[str, tuple[str, str]] = {}
    for total, attribution in concept_map.attributions.items():
        for who in ("owners", "nci", "continuing", "discontinued"):
            name = attribution.share(who)
            if name is not None:
                shares.setdefault(name, (total, who))
    totals = tuple(
        (total, compact(wording))
        for total in concept_map.attributions
        if (concept := concept_map.concepts.get(total)) is not None
        for wording in concept.labels.all_wordings()
    )
    return _Wordings(parties, shares, totals)


def party(label: str, vocab: Vocabulary) -> str | None:
    """The share a row names (－本公司擁有人, 非控股權益, 來自持續經營業務): "owners", "nci",
    "continuing" or "discontinued", else None."""
    key = compact(label).lstrip("-")
    if not key or any(word in key for word in _TOTAL_WORDS):
        return None
    bare = key.removesuffix(_SHARE_OF[0]).removesuffix(_SHARE_OF[1])
    parties = _wordings(vocab).parties
    named = [parties[k] for k in (key, bare) if k in parties]
    if named:
        return min(named)[1]  # the first party that has either wording
    for text in (key, key + _SHARE_OF[0], key + _SHARE_OF[1]):
        names = {m.name for m in vocab.members_for(text)}
        if _OWNERS in names:
            return "owners"
        if _NCI in names:
            return "nci"
    return None


def _values(table: Table, index: int) -> list[Decimal | None]:
    return [c.value for c in table.rows[index].cells]


def _matched_party(label: str, concept: ConceptRef | None, vocab: Vocabulary) -> str | None:
    """The party of a row the matcher already gave an attributed concept; None when its
    label prints the total too (本公司擁有人應佔年度全面開支總額 with no total printed
    above it): such a row says all it means itself."""
    share = _wordings(vocab).shares.get(concept.name) if concept is not None else None
    if share is None:
        return None
    total, who = share
    return None if _names_total(label, total, vocab) else who


def _names_total(label: str, total: str, vocab: Vocabulary) -> bool:
    key = compact(label)
    for share in _SHARE_OF:
        if share in key:
            rest = key.split(share, 1)[1]
            if any(c.name == total for c in vocab.concepts_for(rest)):
                return True
    return False


def _groups(
    table: Table, concepts: dict[int, ConceptRef], vocab: Vocabulary
) -> list[list[tuple[int, str]]]:
    """Runs of consecutive amount rows that each name a party."""
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for index, row in enumerate(table.rows):
        if not row.cells:
            if current:  # a heading ends the group (以下人士應佔年度全面收益總額：)
                groups.append(current)
            current = []
            continue
        matched = concepts.get(index)
        if not row.label or (matched is not None and matched.period_type == "instant"):
            who = None  # an unlabelled total, or 本公司擁有人應佔權益: a balance, not a share
        else:
            who = party(row.label, vocab) or _matched_party(row.label, matched, vocab)
        if who and current and _KIND[who] != _KIND[current[-1][1]]:
            groups.append(current)  # owners / NCI, then continuing / discontinued: two splits
            current = []
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


def _named_total(table: Table, first: int, vocab: Vocabulary) -> str | None:
    """The total a heading just above the group names (以下人士應佔年度溢利： -> ProfitLoss):
    the attributed total whose longest wording the heading contains."""
    headings = []
    for row in reversed(table.rows[:first]):
        if row.cells:
            break
        headings.append(compact(row.label))
    text = "".join(reversed(headings))
    best, length = None, 0
    for total, key in _wordings(vocab).totals:
        if len(key) > length and key in text:
            best, length = total, len(key)
    return best


def _total_of(
    table: Table, indices: list[int], concepts: dict[int, ConceptRef], vocab: Vocabulary
) -> str | None:
    """The total a group of attribution rows divides, or None when it cannot be told: the
    one attributed total row its amounts add up to; of several, the one its heading names
    or the one printed next to it; with none printed, the one its heading names."""
    attributions = vocab.concept_map.attributions
    amount_rows = [i for i, row in enumerate(table.rows) if row.cells]
    position = amount_rows.index(indices[0])
    beside = {
        amount_rows[k] for k in (position - 1, position + len(indices)) if 0 <= k < len(amount_rows)
    }
    summed = {
        n: concepts[n].name
        for n in amount_rows
        if n in concepts and concepts[n].name in attributions and _sums_to(table, indices, n)
    }
    candidates = set(summed.values())
    named = _named_total(table, indices[0], vocab)
    adjacent = {name for n, name in summed.items() if n in beside}
    if len(candidates) == 1:
        return candidates.pop()
    if named and named in candidates:
        return named
    widest = [c for c in _WIDEST if c in candidates]
    if widest:  # no discontinued operations: the profit and the continuing one are equal
        return widest[0]
    if len(adjacent) == 1:
        return adjacent.pop()
    return named if not candidates else None


def attributed(
    table: Table, concepts: dict[int, ConceptRef], vocab: Vocabulary
) -> tuple[dict[int, ConceptRef], dict[int, str]]:
    """(row -> attributed concept, row -> why it cannot be told) for a statement table whose
    rows are matched to ``concepts``."""
    found: dict[int, ConceptRef] = {}
    unclear: dict[int, str] = {}
    for group in _groups(table, concepts, vocab):
        indices = [i for i, _ in group]
        total = _total_of(table, indices, concepts, vocab)
        attribution = vocab.concept_map.attributions.get(total) if total else None
        for index, who in group:
            name = attribution.share(who) if attribution else None
            concept = vocab.concept_map.concepts.get(name) if name else None
            if concept is None:
                unclear[index] = (
                    "an attribution row whose total cannot be told from the printed amounts"
                    if total is None
                    else f"no attributed concept for the total {total}"
                )
            else:
                found[index] = concept_ref(concept)
    return found, unclear
