"""Copy the IFRS Taxonomy facts of the elements the concept map uses into taxonomy/data.

Run after adding ifrs-full concepts, axes or members to the data files:
    python scripts/sync_ifrs_facts.py [../shared/ifrs]
The project never reads ../shared at run time; this script is the only bridge.
"""

from __future__ import annotations

import csv
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "taxonomy" / "data"


def used_names() -> tuple[set[str], set[str]]:
    """ifrs-full element names the data files mention, and the axes they use."""
    names: set[str] = set()
    for path in sorted((DATA / "concepts").glob("*.toml")):
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("concept", []):
            if entry.get("prefix", "ifrs-full") == "ifrs-full":
                names.add(entry["name"])
            if "anchor" in entry:
                names.add(entry["anchor"]["concept"])
    axes_data = tomllib.loads((DATA / "axes.toml").read_text(encoding="utf-8"))
    axes = {a["name"] for a in axes_data.get("axis", [])}
    names |= axes | {m["name"] for m in axes_data.get("member", [])}
    disclosures = DATA / "disclosures.toml"
    if disclosures.is_file():
        notes = tomllib.loads(disclosures.read_text(encoding="utf-8"))
        names |= {d["name"] for d in notes.get("disclosure", [])}
        names.add(notes["notes"]["general"])
    for path in sorted((DATA / "templates").glob("*.toml")):
        template = tomllib.loads(path.read_text(encoding="utf-8"))
        names.add(template["root"])
        names |= {template[k] for k in ("table", "line-items") if k in template}
    entity = tomllib.loads((DATA / "entity_information.toml").read_text(encoding="utf-8"))
    names |= {entry["concept"] for entry in entity.get("fact", [])}
    return names, axes


def declared_hierarchy(listed: set[str]) -> list[list[str]]:
    """Rows (axis, default, member, parent, depth) of the axes the shared members file does
    not list, as axes.toml declares them (``default`` on the axis, ``parent`` on each
    member, copied from the IFRS Taxonomy's definition linkbase)."""
    data = tomllib.loads((DATA / "axes.toml").read_text(encoding="utf-8"))
    defaults = {a["name"]: a["default"] for a in data.get("axis", []) if "default" in a}
    parents = {m["name"]: m["parent"] for m in data.get("member", []) if "parent" in m}
    rows = []
    for member, parent in parents.items():
        axis, depth = parent, 1
        while axis in parents:
            axis, depth = parents[axis], depth + 1
        if axis in defaults and axis not in listed:
            rows.append([axis, defaults[axis], member, parent, str(depth)])
    return rows


def main(shared: Path) -> None:
    names, axes = used_names()
    with (shared / "ifrs-full-2022-03-24-concepts.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    header, body = rows[0], rows[1:]
    known = {row[0] for row in body}
    missing = sorted(names - known)
    if missing:
        sys.exit(f"not in the IFRS Taxonomy 2022-03-24: {', '.join(missing)}")
    with (DATA / "ifrs-full-facts.tsv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(sorted(row for row in body if row[0] in names))
    with (shared / "ifrs-full-2022-03-24-axes-members.tsv").open(encoding="utf-8") as handle:
        members = list(csv.reader(handle, delimiter="\t"))
    listed = {row[0] for row in members[1:]}
    with (DATA / "ifrs-full-members.tsv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(members[0])
        writer.writerows(row for row in members[1:] if row[0] in axes and row[2] in names)
        writer.writerows(declared_hierarchy(listed))
    print(f"{len(names)} ifrs-full elements, {len(axes)} axes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "ifrs")
