"""The identity memo: one answer per live value, never a dead value's for a new one."""

from __future__ import annotations

import gc

from tagger.identity_memo import by_identity
from tagger.model import Table


def _table(title: str) -> Table:
    return Table(statement=None, title=title, lines=(1, 1), header_lines=(), rows=())


def test_one_answer_per_live_value_and_none_kept_for_a_dead_one():
    calls: list[str] = []

    @by_identity
    def title(table: Table) -> str:
        calls.append(table.title)
        return table.title

    first = _table("a")
    assert title(first) == title(first) == "a"
    assert calls == ["a"]  # asked twice, worked out once
    twin = _table("a")  # equal, but another value: its own answer
    assert title(twin) == "a" and calls == ["a", "a"]
    del first, twin
    gc.collect()
    for name in "bcdefgh":  # new values, some perhaps at a freed address
        assert title(_table(name)) == name
    assert calls == ["a", "a", *"bcdefgh"]
