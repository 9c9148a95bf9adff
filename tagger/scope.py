"""Rules on concept choice that look at a whole statement, not one row: after each row has
its concept (``tagger.matching``), before facts are made.

- **No over-extension**: a line whose wording names an IFRS concept it is (anchors.toml,
  relation "same") takes that concept when no other line of its statement is tagged with it
  or points at it; two lines pointing at one concept (an increase and a decrease printed
  apart) are its parts and stay extensions anchored to it.
- **Parts printed beside their whole**: IFRS's member tree puts some components of equity
  under others (貨幣換算儲備 under 其他儲備). When a statement prints both, the printed
  "other reserves" excludes the part printed beside it, so it is not the IFRS concept or
  member: it becomes an extension narrower than it (a member placed under it), and the
  printed part keeps its own IFRS concept or member, outside the extension.
"""

from __future__ import annotations

from collections import defaultdict

from tagger.extensions import ExtensionRegistry, concept_ref
from tagger.matcher import Match
from tagger.model import Table
from tagger.vocabulary import label_as_printed
from taxonomy.models import EQUITY_AXIS, IFRS_PREFIX, ConceptMap

# Members that are the totals of the components (總權益, 本公司擁有人應佔權益): every
# component is under them by design, and they are printed as totals, not beside parts.
_TOTALS = frozenset({"EquityMember", "EquityAttributableToOwnersOfParentMember"})
_AXIS = EQUITY_AXIS.split(":")[1]  # a component's concept and member share a name
_HINT_CONFIDENCE = 0.8  # the concept is the hint's, taken because it was free


def take_free_concepts(tables: list[Table], rows: dict, cmap: ConceptMap) -> dict:
    """``rows`` with each sole claimant of a free IFRS concept given that concept."""
    used: set[tuple[str, str]] = set()
    claims: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for key, planned in rows.items():
        statement = tables[key[0]].statement
        if statement is None:
            continue
        if not planned.concept.extension:
            used.add((statement, planned.concept.name))
        elif planned.same_as:
            claims[(statement, planned.same_as)].append(key)
    out = dict(rows)
    for (statement, name), keys in claims.items():
        if len(keys) != 1 or (statement, name) in used:
            continue
        concept = cmap.concepts[name]
        table_index, row_index = keys[0]
        wording = tables[table_index].rows[row_index].label
        match = Match(concept=concept, method="hint", confidence=_HINT_CONFIDENCE, wording=wording)
        out[keys[0]] = out[keys[0]].model_copy(
            update={"concept": concept_ref(concept), "match": match, "same_as": None}
        )
    return out


def _wholes(cmap: ConceptMap, printed: dict[str, str]) -> dict[str, list[str]]:
    """member -> the printed members under it in IFRS's tree, among the printed components
    (``printed``: member name -> printed label)."""
    out: dict[str, list[str]] = defaultdict(list)
    for part in printed:
        parent = cmap.members[part].parent
        while parent is not None:
            if parent in printed and parent not in _TOTALS:
                out[parent].append(part)
            parent = cmap.members[parent].parent
    return out


def _excluding(label: str, parts: list[str]) -> str:
    return f"{label}（不包括{'、'.join(parts)}）"


def _component(cmap: ConceptMap, concept) -> str | None:
    """The component-of-equity member a balance sheet line's IFRS concept stands for
    (OtherReserves -> OtherReservesMember), when it is a component and not a total."""
    member = cmap.members.get(f"{concept.name}Member")
    if concept.prefix != IFRS_PREFIX or member is None or member.axis != _AXIS:
        return None
    return None if member.name in _TOTALS else member.name


def _narrow_rows(tables: list[Table], rows: dict, cmap: ConceptMap, registry) -> dict:
    by_member: dict[str, list[tuple[int, int]]] = defaultdict(list)
    printed: dict[str, str] = {}
    for key, planned in rows.items():
        table = tables[key[0]]
        member = _component(cmap, planned.concept)
        if table.statement == "financial_position" and member:
            by_member[member].append(key)
            printed.setdefault(member, table.rows[key[1]].label)
    out = dict(rows)
    for whole, parts in _wholes(cmap, printed).items():
        for key in by_member[whole]:
            row = tables[key[0]].rows[key[1]]
            base = cmap.concepts[rows[key].concept.name]
            label = _excluding(label_as_printed(row.printed_label), [printed[p] for p in parts])
            concept = registry.concept(
                label=label,
                statement="financial_position",
                instant=True,
                balance=base.facts.balance,
                anchor=base,
                closest=True,
            )
            match = Match(concept=None, method="part-beside", confidence=1.0, wording=row.label)
            out[key] = rows[key].model_copy(update={"concept": concept, "match": match})
    return out


def _narrow_columns(tables: list[Table], members: dict, cmap: ConceptMap, registry) -> dict:
    out = dict(members)
    for table_index, table in enumerate(tables):
        columns = {
            members[(table_index, i)].split(":")[1]: (i, c.label)
            for i, c in enumerate(table.columns)
            if members.get((table_index, i), "").startswith(f"{IFRS_PREFIX}:")
        }
        labels = {name: label for name, (_, label) in columns.items()}
        for whole, parts in _wholes(cmap, labels).items():
            label = _excluding(labels[whole], [labels[p] for p in parts])
            qname = registry.part_member(label, f"{IFRS_PREFIX}:{whole}")
            out[(table_index, columns[whole][0])] = qname
    return out


def narrow_printed_wholes(
    tables: list[Table], rows: dict, members: dict, cmap: ConceptMap, registry: ExtensionRegistry
) -> tuple[dict, dict]:
    """``rows`` and equity ``members`` with each whole that a statement prints beside one of
    its parts made an extension narrower than it (see the module docstring)."""
    return (
        _narrow_rows(tables, rows, cmap, registry),
        _narrow_columns(tables, members, cmap, registry),
    )
