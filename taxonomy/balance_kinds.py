"""Kinds of movement tables of one balance with period columns (``balance_movements.toml``)."""

from __future__ import annotations

from pathlib import Path

from tagger.errors import ConceptMapError
from taxonomy.models import BalanceKind, BalanceLine


def load_balance_kinds(data_dir: Path, known: set[str]) -> tuple[BalanceKind, ...]:
    """Wordings in both scripts (Simplified derived); every concept named must be known."""
    from taxonomy.loader import _both, _entries, _entry

    path = data_dir / "balance_movements.toml"
    if not path.is_file():
        return ()
    out: list[BalanceKind] = []
    for where, entry in _entries(path, "balance"):
        with _entry(where):
            lines = tuple(
                BalanceLine(
                    wordings=_both(line["wordings"]),
                    effect=line["effect"],
                    concept=line.get("concept"),
                    anchor=line.get("anchor"),
                )
                for line in entry.pop("line", [])
            )
            kind = BalanceKind(
                name=entry["name"],
                note=entry["note"],
                concept=entry["concept"],
                opening=_both(entry["opening"]),
                closing=_both(entry["closing"]),
                lines=lines,
            )
        named = [kind.concept, *(ln.concept or ln.anchor or "" for ln in lines)]
        missing = [n for n in named if n not in known]
        if missing:
            raise ConceptMapError(f"{where}: concepts not in the map: {', '.join(missing)}")
        out.append(kind)
    return tuple(out)
