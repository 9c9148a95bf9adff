"""Load the concept map from ``taxonomy/data`` into typed models.

Layout of the data folder:
- ``ifrs-full-facts.tsv``: schema facts of every ifrs-full element the map uses, copied from
  the IFRS Taxonomy 2022-03-24 (``scripts/sync_ifrs_facts.py`` refreshes it);
- ``ifrs-full-members.tsv``: axis, default member, member, parent, for the members used;
- ``concepts/*.toml``: ``[[concept]]`` entries: labels, synonyms, statements, section;
- ``axes.toml``: ``[[axis]]`` and ``[[member]]`` labels;
- ``sections.toml``: ``[[section]]`` headings that open a statement section;
- ``templates/*.toml``: one statement template each;
- ``note_kinds.toml``: ``[[note]]`` kinds of note tables: the headings naming them, their
  concept and axis or their line items, their total;
- ``movement_kinds.toml``: ``[[movement]]`` movement tables (property, plant and equipment
  …): the headings naming them, the asset's concept and class axis, the movement rows;
- ``variants.toml``: ``[[variant]]`` groups of interchangeable terms (溢利 / 利潤 …) that
  multiply the concepts' wordings;
- ``anchors.toml``: ``[[hint]]`` wordings of lines with no IFRS concept of their own and
  their closest IFRS concepts (what an extension is anchored to, or the concept itself).

Every error names the file and the entry, so a person editing the data can fix it.
"""

from __future__ import annotations

import csv
import functools
import tomllib
from collections.abc import Container, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tagger.errors import ConceptMapError
from taxonomy.balance_kinds import load_balance_kinds
from taxonomy.models import (
    IFRS_PREFIX,
    IXTAG_PREFIX,
    Anchor,
    Attribution,
    Axis,
    Calculation,
    Concept,
    ConceptMap,
    ElementFacts,
    Hint,
    Labels,
    Member,
    MovementKind,
    MovementLine,
    NoteKind,
    NoteTitles,
    SectionHeading,
    StatementTemplate,
)

DATA_DIR = Path(__file__).parent / "data"


@functools.cache
def _to_simplified():
    import opencc  # imported lazily: only label derivation needs it

    return opencc.OpenCC("hk2s")


# Remembered: rules convert their data's wordings at every run (ageing, ECL matrices …), and a
# conversion costs about 5 µs
@functools.lru_cache(maxsize=1 << 14)
def simplified(text: str) -> str:
    """Traditional (Hong Kong) Chinese to Simplified, with OpenCC's phrase tables."""
    return _to_simplified().convert(text)


@functools.cache
def _to_traditional():
    import opencc

    return opencc.OpenCC("s2hk")


@functools.lru_cache(maxsize=1 << 14)  # remembered, as ``simplified``
def traditional(text: str) -> str:
    """Simplified Chinese to Traditional (Hong Kong), with OpenCC's phrase tables."""
    return _to_traditional().convert(text)


def read_ifrs_facts(path: Path, only: Container[str] | None = None) -> dict[str, ElementFacts]:
    """The facts of every concept the file lists, or of those named in ``only``."""
    facts: dict[str, ElementFacts] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if only is not None and row["name"] not in only:
                continue
            facts[row["name"]] = ElementFacts(
                type=row["type"],
                substitution_group=row["substitutionGroup"],
                period_type=row["periodType"],
                balance=row["balance"] or None,
                abstract=row["abstract"] == "true",
            )
    return facts


def with_variants(wordings: Iterable[str], groups: Iterable[tuple[str, ...]]) -> list[str]:
    """The wordings plus each one with a term swapped for another of its group."""
    out = list(dict.fromkeys(wordings))
    for group in groups:
        for wording in list(out):
            for term in group:
                if term in wording:
                    out += [wording.replace(term, other) for other in group if other != term]
        out = list(dict.fromkeys(out))
    return out


def read_variants(path: Path) -> tuple[tuple[str, ...], ...]:
    if not path.is_file():
        return ()
    return tuple(tuple(group["terms"]) for _, group in _entries(path, "variant"))


def _labels(entry: dict[str, Any], variants: tuple[tuple[str, ...], ...] = ()) -> Labels:
    hant = entry["zh-Hant"]
    synonyms = tuple(entry.get("synonyms", ()))
    if variants:
        synonyms = tuple(w for w in with_variants((hant, *synonyms), variants) if w != hant)
    hans = entry.get("zh-Hans") or simplified(hant)
    derived = [simplified(s) for s in (hant, *synonyms)]
    extra_hans = list(entry.get("synonyms-zh-Hans", ()))
    hans_synonyms = tuple(dict.fromkeys(s for s in [*derived, *extra_hans] if s != hans))
    negated = list(entry.get("negated-synonyms", ()))
    negated += [simplified(s) for s in negated]
    return Labels(
        zh_hant=hant,
        zh_hans=hans,
        en=entry.get("en"),
        synonyms_hant=synonyms,
        synonyms_hans=hans_synonyms,
        negated=tuple(dict.fromkeys(negated)),
    )


@contextmanager
def _entry(where: str):
    """Any error in reading one entry becomes a ConceptMapError naming the entry."""
    try:
        yield
    except ConceptMapError:
        raise
    except KeyError as exc:
        raise ConceptMapError(f"{where}: missing key {exc}") from exc
    except (TypeError, ValueError, ValidationError) as exc:
        reason = " ".join(str(exc).split())
        raise ConceptMapError(f"{where}: {reason}") from exc


def _entries(path: Path, key: str) -> Iterable[tuple[str, dict[str, Any]]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConceptMapError(f"{path.name}: not valid TOML: {exc}") from exc
    for index, entry in enumerate(data.get(key, []), start=1):
        name = entry.get("name", entry.get("total", "?"))
        yield f"{path.name}: {key} #{index} ({name})", entry


def _concept(
    where: str,
    entry: dict[str, Any],
    ifrs: dict[str, ElementFacts],
    variants: tuple[tuple[str, ...], ...] = (),
) -> Concept:
    prefix = entry.get("prefix", IFRS_PREFIX)
    name = entry["name"]
    if prefix == IFRS_PREFIX:
        if name not in ifrs:
            raise ConceptMapError(f"{where}: not in ifrs-full-facts.tsv")
        facts = ifrs[name]
    else:
        facts = ElementFacts(
            type=entry["type"],
            period_type=entry["period-type"],
            balance=entry.get("balance"),
        )
    anchor = entry.get("anchor")
    return Concept(
        prefix=prefix,
        name=name,
        facts=facts,
        labels=_labels(entry, variants),
        statements=tuple(entry.get("statements", ())),
        section=entry.get("section"),
        anchor=Anchor(**anchor) if anchor else None,
    )


def _load_concepts(data_dir: Path, ifrs: dict[str, ElementFacts]) -> dict[str, Concept]:
    concepts: dict[str, Concept] = {}
    variants = read_variants(data_dir / "variants.toml")
    for path in sorted((data_dir / "concepts").glob("*.toml")):
        for where, entry in _entries(path, "concept"):
            with _entry(where):
                concept = _concept(where, entry, ifrs, variants)
            if concept.name in concepts:
                raise ConceptMapError(f"{where}: concept declared twice")
            if concept.prefix == IXTAG_PREFIX and concept.anchor is None:
                raise ConceptMapError(f"{where}: an ixtag concept needs an anchor")
            concepts[concept.name] = concept
    return concepts


def _load_dimensions(
    data_dir: Path, ifrs: dict[str, ElementFacts]
) -> tuple[dict[str, Axis], dict[str, Member]]:
    hierarchy: dict[str, tuple[str, str, str]] = {}  # member -> (axis, default, parent)
    with (data_dir / "ifrs-full-members.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            hierarchy[row["member"]] = (row["axis"], row["default_member"], row["parent"])
    axes: dict[str, Axis] = {}
    members: dict[str, Member] = {}
    path = data_dir / "axes.toml"
    for where, entry in _entries(path, "axis"):
        with _entry(where):
            name = entry["name"]
            defaults = {d for a, d, _ in hierarchy.values() if a == name}
            if name not in ifrs or len(defaults) != 1:
                raise ConceptMapError(f"{where}: unknown axis or no single default member")
            axes[name] = Axis(
                name=name, default_member=defaults.pop(), labels=_labels(entry), facts=ifrs[name]
            )
    for where, entry in _entries(path, "member"):
        with _entry(where):
            name = entry["name"]
            if name not in hierarchy or name not in ifrs:
                raise ConceptMapError(f"{where}: not in ifrs-full-members.tsv / facts")
            axis, _, parent = hierarchy[name]
            if axis not in axes:
                raise ConceptMapError(f"{where}: its axis {axis} has no [[axis]] entry")
            members[name] = Member(
                name=name,
                axis=axis,
                parent=None if parent == axis else parent,
                labels=_labels(entry),
                facts=ifrs[name],
            )
    for name, member in members.items():
        if member.parent is not None and member.parent not in members:
            raise ConceptMapError(f"axes.toml: member {name}: parent {member.parent} has no entry")
    return axes, members


def _load_sections(data_dir: Path) -> tuple[SectionHeading, ...]:
    path = data_dir / "sections.toml"
    out = []
    for where, entry in _entries(path, "section"):
        with _entry(where):
            out.append(
                SectionHeading(
                    section=entry["name"],
                    statements=tuple(entry["statements"]),
                    headings=tuple(entry["headings"]),
                )
            )
    return tuple(out)


def _template(path: Path, data: dict[str, Any]) -> StatementTemplate:
    calcs = tuple(
        Calculation(total=c["total"], items=tuple((k, int(v)) for k, v in c["items"].items()))
        for c in data.get("calculation", ())
    )
    return StatementTemplate(
        en_titles=tuple(data.get("en-titles", ())),
        statement=data["statement"],
        role=data["role"],
        labels=_labels(data),
        root=data["root"],
        presentation=tuple(data["presentation"]),
        calculations=calcs,
        axes=tuple(data.get("axes", ())),
        line_items=data.get("line-items"),
        table=data.get("table"),
    )


def _load_templates(data_dir: Path, known: set[str]) -> dict[str, StatementTemplate]:
    templates: dict[str, StatementTemplate] = {}
    for path in sorted((data_dir / "templates").glob("*.toml")):
        with _entry(path.name):
            template = _template(path, tomllib.loads(path.read_text(encoding="utf-8")))
        used = {template.root, *template.presentation}
        used |= {c.total for c in template.calculations}
        used |= {name for c in template.calculations for name, _ in c.items}
        missing = sorted(used - known)
        if missing:
            raise ConceptMapError(f"{path.name}: concepts not in the map: {', '.join(missing)}")
        templates[template.statement] = template
    return templates


def load_concept_map(data_dir: Path = DATA_DIR) -> ConceptMap:
    """Read and check every data file; raise ConceptMapError naming the bad entry."""
    for name in ("ifrs-full-facts.tsv", "ifrs-full-members.tsv", "axes.toml", "concepts"):
        if not (data_dir / name).exists():
            raise ConceptMapError(f"{data_dir}: no {name}: not a concept map data folder")
    with _entry("ifrs-full-facts.tsv"):
        ifrs = read_ifrs_facts(data_dir / "ifrs-full-facts.tsv")
    concepts = _load_concepts(data_dir, ifrs)
    axes, members = _load_dimensions(data_dir, ifrs)
    sections = _load_sections(data_dir)
    # Abstracts and hypercube elements a template names are declared too; they come from facts.
    known = set(concepts) | {n for n, f in ifrs.items() if f.abstract}
    templates = _load_templates(data_dir, known)
    return ConceptMap(
        concepts=concepts,
        axes=axes,
        members=members,
        sections=sections,
        templates=templates,
        attributions=_load_attributions(data_dir, set(concepts)),
        parties=_load_parties(data_dir),
        notes=_load_note_titles(data_dir, ifrs),
        hints=_load_hints(data_dir, concepts),
        note_kinds=_load_note_kinds(data_dir, set(concepts), set(axes)),
        movement_kinds=_load_movement_kinds(data_dir, set(concepts), set(axes)),
        balance_kinds=load_balance_kinds(data_dir, set(concepts)),
    )


def _load_note_titles(data_dir: Path, ifrs: dict[str, ElementFacts]) -> NoteTitles | None:
    path = data_dir / "disclosures.toml"
    if not path.is_file():
        return None
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    notes = data.get("notes", {})
    titles: dict[str, str] = {}
    for where, entry in _entries(path, "disclosure"):
        with _entry(where):
            name = entry["name"]
            if ifrs.get(name) is None or not ifrs[name].type.endswith("textBlockItemType"):
                raise ConceptMapError(f"{where}: not an ifrs-full text block element")
            for title in entry["titles"]:
                for form in (title, simplified(title)):
                    titles.setdefault(note_title_key(form), name)
    with _entry(f"{path.name}: [notes]"):
        both = lambda words: tuple(dict.fromkeys([*words, *map(simplified, words)]))  # noqa: E731
        if notes.get("general") not in ifrs:
            raise ConceptMapError(f"{path.name}: [notes] general is not an ifrs-full element")
        return NoteTitles(
            general=notes["general"],
            opening=both(notes.get("opening", [])),
            closing=both(notes.get("closing", [])),
            titles=titles,
        )


def note_title_key(title: str) -> str:
    """A note title as compared: no spaces, no trailing colon, ASCII brackets and slash."""
    key = "".join(title.split()).rstrip(":：")
    return key.translate(str.maketrans({"（": "(", "）": ")", "／": "/", "╱": "/"}))


def _load_hints(data_dir: Path, concepts: dict[str, Concept]) -> tuple[Hint, ...]:
    path = data_dir / "anchors.toml"
    if not path.is_file():
        return ()
    out = []
    for where, entry in _entries(path, "hint"):
        with _entry(where):
            wordings = [str(w) for w in entry.get("wordings", ())]
            both = [*wordings, *(simplified(w) for w in wordings)]
            hint = Hint(**{**entry, "wordings": tuple(dict.fromkeys(both))})
            missing = [n for n in hint.concepts if n not in concepts]
            if missing:
                raise ConceptMapError(f"{where}: concepts not in the map: {', '.join(missing)}")
            if not hint.concepts or (hint.relation != "narrower" and len(hint.concepts) > 1):
                raise ConceptMapError(f"{where}: one concept, or several narrower ones")
            if not hint.wordings and hint.relation != "wider":
                raise ConceptMapError(f"{where}: a section's anchor (no wordings) is wider")
        out.append(hint)
    return tuple(out)


def _load_note_kinds(data_dir: Path, known: set[str], axes: set[str]) -> tuple[NoteKind, ...]:
    """Kinds of note tables; their headings in both scripts (Simplified derived)."""
    path = data_dir / "note_kinds.toml"
    if not path.is_file():
        return ()
    out: list[NoteKind] = []
    for where, entry in _entries(path, "note"):
        with _entry(where):
            for key in (
                "headings",
                "allowances",
                "gross-words",
                "other-wordings",
                "deduction-words",
                "section-words",
            ):
                if key in entry:
                    given = [str(h) for h in entry[key]]
                    entry[key] = list(dict.fromkeys([*given, *(simplified(h) for h in given)]))
            kind = NoteKind(**{k.replace("-", "_"): v for k, v in entry.items()})
        named = [kind.concept, kind.total, *kind.items, *kind.subtotals]
        named += [kind.extend, kind.extend_beside]
        missing = [n for n in named if n and n not in known]
        if missing:
            raise ConceptMapError(f"{where}: concepts not in the map: {', '.join(missing)}")
        for axis in (kind.axis, kind.carrying_axis):
            if axis and axis not in axes:
                raise ConceptMapError(f"{where}: axis {axis} not in axes.toml")
        if kind.own_items and not kind.total:
            raise ConceptMapError(f"{where}: own-items need a total to be narrower than")
        if kind.allowances and not (kind.carrying_axis and kind.gross_member):
            raise ConceptMapError(f"{where}: allowances need a carrying-axis and its members")
        if bool(kind.axis) != bool(kind.concept) or bool(kind.axis) == bool(kind.items):
            raise ConceptMapError(f"{where}: give a concept and an axis, or items")
        out.append(kind)
    return tuple(out)


def _both(wordings: Iterable[str]) -> tuple[str, ...]:
    wordings = [str(w) for w in wordings]
    return tuple(dict.fromkeys([*wordings, *(simplified(w) for w in wordings)]))


def _load_movement_kinds(
    data_dir: Path, known: set[str], axes: set[str]
) -> tuple[MovementKind, ...]:
    """Kinds of movement tables; headings and wordings in both scripts (Simplified derived)."""
    path = data_dir / "movement_kinds.toml"
    if not path.is_file():
        return ()
    out: list[MovementKind] = []
    for where, entry in _entries(path, "movement"):
        with _entry(where):
            lines = tuple(
                MovementLine(
                    concept=line["concept"],
                    effect=line["effect"],
                    wordings=_both(line["wordings"]),
                    gross=line.get("gross", True),
                    accumulated=line.get("accumulated"),
                )
                for line in entry.pop("line", [])
            )
            kind = MovementKind(
                name=entry["name"],
                headings=_both(entry["headings"]),
                concept=entry["concept"],
                axis=entry["axis"],
                not_classes=_both(entry.get("not-classes", ())),
                lines=lines,
            )
        missing = [n for n in (kind.concept, *(ln.concept for ln in lines)) if n not in known]
        if missing:
            raise ConceptMapError(f"{where}: concepts not in the map: {', '.join(missing)}")
        if kind.axis not in axes:
            raise ConceptMapError(f"{where}: axis {kind.axis} not in axes.toml")
        out.append(kind)
    return tuple(out)


def _load_parties(data_dir: Path) -> dict[str, tuple[str, ...]]:
    path = data_dir / "attributions.toml"
    if not path.is_file():
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for where, entry in _entries(path, "party"):
        with _entry(where):
            wordings = [str(w) for w in entry["wordings"]]
            both = [*wordings, *(simplified(w) for w in wordings)]
            out[entry["name"]] = tuple(dict.fromkeys(both))
    return out


def _load_attributions(data_dir: Path, known: set[str]) -> dict[str, Attribution]:
    path = data_dir / "attributions.toml"
    if not path.is_file():
        return {}
    out: dict[str, Attribution] = {}
    for where, entry in _entries(path, "attribution"):
        with _entry(where):
            attribution = Attribution(**entry)
            named = [
                attribution.total,
                attribution.owners,
                attribution.nci,
                attribution.continuing,
                attribution.discontinued,
            ]
            missing = [n for n in named if n and n not in known]
            if missing:
                raise ConceptMapError(f"{where}: concepts not in the map: {', '.join(missing)}")
            out[attribution.total] = attribution
    return out


@functools.cache
def default_concept_map() -> ConceptMap:
    """The concept map shipped with ixtag, loaded once per process: from its snapshot when
    that was made from the data as it is (``taxonomy.snapshot``), else from the data."""
    from taxonomy.snapshot import read_snapshot

    return read_snapshot(DATA_DIR) or load_concept_map(DATA_DIR)
